// Link discovery: HTML pages, RSS and Atom feeds, sitemaps and sitemap
// indexes, and input that is none of these or broken.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "links.h"

using sach::ExtractLinks;
using sach::PageKind;

namespace {

std::vector<std::string> Urls(const sach::Links& l) {
  std::vector<std::string> v;
  for (const auto& k : l.links) v.push_back(k.url);
  return v;
}

std::vector<std::string> Dates(const sach::Links& l) {
  std::vector<std::string> v;
  for (const auto& k : l.links) v.push_back(k.lastmod);
  return v;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("links: HTML anchors and areas, resolved, in order, each once") {
  const char* html =
      "<!DOCTYPE html><html><head><title>Tin</title></head><body>"
      "<a href=\"/tin-tuc/1.html\">1</a>"
      "<a href='2.html#binh-luan'>2</a>"
      "<a href=\"/tin-tuc/1.html#top\">1 again</a>"
      "<A HREF=\"HTTPS://A.VN/tin-tuc/1.html\">1 in capitals</A>"
      "<a href=\"javascript:void(0)\">js</a><a href=\"mailto:x@a.vn\">mail</a><a href=\"#\">top</a>"
      "<a>no href</a><a href=\"\">empty</a>"
      "<map><area href=\"/ban-do.html\" shape=rect></map>"
      "<a href=\"  //cdn.a.vn/x.pdf \">pdf</a>"
      "<a href=\"/t&#x1EE9;c?a=1&amp;b=2\">entities</a>"
      "<script>document.write('<a href=\"/from-script\">x</a>')</script>"
      "<textarea><a href=\"/in-textarea\">x</a></textarea>"
      "<!-- <a href=\"/commented\">x</a> -->"
      "<table><tr><td><div><a href=\"/trong-bang\">t</a></div></td></tr></table>"
      "</body></html>";
  sach::Links l = ExtractLinks(html, "https://a.vn/tin-tuc/");
  CHECK(l.kind == PageKind::kHtml);
  CHECK(Urls(l) == V{"https://a.vn/tin-tuc/1.html", "https://a.vn/tin-tuc/2.html", "https://a.vn/ban-do.html",
                     "https://cdn.a.vn/x.pdf", "https://a.vn/t%E1%BB%A9c?a=1&b=2", "https://a.vn/trong-bang"});
  CHECK(Dates(l) == V(6, ""));
}

TEST_CASE("links: <base href> wins over the page URL, wherever it is") {
  sach::Links l = ExtractLinks(
      "<html><head><base href=\"https://static.a.vn/m/\"><base href=\"https://ignored.vn/\"></head>"
      "<body><a href=\"x.html\">x</a><a href=\"/y.html\">y</a></body></html>",
      "https://a.vn/tin-tuc/");
  CHECK(Urls(l) == V{"https://static.a.vn/m/x.html", "https://static.a.vn/y.html"});

  // A relative base is resolved against the page; a base that is no URL is ignored.
  CHECK(Urls(ExtractLinks("<base href=\"/m/\"><a href=\"x\">x</a>", "https://a.vn/p/q")) == V{"https://a.vn/m/x"});
  CHECK(Urls(ExtractLinks("<base href=\"javascript:x\"><a href=\"x\">x</a>", "https://a.vn/p/q")) ==
        V{"https://a.vn/p/x"});
  // <base> after the links still applies to them, as in browsers.
  CHECK(Urls(ExtractLinks("<a href=\"x\">x</a><base href=\"https://b.vn/\">", "https://a.vn/")) ==
        V{"https://b.vn/x"});
}

TEST_CASE("links: a page nested 100 000 <div>s deep, with its link at the bottom") {
  std::string html = "<html><body>";
  for (int i = 0; i < 100000; ++i) html += "<div class=\"k\">";
  html += "<a href=\"/day-cung.html\">deep</a>";
  for (int i = 0; i < 100000; ++i) html += "</div>";
  html += "</body></html>";
  // Gumbo alone is quadratic here (minutes under a sanitizer): the nesting
  // guard keeps the scan linear, and ctest's timeout is the hang guard.
  sach::Links l = ExtractLinks(html, "https://a.vn/");
  CHECK(Urls(l) == V{"https://a.vn/day-cung.html"});

  // Unclosed, and elements other than <div>.
  html.clear();
  for (int i = 0; i < 100000; ++i) html += i % 2 ? "<span>" : "<section>";
  html += "<a href=\"/y\">y</a>";
  CHECK(Urls(ExtractLinks(html, "https://a.vn/")) == V{"https://a.vn/y"});
}

TEST_CASE("links: RSS 2.0 with CDATA, guid fallback and dates") {
  const char* rss =
      "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
      "<channel><title>Tin</title><link>https://a.vn/</link>"
      "<atom:link href=\"https://a.vn/rss\" rel=\"self\"/>"
      "<image><url>https://a.vn/logo.png</url><link>https://a.vn/</link></image>"
      "<item><title>Mot</title><link><![CDATA[ https://a.vn/tin/mot.html?a=1&b=2 ]]></link>"
      "<pubDate>Tue, 02 Jan 2024 08:00:00 +0700</pubDate></item>"
      "<item><title>Hai</title>\n  <link>\n    /tin/hai.html\n  </link>\n<dc:date>2024-01-03T09:00:00+07:00</dc:date></item>"
      "<item><title>Ba</title><guid isPermaLink=\"true\">https://a.vn/tin/ba.html</guid></item>"
      "<item><title>Bon</title><guid isPermaLink=\"false\">a.vn-4</guid></item>"
      "<item><title>Lai mot</title><link>https://a.vn/tin/mot.html?a=1&amp;b=2</link></item>"
      "</channel></rss>";
  sach::Links l = ExtractLinks(rss, "https://a.vn/rss");
  CHECK(l.kind == PageKind::kFeed);
  CHECK(Urls(l) == V{"https://a.vn/tin/mot.html?a=1&b=2", "https://a.vn/tin/hai.html", "https://a.vn/tin/ba.html"});
  CHECK(Dates(l) == V{"Tue, 02 Jan 2024 08:00:00 +0700", "2024-01-03T09:00:00+07:00", ""});
}

TEST_CASE("links: RSS 1.0 (rdf:RDF)") {
  const char* rdf =
      "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
      "xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
      "<channel rdf:about=\"https://a.vn/\"><link>https://a.vn/</link></channel>"
      "<item rdf:about=\"https://a.vn/1\"><link>https://a.vn/1</link><dc:date>2024-01-01</dc:date></item>"
      "</rdf:RDF>";
  sach::Links l = ExtractLinks(rdf, "https://a.vn/");
  CHECK(l.kind == PageKind::kFeed);
  CHECK(Urls(l) == V{"https://a.vn/1"});
  CHECK(Dates(l) == V{"2024-01-01"});
}

TEST_CASE("links: Atom entries follow rel=alternate, not rel=self") {
  const char* atom =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
      "<title>Tin</title><link rel=\"self\" href=\"https://a.vn/atom.xml\"/><link href=\"https://a.vn/\"/>"
      "<entry><title>Mot</title><link rel=\"self\" href=\"https://a.vn/api/1\"/>"
      "<link rel=\"alternate\" type=\"text/html\" href=\"https://a.vn/tin/1.html\"/>"
      "<updated>2024-01-02T10:00:00Z</updated><published>2024-01-01T10:00:00Z</published></entry>"
      "<entry><title>Hai</title><link rel=\"enclosure\" href=\"https://a.vn/2.mp3\"/><link href=\"/tin/2.html\"/>"
      "<published>2024-01-03T10:00:00Z</published></entry>"
      "<entry><title>Ba</title><link rel=\"edit\" href=\"https://a.vn/api/3\"/></entry>"
      "</feed>";
  sach::Links l = ExtractLinks(atom, "https://a.vn/atom.xml");
  CHECK(l.kind == PageKind::kFeed);
  CHECK(Urls(l) == V{"https://a.vn/tin/1.html", "https://a.vn/tin/2.html"});
  CHECK(Dates(l) == V{"2024-01-02T10:00:00Z", "2024-01-03T10:00:00Z"});

  // A prefixed Atom feed without an XML declaration is still told by its root.
  sach::Links p = ExtractLinks(
      "  <a:feed xmlns:a=\"http://www.w3.org/2005/Atom\"><a:entry><a:link href=\"https://a.vn/p\"/></a:entry></a:feed>",
      "https://a.vn/");
  CHECK(p.kind == PageKind::kFeed);
  CHECK(Urls(p) == V{"https://a.vn/p"});
}

TEST_CASE("links: sitemap with lastmod, and a sitemap index") {
  const char* sitemap =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
      "xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\">\n"
      "  <url>\n    <loc>\n      https://a.vn/tin/1.html\n    </loc>\n    <lastmod>2024-01-02T08:00:00+07:00</lastmod>\n"
      "    <image:image><image:loc>https://a.vn/anh/1.jpg</image:loc></image:image>\n  </url>\n"
      "  <url><loc><![CDATA[https://a.vn/tin/2.html]]></loc></url>\n"
      "  <url><loc>ftp://a.vn/3</loc></url>\n"
      "  <url><loc>https://a.vn/tin/1.html</loc><lastmod>2030-01-01</lastmod></url>\n"
      "</urlset>";
  sach::Links s = ExtractLinks(sitemap, "https://a.vn/sitemap.xml");
  CHECK(s.kind == PageKind::kSitemap);
  CHECK(Urls(s) == V{"https://a.vn/tin/1.html", "https://a.vn/tin/2.html"});
  CHECK(Dates(s) == V{"2024-01-02T08:00:00+07:00", ""});

  const char* index =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
      "<sitemap><loc>https://a.vn/sitemaps/2024-01.xml</loc><lastmod>2024-01-31</lastmod></sitemap>"
      "<sitemap><loc>/sitemaps/2024-02.xml</loc></sitemap>"
      "</sitemapindex>";
  sach::Links i = ExtractLinks(index, "https://a.vn/sitemap.xml");
  CHECK(i.kind == PageKind::kSitemapIndex);
  CHECK(Urls(i) == V{"https://a.vn/sitemaps/2024-01.xml", "https://a.vn/sitemaps/2024-02.xml"});
  CHECK(Dates(i) == V{"2024-01-31", ""});
}

TEST_CASE("links: a malformed feed yields what can be read") {
  // Unclosed <item>, a stray "<" in a title, entities, and cut off mid-item.
  const char* rss =
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
      "<item><title>1 < 2</title><link>https://a.vn/1?x=1&amp;y=2</link><pubDate>Mon, 01 Jan 2024</pubDate>"
      "<item><title>Hai</title><link><![CDATA[https://a.vn/2]]></link></item>"
      "<item><title>Ba &nbsp; ba</title><guid>https://a.vn/3</guid></item>"
      "<item><title>Bon</title><link>https://a.vn/4</li";
  sach::Links l = ExtractLinks(rss, "https://a.vn/rss");
  CHECK(l.kind == PageKind::kFeed);
  CHECK(Urls(l) == V{"https://a.vn/1?x=1&y=2", "https://a.vn/2", "https://a.vn/3", "https://a.vn/4"});
  CHECK(Dates(l) == V{"Mon, 01 Jan 2024", "", "", ""});

  // A sitemap with mismatched tags.
  sach::Links s = ExtractLinks(
      "<urlset><url><loc>https://a.vn/1</loc></lastmod></url><url><loc>https://a.vn/2</url></urlset>", "");
  CHECK(s.kind == PageKind::kSitemap);
  CHECK(Urls(s) == V{"https://a.vn/1", "https://a.vn/2"});

  // Atom with a broken attribute.
  sach::Links a = ExtractLinks("<feed><entry><link href=\"https://a.vn/1\" rel=alternate/></entry>"
                               "<entry><link href=\"https://a.vn/2\"></entry>",
                               "");
  CHECK(a.kind == PageKind::kFeed);
  CHECK(Urls(a) == V{"https://a.vn/1", "https://a.vn/2"});
}

TEST_CASE("links: XML that is not a feed is read as HTML") {
  sach::Links l = ExtractLinks(
      "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body>"
      "<a href=\"/x\">x</a></body></html>",
      "https://a.vn/");
  CHECK(l.kind == PageKind::kHtml);
  CHECK(Urls(l) == V{"https://a.vn/x"});
}

TEST_CASE("links: empty input and binary garbage") {
  sach::Links e = ExtractLinks("", "https://a.vn/");
  CHECK(e.kind == PageKind::kHtml);
  CHECK(e.links.empty());
  CHECK(ExtractLinks("   \n", "").links.empty());
  CHECK(ExtractLinks("<?xml", "https://a.vn/").links.empty());
  CHECK(ExtractLinks("<rss", "https://a.vn/").links.empty());

  std::mt19937 rng(42);
  std::string junk(1 << 16, '\0');
  for (char& c : junk) c = static_cast<char>(rng());
  CHECK(ExtractLinks(junk, "https://a.vn/").links.empty());
  // Garbage that starts like a feed takes the XML paths.
  CHECK_NOTHROW(ExtractLinks("<?xml version=\"1.0\"?><rss><item><link>" + junk, "https://a.vn/"));
  CHECK_NOTHROW(ExtractLinks("<urlset><url><loc>" + junk, "https://a.vn/"));
  CHECK_NOTHROW(ExtractLinks("<feed><entry><link href=\"" + junk, "https://a.vn/"));
}

TEST_CASE("links: feed and sitemap dates are compared as instants, a date moves only forward") {
  // The same moment: RFC 822 with an offset, W3C in UTC, W3C with an offset.
  CHECK_FALSE(sach::DateMoved("2024-09-02T08:00:00Z", "Mon, 02 Sep 2024 15:00:00 +0700"));
  CHECK_FALSE(sach::DateMoved("Mon, 02 Sep 2024 15:00:00 +0700", "2024-09-02T15:00:00+07:00"));
  CHECK_FALSE(sach::DateMoved("Mon, 02 Sep 2024 08:00:00 GMT", "2024-09-02T08:00:00.000Z"));
  // A date-only value is a day.
  CHECK_FALSE(sach::DateMoved("Mon, 02 Sep 2024 15:00:00 +0700", "2024-09-02"));
  CHECK_FALSE(sach::DateMoved("2024-09-02", "2024-09-02T23:00:00Z"));
  CHECK(sach::DateMoved("2024-09-02", "2024-09-03"));
  CHECK(sach::DateMoved("2024-09-02T08:00:00Z", "Mon, 02 Sep 2024 15:00:01 +0700"));
  CHECK_FALSE(sach::DateMoved("2024-09-03T08:00:00Z", "2024-09-02T08:00:00Z"));  // earlier: no move
  // Unparsed dates: compared as text.
  CHECK(sach::DateMoved("edition 1", "edition 2"));
  CHECK_FALSE(sach::DateMoved("edition 1", " edition 1 "));
}
