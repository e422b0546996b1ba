// URL resolution and normalisation for the crawler: relative references,
// what browsers forgive in an href, and what is not a page to fetch.
#include <doctest/doctest.h>

#include <string>

#include "url.h"

using sach::NormalizeUrl;
using sach::ResolveUrl;

TEST_CASE("url: relative references and dot segments") {
  const char* base = "https://a.vn/tin-tuc/thoi-su/bai.html?id=1";
  CHECK(ResolveUrl(base, "khac.html") == "https://a.vn/tin-tuc/thoi-su/khac.html");
  CHECK(ResolveUrl(base, "../x.html?p=1#top") == "https://a.vn/tin-tuc/x.html?p=1");
  CHECK(ResolveUrl(base, "/") == "https://a.vn/");
  CHECK(ResolveUrl(base, "/a/./b/../c") == "https://a.vn/a/c");
  CHECK(ResolveUrl(base, "../../../../../x") == "https://a.vn/x");  // can't climb above the root
  CHECK(ResolveUrl(base, "?page=2") == "https://a.vn/tin-tuc/thoi-su/bai.html?page=2");
  CHECK(ResolveUrl(base, "//cdn.a.vn/img/1.jpg") == "https://cdn.a.vn/img/1.jpg");
  CHECK(ResolveUrl("http://a.vn/x/", "//B.VN/y") == "http://b.vn/y");  // keeps the page's scheme
  CHECK(ResolveUrl(base, "http://b.vn/y") == "http://b.vn/y");
  CHECK(ResolveUrl(base, "a\\b\\..\\c") == "https://a.vn/tin-tuc/thoi-su/a/c");  // browsers read \ as /
}

TEST_CASE("url: fragments are dropped, a fragment alone is the page itself") {
  const char* base = "https://a.vn/tin-tuc/bai.html?id=1";
  CHECK(ResolveUrl(base, "#binh-luan") == "https://a.vn/tin-tuc/bai.html?id=1");
  CHECK(ResolveUrl(base, "") == "https://a.vn/tin-tuc/bai.html?id=1");
  CHECK(ResolveUrl(base, "khac.html#x") == "https://a.vn/tin-tuc/khac.html");
  CHECK(NormalizeUrl("https://a.vn/x#y") == "https://a.vn/x");
}

TEST_CASE("url: whitespace around and inside an href, as browsers treat it") {
  const char* base = "https://a.vn/tin-tuc/";
  CHECK(ResolveUrl(base, "  \n\tbai.html \r\n") == "https://a.vn/tin-tuc/bai.html");
  CHECK(ResolveUrl(base, "/bai-\nviet\t.html") == "https://a.vn/bai-viet.html");
  CHECK(ResolveUrl(base, "/hai tu.html") == "https://a.vn/hai%20tu.html");
}

TEST_CASE("url: scripts, mail, phone, data and other schemes are not pages") {
  const char* base = "https://a.vn/";
  for (const char* ref : {"javascript:void(0)", "  JavaScript:alert(1)", "java\tscript:alert(1)", "mailto:toasoan@a.vn",
                          "tel:+84241234567", "data:text/html,<b>x</b>", "ftp://a.vn/file", "file:///etc/passwd",
                          "about:blank", "http://[bad", "http://a.vn:99999/x", "https://"}) {
    CHECK_MESSAGE(ResolveUrl(base, ref).empty(), ref);
  }
  CHECK(ResolveUrl("", "tin-tuc.html").empty());        // relative, with nothing to resolve against
  CHECK(ResolveUrl("mailto:a@b.vn", "/x").empty());     // nor against a non-http page
  CHECK(ResolveUrl("not a url", "https://a.vn/x") == "https://a.vn/x");  // absolute needs no base
}

TEST_CASE("url: normalised scheme, host, port and path") {
  CHECK(NormalizeUrl("HTTPS://BoCongAn.GOV.VN/Tin-Tuc") == "https://bocongan.gov.vn/Tin-Tuc");  // path case kept
  CHECK(NormalizeUrl("http://a.vn:80/x") == "http://a.vn/x");
  CHECK(NormalizeUrl("https://a.vn:443/x") == "https://a.vn/x");
  CHECK(NormalizeUrl("https://a.vn:80/x") == "https://a.vn:80/x");  // not https's own port
  CHECK(NormalizeUrl("http://a.vn:8080") == "http://a.vn:8080/");
  CHECK(NormalizeUrl("http://a.vn") == "http://a.vn/");
  CHECK(NormalizeUrl("http://a.vn?x=1") == "http://a.vn/?x=1");
  CHECK(NormalizeUrl("  http://a.vn/x  ") == "http://a.vn/x");
  CHECK(NormalizeUrl("/x").empty());
  CHECK(NormalizeUrl("").empty());
}

TEST_CASE("url: Vietnamese paths are percent-encoded, one spelling for both forms") {
  // "tin-tức" raw in UTF-8, and as a page would escape it in lower case.
  std::string raw = ResolveUrl("https://a.vn/", "/tin-t\xe1\xbb\xa9\x63/b\xc3\xa0i?q=h\xe1\xbb\x8d\x63");
  CHECK(raw == "https://a.vn/tin-t%E1%BB%A9c/b%C3%A0i?q=h%E1%BB%8Dc");
  CHECK(NormalizeUrl("https://a.vn/tin-t%e1%bb%a9c/b%c3%a0i?q=h%e1%bb%8dc") == raw);
  CHECK(NormalizeUrl("https://a.vn/100%") == "https://a.vn/100%");  // a bare % is left, as browsers do
}

TEST_CASE("url: very long references are refused") {
  std::string ref = "/" + std::string(9000, 'a');
  CHECK(ResolveUrl("https://a.vn/", ref).empty());
  CHECK(ResolveUrl("https://a.vn/", "/" + std::string(8000, 'a')).size() == 8013);
}

TEST_CASE("url: host, origin, path and query") {
  CHECK(sach::UrlHost("https://BoCongAn.gov.vn/tin-tuc?x=1") == "bocongan.gov.vn");
  CHECK(sach::UrlHost("http://127.0.0.1:8080/") == "127.0.0.1");
  CHECK(sach::UrlHost("tin-tuc.html").empty());
  CHECK(sach::UrlHost("mailto:a@b.vn").empty());
  CHECK(sach::UrlOrigin("https://a.vn/x/y?z=1#f") == "https://a.vn");
  CHECK(sach::UrlOrigin("http://A.vn:80/x") == "http://a.vn");
  CHECK(sach::UrlOrigin("http://127.0.0.1:8080/x") == "http://127.0.0.1:8080");
  CHECK(sach::UrlOrigin("").empty());
  CHECK(sach::UrlPathQuery("https://a.vn/a/b.html?x=1#f") == "/a/b.html?x=1");
  CHECK(sach::UrlPathQuery("https://a.vn") == "/");
  CHECK(sach::UrlPathQuery("https://a.vn?x=1") == "/?x=1");
  CHECK(sach::UrlPathQuery("https://a.vn/x?") == "/x");
  CHECK(sach::UrlPathQuery("https://a.vn/t\xe1\xbb\xa9\x63") == "/t%E1%BB%A9c");
  CHECK(sach::UrlPathQuery("x").empty());
}

TEST_CASE("url: hosts the fuzzer found: a control byte, a percent-encoded IPv4 shorthand") {
  // "///%7F": curl decodes the host back to a control byte; such a host is refused.
  CHECK(sach::ResolveUrl("https://bocongan.gov.vn/tin-tuc/", "///\x7f").empty());
  // "//%33" decodes to the host "3", which is IPv4 shorthand for 0.0.0.3: one
  // spelling, so the crawl state sees one URL, and normalising is stable.
  std::string u = sach::ResolveUrl("https://bocongan.gov.vn/tin-tuc/", "//%33");
  CHECK(sach::NormalizeUrl(u) == u);
}

TEST_CASE("url: tracking and session parameters are dropped, the others kept in order") {
  const std::vector<std::string> drop{"utm_*", "fbclid", "sid", "jsessionid"};
  CHECK(sach::DropParams("https://a.vn/x.html?utm_source=rss&utm_medium=feed", drop) == "https://a.vn/x.html");
  CHECK(sach::DropParams("https://a.vn/p.aspx?ItemID=7&sid=93af&page=2", drop) == "https://a.vn/p.aspx?ItemID=7&page=2");
  CHECK(sach::DropParams("https://a.vn/p?SID=1&FBCLID=2&UTM_Campaign=3", drop) == "https://a.vn/p");
  CHECK(sach::DropParams("https://a.vn/a.jsp;jsessionid=AB12?id=4", drop) == "https://a.vn/a.jsp?id=4");
  CHECK(sach::DropParams("https://a.vn/x?sidebar=1&sid", drop) == "https://a.vn/x?sidebar=1");  // a name, not a prefix
  CHECK(sach::DropParams("https://a.vn/x?utm=1#top", drop) == "https://a.vn/x?utm=1#top");      // "utm_*" needs the _
  CHECK(sach::DropParams("https://a.vn/x#sid=1", drop) == "https://a.vn/x#sid=1");
  CHECK(sach::DropParams("https://a.vn/x?sid=1", {}) == "https://a.vn/x?sid=1");
}
