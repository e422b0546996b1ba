// Fetch stage: one URL over HTTP(S) with libcurl, politely and defensively:
// bounded redirects (http/https only), connect/total/low-speed timeouts, a
// body size limit, gzip/deflate/br as the build supports, a User-Agent naming
// sach, retries with exponential backoff and jitter on timeouts, resets, 429
// and 5xx (Retry-After honoured, in seconds or as an HTTP date; waits through
// a caller's hook that can stop them), conditional GET (ETag / Last-Modified), and
// redirects followed one hop at a time so a caller can refuse a hop (another
// host, a path robots.txt disallows) before it is requested. Usage:
//   Result<Fetched> f = Fetch("https://bocongan.gov.vn/tin-tuc/a.html");
//   Document doc{url, f->body, f->url, f->charset};
#pragma once
#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "sach/article.h"
#include "sach/result.h"
#include "sach/limits.h"

namespace sach {

struct FetchOptions {
  long connect_timeout_ms = tunables::kFetchConnectTimeoutMs;
  long total_timeout_ms = tunables::kFetchTotalTimeoutMs;
  long low_speed_bytes = tunables::kFetchLowSpeedBytes;  // slower than this...
  long low_speed_seconds = tunables::kFetchLowSpeedSeconds;  // ...for this long: stalled
  std::size_t max_bytes = tunables::kMaxInputBytes;
  long max_redirects = tunables::kFetchMaxRedirects;
  int retries = tunables::kFetchRetries;
  // The first wait before a retry; doubles each retry, plus jitter. Also the
  // floor of every wait: a Retry-After (capped at kFetchMaxRetryAfterMs) can
  // lengthen a wait, never shorten it, so a crawler's host delay given here holds.
  long backoff_ms = tunables::kFetchBackoffMs;
  // Waits before a retry go through this: "wait this long; return false when
  // the caller is stopping". False ends the fetch at once, without the retry
  // ("stopped before retry N (HTTP 503)", ErrorCode::kStopped). Empty: sleep.
  std::function<bool(std::chrono::milliseconds)> wait;
  // Refuse a 2xx response that is not a page (NotAPage in sach/decode.h: a
  // PDF, an image, JSON...) with "not a page: application/pdf (a PDF
  // document)", ErrorCode::kUnsupported; a refused type's body is not read on.
  // Off by default: robots.txt, feeds and sitemaps (served as XML, text,
  // application/octet-stream or gzip) are fetched too. `sach fetch` turns it on.
  bool pages_only = false;
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
  std::string content_type{};  // the Content-Type header as sent ("" when none)
};

// Fails with one line ("HTTP 404", "timed out after 3 attempts", "body over
// 32 MiB", "too many redirects") when neither a 2xx body nor a 304 to a
// conditional request was received. Error::code says why: kHttp (with
// Error::http_status) for an HTTP status, kLimit for the size and redirect
// limits, kIo for a connection that failed, kUnsupported for a response that
// is not a page (pages_only), kStopped when `wait` said stop, kOther else.
Result<Fetched> Fetch(const std::string& url, const FetchOptions& options = {});

// The page at `url` as `sach fetch` and `sach explain URL` get it, ready to
// clean: Fetch with pages_only (a PDF or JSON refused), named by `url`, with
// the URL after redirects (the site's rules, `url:`) and the Content-Type charset.
Result<Document> FetchPage(const std::string& url, FetchOptions options = {});

// True for an http:// or https:// address (what `sach explain` fetches).
bool IsWebUrl(std::string_view s);

// A file name for a URL: host, path and query as [a-z0-9._-] runs joined by '-',
// bounded in length, never empty, never "." or "..": nothing in a URL can
// leave the output folder or carry control characters.
std::string UrlFileName(std::string_view url);

}  // namespace sach
