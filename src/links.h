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

}  // namespace sach
