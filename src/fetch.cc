// Fetch stage: libcurl easy handles with retries and limits.
#include "sach/fetch.h"

#include <curl/curl.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <random>
#include <thread>

#include "sach/text.h"

namespace sach {
namespace {

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Sink {
  std::string* body;
  std::size_t max;
  bool too_big = false;
  long retry_after_ms = -1;
};

std::size_t OnBody(char* data, std::size_t size, std::size_t n, void* user) {
  auto* s = static_cast<Sink*>(user);
  std::size_t bytes = size * n;
  if (s->body->size() + bytes > s->max) {
    s->too_big = true;
    return 0;  // aborts the transfer
  }
  s->body->append(data, bytes);
  return bytes;
}

std::size_t OnHeader(char* data, std::size_t size, std::size_t n, void* user) {
  auto* s = static_cast<Sink*>(user);
  std::string_view line(data, size * n);
  std::string lower = AsciiLower(line.substr(0, std::min<std::size_t>(line.size(), 20)));
  if (lower.rfind("retry-after:", 0) == 0) {
    long seconds = std::atol(std::string(line.substr(12)).c_str());  // the date form counts as "now"
    if (seconds >= 0) s->retry_after_ms = seconds * 1000;
  }
  if (lower.rfind("http/", 0) == 0) s->retry_after_ms = -1;  // a new response (after a redirect)
  return size * n;
}

std::string CharsetOf(const char* content_type) {
  if (!content_type) return {};
  std::string ct = AsciiLower(content_type);
  auto at = ct.find("charset=");
  if (at == std::string::npos) return {};
  std::string cs = ct.substr(at + 8);
  cs = cs.substr(0, cs.find_first_of("; "));
  if (!cs.empty() && (cs.front() == '"' || cs.front() == '\'')) cs = cs.substr(1, cs.size() - 2);
  return cs;
}

bool Transient(CURLcode rc) {
  return rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_COULDNT_CONNECT || rc == CURLE_RECV_ERROR ||
         rc == CURLE_SEND_ERROR || rc == CURLE_GOT_NOTHING || rc == CURLE_PARTIAL_FILE ||
         rc == CURLE_COULDNT_RESOLVE_HOST;
}

}  // namespace

Result<Fetched> Fetch(const std::string& url, const FetchOptions& o) {
  GlobalInit();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Fail("libcurl could not start");
  static const std::string agent = std::string("sach/") + SACH_VERSION + " (article cleaner; libcurl)";
  std::mt19937 jitter(std::random_device{}());
  Fetched f;
  std::string last_error;
  for (int attempt = 0; attempt <= o.retries; ++attempt) {
    f.body.clear();
    Sink sink{&f.body, o.max_bytes};
    CURL* c = curl.get();
    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, o.max_redirects);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, o.connect_timeout_ms);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, o.total_timeout_ms);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, o.low_speed_bytes);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, o.low_speed_seconds);
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(o.max_bytes));
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes
    curl_easy_setopt(c, CURLOPT_USERAGENT, agent.c_str());
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &sink);
    CURLcode rc = curl_easy_perform(c);
    f.attempts = attempt + 1;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &f.status);
    bool retry = false;
    if (sink.too_big || rc == CURLE_FILESIZE_EXCEEDED) {
      return Fail("body over " + std::to_string(o.max_bytes >> 20) + " MiB");
    } else if (rc == CURLE_TOO_MANY_REDIRECTS) {
      return Fail("too many redirects (more than " + std::to_string(o.max_redirects) + ")");
    } else if (rc != CURLE_OK) {
      last_error = curl_easy_strerror(rc);
      retry = Transient(rc);
      if (!retry) return Fail(last_error);
    } else if (f.status == 429 || f.status >= 500) {
      last_error = "HTTP " + std::to_string(f.status);
      retry = true;
    } else if (f.status < 200 || f.status >= 300) {
      return Fail("HTTP " + std::to_string(f.status));
    } else {
      char* effective = nullptr;
      curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &effective);
      f.url = effective ? effective : url;
      char* type = nullptr;
      curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type);
      f.charset = CharsetOf(type);
      return f;
    }
    if (!retry || attempt == o.retries) break;
    long wait = o.backoff_ms << attempt;
    wait += std::uniform_int_distribution<long>(0, wait / 2)(jitter);
    if (sink.retry_after_ms >= 0) wait = std::min(std::max(wait, sink.retry_after_ms), tunables::kFetchMaxRetryAfterMs);
    std::this_thread::sleep_for(std::chrono::milliseconds(wait));
  }
  return Fail(last_error + " after " + std::to_string(f.attempts) + " attempt" + (f.attempts > 1 ? "s" : ""));
}

std::string UrlFileName(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("?#"));
  std::string out;
  bool sep = false;
  for (char ch : url) {
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_';
    if (!ok) {
      sep = !out.empty();
      continue;
    }
    if (sep) out += '-';
    sep = false;
    out += c;
  }
  // No leading dots (hidden files, "..") and a bounded length.
  while (!out.empty() && out.front() == '.') out.erase(0, 1);
  if (out.size() > tunables::kMaxUrlFileName) out.resize(tunables::kMaxUrlFileName);
  while (!out.empty() && (out.back() == '.' || out.back() == '-')) out.pop_back();
  return out.empty() ? "page" : out;
}

}  // namespace sach
