// Fetch stage: libcurl easy handles with retries and limits.
#include "sach/fetch.h"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <ctime>
#include <memory>
#include <mutex>
#include <random>
#include <thread>

#include "sach/decode.h"
#include "text.h"
#include "tunables.h"

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
  Sink(std::string* b, std::size_t m, CURL* c, bool p) : body(b), max(m), handle(c), pages_only(p) {}
  std::string* body;
  std::size_t max;
  CURL* handle;
  bool pages_only;  // FetchOptions::pages_only
  bool too_big = false;
  bool checked = false;  // the first bytes of the body were looked at
  std::string not_page;  // what NotAPage named: the transfer was stopped
  long retry_after_ms = -1;
  std::string etag, last_modified;
};

std::size_t OnBody(char* data, std::size_t size, std::size_t n, void* user) {
  auto* s = static_cast<Sink*>(user);
  std::size_t bytes = size * n;
  if (s->pages_only && !s->checked) {
    // A 2xx that is no page is refused on its first bytes, not read to the end
    // (Fetch looks at the whole body's start again when it ends).
    s->checked = true;
    long status = 0;
    char* type = nullptr;
    curl_easy_getinfo(s->handle, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(s->handle, CURLINFO_CONTENT_TYPE, &type);
    if (status >= 200 && status < 300) s->not_page = NotAPage(std::string_view(data, bytes), type ? type : "");
    if (!s->not_page.empty()) return 0;  // aborts the transfer
  }
  if (s->body->size() + bytes > s->max) {
    s->too_big = true;
    return 0;  // aborts the transfer
  }
  s->body->append(data, bytes);
  return bytes;
}

// A header's value, trimmed, when `line` is that header ("ETag: \"x\"\r\n").
bool HeaderValue(std::string_view line, std::string_view lower_name, std::string* value) {
  if (line.size() <= lower_name.size() || AsciiLower(line.substr(0, lower_name.size())) != lower_name ||
      line[lower_name.size()] != ':')
    return false;
  std::string_view v = line.substr(lower_name.size() + 1);
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ')) v.remove_suffix(1);
  // Validators are echoed back in a request header: no control bytes, bounded.
  for (char c : v)
    if (static_cast<unsigned char>(c) < 0x20) return false;
  *value = std::string(v.substr(0, 512));
  return true;
}

// Retry-After in milliseconds, capped at kFetchMaxRetryAfterMs: delta-seconds
// ("120") or an HTTP date ("Wed, 21 Oct 2026 07:28:00 GMT", read by
// curl_getdate; one in the past is 0). -1 when it is neither.
long RetryAfterMs(const std::string& value) {
  constexpr long long cap_seconds = tunables::kFetchMaxRetryAfterMs / 1000;
  long long seconds = -1;
  if (!value.empty() && std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); })) {
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (ec == std::errc::result_out_of_range) seconds = cap_seconds + 1;
  } else {
    std::time_t at = curl_getdate(value.c_str(), nullptr);
    if (at == -1) return -1;
    seconds = std::max<long long>(0, static_cast<long long>(at) - static_cast<long long>(std::time(nullptr)));
  }
  if (seconds < 0) return -1;
  return seconds > cap_seconds ? tunables::kFetchMaxRetryAfterMs : static_cast<long>(seconds * 1000);
}

std::size_t OnHeader(char* data, std::size_t size, std::size_t n, void* user) {
  auto* s = static_cast<Sink*>(user);
  std::string_view line(data, size * n);
  std::string value;
  if (HeaderValue(line, "retry-after", &value)) {
    s->retry_after_ms = RetryAfterMs(value);
  } else if (HeaderValue(line, "etag", &value)) {
    s->etag = value;
  } else if (HeaderValue(line, "last-modified", &value)) {
    s->last_modified = value;
  }
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

// Worth another try: the server answered badly or not in time. A refused
// connection or a name that does not resolve fails at once: retrying a
// server that is down or a mistyped host costs seconds and says nothing.
bool Transient(CURLcode rc) {
  return rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_RECV_ERROR || rc == CURLE_SEND_ERROR ||
         rc == CURLE_GOT_NOTHING || rc == CURLE_PARTIAL_FILE;
}

// A libcurl failure: kIo when the connection failed (not the URL or the build).
Error CurlError(CURLcode rc) {
  bool connection = Transient(rc) || rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
                    rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_PEER_FAILED_VERIFICATION;
  return Fail(curl_easy_strerror(rc), connection ? ErrorCode::kIo : ErrorCode::kOther);
}

// "HTTP 404" and the like: kHttp with the status.
Error HttpError(long status, std::string message) {
  Error e = Fail(std::move(message), ErrorCode::kHttp);
  e.http_status = static_cast<int>(status);
  return e;
}

bool RealWait(std::chrono::milliseconds d) {
  std::this_thread::sleep_for(d);
  return true;
}

struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

// One request, no redirect followed: the handle is left holding the response.
CURLcode PerformOnce(CURL* c, const std::string& url, const FetchOptions& o, Sink* sink, curl_slist* headers) {
  static const std::string agent = std::string("sach/") + SACH_VERSION + " (article cleaner; libcurl)";
  curl_easy_reset(c);
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);  // hops are followed (and vetted) by Fetch
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, o.connect_timeout_ms);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, o.total_timeout_ms);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, o.low_speed_bytes);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, o.low_speed_seconds);
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(o.max_bytes));
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes
  curl_easy_setopt(c, CURLOPT_USERAGENT, agent.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, sink);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, sink);
  return curl_easy_perform(c);
}

}  // namespace

Result<Fetched> Fetch(const std::string& url, const FetchOptions& o) {
  GlobalInit();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Fail("libcurl could not start");
  // Validators go only to the URL they came from, not to a redirect's target.
  std::unique_ptr<curl_slist, SlistDeleter> conditional;
  auto add = [&](const std::string& h) { conditional.reset(curl_slist_append(conditional.release(), h.c_str())); };
  if (!o.etag.empty()) add("If-None-Match: " + o.etag);
  if (!o.last_modified.empty()) add("If-Modified-Since: " + o.last_modified);

  std::mt19937 jitter(std::random_device{}());
  Fetched f;
  Error last;  // the last attempt's failure, when it is retried
  for (int attempt = 0; attempt <= o.retries; ++attempt) {
    std::string current = url;
    CURL* c = curl.get();
    Sink sink{&f.body, o.max_bytes, c, o.pages_only};
    CURLcode rc = CURLE_OK;
    for (long hop = 0;; ++hop) {
      f.body.clear();
      sink = Sink{&f.body, o.max_bytes, c, o.pages_only};
      rc = PerformOnce(c, current, o, &sink, current == url ? conditional.get() : nullptr);
      f.status = 0;
      curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &f.status);
      char* location = nullptr;
      if (rc != CURLE_OK || f.status < 300 || f.status >= 400 || f.status == 304 ||
          curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &location) != CURLE_OK || !location)
        break;
      if (hop >= o.max_redirects)
        return Fail("too many redirects (more than " + std::to_string(o.max_redirects) + ")", ErrorCode::kLimit);
      std::string next = location;
      if (next.rfind("http://", 0) != 0 && next.rfind("https://", 0) != 0)
        return Fail("redirect to " + next + " refused: not http or https");
      if (o.allow_redirect) {
        if (Status st = o.allow_redirect(next); !st)
          return Fail("redirect to " + next + " refused: " + st.error().message, st.error().code);
      }
      current = std::move(next);
    }
    f.attempts = attempt + 1;
    bool retry = false;
    if (sink.too_big || rc == CURLE_FILESIZE_EXCEEDED) {
      return Fail("body over " + std::to_string(o.max_bytes >> 20) + " MiB", ErrorCode::kLimit);
    } else if (!sink.not_page.empty()) {
      return Fail("not a page: " + sink.not_page, ErrorCode::kUnsupported);
    } else if (rc != CURLE_OK) {
      last = CurlError(rc);
      retry = Transient(rc);
      if (!retry) return last;
    } else if (f.status == 429 || f.status >= 500) {
      last = HttpError(f.status, "HTTP " + std::to_string(f.status));
      retry = true;
    } else if (f.status == 304 && conditional && current == url) {
      f.url = current;
      f.not_modified = true;
      f.etag = sink.etag.empty() ? o.etag : sink.etag;
      f.last_modified = sink.last_modified.empty() ? o.last_modified : sink.last_modified;
      return f;
    } else if (f.status >= 300 && f.status < 400) {
      return HttpError(f.status, "HTTP " + std::to_string(f.status) + " without a usable Location");
    } else if (f.status < 200 || f.status >= 300) {
      return HttpError(f.status, "HTTP " + std::to_string(f.status));
    } else {
      f.url = current;
      char* type = nullptr;
      curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type);
      f.content_type = type ? type : "";
      // The first chunk may have been too short to show its magic bytes.
      if (o.pages_only) {
        if (std::string kind = NotAPage(f.body, f.content_type); !kind.empty())
          return Fail("not a page: " + kind, ErrorCode::kUnsupported);
      }
      f.charset = CharsetOf(type);
      f.etag = sink.etag;
      f.last_modified = sink.last_modified;
      return f;
    }
    if (!retry || attempt == o.retries) break;
    // backoff_ms is the floor: Retry-After (capped when read) only lengthens the wait.
    long wait_ms = o.backoff_ms << attempt;
    wait_ms += std::uniform_int_distribution<long>(0, wait_ms / 2)(jitter);
    wait_ms = std::max(wait_ms, sink.retry_after_ms);
    std::chrono::milliseconds wait(wait_ms);
    spdlog::debug("{}: retrying in {:.1f} s ({})", url, wait_ms / 1000.0, last.message);
    if (!(o.wait ? o.wait(wait) : RealWait(wait))) {
      Error stopped = last;
      stopped.message = "stopped before retry " + std::to_string(attempt + 1) + " (" + last.message + ")";
      stopped.code = ErrorCode::kStopped;
      return stopped;
    }
  }
  last.message += " after " + std::to_string(f.attempts) + " attempt" + (f.attempts > 1 ? "s" : "");
  return last;
}

Result<Document> FetchPage(const std::string& url, FetchOptions options) {
  options.pages_only = true;  // a PDF or JSON is refused by its type, not cleaned into an "article"
  Result<Fetched> f = Fetch(url, options);
  if (!f) return f.error();
  return Document{url, std::move(f->body), std::move(f->url), std::move(f->charset)};
}

bool IsWebUrl(std::string_view s) {
  const std::string lower = AsciiLower(s.substr(0, 8));
  return lower.starts_with("http://") || lower.starts_with("https://");
}

std::string UrlFileName(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find('#'));  // the query stays: page.aspx?ItemID=1 and =2 are two pages
  std::string out = AsciiRuns(url, "._");
  // No leading dots (hidden files, "..") and a bounded length.
  while (!out.empty() && out.front() == '.') out.erase(0, 1);
  if (out.size() > tunables::kMaxUrlFileName) out.resize(tunables::kMaxUrlFileName);
  while (!out.empty() && (out.back() == '.' || out.back() == '-')) out.pop_back();
  return out.empty() ? "page" : out;
}

}  // namespace sach
