// URLs for the crawler on libcurl's URL API. curl does the parsing and the
// relative resolution; the cleanup browsers apply to an href first (trimming,
// tab/newline removal, percent-encoding raw bytes) and the normalisation a
// crawler needs to dedupe (lower-case host, no default port, no fragment) are
// done here, because curl 7.88 does neither.
#include "url.h"

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <optional>

namespace sach {

namespace {

// Longer hrefs are junk (data blobs, tracking payloads), not pages to crawl.
constexpr std::size_t kMaxUrlBytes = 8 * 1024;

struct UrlDeleter {
  void operator()(CURLU* h) const { curl_url_cleanup(h); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;

struct CurlString {
  char* p = nullptr;
  ~CurlString() { curl_free(p); }
};

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
bool IsAlpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
char Upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; }

// The length of a leading "scheme:" without the colon, or 0 when there is none.
std::size_t SchemeLength(std::string_view s) {
  if (s.empty() || !IsAlpha(s[0])) return 0;
  std::size_t i = 1;
  while (i < s.size() && (IsAlpha(s[i]) || IsDigit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')) ++i;
  return (i < s.size() && s[i] == ':') ? i : 0;
}

// Bytes browsers percent-encode in a path or query before sending; curl would
// reject some (space, controls) and pass others raw (UTF-8), so two spellings
// of one Vietnamese slug would not dedupe.
bool NeedsEscape(unsigned char c, bool in_query) {
  if (c <= 0x20 || c >= 0x7f) return true;
  switch (c) {
    case '"': case '<': case '>': case '`': return true;
    case '{': case '}': return !in_query;
    case '\'': return in_query;
    default: return false;
  }
}

// An href as a browser would read it, ready for curl: ASCII whitespace and
// controls trimmed, tabs and newlines inside removed, the fragment cut, the
// scheme lower-cased, backslashes before the query made slashes, raw bytes
// in the path and query percent-encoded and existing escapes upper-cased.
// nullopt when too long or not http(s).
std::optional<std::string> CleanRef(std::string_view ref) {
  if (ref.size() > kMaxUrlBytes) return std::nullopt;
  while (!ref.empty() && static_cast<unsigned char>(ref.front()) <= 0x20) ref.remove_prefix(1);
  while (!ref.empty() && static_cast<unsigned char>(ref.back()) <= 0x20) ref.remove_suffix(1);
  std::string s;
  s.reserve(ref.size());
  for (char c : ref)
    if (c != '\t' && c != '\n' && c != '\r') s += c;
  if (std::size_t hash = s.find('#'); hash != std::string::npos) s.resize(hash);

  std::size_t at = 0;
  if (std::size_t n = SchemeLength(s)) {
    for (std::size_t i = 0; i < n; ++i) s[i] = Lower(s[i]);
    std::string_view scheme(s.data(), n);
    if (scheme != "http" && scheme != "https") return std::nullopt;
    at = n + 1;
  }
  // Every reference left is http(s) or relative to an http(s) page, where
  // browsers read "\" as "/" up to the query.
  std::size_t query = s.find('?');
  for (std::size_t i = at; i < s.size() && i < query; ++i)
    if (s[i] == '\\') s[i] = '/';
  // The authority keeps its bytes: escaping a host would change it.
  if (s.compare(at, 2, "//") == 0) {
    std::size_t end = s.find_first_of("/?", at + 2);
    at = end == std::string::npos ? s.size() : end;
  }

  std::string out(s, 0, at);
  bool in_query = false;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (std::size_t i = at; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '?') in_query = true;
    if (c == '%' && i + 2 < s.size() && IsHex(s[i + 1]) && IsHex(s[i + 2])) {
      out += '%';
      out += Upper(s[i + 1]);
      out += Upper(s[i + 2]);
      i += 2;
    } else if (NeedsEscape(c, in_query)) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string Get(CURLU* h, CURLUPart part, unsigned flags = 0) {
  CurlString s;
  if (curl_url_get(h, part, &s.p, flags) != CURLUE_OK || !s.p) return {};
  return s.p;
}

// `ref` parsed against `base` and normalised, or null when the result is not
// an http(s) URL with a host. `base` may be empty or bad when `ref` is absolute.
UrlHandle Parse(std::string_view base, std::string_view ref) {
  std::optional<std::string> r = CleanRef(ref);
  if (!r) return nullptr;
  UrlHandle h(curl_url());
  if (!h) return nullptr;
  std::optional<std::string> b = CleanRef(base);
  bool have_base = b && !b->empty() && curl_url_set(h.get(), CURLUPART_URL, b->c_str(), 0) == CURLUE_OK;
  if (r->empty()) {
    // "" and "#top" are the page itself. curl 7.88 resolves them to the
    // page's directory instead, so the base is used as is.
    if (!have_base) return nullptr;
  } else {
    if (!have_base) h.reset(curl_url());  // a failed set may leave parts behind
    if (!h || curl_url_set(h.get(), CURLUPART_URL, r->c_str(), 0) != CURLUE_OK) return nullptr;
  }

  std::string scheme = Get(h.get(), CURLUPART_SCHEME);
  if (scheme != "http" && scheme != "https") return nullptr;
  std::string host = Get(h.get(), CURLUPART_HOST);
  if (host.empty()) return nullptr;
  // curl 7.88 percent-decodes the host ("///%7F" against a page gives the
  // host "\x7f") and lets control bytes through that it refuses raw, so the
  // URL it prints does not parse again (found by tests/fuzz/fuzz_url_names).
  for (char c : host)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return nullptr;
  bool upper = false;
  for (char& c : host)
    if (c >= 'A' && c <= 'Z') c = Lower(c), upper = true;
  if (upper && curl_url_set(h.get(), CURLUPART_HOST, host.c_str(), 0) != CURLUE_OK) return nullptr;
  curl_url_set(h.get(), CURLUPART_FRAGMENT, nullptr, 0);
  // The port is dropped only when it is the scheme's own.
  std::string port = Get(h.get(), CURLUPART_PORT);
  if ((scheme == "http" && port == "80") || (scheme == "https" && port == "443"))
    curl_url_set(h.get(), CURLUPART_PORT, nullptr, 0);
  return h;
}

}  // namespace

std::string ResolveUrl(std::string_view base, std::string_view ref) {
  UrlHandle h = Parse(base, ref);
  if (!h) return {};
  std::string url = Get(h.get(), CURLUPART_URL, CURLU_NO_DEFAULT_PORT);
  // curl 7.88 prints a host it percent-decoded without the normalisation a
  // raw one gets ("//%33" gives "https://3/", which reads back as
  // "https://0.0.0.3/"), so such a URL is read again until it is a fixed
  // point: one page, one spelling (found by tests/fuzz/fuzz_url_names).
  if (ref.find('%') != std::string_view::npos || base.find('%') != std::string_view::npos) {
    for (int round = 0;; ++round) {
      UrlHandle again = Parse({}, url);
      if (!again || round == 3) return {};
      std::string next = Get(again.get(), CURLUPART_URL, CURLU_NO_DEFAULT_PORT);
      if (next == url) break;
      url = std::move(next);
    }
  }
  return url.size() > kMaxUrlBytes ? std::string() : url;
}

std::string NormalizeUrl(std::string_view url) { return ResolveUrl({}, url); }

std::string UrlHost(std::string_view url) {
  UrlHandle h = Parse({}, url);
  return h ? Get(h.get(), CURLUPART_HOST) : std::string();
}

std::string UrlOrigin(std::string_view url) {
  UrlHandle h = Parse({}, url);
  if (!h) return {};
  std::string origin = Get(h.get(), CURLUPART_SCHEME) + "://" + Get(h.get(), CURLUPART_HOST);
  std::string port = Get(h.get(), CURLUPART_PORT);  // empty when default (dropped in Parse)
  if (!port.empty()) origin += ":" + port;
  return origin;
}

std::string UrlPathQuery(std::string_view url) {
  UrlHandle h = Parse({}, url);
  if (!h) return {};
  std::string path = Get(h.get(), CURLUPART_PATH);
  if (path.empty()) path.assign(1, '/');
  // An empty query is dropped, as in the normalised URL ("/x?" -> "/x").
  std::string query = Get(h.get(), CURLUPART_QUERY);
  if (!query.empty()) path += "?" + query;
  return path;
}

bool HostWithin(std::string_view host, std::string_view domain) {
  if (domain.empty() || host.size() < domain.size() || host.substr(host.size() - domain.size()) != domain) return false;
  return host.size() == domain.size() || host[host.size() - domain.size() - 1] == '.';
}

namespace {

bool ParamNamed(std::string_view param, const std::vector<std::string>& names) {
  std::string_view key = param.substr(0, param.find('='));
  for (const std::string& n : names) {
    bool prefix = !n.empty() && n.back() == '*';
    std::string_view want = prefix ? std::string_view(n).substr(0, n.size() - 1) : std::string_view(n);
    if (prefix ? key.size() < want.size() : key.size() != want.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < want.size() && same; ++i)
      same = (key[i] | 0x20) == (want[i] | 0x20) && (IsAlpha(key[i]) == IsAlpha(want[i]));
    if (same) return true;
  }
  return false;
}

}  // namespace

std::string DropParams(std::string_view url, const std::vector<std::string>& names) {
  if (names.empty()) return std::string(url);
  std::size_t hash = url.find('#');
  std::size_t q = std::min(url.find('?'), hash);
  std::size_t end = hash == std::string_view::npos ? url.size() : hash;
  std::string out(url.substr(0, std::min(q, url.size())));
  // A path parameter of the last segment: "/a.jsp;jsessionid=XYZ".
  if (std::size_t semi = out.find(';', out.rfind('/') + 1);
      semi != std::string::npos && ParamNamed(std::string_view(out).substr(semi + 1), names))
    out.resize(semi);
  if (q >= end) return out + std::string(url.substr(std::min(end, url.size())));
  std::string_view query = url.substr(q + 1, end - q - 1);
  std::string kept;
  for (std::size_t at = 0; at <= query.size();) {
    std::size_t amp = std::min(query.find('&', at), query.size());
    std::string_view param = query.substr(at, amp - at);
    if (!param.empty() && !ParamNamed(param, names)) {
      if (!kept.empty()) kept += '&';
      kept.append(param);
    }
    at = amp + 1;
  }
  if (!kept.empty()) out.append("?").append(kept);
  if (hash != std::string_view::npos) out.append(url.substr(hash));
  return out;
}

}  // namespace sach
