// Crawl state in SQLite: every URL seen, what became of it, the validators
// for the next conditional GET, and where its article was written. One file,
// WAL journal: a crawl killed at any moment loses at most the page in flight.
// Usage:
//   Result<CrawlState> st = CrawlState::Open("out/.sach-crawl.sqlite");
//   st->Discover(url, "bocongan.gov.vn", PageRole::kArticle);
//   std::optional<PageRecord> r = st->Get(url);
#pragma once
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sach/result.h"

struct sqlite3;

namespace sach {

enum class PageRole { kListing, kArticle };

// What became of a URL.
//   queued   discovered, not fetched yet (or to fetch again)
//   writing  its article is being written (a crash here is repaired on the next open)
//   done     cleaned and written (articles) or read for links (listings)
//   failed   the last try failed; retried on later runs until `failures` reaches the site's limit
//   skipped  robots.txt disallows it
//   alias    another URL of an article known under `alias_of` (a slash, a
//            redirect, a canonical link, the same text): never fetched again
//   gone     answered 404 or 410, or a page saying so (a soft 404): a failure
//            the first time, then known dead; asked again until `failures`
//            reaches the site's limit, like a failed one
enum class PageStatus { kQueued, kWriting, kDone, kFailed, kSkipped, kAlias, kGone };

struct PageRecord {
  std::string url, site;
  PageRole role = PageRole::kArticle;
  PageStatus status = PageStatus::kQueued;
  std::int64_t first_seen = 0, last_fetch = 0;  // unix seconds, 0: never
  std::string etag, last_modified;              // validators from the last 200
  std::string lastmod;                          // the feed's / sitemap's date when last seen
  std::string hash;                             // of the written article text
  std::string content;                          // of its title and paragraphs: the same article under another URL
  std::string alias_of;                         // with kAlias: the article's own URL
  std::string pending;                          // with kWriting: the hash of the text being written
  std::string output;                           // path under OUT, "site/yyyy-mm-dd/slug.txt"
  std::string error;                            // the last failure
  int failures = 0;                             // failed tries in a row
};

// Every query returns its failure as a value: a database error is never
// mistaken for "unknown URL" or "nothing pending".
class CrawlState {
 public:
  // Creates the file and its tables when missing. Fails (one line) when the
  // file is not a SQLite database, or is locked by a crawl still running.
  static Result<CrawlState> Open(const std::string& path);
  CrawlState(CrawlState&&) noexcept;
  CrawlState& operator=(CrawlState&&) = delete;
  ~CrawlState();

  // Inserts a queued row unless the URL is known; true when it was new.
  // `parent` is the listing page it was found on.
  Result<bool> Discover(const std::string& url, const std::string& site, PageRole role, const std::string& lastmod = {},
                        const std::string& parent = {});
  // Listing pages first found on `parent` (pagination, a sitemap index's
  // sitemaps): read again when `parent` itself answers 304.
  Result<std::vector<std::string>> Children(const std::string& parent);
  // nullopt when the URL is unknown; an error only when the database fails.
  Result<std::optional<PageRecord>> Get(const std::string& url);
  // Sets the feed's / sitemap's date of a known URL, nothing else.
  Status SetLastmod(const std::string& url, const std::string& lastmod);
  // Replaces the row (insert or update) with `r`.
  Status Put(const PageRecord& r);
  // Articles of `site` to fetch this run: queued, writing (interrupted), or
  // failed or gone fewer than `max_failures` times; oldest first.
  Result<std::vector<PageRecord>> Pending(const std::string& site, int max_failures);
  // Rows left `writing` by a crash.
  Result<std::vector<PageRecord>> Interrupted();
  // The written articles of `site` whose content fingerprint is `content`, oldest first.
  Result<std::vector<PageRecord>> ByContent(const std::string& site, const std::string& content);
  // The URL owning an output path, if any.
  Result<std::optional<std::string>> OutputOwner(const std::string& output);

  // robots.txt per origin, kept for a day (RFC 9309 2.4).
  struct RobotsRecord {
    std::int64_t fetched = 0;
    long status = 0;  // HTTP status, 0 when unreachable
    std::string body;
  };
  Result<std::optional<RobotsRecord>> GetRobots(const std::string& origin);
  Status PutRobots(const std::string& origin, const RobotsRecord& r);

  // A site's learned templates, as TemplateClusters::ToToml writes them.
  Result<std::optional<std::string>> GetTemplate(const std::string& site);
  Status PutTemplate(const std::string& site, const std::string& data);

 private:
  CrawlState() = default;
  Status Exec(const char* sql);
  Error DbError() const;  // the connection's last error, as one line
  sqlite3* db_ = nullptr;
  int lock_fd_ = -1;  // flock(2) held on PATH.lock while this state is open
  std::mutex mu_;  // one connection shared by the workers; statements are short
};

const char* ToString(PageStatus s);

}  // namespace sach
