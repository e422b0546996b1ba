// Link discovery for the crawler: what a listing page, an RSS/Atom feed, a
// sitemap or a sitemap index points to. The kind is told by the content (an
// XML root element rss / rdf:RDF / feed / urlset / sitemapindex), not by the
// URL or Content-Type, which sites get wrong. Usage:
//   Links l = ExtractLinks(body, "https://bocongan.gov.vn/tin-tuc");
//   for (const Link& k : l.links) queue(k.url, k.lastmod);
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sach {

enum class PageKind { kHtml, kFeed, kSitemap, kSitemapIndex };

struct Link {
  std::string url;      // absolute and normalised (ResolveUrl), http(s) only
  std::string lastmod;  // sitemap <lastmod>, feed <pubDate>/<updated>/<published> as printed; often empty
};

struct Links {
  PageKind kind = PageKind::kHtml;
  std::vector<Link> links;  // in document order, each URL once (the first occurrence)
};

// HTML: every <a href> (and <area href>), resolved against <base href> when the
// page has one, else against `base_url`. Feeds: RSS <item><link> (or <guid
// isPermaLink> when there is no link), Atom <entry><link href> (rel alternate
// or no rel). Sitemaps: <url><loc>; sitemap indexes: <sitemap><loc>.
// Malformed input yields what could be read, never an error.
Links ExtractLinks(std::string_view body, std::string_view base_url);

// Whether a feed's or sitemap's date `seen` is later than the `stored` one,
// compared as instants: a feed's RFC 822 pubDate ("Mon, 02 Sep 2024 15:00:00
// +0700") and a sitemap's W3C lastmod ("2024-09-02T08:00:00Z", "2024-09-02")
// for the same moment are the same date; a date-only value is compared by day;
// an earlier date is no move. Dates that do not parse are compared as text.
bool DateMoved(std::string_view stored, std::string_view seen);

}  // namespace sach
