// Crawl stage: a small worker pool over per-host queues. A worker takes the
// next task of a host that has no request in flight beyond its limit and whose
// politeness delay has passed; listing pages (discovery) go before articles.
// Every outcome is recorded in the state before the next task starts, and an
// article is written (temp file + rename) before its index line, so a crawl
// killed at any moment resumes without losing or duplicating an article.
#include "sach/crawl.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <deque>
#include <filesystem>
#include <limits>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_set>

#include "front_matter.h"
#include "links.h"
#include "progress.h"
#include "robots.h"
#include "state.h"
#include "text.h"
#include "url.h"
#include "sach/clean.h"
#include "crawl_io.h"
#include "sach/fetch.h"
#include "sach/input.h"
#include "keep_raw.h"
#include "template.h"
#include "tunables.h"
#include "sach/write.h"

namespace sach {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// The real world: the steady clock, sleeps, condition-variable waits, libcurl.
class RealIo final : public CrawlIo {
 public:
  Clock::time_point Now() override { return Clock::now(); }
  void Sleep(Clock::duration d, const std::atomic<bool>* stop) override { SleepUnlessStopped(d, stop); }
  void SleepUnlessStopped(Clock::duration d, const std::atomic<bool>* stop) override {
    // A signal handler cannot notify a condition variable: poll the flag.
    auto until = Clock::now() + d;
    auto poll = std::chrono::milliseconds(tunables::kCrawlStopPollMs);
    while (!(stop && stop->load())) {
      auto now = Clock::now();
      if (now >= until) break;
      std::this_thread::sleep_for(std::min<Clock::duration>(until - now, poll));
    }
  }
  void WaitUntil(std::condition_variable& cv, std::unique_lock<std::mutex>& lock, Clock::time_point until,
                 int /*busy*/) override {
    if (until == Clock::time_point::max()) cv.wait(lock);
    else cv.wait_until(lock, until);
  }
  Result<Fetched> Fetch(const std::string& url, const FetchOptions& options) override {
    return sach::Fetch(url, options);
  }
};

// The crawl's clock and HTTP: the caller's fake, else the real ones.
CrawlIo& IoOf(const CrawlOptions& options) { return options.io ? *options.io : RealCrawlIo(); }

// FNV-1a, 64 bits: a stable fingerprint of an article's cleaned text, to tell
// a changed article from a re-fetched unchanged one (not a security hash).
std::string Fingerprint(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return std::string(buf) + "-" + std::to_string(s.size());
}

// An article's title and paragraphs, not its URL or date: the same article
// reached by two URLs has the same.
std::string ContentFingerprint(const Article& a) {
  std::string all = a.meta.title;
  for (const std::string& p : a.paragraphs) all += "\n" + p;
  return Fingerprint(all);
}

std::int64_t Now() { return static_cast<std::int64_t>(std::time(nullptr)); }

// "2024-09-02" from an article date, else the day of the fetch (local time).
std::string DayFolder(const std::string& date) {
  auto digit = [&](std::size_t i) { return date.size() > i && date[i] >= '0' && date[i] <= '9'; };
  if (date.size() >= 10 && digit(0) && digit(1) && digit(2) && digit(3) && date[4] == '-' && digit(5) && digit(6) &&
      date[7] == '-' && digit(8) && digit(9))
    return date.substr(0, 10);
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

struct Task {
  std::string url;
  PageRole role = PageRole::kArticle;
  int depth = 0;
  const CrawlSite* site = nullptr;
  bool recheck = false;  // a known article whose feed/sitemap date moved: conditional GET
};

struct Host {
  std::deque<Task> listings, articles;
  int in_flight = 0;
  // The strictest site touching a host sets its pace (Enqueue).
  int concurrency = std::numeric_limits<int>::max();
  double delay = 0;
  Clock::time_point next{};  // no request starts before this
  bool HasWork() const { return !listings.empty() || !articles.empty(); }
};

class Crawler {
 public:
  Crawler(const CrawlConfig& config, const Rules& rules, const CrawlOptions& options, CrawlState& state,
          ProgressLine& progress)
      : config_(config),
        rules_(rules),
        options_(options),
        io_(IoOf(options)),
        state_(state),
        progress_(progress) {}

  Status Prepare() {
    std::error_code ec;
    fs::create_directories(options_.out_dir, ec);
    if (ec) return Fail(options_.out_dir + ": cannot create: " + ec.message());
    index_path_ = (fs::path(options_.out_dir) / "index.jsonl").string();
    index_fd_ = ::open(index_path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (index_fd_ < 0) return Fail(index_path_ + ": " + std::strerror(errno), ErrorCode::kIo);
    if (Status st = RepairIndex(); !st) return st;
    for (const CrawlSite& site : config_.sites) {
      budget_[&site] = options_.max_pages > 0 ? options_.max_pages : site.max_pages;
      for (const std::string& u : site.start) Enqueue({Key(u, site), PageRole::kListing, 0, &site});
      // Articles found earlier and not written yet: a pass that was stopped,
      // killed, or ran out of pages; failures until the site gives them up.
      Result<std::vector<PageRecord>> pending = state_.Pending(site.name, site.max_failures);
      if (!pending) return pending.error();
      for (PageRecord& r : *pending) {
        std::string key = Key(r.url, site);
        if (key != r.url) {
          // Found before its parameters were dropped: the bare URL stands for it.
          if (Result<bool> added = state_.Discover(key, site.name, PageRole::kArticle, r.lastmod); !added)
            return added.error();
          r.alias_of = key;
          if (!Finished(r, PageStatus::kAlias)) return *state_error_;
        }
        Enqueue({key, PageRole::kArticle, 0, &site});
      }
    }
    return Ok{};
  }

  ~Crawler() {
    if (index_fd_ >= 0) ::close(index_fd_);
  }

  // The pass's counts, or the state error that ended it.
  Result<CrawlSummary> Run() {
    int n = std::max(1, config_.workers);
    std::vector<std::thread> workers;
    workers.reserve(n);
    for (int i = 0; i < n; ++i) workers.emplace_back([this] { Work(); });
    for (auto& t : workers) t.join();
    std::lock_guard lock(mu_);
    for (auto& [name, h] : hosts_) summary_.queued_left += static_cast<int>(h.articles.size());
    summary_.queued_left += dropped_articles_;
    if (state_error_) return *state_error_;
    return summary_;
  }

 private:
  // ---- scheduling ----------------------------------------------------------
  // The URL an article or listing is queued and known by: normalised, the
  // site's tracking and session parameters dropped.
  static std::string Key(const std::string& url, const CrawlSite& site) {
    std::string key = NormalizeUrl(DropParams(url, site.drop_params));
    return key.empty() ? url : key;
  }

  // `t.url` is a Key() already: every caller keys what it queues.
  void Enqueue(Task t) {
    std::string host = UrlHost(t.url);
    if (host.empty()) return;
    std::lock_guard lock(mu_);
    if (!seen_.insert(t.url).second) return;
    Host& h = hosts_[host];
    h.delay = std::max(h.delay, t.site->delay_seconds);
    h.concurrency = std::min(h.concurrency, t.site->concurrency);
    ++queued_;
    (t.role == PageRole::kListing ? h.listings : h.articles).push_back(std::move(t));
    cv_.notify_one();
  }

  bool Stopping() const { return (options_.stop && options_.stop->load()) || state_failed_.load(); }

  // A state that cannot be read or written fails the pass, loudly: no new
  // task starts, and the pass returns the error (a failed read taken for
  // "unknown URL" would fetch and write known articles again).
  void StateFailed(const Error& e) {
    {
      std::lock_guard lock(state_error_mu_);
      if (!state_error_) state_error_ = e;
    }
    if (!state_failed_.exchange(true)) Log(spdlog::level::err, e.message + "; the pass stops");
    cv_.notify_all();
  }

  // A state query's value, or nullopt once the pass has failed with its error.
  template <class T>
  std::optional<T> Checked(Result<T> r) {
    if (r) return std::move(*r);
    StateFailed(r.error());
    return std::nullopt;
  }

  void Work() {
    std::unique_lock lock(mu_);
    while (true) {
      if (Stopping()) break;
      auto now = io_.Now();
      Host* pick = nullptr;
      std::string pick_host;
      auto wake = Clock::time_point::max();
      bool any_work = false;
      for (auto& [name, h] : hosts_) {
        if (!h.HasWork()) continue;
        any_work = true;
        if (h.in_flight >= h.concurrency) continue;
        if (h.next > now) {
          wake = std::min(wake, h.next);
          continue;
        }
        pick = &h;
        pick_host = name;
        break;
      }
      if (!pick) {
        if (!any_work && in_flight_ == 0) break;  // nothing queued, nothing that could queue more
        io_.WaitUntil(cv_, lock, wake, in_flight_);
        continue;
      }
      std::deque<Task>& q = pick->listings.empty() ? pick->articles : pick->listings;
      Task task = std::move(q.front());
      q.pop_front();
      --queued_;
      int& budget = budget_[task.site];
      if (budget <= 0) {
        // The site's pages for this run are used up: articles stay queued in
        // the state for the next pass; listings are read again then anyway.
        if (task.role == PageRole::kArticle) ++dropped_articles_;
        continue;
      }
      --budget;
      ++pick->in_flight;
      ++in_flight_;
      pick->next = now + Seconds(pick->delay);
      lock.unlock();
      Process(task, pick_host);
      lock.lock();
      --pick->in_flight;
      --in_flight_;
      // The delay runs from the end of a request too, so a slow answer or
      // a retried one is never followed at once by the next request.
      pick->next = std::max(pick->next, io_.Now() + Seconds(pick->delay));
      ++done_;
      progress_.Update(done_, done_ + queued_, summary_.total.failed, pick_host);
      cv_.notify_all();
    }
    cv_.notify_all();
  }

  static Clock::duration Seconds(double s) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
  }

  // A second request inside one task (after robots.txt, a redirect hop) waits
  // the host's delay after the request that just ended, as a new task would,
  // and takes the host's next slot, so that with concurrency > 1 no other
  // worker's request starts within the delay either. `min_delay`: the site's
  // own, for a host the crawl has not paced yet.
  // False when a stop cut the wait short: the request must not start.
  bool WaitForSlot(const std::string& host, double min_delay) {
    Clock::time_point now = io_.Now(), start;
    {
      std::lock_guard lock(mu_);
      Host& h = hosts_[host];
      Clock::duration delay = Seconds(std::max(h.delay, min_delay));
      start = std::max(now + delay, h.next);
      h.next = start + delay;
    }
    return Pause(start - now);
  }

  // Every wait inside a task (pacing, a retry's backoff) ends when a stop
  // arrives; false then.
  bool Pause(Clock::duration d) {
    if (Stopping()) return false;
    io_.Sleep(d, options_.stop);
    return !Stopping();
  }

  // The host's effective delay: the strictest site's, or robots.txt's
  // Crawl-delay when longer.
  double HostDelay(const std::string& host, double min_delay) {
    std::lock_guard lock(mu_);
    return std::max(hosts_[host].delay, min_delay);
  }

  // Fetch options for one request of `site` to `host`: retries wait at least
  // the host's effective delay, and a stop ends their waits.
  FetchOptions RequestOptions(const CrawlSite& site, const std::string& host) {
    FetchOptions o = site.fetch;
    o.backoff_ms = std::max<long>(o.backoff_ms, std::lround(HostDelay(host, site.delay_seconds) * 1000));
    o.wait = [this](std::chrono::milliseconds d) { return Pause(d); };
    return o;
  }

  // ---- robots.txt -------------------------------------------------------------
  // The rules of a URL's origin, fetched once per run (kept a day in the
  // state). Called by the worker holding the host, so the fetch is paced
  // like any other request: the worker waits the host's delay after it.
  const Robots& RobotsFor(const std::string& url, const CrawlSite& site) {
    std::string origin = UrlOrigin(url);
    {
      std::lock_guard lock(robots_mu_);
      if (auto it = robots_.find(origin); it != robots_.end()) return it->second;
    }
    std::optional<CrawlState::RobotsRecord> rec;
    if (auto got = Checked(state_.GetRobots(origin))) rec = std::move(*got);
    // An answer (2xx, 4xx) is kept a day; an unreachable robots.txt is asked
    // for again on the next pass rather than blocking the host for a day.
    bool fresh = rec && rec->status >= 200 && rec->status < 500 && Now() - rec->fetched < tunables::kRobotsMaxAgeSeconds;
    if (!fresh) {
      FetchOptions o = RequestOptions(site, UrlHost(url));
      o.max_bytes = tunables::kRobotsMaxBytes;
      o.retries = std::min(o.retries, 1);
      o.allow_redirect = [&](const std::string& to) -> Status {
        if (UrlHost(to) != UrlHost(url) && !site.AllowedHost(UrlHost(to))) return Fail("another host");
        if (!WaitForSlot(UrlHost(to), site.delay_seconds)) return Fail("stopped", ErrorCode::kStopped);
        return Ok{};
      };
      Result<Fetched> f = io_.Fetch(origin + "/robots.txt", o);
      CrawlState::RobotsRecord r;
      r.fetched = Now();
      if (f) {
        r.status = f->status;
        r.body = std::move(f->body);
      } else {
        // 404 and other 4xx: no robots.txt; 5xx or no answer: unreachable.
        const Error& e = f.error();
        r.status = e.code == ErrorCode::kHttp && e.http_status >= 400 && e.http_status < 500 ? e.http_status : 0;
      }
      if (Status st = state_.PutRobots(origin, r); !st) StateFailed(st.error());
      rec = std::move(r);
    }
    Robots robots = rec->status >= 200 && rec->status < 300 ? Robots::Parse(rec->body, config_.robots_agent)
                    : rec->status >= 400 && rec->status < 500 ? Robots::AllowAll()
                                                               : Robots::DisallowAll();
    if (rec->status == 0 || rec->status >= 500)
      Log(spdlog::level::warn, origin + "/robots.txt: unreachable; nothing on " + origin + " is fetched this run");
    const Robots* kept = nullptr;
    {
      std::lock_guard lock(robots_mu_);
      auto [it, inserted] = robots_.emplace(origin, std::move(robots));
      if (inserted && it->second.crawl_delay_seconds() > 0) {
        std::lock_guard hl(mu_);
        Host& h = hosts_[UrlHost(url)];
        h.delay = std::max(h.delay, it->second.crawl_delay_seconds());
      }
      kept = &it->second;  // std::map: stays put while others are added
    }
    // The task's own request comes next, paced by the Crawl-delay just read.
    if (!fresh) WaitForSlot(UrlHost(url), site.delay_seconds);
    return *kept;
  }

  // ---- one task ---------------------------------------------------------------
  void Process(const Task& t, const std::string& host) {
    const CrawlSite& site = *t.site;
    const Robots& robots = RobotsFor(t.url, site);
    PageRecord rec;
    std::optional<std::optional<PageRecord>> known = Checked(state_.Get(t.url));
    if (!known) return;
    if (*known) rec = std::move(**known);
    if (rec.status == PageStatus::kAlias) return;  // its article is asked for under its own URL
    if ((rec.status == PageStatus::kGone || rec.status == PageStatus::kFailed) && rec.failures >= site.max_failures) {
      // Given up, as a listing that died or an article found again: not
      // asked again until the state forgets it.
      Count(host, &CrawlCounts::dead);
      Log(t.depth == 0 ? spdlog::level::warn : spdlog::level::debug,
          Printable(t.url) + ": given up after " + std::to_string(rec.failures) + " failures (" + Printable(rec.error) + ")");
      return;
    }
    rec.url = t.url;
    rec.site = site.name;
    rec.role = t.role;
    if (!robots.Allowed(UrlPathQuery(t.url))) {
      rec.status = PageStatus::kSkipped;
      rec.error = "disallowed by robots.txt";
      Record(rec);
      Count(host, &CrawlCounts::skipped);
      Log(spdlog::level::debug, Printable(t.url) + ": disallowed by robots.txt");
      return;
    }

    if (Stopping()) return Unfinished(t);  // stopped while waiting for robots.txt's pace
    FetchOptions o = RequestOptions(site, host);
    o.pages_only = t.role == PageRole::kArticle;  // a PDF or JSON linked as an article is no article
    bool conditional = t.role == PageRole::kListing || t.recheck || rec.status == PageStatus::kDone;
    if (conditional) {
      o.etag = rec.etag;
      o.last_modified = rec.last_modified;
    }
    o.allow_redirect = [&](const std::string& to) -> Status {
      if (!site.AllowedHost(UrlHost(to))) return Fail("host " + UrlHost(to) + " is not one of the site's hosts");
      if (!RobotsFor(to, site).Allowed(UrlPathQuery(to))) return Fail("disallowed by robots.txt");
      // Each hop is a request: paced like one.
      if (!WaitForSlot(UrlHost(to), site.delay_seconds)) return Fail("stopped", ErrorCode::kStopped);
      return Ok{};
    };
    Result<Fetched> f = io_.Fetch(t.url, o);
    rec.last_fetch = Now();
    if (!f && f.error().code == ErrorCode::kStopped) return Unfinished(t);
    if (!f) {
      Failed(rec, host, f.error());
      return;
    }
    if (f->not_modified) {
      // An unchanged listing still leads to pages that may have changed (a
      // sitemap index stays the same while its sitemaps grow).
      if (t.role == PageRole::kListing && t.depth + 1 <= site.max_depth)
        if (auto children = Checked(state_.Children(t.url)))
          for (const std::string& child : *children) Enqueue({Key(child, site), PageRole::kListing, t.depth + 1, &site});
      Finished(rec, rec.role == PageRole::kArticle && rec.output.empty() ? PageStatus::kQueued : PageStatus::kDone);
      Count(host, &CrawlCounts::unchanged);
      Log(spdlog::level::info, "unchanged " + Printable(t.url));
      return;
    }
    Count(host, &CrawlCounts::fetched);
    rec.etag = f->etag;
    rec.last_modified = f->last_modified;
    if (t.role == PageRole::kListing) {
      ReadLinks(t, *f);
      Finished(rec, PageStatus::kDone);
      return;
    }
    WriteArticle(t, *f, rec, host);
  }

  void ReadLinks(const Task& t, const Fetched& f) {
    const CrawlSite& site = *t.site;
    Links links = ExtractLinks(f.body, f.url);
    int articles = 0, listings = 0;
    bool entries = links.kind == PageKind::kFeed || links.kind == PageKind::kSitemap;
    for (const Link& l : links.links) {
      if (!site.AllowedHost(UrlHost(l.url))) continue;
      std::string url = Key(l.url, site);
      bool article = entries ? (!site.HasArticlePatterns() || site.IsArticle(url)) : site.IsArticle(url);
      if (article) {
        std::optional<bool> added = Checked(state_.Discover(url, site.name, PageRole::kArticle, l.lastmod));
        if (!added) return;
        bool recheck = false;
        if (!*added) {
          std::optional<PageRecord> known;
          if (!Get(url, &known)) return;
          if (!known || known->role != PageRole::kArticle) continue;
          // A known article is fetched again only when its feed or sitemap
          // date moved since it was written; otherwise Pending() has it when
          // it still needs fetching. The first date seen is only noted: the
          // page was fetched after it was found, so nothing is known to have moved.
          if (l.lastmod.empty() || (!known->lastmod.empty() && !DateMoved(known->lastmod, l.lastmod))) continue;
          // This column only: a worker may be writing the row.
          if (Status st = state_.SetLastmod(url, l.lastmod); !st) return StateFailed(st.error());
          if (known->lastmod.empty()) continue;
          // An alias's date is its article's: that one is asked again.
          if (known->status == PageStatus::kAlias) {
            url = known->alias_of;
            if (!Get(url, &known)) return;
            if (!known) continue;
          }
          if (known->status != PageStatus::kDone) continue;
          recheck = true;
        }
        ++articles;
        Enqueue({url, PageRole::kArticle, t.depth + 1, &site, recheck});
        continue;
      }
      bool listing = links.kind == PageKind::kSitemapIndex || site.IsListing(url);
      if (listing && t.depth + 1 <= site.max_depth) {
        ++listings;
        if (!Checked(state_.Discover(url, site.name, PageRole::kListing, l.lastmod, t.url))) return;
        Enqueue({url, PageRole::kListing, t.depth + 1, &site});
      }
    }
    Log(spdlog::level::info, "read " + Printable(t.url) + ": " + std::to_string(links.links.size()) + " links, " +
                                 std::to_string(articles) + " articles and " + std::to_string(listings) +
                                 " listing pages to fetch");
  }

  // ---- the site's template, learned as its articles arrive ------------------
  struct Learning {
    std::mutex mu;
    bool loaded = false;
    TemplateClusters clusters;
  };

  // Cleans the article; with learn_template, its first clean's trace joins
  // the site's templates, and once the template it joined was learned from
  // kTemplateMinPages pages the article is cleaned again without it.
  Result<Cleaned> CleanLearning(const Document& doc, const CrawlSite& site) {
    if (!site.learn_template) return Clean(doc, rules_, nullptr, options_.clean);
    Trace trace;
    Result<Cleaned> c = Clean(doc, rules_, &trace, options_.clean);
    if (!c) return c;
    std::shared_ptr<const SiteTemplate> learned = Learn(site, trace);
    if (!learned) return c;
    CleanOptions with = options_.clean;
    with.learned = std::move(learned);
    Result<Cleaned> again = Clean(doc, rules_, nullptr, with);
    return again ? again : c;
  }

  Learning& LearningOf(const std::string& site) {
    std::lock_guard lock(learning_mu_);
    std::unique_ptr<Learning>& l = learning_[site];
    if (!l) l = std::make_unique<Learning>();
    return *l;
  }

  // Adds the page to its site's templates (kept in the state); the template
  // it joined when learned from enough pages, else null.
  std::shared_ptr<const SiteTemplate> Learn(const CrawlSite& site, const Trace& trace) {
    Learning& l = LearningOf(site.name);
    std::lock_guard lock(l.mu);
    if (!l.loaded) {
      l.loaded = true;
      std::optional<std::optional<std::string>> saved = Checked(state_.GetTemplate(site.name));
      if (!saved) return nullptr;
      if (*saved) {
        Result<TemplateClusters> c = TemplateClusters::FromToml(**saved);
        if (c) l.clusters = std::move(*c);
        else Log(spdlog::level::warn, site.name + ": " + c.error().message + "; learning it again");
      }
    }
    const std::size_t k = l.clusters.AddPage(trace.blocks);
    if (Status st = state_.PutTemplate(site.name, l.clusters.ToToml()); !st) {
      StateFailed(st.error());
      return nullptr;
    }
    const TemplateLearner& learner = l.clusters[k];
    if (learner.Pages() < tunables::kTemplateMinPages) return nullptr;
    auto t = std::make_shared<SiteTemplate>();
    t->site = site.name;
    t->pages = learner.Pages();
    t->lines = learner.Learn();
    return t->lines.empty() ? nullptr : t;
  }

  void WriteArticle(const Task& t, Fetched& f, PageRecord& rec, const std::string& host) {
    const CrawlSite& site = *t.site;
    if (!options_.keep_raw.empty())
      if (Status st = KeepRaw(options_.keep_raw, f.url, f.body, f.charset, /*replace=*/true); !st) {
        Failed(rec, host, st.error());
        return;
      }
    Document doc{t.url, std::move(f.body), f.url, f.charset};
    Result<Cleaned> c = CleanLearning(doc, site);
    if (!c) {
      Failed(rec, host, c.error());
      return;
    }
    std::string text = FormatText(c->article);
    std::string content = ContentFingerprint(c->article);
    // Who owns an article is decided and written under one lock, so two URLs
    // of one article fetched at once still make one file.
    std::lock_guard owner_lock(owner_mu_);
    std::optional<std::string> owner = ArticleKey(t, rec, f.url, c->article.meta.url, content);
    if (!owner) return;
    const std::string& key = *owner;
    PageRecord canonical;
    PageRecord& art = key == t.url ? rec : canonical;
    if (key != t.url) {
      std::optional<PageRecord> known;
      if (!Get(key, &known)) return;
      if (known) canonical = std::move(*known);
      canonical.url = key;
      canonical.site = site.name;
      canonical.role = PageRole::kArticle;
      canonical.last_fetch = rec.last_fetch;
    }
    art.content = content;
    std::string hash = Fingerprint(text);
    fs::path out_dir(options_.out_dir);
    std::error_code ec;
    if (!art.output.empty() && art.hash == hash && fs::exists(out_dir / art.output, ec)) {
      Finished(art, PageStatus::kDone);
      Count(host, &CrawlCounts::unchanged);
      Log(spdlog::level::info, "unchanged " + Printable(t.url) + (key != t.url ? " (= " + Printable(key) + ")" : ""));
      MarkAlias(rec, key);
      return;
    }
    // Written before, when a hash was recorded (a crash can leave a path
    // recorded for an article that never made it to disk).
    bool changed = !art.hash.empty();
    if (art.output.empty() && (art.output = OutputPath(site, c->article.meta.date, key)).empty()) return;
    // state -> temp file -> rename -> index line -> state: a crash between
    // any two is repaired on the next open (RepairInterrupted).
    art.pending = hash;
    art.status = PageStatus::kWriting;
    if (!Record(art)) return;
    Step(WriteStep::kRecorded);
    const std::string path = (out_dir / art.output).string();
    Result<std::string> tmp = WriteTemp(path, text);
    Status st = tmp ? Status(Ok{}) : Status(tmp.error());
    if (st) Step(WriteStep::kTempWritten);
    if (st) st = Publish(*tmp, path, true);
    if (st) Step(WriteStep::kRenamed);
    if (st) st = AppendIndex(key, art.output, site.name, c->article.meta, changed, hash);
    if (!st) {
      if (!changed) art.output.clear();  // never written: the path is not its own yet
      art.pending.clear();
      Failed(art, host, st.error());
      return;
    }
    Step(WriteStep::kIndexed);
    art.hash = hash;
    art.pending.clear();
    Finished(art, PageStatus::kDone);
    Step(WriteStep::kDone);
    MarkAlias(rec, key);
    Count(host, changed ? &CrawlCounts::changed : &CrawlCounts::new_articles);
    Log(spdlog::level::info, (changed ? "changed " : "new ") + Printable(key) + " -> " + art.output +
                                 (key != t.url ? " (asked as " + Printable(t.url) + ")" : ""));
  }

  // The URL an article is known by. A URL that already has its file keeps
  // it. Otherwise: where the redirects ended, or the page's canonical link
  // (og:url) when that names an article of the site; and when a URL of the
  // same path (but for a trailing slash and the query: a parameter nobody
  // listed) already holds the same text, that one. Only the same path: two
  // articles a template failure cleaned to the same text stay two.
  // nullopt when the state failed.
  std::optional<std::string> ArticleKey(const Task& t, const PageRecord& rec, const std::string& final_url,
                                        const std::string& declared, const std::string& content) {
    const CrawlSite& site = *t.site;
    if (!rec.output.empty()) return t.url;
    std::string key = final_url.empty() ? t.url : Key(final_url, site);
    if (!declared.empty() && PlausibleArticle(Key(declared, site), site)) key = Key(declared, site);
    if (key != t.url) {
      std::optional<PageRecord> known;
      if (!Get(key, &known)) return std::nullopt;
      if (known && !known->output.empty()) return key;
    }
    std::optional<std::vector<PageRecord>> same = Checked(state_.ByContent(site.name, content));
    if (!same) return std::nullopt;
    for (const PageRecord& r : *same)
      if (SamePath(r.url, key)) return r.url;
    return key;
  }

  // The state's row of `url` into `*out` (nullopt: unknown); false once the
  // state failed.
  bool Get(const std::string& url, std::optional<PageRecord>* out) {
    std::optional<std::optional<PageRecord>> got = Checked(state_.Get(url));
    if (!got) return false;
    *out = std::move(*got);
    return true;
  }

  // "https://a.vn/x/?p=1" and "https://a.vn/x": one page, as far as a site's
  // furniture goes.
  static bool SamePath(const std::string& a, const std::string& b) {
    auto bare = [](const std::string& u) {
      std::string s = u.substr(0, u.find('?'));
      while (!s.empty() && s.back() == '/') s.pop_back();
      return s;
    };
    return bare(a) == bare(b);
  }

  // A canonical link worth following: on the site, not its home or a start
  // page (a template that links every page to the home page), and an article
  // by the site's patterns when it has some.
  static bool PlausibleArticle(const std::string& url, const CrawlSite& site) {
    if (url.empty() || !site.AllowedHost(UrlHost(url)) || UrlPathQuery(url) == "/") return false;
    if (std::find(site.start.begin(), site.start.end(), url) != site.start.end()) return false;
    return !site.HasArticlePatterns() || site.IsArticle(url);
  }

  // `rec`, asked for under another URL than its article's: recorded as an
  // alias last, so a crash before leaves it to be asked again, not lost.
  void MarkAlias(PageRecord& rec, const std::string& key) {
    if (key == rec.url) return;
    rec.alias_of = key;
    rec.output.clear();
    Finished(rec, PageStatus::kAlias);
  }

  // site/yyyy-mm-dd/slug.txt, unique: a slug another URL already owns (or a
  // file already there) gets -2, -3...
  // Empty when the state failed.
  std::string OutputPath(const CrawlSite& site, const std::string& date, const std::string& url) {
    std::lock_guard lock(paths_mu_);
    std::string base = site.name + "/" + DayFolder(date) + "/" + ArticleSlug(url);
    for (int n = 1;; ++n) {
      std::string candidate = n == 1 ? base + ".txt" : base + "-" + std::to_string(n) + ".txt";
      if (claimed_.count(candidate)) continue;
      std::optional<std::optional<std::string>> owner = Checked(state_.OutputOwner(candidate));
      if (!owner) return {};
      if (*owner && **owner != url) continue;
      std::error_code ec;
      if (!*owner && (fs::exists(fs::path(options_.out_dir) / candidate, ec) || ec)) continue;
      claimed_.insert(candidate);
      return candidate;
    }
  }

  // The start of an index line: what RepairInterrupted looks for.
  static std::string IndexKey(const std::string& url, const std::string& output, const std::string& hash) {
    return "{\"url\":" + JsonString(url) + ",\"path\":" + JsonString(output) + ",\"hash\":" + JsonString(hash) + ",";
  }

  Status AppendIndex(const std::string& url, const std::string& output, const std::string& site, const Metadata& m,
                     bool changed, const std::string& hash) {
    char when[32];
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    std::string line = IndexKey(url, output, hash) + "\"title\":" + JsonString(m.title) + ",\"date\":" + JsonString(m.date) +
                       ",\"site\":" + JsonString(site) + ",\"status\":" + JsonString(changed ? "changed" : "new") +
                       ",\"fetched\":" + JsonString(when) + "}\n";
    std::lock_guard lock(index_mu_);
    // One write(2) of the whole line on an O_APPEND file: a line is there
    // whole or not at all, whatever kills the process.
    ssize_t n = ::write(index_fd_, line.data(), line.size());
    if (n != static_cast<ssize_t>(line.size())) {
      std::string why = n < 0 ? std::strerror(errno) : "short write";
      // Cut the partial line now; should that fail too, the next open cuts
      // it (RepairIndex), so its status adds nothing to the error returned.
      if (n > 0) (void)::ftruncate(index_fd_, ::lseek(index_fd_, 0, SEEK_END) - n);
      return Fail(index_path_ + ": " + why);
    }
    return Ok{};
  }

  // After a crash: a partial last line is cut, and every article left
  // `writing` is finished from what reached the disk (RepairInterrupted).
  Status RepairIndex() {
    std::string index;
    std::error_code ec;
    if (fs::exists(index_path_, ec)) {
      Result<std::string> text = ReadInput(index_path_, std::numeric_limits<std::size_t>::max());
      if (!text) return Fail(index_path_ + ": " + text.error().message, ErrorCode::kIo);
      index = std::move(*text);
      if (!index.empty() && index.back() != '\n') {
        std::size_t keep = index.rfind('\n');
        keep = keep == std::string::npos ? 0 : keep + 1;
        if (::truncate(index_path_.c_str(), static_cast<off_t>(keep)) != 0)
          return Fail(index_path_ + ": cannot repair: " + std::strerror(errno), ErrorCode::kIo);
        index.resize(keep);
        Log(spdlog::level::warn, index_path_ + ": cut a partial last line left by an interrupted crawl");
      }
    }
    Result<std::vector<PageRecord>> interrupted = state_.Interrupted();
    if (!interrupted) return interrupted.error();
    for (PageRecord& r : *interrupted)
      if (Status st = RepairInterrupted(r, index); !st) return st;
    return Ok{};
  }

  // One article a crash caught while writing: its temp files go; when its
  // file holds the text being written, the index line is added if missing
  // (title and date from the file's front matter) and it is done. Otherwise
  // it stays `writing`, is fetched again this pass, and indexed as new or
  // changed as it was going to be.
  Status RepairInterrupted(PageRecord& r, const std::string& index) {
    if (r.output.empty()) return Ok{};
    const fs::path file = fs::path(options_.out_dir) / r.output;
    RemoveTemps(file);
    if (r.pending.empty()) return Ok{};
    Result<std::string> text = ReadInput(file.string());
    if (!text || Fingerprint(*text) != r.pending) return Ok{};
    if (index.find(IndexKey(r.url, r.output, r.pending)) == std::string::npos) {
      Metadata m;
      if (auto fm = ReadFrontMatter(*text)) {
        m.title = fm->Get("title");
        m.date = fm->Get("date");
      }
      if (Status st = AppendIndex(r.url, r.output, r.site, m, !r.hash.empty(), r.pending); !st) return st;
      Log(spdlog::level::warn, "indexed " + Printable(r.url) + " -> " + r.output + ", written before a crash");
    }
    r.hash = r.pending;
    r.pending.clear();
    if (!Finished(r, PageStatus::kDone)) return *state_error_;
    return Ok{};
  }

  // PATH.tmp-XXXXXX files beside `file` (WriteTemp's), left by a crash.
  void RemoveTemps(const fs::path& file) {
    std::error_code ec;
    const std::string prefix = file.filename().string() + ".tmp-";
    for (fs::directory_iterator it(file.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (name.size() == prefix.size() + 6 && name.rfind(prefix, 0) == 0) {
        std::error_code rm;
        fs::remove(it->path(), rm);
        if (!rm) Log(spdlog::level::info, "removed " + it->path().string() + ", left by a crash");
      }
    }
  }

  // ---- bookkeeping ------------------------------------------------------------
  // False when the state could not record it (the pass has failed).
  bool Finished(PageRecord& rec, PageStatus status) {
    rec.status = status;
    rec.failures = 0;
    rec.error.clear();
    return Record(rec);
  }

  // A task a stop cut short: its row is left as it was, so the next pass
  // takes it again (an article stays pending; listings are read every pass).
  void Unfinished(const Task& t) {
    if (t.role == PageRole::kArticle) {
      std::lock_guard lock(mu_);
      ++dropped_articles_;
    }
    Log(spdlog::level::info, "unfinished " + Printable(t.url) + ": stopped");
  }

  // A failure. 404 and 410 (and soft 404s) make the URL `gone`: a failure
  // the first time, then known dead, which is not one (a pass whose only
  // trouble is a dead link exits 0).
  void Failed(PageRecord& rec, const std::string& host, const Error& e) {
    const bool gone = IsGone(e);
    const bool known_dead = gone && rec.status == PageStatus::kGone;
    rec.status = gone ? PageStatus::kGone : PageStatus::kFailed;
    rec.error = e.message;
    ++rec.failures;
    Record(rec);
    Count(host, known_dead ? &CrawlCounts::dead : &CrawlCounts::failed);
    Log(known_dead ? spdlog::level::info : spdlog::level::err,
        Printable(rec.url) + ": " + Printable(e.message) + (known_dead ? " (gone on an earlier pass too)" : ""));
  }

  static bool IsGone(const Error& e) {
    return e.code == ErrorCode::kGone || (e.code == ErrorCode::kHttp && (e.http_status == 404 || e.http_status == 410));
  }

  bool Record(const PageRecord& rec) {
    if (Status st = state_.Put(rec); !st) {
      StateFailed(Fail(Printable(rec.url) + ": " + st.error().message, st.error().code));
      return false;
    }
    return true;
  }

  void Step(WriteStep step) {
    if (options_.after_write_step) options_.after_write_step(step);
  }

  void Count(const std::string& host, int CrawlCounts::*field) {
    std::lock_guard lock(mu_);
    ++(summary_.by_host[host].*field);
    ++(summary_.total.*field);
  }

  void Log(spdlog::level::level_enum level, const std::string& msg) { progress_.Say(level, msg); }

  const CrawlConfig& config_;
  const Rules& rules_;
  const CrawlOptions& options_;
  CrawlIo& io_;
  CrawlState& state_;
  ProgressLine& progress_;

  std::mutex mu_;  // hosts_, seen_, counters, summary_
  std::condition_variable cv_;
  std::map<std::string, Host> hosts_;
  std::unordered_set<std::string> seen_;
  std::map<const CrawlSite*, int> budget_;
  int queued_ = 0, in_flight_ = 0, done_ = 0, dropped_articles_ = 0;
  CrawlSummary summary_;

  std::mutex robots_mu_;
  std::map<std::string, Robots> robots_;
  std::mutex paths_mu_;
  std::set<std::string> claimed_;
  std::mutex owner_mu_;  // which URL owns an article: decided and written under it
  std::atomic<bool> state_failed_{false};
  std::mutex state_error_mu_;
  std::optional<Error> state_error_;  // the first state failure, which ends the pass
  // Each site's learned templates, read from the state at the site's first
  // article of the pass and written back after each.
  std::mutex learning_mu_;
  std::map<std::string, std::unique_ptr<Learning>> learning_;
  std::mutex index_mu_;
  std::string index_path_;
  int index_fd_ = -1;
};

void PrintSummary(const CrawlSummary& s, double seconds, std::FILE* out) {
  std::fprintf(out, "crawl: %.1f s\n", seconds);
  std::fprintf(out, "  %-28s %8s %9s %5s %7s %6s %5s %7s\n", "host", "fetched", "unchanged", "new", "changed", "failed",
               "dead", "skipped");
  auto row = [&](const std::string& name, const CrawlCounts& c) {
    std::fprintf(out, "  %-28s %8d %9d %5d %7d %6d %5d %7d\n", name.c_str(), c.fetched, c.unchanged, c.new_articles,
                 c.changed, c.failed, c.dead, c.skipped);
  };
  for (auto& [host, c] : s.by_host) row(host, c);
  row("total", s.total);
  if (s.total.dead > 0)
    std::fprintf(out, "  %d URLs known dead (gone on an earlier pass too, or given up after max_failures): not failures\n",
                 s.total.dead);
  if (s.queued_left > 0)
    std::fprintf(out, "  %d articles left queued for the next pass (max_pages reached or stopped)\n", s.queued_left);
  std::fflush(out);
}

}  // namespace

CrawlIo& RealCrawlIo() {
  static RealIo io;
  return io;
}

std::string ArticleSlug(const std::string& url) {
  std::string path = UrlPathQuery(url);
  std::string query;
  if (auto q = path.find('?'); q != std::string::npos) {
    query = path.substr(q + 1);
    path.resize(q);
  }
  while (!path.empty() && path.back() == '/') path.pop_back();
  std::string last = path.substr(path.rfind('/') + 1);
  for (const char* ext : {".html", ".htm", ".shtml", ".aspx", ".php", ".jsp"}) {
    std::size_t n = std::strlen(ext);
    if (last.size() > n && AsciiLower(last.substr(last.size() - n)) == ext) {
      last.resize(last.size() - n);
      break;
    }
  }
  std::string out = AsciiRuns(query.empty() ? last : last + "-" + query);
  if (out.size() > tunables::kMaxSlugBytes) out.resize(tunables::kMaxSlugBytes);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "index" : out;
}

namespace {

// The state of a crawl, opened (and locked) once for all its passes.
Result<CrawlState> OpenState(const CrawlOptions& options) {
  std::string state_path =
      options.state_path.empty() ? (fs::path(options.out_dir) / ".sach-crawl.sqlite").string() : options.state_path;
  std::error_code ec;
  fs::create_directories(options.out_dir, ec);
  if (ec) return Fail(options.out_dir + ": cannot create: " + ec.message(), ErrorCode::kIo);
  if (auto parent = fs::path(state_path).parent_path(); !parent.empty()) fs::create_directories(parent, ec);
  return CrawlState::Open(state_path);
}

Result<CrawlSummary> Pass(const CrawlConfig& config, const Rules& rules, const CrawlOptions& options, CrawlState& state) {
  bool bar = options.progress == CrawlOptions::Progress::kBar ||
             (options.progress == CrawlOptions::Progress::kAuto && ::isatty(STDERR_FILENO));
  ProgressLine progress(bar, "pages");
  Crawler crawler(config, rules, options, state, progress);
  if (Status st = crawler.Prepare(); !st) return st.error();
  return crawler.Run();
}

}  // namespace

Result<CrawlSummary> CrawlOnce(const CrawlConfig& config, const Rules& rules, const CrawlOptions& options) {
  Result<CrawlState> state = OpenState(options);
  if (!state) return state.error();
  return Pass(config, rules, options, *state);
}

int RunCrawl(const CrawlConfig& config, const Rules& rules, const CrawlOptions& options) {
  CrawlIo& io = IoOf(options);
  // Held for the process's life: a --once run beside a looping one is
  // refused between its passes too.
  Result<CrawlState> state = OpenState(options);
  if (!state) {
    spdlog::error("{}", state.error().message);
    return state.error().code == ErrorCode::kLocked ? kCrawlLocked : 1;
  }
  int exit_code = 0;
  while (true) {
    auto start = io.Now();
    Result<CrawlSummary> s = Pass(config, rules, options, *state);
    if (!s) {
      spdlog::error("{}", s.error().message);
      return 1;
    }
    PrintSummary(*s, std::chrono::duration<double>(io.Now() - start).count(), stdout);
    if (s->total.failed > 0) exit_code = 1;
    if (options.once || (options.stop && options.stop->load())) break;
    // Between passes: a signal ends the wait (and the command) early.
    auto until = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(config.interval_minutes * 60));
    if (auto now = io.Now(); now < until) io.SleepUnlessStopped(until - now, options.stop);
    if (options.stop && options.stop->load()) break;
  }
  return exit_code;
}

}  // namespace sach
