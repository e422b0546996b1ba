// URLs for the crawler: resolve a link against its page, normalise, take
// apart. Built on libcurl's URL API (curl_url), so parsing follows what the
// fetcher itself will request. Usage:
//   std::string abs = ResolveUrl("https://a.vn/tin-tuc/", "../x.html?p=1#top");
//   // "https://a.vn/x.html?p=1"
//   std::string host = UrlHost(abs);   // "a.vn"
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sach {

// `ref` made absolute against `base` and normalised: scheme and host
// lower-cased, default port dropped, dot segments removed, fragment dropped,
// an empty path made "/". Empty when the result is not http(s), has no host,
// or cannot be parsed (javascript:, mailto:, data:, "http://[bad").
std::string ResolveUrl(std::string_view base, std::string_view ref);

// ResolveUrl(url, url): the normalised form of an absolute URL, or empty.
std::string NormalizeUrl(std::string_view url);

// The lower-case host ("bocongan.gov.vn", "127.0.0.1"), empty when none.
std::string UrlHost(std::string_view url);

// True when `host` is `domain` or one of its subdomains ("www.a.vn" is
// within "a.vn"; "evila.vn" is not). Both lower-case.
bool HostWithin(std::string_view host, std::string_view domain);

// "scheme://host[:port]" of an absolute URL, empty when none.
std::string UrlOrigin(std::string_view url);

// The path and query ("/a/b.html?x=1"), "/" when the path is empty; what
// robots.txt rules are matched against.
std::string UrlPathQuery(std::string_view url);

// `url` without the query parameters named in `names` (ASCII case ignored; a
// name ending in '*' is a prefix: "utm_*"), the others kept in order; the '?'
// goes when none is left. Tracking and session parameters make one article
// many URLs; the crawler keys articles by what is left.
std::string DropParams(std::string_view url, const std::vector<std::string>& names);

}  // namespace sach
