// Fetch stage: one URL over HTTP(S) with libcurl, politely and defensively:
// bounded redirects (http/https only), connect/total/low-speed timeouts, a
// body size limit, gzip/deflate/br as the build supports, a User-Agent naming
// sach, retries with exponential backoff and jitter on timeouts, resets, 429
// and 5xx (Retry-After honoured), conditional GET (ETag / Last-Modified), and
// redirects followed one hop at a time so a caller can refuse a hop (another
// host, a path robots.txt disallows) before it is requested. Usage:
//   Result<Fetched> f = Fetch("https://bocongan.gov.vn/tin-tuc/a.html");
//   Document doc{url, f->body, f->url, f->charset};
#pragma once
#include <functional>
#include <string>
#include <string_view>

#include "sach/result.h"
#include "sach/tunables.h"

namespace sach {

struct FetchOptions {
  long connect_timeout_ms = tunables::kFetchConnectTimeoutMs;
  long total_timeout_ms = tunables::kFetchTotalTimeoutMs;
  long low_speed_bytes = tunables::kFetchLowSpeedBytes;  // slower than this...
  long low_speed_seconds = tunables::kFetchLowSpeedSeconds;  // ...for this long: stalled
  std::size_t max_bytes = tunables::kMaxInputBytes;
  long max_redirects = tunables::kFetchMaxRedirects;
  int retries = tunables::kFetchRetries;
  long backoff_ms = tunables::kFetchBackoffMs;  // first wait; doubles each retry, plus jitter
  // Validators from an earlier fetch: sent as If-None-Match / If-Modified-Since,
  // so an unchanged page answers 304 (Fetched::not_modified) without a body.
  std::string etag;
  std::string last_modified;
  // Asked before each redirect hop is requested; an error refuses the hop and
  // the fetch fails with "redirect to URL refused: <why>". Empty: all allowed.
  std::function<Status(const std::string& url)> allow_redirect;
};

struct Fetched {
  std::string url;      // after redirects
  std::string body;     // decompressed
  std::string charset;  // from Content-Type, when given
  std::string etag;           // validators to store for the next conditional GET
  std::string last_modified;
  long status = 0;
  int attempts = 0;
  bool not_modified = false;  // 304 to a conditional GET: `body` is empty
};

// Fails with one line ("HTTP 404", "timed out after 3 attempts", "body over
// 32 MiB", "too many redirects") when neither a 2xx body nor a 304 to a
// conditional request was received.
Result<Fetched> Fetch(const std::string& url, const FetchOptions& options = {});

// A file name for a URL: host, path and query as [a-z0-9._-] runs joined by '-',
// bounded in length, never empty, never "." or "..": nothing in a URL can
// leave the output folder or carry control characters.
std::string UrlFileName(std::string_view url);

}  // namespace sach
