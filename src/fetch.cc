// Fetch stage: libcurl easy handles with retries and limits.
#include "sach/fetch.h"

#include <curl/curl.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <random>
#include <thread>

#include "text.h"

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
  Sink(std::string* b, std::size_t m) : body(b), max(m) {}
  std::string* body;
  std::size_t max;
  bool too_big = false;
  long retry_after_ms = -1;
  std::string etag, last_modified;
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

std::size_t OnHeader(char* data, std::size_t size, std::size_t n, void* user) {
  auto* s = static_cast<Sink*>(user);
  std::string_view line(data, size * n);
  std::string value;
  if (HeaderValue(line, "retry-after", &value)) {
    long seconds = std::atol(value.c_str());  // the date form counts as "now"
    if (seconds >= 0) s->retry_after_ms = seconds * 1000;
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

bool Transient(CURLcode rc) {
  return rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_COULDNT_CONNECT || rc == CURLE_RECV_ERROR ||
         rc == CURLE_SEND_ERROR || rc == CURLE_GOT_NOTHING || rc == CURLE_PARTIAL_FILE ||
         rc == CURLE_COULDNT_RESOLVE_HOST;
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
  std::string last_error;
  for (int attempt = 0; attempt <= o.retries; ++attempt) {
    std::string current = url;
    Sink sink{&f.body, o.max_bytes};
    CURLcode rc = CURLE_OK;
    CURL* c = curl.get();
    for (long hop = 0;; ++hop) {
      f.body.clear();
      sink = Sink{&f.body, o.max_bytes};
      rc = PerformOnce(c, current, o, &sink, current == url ? conditional.get() : nullptr);
      f.status = 0;
      curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &f.status);
      char* location = nullptr;
      if (rc != CURLE_OK || f.status < 300 || f.status >= 400 || f.status == 304 ||
          curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &location) != CURLE_OK || !location)
        break;
      if (hop >= o.max_redirects)
        return Fail("too many redirects (more than " + std::to_string(o.max_redirects) + ")");
      std::string next = location;
      if (next.rfind("http://", 0) != 0 && next.rfind("https://", 0) != 0)
        return Fail("redirect to " + next + " refused: not http or https");
      if (o.allow_redirect) {
        if (Status st = o.allow_redirect(next); !st) return Fail("redirect to " + next + " refused: " + st.error().message);
      }
      current = std::move(next);
    }
    f.attempts = attempt + 1;
    bool retry = false;
    if (sink.too_big || rc == CURLE_FILESIZE_EXCEEDED) {
      return Fail("body over " + std::to_string(o.max_bytes >> 20) + " MiB");
    } else if (rc != CURLE_OK) {
      last_error = curl_easy_strerror(rc);
      retry = Transient(rc);
      if (!retry) return Fail(last_error);
    } else if (f.status == 429 || f.status >= 500) {
      last_error = "HTTP " + std::to_string(f.status);
      retry = true;
    } else if (f.status == 304 && conditional && current == url) {
      f.url = current;
      f.not_modified = true;
      f.etag = sink.etag.empty() ? o.etag : sink.etag;
      f.last_modified = sink.last_modified.empty() ? o.last_modified : sink.last_modified;
      return f;
    } else if (f.status >= 300 && f.status < 400) {
      return Fail("HTTP " + std::to_string(f.status) + " without a usable Location");
    } else if (f.status < 200 || f.status >= 300) {
      return Fail("HTTP " + std::to_string(f.status));
    } else {
      f.url = current;
      char* type = nullptr;
      curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type);
      f.charset = CharsetOf(type);
      f.etag = sink.etag;
      f.last_modified = sink.last_modified;
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
  url = url.substr(0, url.find('#'));  // the query stays: page.aspx?ItemID=1 and =2 are two pages
  std::string out = AsciiRuns(url, "._");
  // No leading dots (hidden files, "..") and a bounded length.
  while (!out.empty() && out.front() == '.') out.erase(0, 1);
  if (out.size() > tunables::kMaxUrlFileName) out.resize(tunables::kMaxUrlFileName);
  while (!out.empty() && (out.back() == '.' || out.back() == '-')) out.pop_back();
  return out.empty() ? "page" : out;
}

}  // namespace sach
