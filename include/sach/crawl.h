// `sach crawl`: one pass (or one pass every interval) over the configured
// sites. Start URLs are read for links (listing pages, feeds, sitemaps), new
// or changed articles are fetched, cleaned and written to
// OUT/<site>/<yyyy-mm-dd>/<slug>.txt, and each written article is appended to
// OUT/index.jsonl. Politeness: robots.txt obeyed per host, a delay between
// requests to one host, a per-host concurrency limit. State (SQLite) makes
// every pass resume where the last one stopped, whatever stopped it. Usage:
//   CrawlOptions o{.out_dir = "out", .state_path = "out/.sach-crawl.sqlite"};
//   int exit_code = RunCrawl(*config, *rules, o);   // 0 ok, 1 something failed
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "sach/article.h"
#include "sach/crawl_config.h"
#include "sach/result.h"
#include "sach/rules.h"

namespace sach {

class CrawlIo;  // crawl_io.h

// The steps of writing an article, in order; a crash after any of them is
// repaired on the next pass (the article ends indexed once, as new or changed).
enum class WriteStep {
  kRecorded = 1,  // the state says `writing`, with the output path and the hash to be written
  kTempWritten,   // the text is in OUT/…/slug.txt.tmp-XXXXXX
  kRenamed,       // …and renamed to OUT/…/slug.txt
  kIndexed,       // its line is in OUT/index.jsonl
  kDone,          // the state says `done`
};

struct CrawlOptions {
  std::string out_dir = "out";
  std::string state_path;      // empty: OUT/.sach-crawl.sqlite
  bool once = true;            // false: a pass every config.interval_minutes, until a signal
  int max_pages = 0;           // > 0: overrides every site's max_pages for this run
  enum class Progress { kAuto, kBar, kLines } progress = Progress::kAuto;
  CleanOptions clean;
  // Keep each article page's body as fetched below this folder (keep_raw.h);
  // a page that changed replaces its kept file. Empty: not kept.
  std::string keep_raw;
  // Set (by a SIGINT/SIGTERM handler) to stop: requests in flight finish and
  // are recorded, no new one starts.
  std::atomic<bool>* stop = nullptr;
  // The clock, the waits and HTTP; null: RealCrawlIo(). Tests put a fake here.
  CrawlIo* io = nullptr;
  // Test hook: called after each step of writing an article (a test ends the
  // process there, as a kill would).
  std::function<void(WriteStep)> after_write_step;
};

// Counts of one pass, per host and in all.
struct CrawlCounts {
  int fetched = 0;      // 200 responses read
  int unchanged = 0;    // 304, or an article whose cleaned text did not change
  int new_articles = 0; // articles written for the first time
  int changed = 0;      // articles written again because their text changed
  int failed = 0;       // fetch or clean failures (retried on later passes)
  int dead = 0;         // URLs gone (404, 410) on an earlier pass too, or given up: not failures
  int skipped = 0;      // disallowed by robots.txt
};

struct CrawlSummary {
  std::map<std::string, CrawlCounts> by_host;
  CrawlCounts total;
  int queued_left = 0;  // articles left for the next pass (max_pages reached, stopped)
};

// One pass over every site of `config`. Never throws; a failure is counted,
// logged in one line naming the URL, and retried on a later pass.
// Fails only when the state or the output folder cannot be used.
Result<CrawlSummary> CrawlOnce(const CrawlConfig& config, const Rules& rules, const CrawlOptions& options);

// The command: passes as options say, a summary after each; returns the exit
// code: 0, 1 when a pass had failures (URLs known dead are none) or the
// state/output cannot be used, kCrawlLocked when another crawl holds the state.
inline constexpr int kCrawlLocked = 3;
int RunCrawl(const CrawlConfig& config, const Rules& rules, const CrawlOptions& options);

// The file name (without .txt) for an article URL: its last path segment
// (extension dropped) and query, as [a-z0-9-] runs, bounded; "index" when
// nothing is left.
std::string ArticleSlug(const std::string& url);

}  // namespace sach
