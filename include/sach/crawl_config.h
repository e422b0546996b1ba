// The crawl config: which sites to crawl, where to start, which links are
// articles and which are more listing pages, and how politely. A TOML file
// (the same family as rules/); crawl/README.md documents every key. Usage:
//   Result<CrawlConfig> c = CrawlConfig::Load("crawl/sites.toml");
//   for (const CrawlSite& s : c->sites) ... s.IsArticle(url) ...
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sach/fetch.h"
#include "sach/result.h"

namespace sach {

class UrlPatterns;  // compiled ICU regexes, shared read-only by the workers

struct CrawlSite {
  std::string name;                // folder under OUT and name in logs: "bocongan.gov.vn"
  std::vector<std::string> start;  // listing pages, RSS/Atom feeds, sitemaps (told apart by content)
  std::vector<std::string> hosts;  // hosts links and redirects may go to (default: the start URLs')
  int max_depth = 2;               // listing pages followed from a start URL, at most this many steps
  int max_pages = 200;             // requests per run (robots.txt not counted)
  double delay_seconds = 2.0;      // between two requests to one host
  int concurrency = 1;             // requests in flight to one host
  int max_failures = 3;            // runs an article is retried in before it is given up
  FetchOptions fetch;              // timeouts, size limit, retries
  // Query (and ";path") parameters that make one article many URLs: tracking
  // tags and session ids ("utm_*", "sid"), dropped before a URL is queued.
  std::vector<std::string> drop_params;
  // Learn the site's template from its own articles as they arrive (lines on
  // most of its pages: menus, boxes, footers) and clean later articles
  // without it; kept in the crawl state (src/template.h).
  bool learn_template = true;

  bool AllowedHost(std::string_view host) const;
  // Article pages: the `articles` patterns (ICU regex, searched in the whole
  // URL). Feed and sitemap entries are articles when the site has no such
  // pattern or one matches.
  bool IsArticle(const std::string& url) const;
  bool HasArticlePatterns() const;
  // More listing pages (pagination, sections): the `listings` patterns.
  bool IsListing(const std::string& url) const;

  std::shared_ptr<const UrlPatterns> articles, listings;
};

struct CrawlConfig {
  std::string path;                // the file it was loaded from
  std::vector<CrawlSite> sites;
  int workers = 4;                 // hosts crawled at once
  double interval_minutes = 60;    // between passes when not --once
  std::string robots_agent = "sach";  // product token matched in robots.txt

  // Fails with "FILE:LINE: what is wrong" on a TOML error, an unknown key, a
  // bad URL or a regex that does not compile.
  static Result<CrawlConfig> Load(const std::string& path);
  static Result<CrawlConfig> Parse(std::string_view toml, const std::string& name);
};

}  // namespace sach
