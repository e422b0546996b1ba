// `sach crawl` in-process, against a fake site and a fake clock (CrawlIo):
// what needs no real server (pacing, conditional requests, robots.txt
// answers, re-fetches, stopping) is checked here, without sleeping through
// real delays. Waits only advance the fake clock, so pacing is asserted on
// the fake timeline, exactly. crawl_test.cc keeps what only a real server
// shows (resets, stalls, truncated bodies, redirects, a killed process).
#include <doctest/doctest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "sach/clean.h"
#include "sach/crawl.h"
#include "sach/crawl_config.h"
#include "crawl_io.h"
#include "state.h"
#include "template.h"
#include "sach/input.h"
#include "sach/write.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// Never contacted: a fake answers. Loopback, should a bug bypass the fake.
const std::string kBase = "http://127.0.0.1:9";
const char* kLastModified = "Mon, 02 Sep 2024 08:00:00 GMT";

struct Call {
  double time;      // fake seconds since the start
  std::string url;  // as asked
  bool cond;        // sent validators (If-None-Match / If-Modified-Since)
  int retries;      // FetchOptions::retries it was asked with
};

// A site (URL -> status and body) and a clock. Fetch answers from the map, 304
// when the validators match; every wait advances the fake time and is noted.
class FakeIo final : public sach::CrawlIo {
 public:
  struct Page {
    Page(int s = 200, std::string b = "", std::string to = "") : status(s), body(std::move(b)), location(std::move(to)) {}
    int status;
    std::string body;
    std::string location;  // a redirect: answered as the page there, if allow_redirect lets it
  };
  FakeIo() : start_(Clock::time_point{} + 1000s), now_(start_) {}

  Clock::time_point Now() override {
    std::lock_guard lock(mu_);
    return now_;
  }
  void Sleep(Clock::duration d, const std::atomic<bool>* stop) override {
    if (stop && stop->load()) return;  // a stop ends the wait at once
    Advance(d);
  }
  void SleepUnlessStopped(Clock::duration d, const std::atomic<bool>* stop) override {
    if (stop && stop->load()) return;
    Advance(d);
    ++pass_waits;
    if (on_pass_wait) on_pass_wait();
  }
  // Time passes only when no other worker is inside a task (but for requests
  // held on purpose): a task in progress notifies when done, and its own
  // waits move the clock meanwhile.
  void WaitUntil(std::condition_variable& cv, std::unique_lock<std::mutex>& lock, Clock::time_point until,
                 int busy) override {
    bool others_working = false;
    {
      std::lock_guard fake(mu_);
      others_working = busy > holding_;
      worker_cv_ = &cv;
      worker_mu_ = lock.mutex();
    }
    if (until == Clock::time_point::max() || others_working) return cv.wait(lock);
    std::lock_guard fake(mu_);
    if (until > now_) {
      waits.push_back(Secs(until - now_));
      now_ = until;
    }
  }
  sach::Result<sach::Fetched> Fetch(const std::string& url, const sach::FetchOptions& o) override {
    std::unique_lock lock(mu_);
    calls.push_back({Secs(now_ - start_), url, !o.etag.empty() || !o.last_modified.empty(), static_cast<int>(o.retries)});
    ++in_flight_;
    max_in_flight = std::max(max_in_flight, in_flight_);
    if (hold_articles && url.find("/tin-tuc/") != std::string::npos) {
      // Held until `hold_articles` article requests are in flight together
      // (a real-time guard: a crawler that never overlaps them fails, not hangs).
      ++held_;
      ++holding_;
      cv_.notify_all();
      WakeWorkers(lock);
      cv_.wait_for(lock, 10s, [&] { return held_ >= hold_articles; });
      --holding_;
    }
    --in_flight_;
    auto it = pages.find(url);
    Page page = it == pages.end() ? Page{404, ""} : it->second;
    std::string final_url = url;
    for (int hops = 0; !page.location.empty() && hops < 5; ++hops) {
      final_url = page.location;
      auto to = pages.find(final_url);
      page = to == pages.end() ? Page{404, ""} : to->second;
      lock.unlock();
      if (o.allow_redirect)
        if (sach::Status st = o.allow_redirect(final_url); !st) return sach::Fail("redirect refused: " + st.error().message);
      lock.lock();
      calls.push_back({Secs(now_ - start_), final_url, false, static_cast<int>(o.retries)});
    }
    lock.unlock();
    if (on_fetch) on_fetch(url);
    if (page.status >= 500 && o.wait) {
      // Retried as sach::Fetch does: each backoff through the caller's wait.
      for (int i = 0; i < o.retries; ++i) {
        auto backoff = std::chrono::milliseconds(o.backoff_ms << i);
        {
          std::lock_guard again(mu_);
          retry_waits.push_back(backoff.count() / 1000.0);
        }
        if (!o.wait(backoff))
          return sach::Error{"stopped before retry " + std::to_string(i + 1), sach::ErrorCode::kStopped, page.status};
        std::lock_guard again(mu_);
        retried_at.push_back(Secs(now_ - start_));
      }
    }
    return Answer(final_url, page, o);
  }

  double Elapsed() {
    std::lock_guard lock(mu_);
    return Secs(now_ - start_);
  }
  int Count(const std::string& path) const {
    int n = 0;
    for (const Call& c : calls) n += c.url == kBase + path;
    return n;
  }

  std::map<std::string, Page> pages;
  std::vector<Call> calls;
  std::vector<double> waits;  // every politeness wait, seconds
  std::vector<double> retry_waits, retried_at;  // backoffs asked for; when each retry started
  int max_in_flight = 0, hold_articles = 0;
  std::atomic<int> pass_waits{0};
  std::function<void(const std::string& url)> on_fetch;  // called after each request is noted
  std::function<void()> on_pass_wait;

 private:
  static double Secs(Clock::duration d) { return std::chrono::duration<double>(d).count(); }
  // A held request no longer counts as work in progress: a worker waiting for
  // it (WaitUntil) must look again. Notified under the crawler's own mutex,
  // so a worker between its look and its wait cannot miss it; `mu_` is let go
  // meanwhile (WaitUntil takes the crawler's mutex first, then `mu_`).
  void WakeWorkers(std::unique_lock<std::mutex>& lock) {
    std::condition_variable* cv = worker_cv_;
    std::mutex* mu = worker_mu_;
    if (!cv || !mu) return;
    lock.unlock();
    {
      std::lock_guard worker(*mu);
      cv->notify_all();
    }
    lock.lock();
  }
  void Advance(Clock::duration d) {
    std::lock_guard lock(mu_);
    waits.push_back(Secs(d));
    now_ += d;
  }
  static std::string ETag(const std::string& body) {
    return std::string(1, '"').append(std::to_string(std::hash<std::string>{}(body))).append(1, '"');
  }
  // As sach::Fetch answers: an error line for a failure, 304 to matching validators.
  static sach::Result<sach::Fetched> Answer(const std::string& url, const Page& p, const sach::FetchOptions& o) {
    if (p.status >= 500) return sach::Error{"HTTP " + std::to_string(p.status) + " after 2 attempts", sach::ErrorCode::kHttp, p.status};
    if (p.status != 200) return sach::Error{"HTTP " + std::to_string(p.status), sach::ErrorCode::kHttp, p.status};
    sach::Fetched f{.url = url, .body = {}, .charset = "utf-8", .etag = ETag(p.body), .last_modified = kLastModified,
                    .status = 200, .attempts = 1};
    if (!o.etag.empty() && o.etag == f.etag) {
      f.status = 304;
      f.not_modified = true;
    } else {
      f.body = p.body;
    }
    return f;
  }

  std::mutex mu_;
  std::condition_variable cv_;
  Clock::time_point start_, now_;
  int in_flight_ = 0, held_ = 0, holding_ = 0;  // holding_: requests waiting in the hold now
  std::condition_variable* worker_cv_ = nullptr;  // the crawler's, as WaitUntil last saw them
  std::mutex* worker_mu_ = nullptr;
};

std::string Sample(const std::string& name) { return Slurp(fs::path(SACH_SOURCE_DIR "/samples/html") / name / "input.html"); }

std::string Links(const std::vector<std::string>& hrefs) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Tin tức</title></head>"
                     "<body><h1>Tin tức</h1><ul>\n";
  for (const std::string& h : hrefs) html += "<li><a href=\"" + h + "\">Bài " + h + "</a></li>\n";
  return html + "</ul></body></html>\n";
}

std::string Sitemap(const std::string& vtv_lastmod) {
  std::string urls;
  for (auto [name, lastmod] : {std::pair{"vtv", vtv_lastmod}, {"baochinhphu", "2024-09-02"}})
    urls += "<url><loc>" + kBase + "/tin-tuc/" + name + ".html</loc><lastmod>" + lastmod + "</lastmod></url>\n";
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n" +
         urls + "</urlset>\n";
}

// The site of crawl_server.py without its faults, plus one page that is gone.
void BuildSite(FakeIo& io) {
  auto& p = io.pages;
  p[kBase + "/robots.txt"] = {200, "User-agent: *\nDisallow: /private/\n"};
  p[kBase + "/tin-tuc"] = {200, Links({"/tin-tuc/baocantho.html", "/tin-tuc/baochinhphu.html", "/tin-tuc/gone.html",
                                       "/private/secret.html", "http://localhost:9/tin-tuc/offsite.html", "/lien-he",
                                       "/tin-tuc?trang=2"})};
  p[kBase + "/tin-tuc?trang=2"] = {200, Links({"/tin-tuc/baotintuc.html", "/tin-tuc/baocantho.html", "/tin-tuc?trang=3"})};
  p[kBase + "/tin-tuc?trang=3"] = {200, Links({"/tin-tuc/deep.html"})};
  p[kBase + "/rss.xml"] = {200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Tin</title>"
                                "<link>" + kBase + "/tin-tuc</link>"
                                "<item><title>A</title><link>" + kBase + "/tin-tuc/vietnamplus.html</link></item>"
                                "<item><title>B</title><link>" + kBase + "/tin-tuc/vtcnews.html</link></item>"
                                "<item><title>C</title><link>" + kBase + "/tin-tuc/baocantho.html</link></item>"
                                "</channel></rss>\n"};
  p[kBase + "/sitemap.xml"] = {200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps"
                                    ".org/schemas/sitemap/0.9\"><sitemap><loc>" + kBase + "/sitemap-news.xml</loc>"
                                    "</sitemap></sitemapindex>\n"};
  p[kBase + "/sitemap-news.xml"] = {200, Sitemap("2024-09-02")};
  p[kBase + "/lien-he"] = {200, Links({})};
  p[kBase + "/private/secret.html"] = {200, Sample("vtv")};
  p[kBase + "/tin-tuc/gone.html"] = {404, ""};
  for (const char* name : {"baocantho", "baochinhphu", "baotintuc", "vietnamplus", "vtcnews", "vtv"})
    p[kBase + "/tin-tuc/" + name + ".html"] = {200, Sample(name)};
  p[kBase + "/tin-tuc/deep.html"] = {200, Sample("vtv")};
}

// The six articles reachable at max_depth 1 (deep.html is one page further).
const std::set<std::string> kArticles = {"baocantho", "baochinhphu", "baotintuc", "vietnamplus", "vtcnews", "vtv"};

sach::CrawlConfig Config(const std::string& extra = "") {
  std::string toml = "[crawl]\nworkers = 2\ninterval_minutes = 1\n[defaults]\ndelay_seconds = 2\nmax_depth = 1\n"
                     "[[site]]\nname = \"test\"\nstart = [\"" + kBase + "/tin-tuc\", \"" + kBase + "/rss.xml\", \"" +
                     kBase + "/sitemap.xml\"]\narticles = ['\\.html$']\n"
                     "listings = ['/tin-tuc\\?trang=\\d+$', '/sitemap[^/]*\\.xml$']\n" + extra;
  auto c = sach::CrawlConfig::Parse(toml, "fake.toml");
  REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().message));
  return std::move(*c);
}

// A fresh output folder, removed afterwards.
struct Out {
  fs::path dir;
  explicit Out(const std::string& name) {
    dir = fs::temp_directory_path() / ("sach-crawl-fake-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(dir);
  }
  ~Out() { fs::remove_all(dir); }
  sach::CrawlOptions Options(FakeIo& io) const {
    sach::CrawlOptions o;
    o.out_dir = dir.string();
    o.progress = sach::CrawlOptions::Progress::kLines;
    o.io = &io;
    return o;
  }
  std::map<std::string, std::string> Articles() const {
    std::map<std::string, std::string> files;
    for (auto& e : fs::recursive_directory_iterator(dir))
      if (e.is_regular_file() && e.path().extension() == ".txt") files[fs::relative(e.path(), dir).string()] = Slurp(e.path());
    return files;
  }
  std::vector<nlohmann::json> Index() const {
    std::vector<nlohmann::json> lines;
    std::istringstream in(Slurp(dir / "index.jsonl"));
    for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
    return lines;
  }
};

// The crawler's log lines, kept instead of printed while it lives.
struct LogCapture {
  std::ostringstream text;
  std::shared_ptr<spdlog::logger> old = spdlog::default_logger();
  LogCapture() {
    auto logger = std::make_shared<spdlog::logger>("capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(text));
    logger->set_level(spdlog::level::info);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(old); }
};

sach::CrawlSummary Pass(FakeIo& io, const Out& out, const sach::CrawlConfig& config) {
  auto s = sach::CrawlOnce(config, TestRules(), out.Options(io));
  REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().message));
  return *s;
}

// Politeness on the fake timeline: one host, one request at a time, each
// started at least `delay` after the one before.
void CheckPaced(const std::vector<Call>& calls, double delay) {
  for (std::size_t i = 1; i < calls.size(); ++i)
    CHECK_MESSAGE(calls[i].time - calls[i - 1].time >= delay - 1e-9, calls[i - 1].url << " then " << calls[i].url);
}

}  // namespace

TEST_CASE("crawl: requests to one host are delay_seconds apart on the clock, robots.txt first and obeyed") {
  FakeIo io;
  BuildSite(io);
  Out out("paced");
  LogCapture log;
  sach::CrawlSummary s = Pass(io, out, Config());
  REQUIRE(io.calls.size() > 10);
  CHECK(io.calls.front().url == kBase + "/robots.txt");
  CheckPaced(io.calls, 2.0);
  // Every wait the crawler made was on the fake clock, and they add up.
  CHECK_FALSE(io.waits.empty());
  CHECK(io.Elapsed() >= 2.0 * (io.calls.size() - 1) - 1e-9);
  std::set<std::string> asked;
  for (const Call& c : io.calls) CHECK_MESSAGE(asked.insert(c.url).second, "asked twice: " << c.url);
  CHECK(io.Count("/private/secret.html") == 0);  // robots.txt disallows it
  CHECK(io.Count("/lien-he") == 0);               // neither an article nor a listing
  CHECK(io.Count("/tin-tuc?trang=3") == 0);       // beyond max_depth 1
  for (const Call& c : io.calls) CHECK_MESSAGE(c.url.rfind(kBase, 0) == 0, "another host: " << c.url);
  std::set<std::string> written;
  for (auto& [path, text] : out.Articles()) written.insert(fs::path(path).stem().string());
  CHECK(written == kArticles);
  CHECK(s.total.new_articles == 6);
  CHECK(s.total.failed == 1);  // gone.html
  CHECK(log.text.str().find(kBase + "/tin-tuc/gone.html: HTTP 404") != std::string::npos);
}

// A crawl after one whole pass over the fake site: what the next pass sees.
struct AfterFirstPass {
  FakeIo io;
  Out out;
  LogCapture log;
  sach::CrawlConfig config = Config();
  std::map<std::string, std::string> before;  // the articles the first pass wrote
  explicit AfterFirstPass(const std::string& name) : out(name) {
    BuildSite(io);
    Pass(io, out, config);
    before = out.Articles();
  }
};

TEST_CASE("crawl: a second pass asks with validators, gets 304s and writes nothing") {
  AfterFirstPass first("again");
  auto& [io, out, log, config, before] = first;
  std::string index_before = Slurp(out.dir / "index.jsonl");
  REQUIRE(before.size() == kArticles.size());
  io.calls.clear();

  sach::CrawlSummary again = Pass(io, out, config);
  CHECK(again.total.failed == 0);  // the page that always 404s is tried again: known dead, not a failure
  CHECK(again.total.dead == 1);
  CHECK(io.Count("/tin-tuc/gone.html") == 1);
  CHECK(out.Articles() == before);
  CHECK(Slurp(out.dir / "index.jsonl") == index_before);
  int conditional = 0;
  for (const Call& c : io.calls) {
    if (c.url == kBase + "/tin-tuc/gone.html") continue;
    // Listing pages, the feed and the sitemaps; no finished article again.
    CHECK_MESSAGE(c.cond, c.url);
    CHECK(c.url.find(".html") == std::string::npos);
    ++conditional;
  }
  CHECK(conditional == 5);  // /tin-tuc, ?trang=2, /rss.xml, /sitemap.xml, /sitemap-news.xml
  CHECK(again.total.unchanged == 5);
  CHECK(again.total.fetched == 0);
  CHECK(again.total.new_articles == 0);
  CHECK(io.Count("/robots.txt") == 0);  // kept a day in the state
  CheckPaced(io.calls, 2.0);
}

TEST_CASE("crawl: an unreachable robots.txt (503) stops the host for the pass, a missing one (404) allows all") {
  sach::CrawlConfig config = Config();
  config.sites[0].max_pages = 3;
  {
    FakeIo io;
    BuildSite(io);
    io.pages[kBase + "/robots.txt"] = {503, ""};
    Out out("robots503");
    LogCapture log;
    sach::CrawlSummary s = Pass(io, out, config);
    CHECK(s.total.failed == 0);  // nothing failed: the host was left alone
    CHECK(log.text.str().find("robots.txt: unreachable") != std::string::npos);
    REQUIRE(io.calls.size() == 1);
    CHECK(io.calls[0].url == kBase + "/robots.txt");
    CHECK(io.calls[0].retries <= 1);  // retried once at most, not the usual retries
    Pass(io, out, config);
    CHECK(io.Count("/robots.txt") == 2);  // asked again on the next pass, not kept a day
    for (const Call& c : io.calls) CHECK_MESSAGE(c.url == kBase + "/robots.txt", c.url);
  }
  FakeIo io;
  BuildSite(io);
  io.pages[kBase + "/robots.txt"] = {404, ""};
  io.pages[kBase + "/tin-tuc"].body = Links({"/private/secret.html"});
  Out out("robots404");
  LogCapture log;
  config.sites[0].max_pages = 40;
  Pass(io, out, config);
  CHECK(io.Count("/private/secret.html") == 1);  // no robots.txt: nothing is disallowed
  CHECK(log.text.str().find("unreachable") == std::string::npos);
}

TEST_CASE("crawl: an article whose sitemap date moves is asked again, changed text is rewritten in place") {
  AfterFirstPass first("edition");
  auto& [io, out, log, config, before] = first;
  std::string vtv_path;
  for (auto& [path, text] : before)
    if (fs::path(path).stem() == "vtv") vtv_path = path;
  REQUIRE_FALSE(vtv_path.empty());
  // Edition 2: the article's lead changes and its sitemap date moves.
  std::string& vtv = io.pages[kBase + "/tin-tuc/vtv.html"].body;
  std::string old_lead = "vẫn chưa thể triển khai.";
  std::string new_lead = "vẫn chưa thể triển khai (cập nhật lần 2).";
  REQUIRE(vtv.find(old_lead) != std::string::npos);
  for (std::size_t at; (at = vtv.find(old_lead)) != std::string::npos;) vtv.replace(at, old_lead.size(), new_lead);
  io.pages[kBase + "/sitemap-news.xml"].body = Sitemap("2024-09-03");
  io.calls.clear();

  sach::CrawlSummary s = Pass(io, out, config);
  std::map<std::string, std::string> after = out.Articles();
  CHECK(after.size() == before.size());  // rewritten in place, no second file
  CHECK(after[vtv_path].find(new_lead) != std::string::npos);
  for (auto& [path, text] : before)
    if (path != vtv_path) CHECK_MESSAGE(after[path] == text, path);
  // Asked with its validators (the ETag no longer matches), once.
  CHECK(io.Count("/tin-tuc/vtv.html") == 1);
  for (const Call& c : io.calls)
    if (c.url == kBase + "/tin-tuc/vtv.html") CHECK(c.cond);
  CHECK(s.total.changed == 1);
  CHECK(io.Count("/tin-tuc/baochinhphu.html") == 0);  // its date did not move
  std::vector<nlohmann::json> index = out.Index();
  REQUIRE_FALSE(index.empty());
  CHECK(index.back()["status"] == "changed");
  CHECK(index.back()["path"] == vtv_path);
  CheckPaced(io.calls, 2.0);
}

TEST_CASE("crawl: an article served under several URLs is written once, over three passes") {
  FakeIo io;
  auto& p = io.pages;
  p[kBase + "/robots.txt"] = {200, "User-agent: *\nAllow: /\n"};
  // Each article under a second URL: a trailing slash (same text, no
  // canonical link), a tracking tag, an old slug that redirects, a print
  // page naming its article by <link rel=canonical>, a fresh session id on
  // every visit of the listing.
  p[kBase + "/tin-tuc/bai-a"] = p[kBase + "/tin-tuc/bai-a/"] = {200, Sample("vtv")};
  p[kBase + "/tin-tuc/bai-b"] = p[kBase + "/tin-tuc/bai-b?utm_source=rss&utm_medium=feed"] = {200, Sample("vtcnews")};
  p[kBase + "/tin-tuc/bai-c"] = {200, Sample("baocantho")};
  p[kBase + "/tin-tuc/cu-c"] = {301, "", kBase + "/tin-tuc/bai-c"};
  std::string e = Sample("baochinhphu");
  e.insert(e.find("<head>") + 6, "<link rel=\"canonical\" href=\"" + kBase + "/tin-tuc/bai-e\">");
  p[kBase + "/tin-tuc/bai-e"] = p[kBase + "/tin-tuc/in/bai-e"] = {200, e};
  p[kBase + "/tin-tuc/bai-d"] = {200, Sample("baotintuc")};
  int visit = 0;
  auto listing = [&] {
    std::string sid = "sid=" + std::to_string(1000 + ++visit);
    p[kBase + "/tin-tuc/bai-d?" + sid] = p[kBase + "/tin-tuc/bai-d"];
    p[kBase + "/tin-tuc"] = {200, Links({"/tin-tuc/bai-a/", "/tin-tuc/bai-a", "/tin-tuc/bai-b?utm_source=rss&utm_medium=feed",
                                         "/tin-tuc/cu-c", "/tin-tuc/bai-c", "/tin-tuc/in/bai-e", "/tin-tuc/bai-e",
                                         "/tin-tuc/bai-d?" + sid, "/tin-tuc/bai-b"})};
  };
  auto config = sach::CrawlConfig::Parse("[defaults]\ndelay_seconds = 1\nmax_depth = 1\n"
                                         "drop_params = [\"utm_*\", \"sid\"]\n[[site]]\nname = \"test\"\n"
                                         "start = [\"" + kBase + "/tin-tuc\"]\narticles = ['/tin-tuc/.']\n",
                                         "dup.toml");
  REQUIRE(config.ok());
  Out out("duplicates");
  LogCapture log;
  std::vector<std::size_t> calls_per_pass;
  for (int pass = 0; pass < 3; ++pass) {
    listing();
    io.calls.clear();
    sach::CrawlSummary s = Pass(io, out, *config);
    CHECK(s.total.failed == 0);
    calls_per_pass.push_back(io.calls.size());
    for (const Call& c : io.calls) {
      CHECK_MESSAGE(c.url.find("utm_") == std::string::npos, c.url);
      CHECK_MESSAGE(c.url.find("sid=") == std::string::npos, c.url);
    }
    if (pass > 0)  // the listing only: every other URL is a known article or an alias
      for (const Call& c : io.calls) CHECK_MESSAGE(c.url == kBase + "/tin-tuc", "pass " << pass + 1 << ": " << c.url);
  }
  std::map<std::string, std::string> files = out.Articles();
  std::set<std::string> stems;
  for (auto& [path, text] : files) stems.insert(fs::path(path).stem().string());
  CHECK(stems == std::set<std::string>{"bai-a", "bai-b", "bai-c", "bai-d", "bai-e"});
  std::vector<nlohmann::json> index = out.Index();
  CHECK(index.size() == 5);
  std::set<std::string> urls;
  for (auto& line : index) {
    CHECK(line["status"] == "new");
    urls.insert(line["url"].get<std::string>());
  }
  INFO("index urls: " << [&] { std::string all; for (auto& u : urls) all += u + " "; return all; }());
  // The first URL asked keeps the article: here the one with the slash.
  CHECK(urls == std::set<std::string>{kBase + "/tin-tuc/bai-a/", kBase + "/tin-tuc/bai-b", kBase + "/tin-tuc/bai-c",
                                      kBase + "/tin-tuc/bai-d", kBase + "/tin-tuc/bai-e"});
}

namespace {

// A pass in a child process that ends itself (as kill -9 would: no cleanup)
// right after the first article reaches `step`; true when it did.
bool CrashedPass(FakeIo& io, const Out& out, const sach::CrawlConfig& config, sach::WriteStep step) {
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid == 0) {
    sach::CrawlOptions o = out.Options(io);
    o.after_write_step = [step](sach::WriteStep s) {
      if (s == step) ::_exit(42);
    };
    (void)sach::CrawlOnce(config, TestRules(), o);
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 42;
}

// Files a crash could leave: temp files beside the articles.
int TempFiles(const fs::path& dir) {
  int n = 0;
  for (auto& e : fs::recursive_directory_iterator(dir)) n += e.path().filename().string().find(".tmp-") != std::string::npos;
  return n;
}

}  // namespace

TEST_CASE("crawl: a crash after any step of writing a new article is repaired, each article indexed once as new") {
  for (int step = 1; step <= 5; ++step) {
    CAPTURE(step);
    FakeIo io;
    BuildSite(io);
    Out out("crash-new-" + std::to_string(step));
    LogCapture log;
    sach::CrawlConfig config = Config();
    config.workers = 1;
    REQUIRE(CrashedPass(io, out, config, static_cast<sach::WriteStep>(step)));
    sach::CrawlSummary s = Pass(io, out, config);
    CHECK(TempFiles(out.dir) == 0);
    std::set<std::string> written;
    for (auto& [path, text] : out.Articles()) CHECK(written.insert(fs::path(path).stem().string()).second);
    CHECK(written == kArticles);
    std::map<std::string, int> lines;
    for (auto& line : out.Index()) {
      CHECK(line["status"] == "new");
      CHECK(fs::exists(out.dir / line["path"].get<std::string>()));
      CHECK_FALSE(line["title"].get<std::string>().empty());
      ++lines[line["url"].get<std::string>()];
    }
    CHECK(lines.size() == kArticles.size());
    for (auto& [url, n] : lines) CHECK_MESSAGE(n == 1, url);
    CHECK(s.total.changed == 0);
    // The pass after that writes nothing: everything is done.
    sach::CrawlSummary again = Pass(io, out, config);
    CHECK(again.total.new_articles + again.total.changed == 0);
    CHECK(out.Index().size() == kArticles.size());
  }
}

TEST_CASE("crawl: a crash after any step of rewriting a changed article is repaired, indexed once as changed") {
  for (int step = 1; step <= 5; ++step) {
    CAPTURE(step);
    AfterFirstPass first("crash-changed-" + std::to_string(step));
    auto& [io, out, log, config, before] = first;
    config.workers = 1;
    std::string& vtv = io.pages[kBase + "/tin-tuc/vtv.html"].body;
    const std::string old_lead = "vẫn chưa thể triển khai.", new_lead = "vẫn chưa thể triển khai (lần 2).";
    for (std::size_t at; (at = vtv.find(old_lead)) != std::string::npos;) vtv.replace(at, old_lead.size(), new_lead);
    io.pages[kBase + "/sitemap-news.xml"].body = Sitemap("2024-09-03");
    REQUIRE(CrashedPass(io, out, config, static_cast<sach::WriteStep>(step)));
    Pass(io, out, config);
    CHECK(TempFiles(out.dir) == 0);
    std::map<std::string, std::string> after = out.Articles();
    CHECK(after.size() == before.size());
    int changed = 0;
    for (auto& [path, text] : after) {
      if (fs::path(path).stem() == "vtv") CHECK(text.find(new_lead) != std::string::npos);
      else CHECK(text == before[path]);
    }
    for (auto& line : out.Index()) {
      if (line["status"] == "changed") {
        ++changed;
        CHECK(line["url"] == kBase + "/tin-tuc/vtv.html");
      }
    }
    CHECK(changed == 1);
    CHECK(out.Index().size() == kArticles.size() + 1);
  }
}

TEST_CASE("crawl: an article in the feed and the sitemap under two date formats is not asked again when the feed changes") {
  AfterFirstPass first("dates");
  auto& [io, out, log, config, before] = first;
  // baochinhphu: the sitemap says "2024-09-02"; now the feed lists it too,
  // with an RFC 822 pubDate of that day, and the feed keeps changing.
  auto feed = [&](const std::string& extra) {
    io.pages[kBase + "/rss.xml"].body =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Tin</title>"
        "<item><title>B</title><link>" + kBase + "/tin-tuc/baochinhphu.html</link>"
        "<pubDate>Mon, 02 Sep 2024 10:00:00 +0700</pubDate></item>" + extra + "</channel></rss>\n";
  };
  for (int pass = 0; pass < 3; ++pass) {
    feed("<item><title>N</title><link>" + kBase + "/tin-tuc/gone.html</link><pubDate>Tue, 0" +
         std::to_string(3 + pass) + " Sep 2024 10:00:00 +0700</pubDate></item>");
    io.calls.clear();
    Pass(io, out, config);
    CHECK_MESSAGE(io.Count("/tin-tuc/baochinhphu.html") == 0, "pass " << pass + 2);
  }
  CHECK(out.Articles() == before);
}

TEST_CASE("crawl: a dead listing fails once, is known dead after, and is given up at max_failures, such passes exit 0") {
  FakeIo io;
  BuildSite(io);
  io.pages[kBase + "/tin-tuc?trang=2"] = {404, ""};
  sach::CrawlConfig config = Config("max_failures = 2\n");
  Out out("dead");
  LogCapture log;
  sach::CrawlOptions o = out.Options(io);
  CHECK(sach::RunCrawl(config, TestRules(), o) == 1);  // trang=2 and gone.html: failures the first time
  CHECK(io.Count("/tin-tuc?trang=2") == 1);
  io.calls.clear();
  sach::CrawlSummary second = Pass(io, out, config);
  CHECK(second.total.failed == 0);
  CHECK(second.total.dead == 2);
  CHECK(io.Count("/tin-tuc?trang=2") == 1);
  CHECK(log.text.str().find("gone on an earlier pass too") != std::string::npos);
  io.calls.clear();
  CHECK(sach::RunCrawl(config, TestRules(), o) == 0);  // given up: not asked, not failures
  CHECK(io.Count("/tin-tuc?trang=2") == 0);
  CHECK(io.Count("/tin-tuc/gone.html") == 0);
  CHECK(io.Count("/tin-tuc") == 1);
}

// A site whose robots.txt asks for a Crawl-delay longer than delay_seconds,
// with a redirect and a page that always answers 503.
void BuildSlowSite(FakeIo& io) {
  auto& p = io.pages;
  p[kBase + "/robots.txt"] = {200, "User-agent: *\nCrawl-delay: 5\n"};
  p[kBase + "/tin-tuc"] = {200, Links({"/tin-tuc/bai-a", "/tin-tuc/cu-c", "/tin-tuc/busy"})};
  p[kBase + "/tin-tuc/bai-a"] = {200, Sample("vtv")};
  p[kBase + "/tin-tuc/bai-c"] = {200, Sample("baocantho")};
  p[kBase + "/tin-tuc/cu-c"] = {301, "", kBase + "/tin-tuc/bai-c"};
  p[kBase + "/tin-tuc/busy"] = {503, ""};
}

sach::CrawlConfig SlowConfig() {
  auto c = sach::CrawlConfig::Parse("[defaults]\ndelay_seconds = 2\nbackoff_seconds = 1\nretries = 2\nmax_depth = 1\n"
                                    "[[site]]\nname = \"slow\"\nstart = [\"" + kBase + "/tin-tuc\"]\n"
                                    "articles = ['/tin-tuc/.']\n", "slow.toml");
  REQUIRE(c.ok());
  return std::move(*c);
}

TEST_CASE("crawl: robots.txt's Crawl-delay paces every request, the first after it, redirect hops and retries") {
  FakeIo io;
  BuildSlowSite(io);
  Out out("crawl-delay");
  LogCapture log;
  sach::CrawlSummary s = Pass(io, out, SlowConfig());
  REQUIRE(io.calls.size() >= 5);
  CHECK(io.calls.front().url == kBase + "/robots.txt");
  CheckPaced(io.calls, 5.0);  // robots.txt, then the listing 5 s later, the hop to bai-c...
  CHECK(io.Count("/tin-tuc/bai-c") == 1);  // reached through the redirect
  REQUIRE(io.retry_waits.size() == 2);      // busy: two retries
  for (double w : io.retry_waits) CHECK(w >= 5.0);
  // Each retry starts at least the Crawl-delay after the request before it.
  double busy_at = 0;
  for (const Call& c : io.calls)
    if (c.url == kBase + "/tin-tuc/busy") busy_at = c.time;
  CHECK(io.retried_at[0] - busy_at >= 5.0);
  CHECK(io.retried_at[1] - io.retried_at[0] >= 5.0);
  CHECK(s.total.failed == 1);
}

TEST_CASE("crawl: a stop ends a page's retry waits at once, the page is left for the next pass, not failed") {
  FakeIo io;
  BuildSlowSite(io);
  Out out("stop-retries");
  LogCapture log;
  std::atomic<bool> stop{false};
  double stopped_at = -1;
  io.on_fetch = [&](const std::string& url) {
    if (url == kBase + "/tin-tuc/busy") {
      stopped_at = io.Elapsed();
      stop = true;  // a signal while the page is in trouble
    }
  };
  sach::CrawlOptions o = out.Options(io);
  o.stop = &stop;
  auto s = sach::CrawlOnce(SlowConfig(), TestRules(), o);
  REQUIRE(s.ok());
  REQUIRE(stopped_at >= 0);
  CHECK(io.Elapsed() == stopped_at);  // no wait ran after the stop: no backoff, no pacing
  CHECK(io.retried_at.empty());
  CHECK(s->total.failed == 0);
  CHECK(s->queued_left >= 1);
  CHECK(log.text.str().find("unfinished " + kBase + "/tin-tuc/busy") != std::string::npos);
  // The next pass asks for it again (and it fails then, on its own).
  stop = false;
  io.on_fetch = nullptr;
  io.calls.clear();
  auto again = sach::CrawlOnce(SlowConfig(), TestRules(), o);
  REQUIRE(again.ok());
  CHECK(io.Count("/tin-tuc/busy") == 1);
  CHECK(again->total.failed == 1);
}

TEST_CASE("crawl: a soft 404 (200, a page saying it is not there) is recorded as gone, never written as an article") {
  FakeIo io;
  BuildSite(io);
  io.pages[kBase + "/tin-tuc/gone.html"] = {200, "<html><head><title>Không tìm thấy trang</title></head><body>"
                                                 "<h1>Không tìm thấy trang</h1><p>Trang bạn yêu cầu đã bị xóa.</p>"
                                                 "<p><a href=\"/\">Về trang chủ</a></p></body></html>"};
  Out out("soft404");
  LogCapture log;
  sach::CrawlSummary first = Pass(io, out, Config());
  CHECK(first.total.failed == 1);  // said once, as a 404 is
  CHECK(first.total.new_articles == 6);
  for (auto& [path, text] : out.Articles()) CHECK(fs::path(path).stem() != "gone");
  for (auto& line : out.Index()) CHECK(line["url"] != kBase + "/tin-tuc/gone.html");
  CHECK(log.text.str().find("soft 404") != std::string::npos);
  sach::CrawlSummary second = Pass(io, out, Config());
  CHECK(second.total.failed == 0);
  CHECK(second.total.dead == 1);  // known dead now
}

TEST_CASE("crawl: concurrency 2 lets two requests to one host overlap, still delay_seconds apart") {
  FakeIo io;
  BuildSite(io);
  io.hold_articles = 2;  // each article request waits until the other one is in flight too
  Out out("overlap");
  LogCapture log;
  sach::CrawlConfig config = Config("concurrency = 2\nmax_pages = 3\n");
  config.sites[0].start = {kBase + "/tin-tuc"};
  config.sites[0].max_depth = 0;
  sach::CrawlSummary s = Pass(io, out, config);
  CHECK(s.total.new_articles == 2);
  CHECK(s.total.failed == 0);
  CHECK(io.max_in_flight == 2);
  std::vector<double> articles;
  for (const Call& c : io.calls)
    if (c.url.find("/tin-tuc/") != std::string::npos) articles.push_back(c.time);
  REQUIRE(articles.size() == 2);
  CHECK(articles[1] - articles[0] >= 2.0 - 1e-9);
  CheckPaced(io.calls, 2.0);
}

TEST_CASE("crawl: a looping crawl holds its state between passes, a second crawl is refused with its own exit code") {
  LogCapture log;
  sach::CrawlConfig config = Config();
  FakeIo io, other_io;
  BuildSite(io);
  BuildSite(other_io);
  Out out("locked");
  std::atomic<bool> stop{false};
  int refused = -1;
  io.on_pass_wait = [&] {
    // Between the looping crawl's passes: a --once crawl of the same state.
    sach::CrawlOptions once = out.Options(other_io);
    refused = sach::RunCrawl(config, TestRules(), once);
    stop = true;
  };
  sach::CrawlOptions o = out.Options(io);
  o.once = false;
  o.stop = &stop;
  sach::RunCrawl(config, TestRules(), o);
  CHECK(refused == sach::kCrawlLocked);
  CHECK(other_io.calls.empty());
  CHECK(log.text.str().find("another crawl is using this state") != std::string::npos);
  // Once the loop has ended, the state is free.
  CHECK(sach::RunCrawl(config, TestRules(), out.Options(other_io)) != sach::kCrawlLocked);
}

TEST_CASE("crawl: a stop ends the pass after the pages in flight, and ends the wait between passes") {
  LogCapture log;
  sach::CrawlConfig config = Config();
  SUBCASE("stopped during a pass") {
    FakeIo io;
    BuildSite(io);
    Out out("stop");
    std::atomic<bool> stop{false};
    int articles = 0;
    io.on_fetch = [&](const std::string& url) {
      if (url.find("/tin-tuc/") != std::string::npos && ++articles == 2) stop = true;  // a signal, mid-request
    };
    sach::CrawlOptions o = out.Options(io);
    o.stop = &stop;
    auto s = sach::CrawlOnce(config, TestRules(), o);
    REQUIRE(s.ok());
    CHECK(articles == 2);  // no request started after the stop (one worker per host)
    CHECK(s->total.new_articles == 2);  // the page in flight was finished and recorded
    CHECK(s->queued_left > 0);
    std::vector<nlohmann::json> index = out.Index();
    CHECK(index.size() == 2);
    for (auto& line : index) CHECK(fs::exists(out.dir / line["path"].get<std::string>()));
    // A later pass takes the queued articles and nothing twice.
    stop = false;
    REQUIRE(sach::CrawlOnce(config, TestRules(), o).ok());
    CHECK(out.Index().size() == kArticles.size());
    for (const std::string& name : kArticles) CHECK_MESSAGE(io.Count("/tin-tuc/" + name + ".html") == 1, name);
  }
  SUBCASE("passes repeat every interval until a stop ends the wait") {
    FakeIo io;
    BuildSite(io);
    Out out("passes");
    std::atomic<bool> stop{false};
    io.on_pass_wait = [&] {
      if (io.pass_waits == 2) stop = true;  // a signal during the second wait
    };
    sach::CrawlOptions o = out.Options(io);
    o.once = false;
    o.stop = &stop;
    CHECK(sach::RunCrawl(config, TestRules(), o) == 1);  // gone.html failed
    CHECK(io.pass_waits == 2);
    CHECK(io.Count("/tin-tuc") == 2);  // two passes, no third after the stop
    CHECK(io.Elapsed() >= 60);        // a pass every interval_minutes (1)
    // Stopped before it starts: no request, no wait.
    std::size_t asked = io.calls.size();
    CHECK(sach::RunCrawl(config, TestRules(), o) == 0);
    CHECK(io.calls.size() == asked);
    CHECK(io.pass_waits == 2);
  }
}

TEST_CASE("crawl: the real wait between passes ends soon after the stop flag is set") {
  std::atomic<bool> stop{false};
  std::thread signal([&] {
    std::this_thread::sleep_for(50ms);
    stop = true;
  });
  // An hour unless the flag ends it (ctest's timeout guards a hang).
  sach::RealCrawlIo().SleepUnlessStopped(1h, &stop);
  signal.join();
  CHECK(stop.load());
  sach::RealCrawlIo().SleepUnlessStopped(1h, &stop);  // already set: returns at once
}

TEST_CASE("crawl: --keep-raw keeps each article page as fetched with its URL, and cleaning it again gives the article") {
  FakeIo io;
  BuildSite(io);
  Out out("keep-raw");
  LogCapture log;
  sach::CrawlOptions o = out.Options(io);
  const fs::path raw = out.dir / "raw";
  o.keep_raw = raw.string();
  auto s = sach::CrawlOnce(Config(), TestRules(), o);
  REQUIRE(s.ok());
  REQUIRE(s->total.new_articles == 6);
  std::map<std::string, std::string> written;  // article name -> its file's text
  for (auto& [path, text] : out.Articles())
    if (path.rfind("raw/", 0) != 0) written[fs::path(path).stem().string()] = text;
  int kept = 0;
  for (auto& e : fs::recursive_directory_iterator(raw)) kept += e.is_regular_file();
  CHECK(kept == 6);  // the articles only: no listing, feed, sitemap or robots.txt
  for (const std::string& name : kArticles) {
    INFO(name);
    auto doc = sach::ReadDocument((raw / "127.0.0.1-9" / "tin-tuc" / (name + ".html.gz")).string());
    REQUIRE(doc.ok());
    CHECK(doc->bytes == Sample(name));
    CHECK(doc->url == kBase + "/tin-tuc/" + name + ".html");
    CHECK(doc->charset == "utf-8");
    auto again = sach::Clean(*doc, TestRules());
    REQUIRE(again.ok());
    CHECK(sach::FormatText(again->article) == written[name]);
  }
}

namespace {

// A site of eight articles on one template: a menu, and under each article a
// slogan that reads like its last paragraph. Bodies: samples' paragraphs.
const std::string kSiteSlogan =
    "Cổng thông tin là kênh thông tin chính thức của ngành, đề nghị ghi rõ nguồn khi sử dụng lại thông tin từ trang "
    "này.";

std::vector<std::string> BodyOf(const std::string& sample) {
  std::string text = Slurp(fs::path(SACH_SOURCE_DIR "/samples") / sample / "expected.txt");
  text = text.substr(text.find("\n---\n", 3) + 5);
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line) && out.size() < 3;)
    if (!line.empty()) out.push_back(line);
  return out;
}

// Serves `pages` on the fake site as /tin-tuc/bai-N.html (N from `first`),
// listed in order on /tin-tuc, robots.txt allowing all.
void ServeSite(FakeIo& io, const std::vector<std::string>& pages, int first) {
  std::vector<std::string> hrefs;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const std::string href = "/tin-tuc/bai-" + std::to_string(first + static_cast<int>(i)) + ".html";
    io.pages[kBase + href] = {200, pages[i]};
    hrefs.push_back(href);
  }
  io.pages[kBase + "/robots.txt"] = {200, "User-agent: *\n"};
  io.pages[kBase + "/tin-tuc"] = {200, Links(hrefs)};
}

std::vector<std::vector<std::string>> BuildTemplateSite(FakeIo& io) {
  std::vector<std::vector<std::string>> bodies;
  std::vector<std::string> pages;
  int n = 0;
  for (const char* sample : {"html/baocantho", "html/baochinhphu", "html/baotintuc", "html/vietnamplus",
                             "html/vtcnews", "html/vtv", "dumps/000_17fa29c206418ba5", "md/bocongan-1"}) {
    std::vector<std::string> body = BodyOf(sample);
    std::string html = "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Bài " +
                       std::to_string(n) + "</title></head><body><nav><a href=\"/\">Trang chủ</a> <a href=\"/tin-tuc\">"
                       "Tin tức</a></nav><article><h1>Bài số " + std::to_string(n) + "</h1>\n";
    for (const std::string& p : body) html += "<p>" + p + "</p>\n";
    html += "<p>" + kSiteSlogan + "</p>\n</article><footer>Địa chỉ: 1 Phố Chính</footer></body></html>\n";
    ++n;
    pages.push_back(html);
    bodies.push_back(body);
  }
  ServeSite(io, pages, 0);
  return bodies;
}

}  // namespace

TEST_CASE("crawl: a site's template is learned as its articles arrive, kept in the state, and applied from the third page on") {
  FakeIo io;
  const std::vector<std::vector<std::string>> bodies = BuildTemplateSite(io);
  Out out("template");
  LogCapture log;
  std::string toml = "[crawl]\nworkers = 1\n[defaults]\ndelay_seconds = 1\nmax_depth = 1\n[[site]]\nname = \"tmpl\"\n"
                     "start = [\"" + kBase + "/tin-tuc\"]\narticles = ['\\.html$']\n";
  auto config = sach::CrawlConfig::Parse(toml, "fake.toml");
  REQUIRE(config.ok());
  // Two passes on one state: the listing and two articles (robots.txt is not
  // counted), then the rest.
  config->sites[0].max_pages = 3;
  Pass(io, out, *config);
  CHECK(out.Articles().size() == 2);
  config->sites[0].max_pages = 40;
  Pass(io, out, *config);
  std::map<std::string, std::string> articles = out.Articles();
  REQUIRE(articles.size() == 8);
  int with_slogan = 0;
  for (const auto& [path, text] : articles) {
    with_slogan += text.find(kSiteSlogan) != std::string::npos;
    const int n = std::stoi(path.substr(path.rfind("bai-") + 4));
    for (const std::string& p : bodies[static_cast<std::size_t>(n)]) CHECK_MESSAGE(text.find(p) != std::string::npos, path);
  }
  CHECK(with_slogan == 2);  // the first two, cleaned before a template could be learned
  // The state holds the template, the slogan in it, as TOML.
  auto state = sach::CrawlState::Open((out.dir / ".sach-crawl.sqlite").string());
  REQUIRE(state.ok());
  auto saved = state->GetTemplate("tmpl");
  REQUIRE(saved.ok());
  REQUIRE(saved->has_value());
  CHECK((*saved)->find("pages = 8") != std::string::npos);
  CHECK((*saved)->find(kSiteSlogan) != std::string::npos);
  // learn_template = false: the generic cleaner only, the slogan on every article.
  Out plain("template-off");
  auto off = sach::CrawlConfig::Parse(toml + "learn_template = false\n", "fake.toml");
  REQUIRE(off.ok());
  Pass(io, plain, *off);
  int plain_slogans = 0;
  for (const auto& [path, text] : plain.Articles()) plain_slogans += text.find(kSiteSlogan) != std::string::npos;
  CHECK(plain_slogans == 8);
}

namespace {

// `html` with the inside of the first element whose start tag holds `attr`
// replaced by `inner` (elements of the same tag nested in it are counted).
std::string ReplaceInner(const std::string& html, const std::string& attr, const std::string& inner) {
  const std::size_t at = html.find(attr);
  REQUIRE(at != std::string::npos);
  const std::size_t open = html.rfind('<', at);
  const std::string tag = html.substr(open + 1, html.find_first_of(" >", open) - open - 1);
  const std::size_t start = html.find('>', at) + 1;
  std::size_t pos = start;
  for (int depth = 1;;) {
    const std::size_t next_open = html.find("<" + tag, pos), next_close = html.find("</" + tag, pos);
    REQUIRE(next_close != std::string::npos);
    if (next_open < next_close) {
      ++depth, pos = next_open + 1;
    } else if (--depth == 0) {
      return html.substr(0, start) + inner + html.substr(next_close);
    } else {
      pos = next_close + 1;
    }
  }
}

std::string HtmlEscaped(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : std::string(1, c);
  return out;
}

// The samples' article paragraphs of 8 words or more (no captions, no
// datelines), in sample order: other articles' bodies for the pages below.
std::vector<std::string> SampleParagraphs() {
  std::vector<std::string> out;
  std::vector<fs::path> expected;
  for (auto& e : fs::recursive_directory_iterator(SACH_SOURCE_DIR "/samples"))
    if (e.path().filename() == "expected.txt") expected.push_back(e.path());
  std::sort(expected.begin(), expected.end());
  for (const fs::path& p : expected) {
    std::string text = Slurp(p);
    std::istringstream in(text.substr(text.find("\n---\n", 3) + 5));
    for (std::string line; std::getline(in, line);)
      if (std::count(line.begin(), line.end(), ' ') >= 7) {
        // The cleaner folds no-break spaces to spaces: the wanted text too.
        for (std::size_t at; (at = line.find("\u00a0")) != std::string::npos;) line.replace(at, 2, " ");
        out.push_back(line);
      }
  }
  return out;
}

// Thirty pages on one host: the first fifteen are baocantho.com.vn's real
// page (its menus, sidebars, "most read" boxes and footer kept), the last
// fifteen baochinhphu.vn's (a redesign), each with its article element's
// inside replaced by three paragraphs no other page has. Listed in order on
// two listing pages.
std::vector<std::vector<std::string>> BuildRealTemplateSite(FakeIo& io) {
  const std::vector<std::string> paragraphs = SampleParagraphs();
  REQUIRE(paragraphs.size() >= 90);
  const std::string cantho = Slurp(SACH_SOURCE_DIR "/samples/html/baocantho/input.html");
  const std::string chinhphu = ReplaceInner(Slurp(SACH_SOURCE_DIR "/samples/html/baochinhphu/input.html"),
                                            "class=\"detail-sapo\"", "");
  std::vector<std::vector<std::string>> bodies;
  std::vector<std::string> pages;
  for (int i = 0; i < 30; ++i) {
    std::vector<std::string> body(paragraphs.begin() + 3 * i, paragraphs.begin() + 3 * i + 3);
    std::string inner;
    for (const std::string& p : body) inner += "<p>" + HtmlEscaped(p) + "</p>\n";
    pages.push_back(i < 15 ? ReplaceInner(cantho, "id=\"newscontents\"", inner)
                           : ReplaceInner(chinhphu, "class=\"detail-content ", inner));
    bodies.push_back(body);
  }
  ServeSite(io, pages, 100);
  return bodies;
}

}  // namespace

TEST_CASE("crawl: a site on two real templates, redesigned midway, is learned as two and its articles come out clean") {
  FakeIo io;
  const std::vector<std::vector<std::string>> bodies = BuildRealTemplateSite(io);
  Out out("real-template");
  LogCapture log;
  auto config = sach::CrawlConfig::Parse("[crawl]\nworkers = 1\n[defaults]\ndelay_seconds = 1\nmax_depth = 1\n"
                                         "[[site]]\nname = \"real\"\nstart = [\"" + kBase + "/tin-tuc\"]\n"
                                         "articles = ['\\.html$']\nmax_pages = 40\n",
                                         "fake.toml");
  REQUIRE(config.ok());
  Pass(io, out, *config);
  const std::map<std::string, std::string> articles = out.Articles();
  REQUIRE(articles.size() == 30);
  // Each article: exactly the paragraphs put in, no line of either template.
  std::size_t got = 0, hit = 0, want = 0;
  for (const auto& [path, text] : articles) {
    const auto n = static_cast<std::size_t>(std::stoi(path.substr(path.rfind("bai-") + 4)) - 100);
    std::istringstream in(text.substr(text.find("\n---\n", 3) + 5));
    const std::set<std::string> wanted(bodies[n].begin(), bodies[n].end());
    want += wanted.size();
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) {
        ++got;
        hit += wanted.count(line);
        CHECK_MESSAGE(wanted.count(line) == 1, path << ": " << line);
      }
  }
  CHECK(hit == want);
  CHECK(got == want);
  // The state holds two templates: the redesign started its own.
  auto state = sach::CrawlState::Open((out.dir / ".sach-crawl.sqlite").string());
  REQUIRE(state.ok());
  auto saved = state->GetTemplate("real");
  REQUIRE(saved.ok());
  REQUIRE(saved->has_value());
  auto clusters = sach::TemplateClusters::FromToml(**saved);
  REQUIRE(clusters.ok());
  REQUIRE(clusters->Size() == 2);
  CHECK((*clusters)[0].Pages() == 15);
  CHECK((*clusters)[1].Pages() == 15);
}
