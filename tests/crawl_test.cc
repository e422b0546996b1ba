// `sach crawl` end to end over real HTTP on 127.0.0.1 (tests/crawl_server.py):
// a listing with pagination, an RSS feed, a sitemap index, robots.txt and
// the faults of issue 5. What is checked comes from the server's request log
// and from the files written, never from the crawler's own account. Only what
// needs a real server or process is here; pacing, conditional passes,
// robots.txt answers, re-fetches and stopping run on a fake site and clock in
// crawl_fake_test.cc. Delays are short: lower bounds are checked, never upper.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "html.h"
#include "links.h"
#include "state.h"
#include "template.h"
#include "url.h"
#include "sach/crawl.h"
#include "sach/crawl_config.h"
#include "sach/fetch.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace {

struct Request {
  double time;
  std::string status, host, path, cond;
};

// The crawl server, stopped (GET /quit) when the test is done.
struct Site {
  fs::path dir, log;
  FILE* pipe = nullptr;
  std::string port, base;
  // `pages`: the folder whose NAME/input.html the server's articles carry.
  explicit Site(const std::string& name, const std::string& extra = "",
                const std::string& pages = SACH_SOURCE_DIR "/samples/html") {
    dir = fs::temp_directory_path() / ("sach-crawl-test-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    log = dir / "requests.log";
    std::string cmd = "python3 '" SACH_SOURCE_DIR "/tests/crawl_server.py' '" + pages + "' '" + log.string() + "' " +
                      extra;
    pipe = popen(cmd.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char line[32] = {};
    REQUIRE(std::fgets(line, sizeof line, pipe) != nullptr);
    port = std::to_string(std::atoi(line));
    base = "http://127.0.0.1:" + port;
  }
  ~Site() {
    sach::FetchOptions quick;
    quick.retries = 0;
    (void)sach::Fetch(base + "/quit", quick);
    pclose(pipe);
    fs::remove_all(dir);
  }
  std::vector<Request> Requests() const {
    std::vector<Request> out;
    std::istringstream in(Slurp(log));
    for (Request r; in >> r.time >> r.status >> r.host >> r.path >> r.cond;) out.push_back(r);
    return out;
  }
  int Count(const std::string& path) const {
    int n = 0;
    for (auto& r : Requests()) n += r.path == path;
    return n;
  }
  void ClearLog() const { std::ofstream(log, std::ios::trunc); }

  // The crawl config for this server: short timeouts so faults cost seconds;
  // `articles` may leave the faults out where they are not the point.
  fs::path Config(const std::string& articles = "\\.html$") const {
    fs::path p = dir / "crawl.toml";
    std::ofstream(p) << "[crawl]\nworkers = 2\n\n[defaults]\ndelay_seconds = " << kDelay
                     << "\nmax_depth = 1\ntimeout_seconds = 5\nstall_seconds = 1\nretries = 1\nbackoff_seconds = 0.1\n"
                        "max_page_mb = 16\n\n[[site]]\nname = \"test\"\nstart = [\""
                     << base << "/tin-tuc\", \"" << base << "/rss.xml\", \"" << base << "/sitemap.xml\"]\narticles = ['"
                     << articles << "']\nlistings = ['/tin-tuc\\?trang=\\d+$', '/sitemap[^/]*\\.xml$']\n";
    return p;
  }
  static constexpr double kDelay = 0.05;  // delay_seconds of Config()
};

struct Run {
  int code;
  std::string err, out;
};

Run Crawl(const Site& s, const fs::path& out, const fs::path& config) {
  fs::path err = s.dir / "stderr", so = s.dir / "stdout";
  std::string cmd = std::string("'") + SACH_BINARY + "' crawl --once --progress lines --config '" +
                    config.string() + "' --out '" + out.string() + "' > '" + so.string() +
                    "' 2> '" + err.string() + "'";
  int status = std::system(cmd.c_str());
  return {WEXITSTATUS(status), Slurp(err), Slurp(so)};
}

// The article body and title of a written file or an expected.txt.
std::string Body(const std::string& text) {
  auto end = text.find("\n---\n", 3);
  return end == std::string::npos ? text : text.substr(end + 5);
}
std::string Title(const std::string& text) {
  auto at = text.find("\ntitle: ");
  return at == std::string::npos ? "" : text.substr(at + 8, text.find('\n', at + 1) - at - 8);
}

// Every written article: path under OUT -> content (state files left out).
std::map<std::string, std::string> Articles(const fs::path& out) {
  std::map<std::string, std::string> files;
  for (auto& e : fs::recursive_directory_iterator(out))
    if (e.is_regular_file() && e.path().extension() == ".txt")
      files[fs::relative(e.path(), out).string()] = Slurp(e.path());
  return files;
}

std::vector<nlohmann::json> Index(const fs::path& out) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(Slurp(out / "index.jsonl"));
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

// Which sample's content each served article path carries (crawl_server.py).
const std::map<std::string, std::string> kServed = {
    {"baocantho", "baocantho"},   {"baochinhphu", "baochinhphu"}, {"baotintuc", "baotintuc"},
    {"vietnamplus", "vietnamplus"}, {"vtcnews", "vtcnews"},       {"vtv", "vtv"},
    {"flaky", "baochinhphu"},     {"busy", "baotintuc"},          {"reset", "vietnamplus"},
    {"truncated", "vtcnews"},     {"wrong-charset", "vtv"}};

// Articles with no fault: a crawl of these alone takes a second or two.
const char* kPlainArticles = "/tin-tuc/(baocantho|baochinhphu|baotintuc|vietnamplus|vtcnews|vtv|wrong-charset)\\.html$";
const std::size_t kPlainCount = 7;

// The args of `sach crawl` as a child process, its output to /dev/null or `so`.
pid_t Spawn(const std::vector<std::string>& args, const fs::path& so = "/dev/null") {
  std::fflush(nullptr);  // or the child's copy of our buffers is printed twice
  pid_t pid = fork();
  if (pid != 0) return pid;
  std::freopen("/dev/null", "w", stderr);
  std::freopen(so.c_str(), "w", stdout);
  std::vector<char*> argv{const_cast<char*>(SACH_BINARY), const_cast<char*>("crawl")};
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  execv(SACH_BINARY, argv.data());
  _exit(127);
}

// Waits (60 s at most: a hang guard) until OUT/index.jsonl has `n` lines.
void WaitForIndex(const fs::path& out, std::size_t n) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline && Index(out).size() < n)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

}  // namespace

TEST_CASE("crawl: one pass writes every reachable article once, cleaned, politely, through the faults") {
  Site s("pass");
  fs::path out = s.dir / "out";
  Run r = Crawl(s, out, s.Config());
  CHECK(r.code == 1);  // stall, loop, away and huge fail

  // Every reachable article, once, with the body the sample expects.
  std::map<std::string, std::string> files = Articles(out);
  std::map<std::string, int> written;
  for (auto& [path, text] : files) {
    std::string name = fs::path(path).stem().string();
    ++written[name];
    REQUIRE_MESSAGE(kServed.count(name), path);
    std::string expected = Slurp(fs::path(SACH_SOURCE_DIR "/samples/html") / kServed.at(name) / "expected.txt");
    CHECK_MESSAGE(Body(text) == Body(expected), path);
    CHECK_MESSAGE(Title(text) == Title(expected), path);
    CHECK(path.rfind("test/", 0) == 0);
  }
  for (auto& [name, sample] : kServed) CHECK_MESSAGE(written[name] == 1, name);
  CHECK(files.size() == kServed.size());

  // index.jsonl: one line per article, naming its file.
  std::vector<nlohmann::json> index = Index(out);
  CHECK(index.size() == kServed.size());
  std::set<std::string> urls;
  for (auto& line : index) {
    CHECK(urls.insert(line["url"].get<std::string>()).second);
    CHECK(files.count(line["path"].get<std::string>()) == 1);
    CHECK(line["site"] == "test");
    CHECK(line["status"] == "new");
    CHECK_FALSE(line["title"].get<std::string>().empty());
  }

  // Failures: one line each on stderr, naming the URL.
  for (const char* bad : {"/tin-tuc/stall.html: ", "/tin-tuc/loop.html: too many redirects",
                          "/tin-tuc/away.html: redirect to http://localhost:", "/tin-tuc/huge.html: body over 16 MiB"})
    CHECK_MESSAGE(r.err.find(s.base + bad) != std::string::npos, bad);
  CHECK(r.out.find("total") != std::string::npos);

  std::vector<Request> log = s.Requests();
  REQUIRE(!log.empty());
  CHECK(log.front().path == "/robots.txt");
  for (auto& q : log) {
    CHECK_MESSAGE(q.path.rfind("/private/", 0) != 0, "robots.txt disallows " << q.path);
    CHECK_MESSAGE(q.host == "127.0.0.1", "another host was asked: " << q.host << q.path);
    CHECK(q.path != "/tin-tuc?trang=3");  // beyond max_depth 1
    CHECK(q.path != "/lien-he");          // neither an article nor a listing
  }
  // Retries: 500 then 200; 429 then 200 after Retry-After's second; the
  // reset and the truncated body are fetched again.
  auto statuses = [&](const std::string& path) {
    std::vector<std::string> st;
    for (auto& q : log)
      if (q.path == path) st.push_back(q.status);
    return st;
  };
  CHECK(statuses("/tin-tuc/flaky.html") == std::vector<std::string>{"500", "200"});
  CHECK(statuses("/tin-tuc/busy.html") == std::vector<std::string>{"429", "200"});
  CHECK(statuses("/tin-tuc/reset.html") == std::vector<std::string>{"reset", "200"});
  CHECK(statuses("/tin-tuc/truncated.html") == std::vector<std::string>{"truncated", "200"});
  CHECK(statuses("/tin-tuc/stall.html").size() == 2);  // retries = 1
  double busy_first = 0, busy_second = 0;
  for (auto& q : log)
    if (q.path == "/tin-tuc/busy.html") (busy_first ? busy_second : busy_first) = q.time;
  CHECK(busy_second - busy_first >= 0.95);
  // Politeness: one host, requests at least delay_seconds apart, the
  // robots.txt request, retries and redirect hops included (the log has ms).
  for (std::size_t i = 1; i < log.size(); ++i)
    CHECK_MESSAGE(log[i].time - log[i - 1].time >= Site::kDelay - 0.002, log[i - 1].path << " then " << log[i].path);
}

TEST_CASE("crawl: killed with SIGKILL mid-pass and run again, the output is the uninterrupted one") {
  Site s("kill", "--article-delay 0.1");  // so some articles are in flight when it dies
  fs::path whole = s.dir / "whole", killed = s.dir / "killed";
  fs::path config = s.Config(kPlainArticles);
  CHECK(Crawl(s, whole, config).code == 0);
  REQUIRE(Index(whole).size() == kPlainCount);

  pid_t pid = Spawn({"--once", "--config", config.string(), "--out", killed.string()});
  REQUIRE(pid > 0);
  WaitForIndex(killed, 3);  // a few articles out, others in flight
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  std::size_t partial = Index(killed).size();
  CHECK(partial >= 3);
  CHECK(partial < kPlainCount);

  s.ClearLog();
  CHECK(Crawl(s, killed, config).code == 0);
  CHECK(Articles(killed) == Articles(whole));
  std::vector<nlohmann::json> a = Index(whole), b = Index(killed);
  std::map<std::string, std::string> pa, pb;
  for (auto& l : a) pa[l["url"].get<std::string>()] = l["path"].get<std::string>();
  for (auto& l : b) CHECK_MESSAGE(pb.emplace(l["url"].get<std::string>(), l["path"].get<std::string>()).second,
                                  "indexed twice: " << l["url"]);
  CHECK(pa == pb);
  // Nothing half-written: no temp files left beside the articles.
  for (auto& e : fs::recursive_directory_iterator(killed))
    CHECK_MESSAGE(e.path().filename().string().find(".tmp-") == std::string::npos, e.path());
  // The resumed pass, over real HTTP: the listings read before the kill are
  // asked with their validators and answer 304, robots.txt is kept, and only
  // the articles not indexed yet are fetched.
  int listings = 0, articles = 0;
  for (auto& q : s.Requests()) {
    bool article = q.path.rfind("/tin-tuc/", 0) == 0;
    CHECK_MESSAGE(q.status == (article ? "200" : "304"), q.path);
    CHECK_MESSAGE(q.cond == (article ? "-" : "cond"), q.path);
    (article ? articles : listings) += 1;
  }
  CHECK(listings == 5);  // /tin-tuc, ?trang=2, /rss.xml, /sitemap.xml, /sitemap-news.xml
  CHECK(articles == static_cast<int>(kPlainCount - partial));
  CHECK(s.Count("/robots.txt") == 0);
}

namespace {

const std::string kSlogan =
    "Cổng thông tin là kênh thông tin chính thức của ngành, đề nghị ghi rõ nguồn khi sử dụng lại thông tin từ trang "
    "này.";

// The six served articles on one site's template: a menu, the sample's first
// paragraphs, a slogan that reads like their last one, a footer.
fs::path TemplatePages(const fs::path& dir) {
  for (const auto& [name, sample] : kServed) {
    if (name != sample) continue;
    std::istringstream body(Body(Slurp(fs::path(SACH_SOURCE_DIR "/samples/html") / sample / "expected.txt")));
    std::string html = "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>" + name +
                       "</title></head><body><nav><a href=\"/\">Trang chủ</a> <a href=\"/tin-tuc\">Tin tức</a></nav>"
                       "<article><h1>Bài " + name + "</h1>\n";
    int n = 0;
    for (std::string line; std::getline(body, line) && n < 3;)
      if (!line.empty()) html += "<p>" + line + "</p>\n", ++n;
    html += "<p>" + kSlogan + "</p></article><footer>Địa chỉ: 1 Phố Chính</footer></body></html>\n";
    fs::create_directories(dir / sample);
    std::ofstream(dir / sample / "input.html") << html;
  }
  return dir;
}

}  // namespace

TEST_CASE("crawl: killed with SIGKILL mid-pass, the site's learned template survives in the state and goes on") {
  const fs::path pages = TemplatePages(fs::temp_directory_path() / ("sach-crawl-tmpl-" + std::to_string(::getpid())));
  {
    Site s("kill-template", "--article-delay 0.1", pages.string());
    fs::path killed = s.dir / "killed";
    fs::path config = s.Config(kPlainArticles);
    pid_t pid = Spawn({"--once", "--config", config.string(), "--out", killed.string()});
    REQUIRE(pid > 0);
    WaitForIndex(killed, 4);  // past the third page: a template learned, others in flight
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    REQUIRE(WIFSIGNALED(status));
    CHECK(Crawl(s, killed, config).code == 0);
    REQUIRE(Index(killed).size() == kPlainCount);
    // Cleaned before a template was learned: the first pages only (two, and
    // what two workers had in flight); the rest without the slogan.
    int with_slogan = 0;
    for (const auto& [path, text] : Articles(killed)) with_slogan += text.find(kSlogan) != std::string::npos;
    CHECK(with_slogan <= 4);
    CHECK(with_slogan < static_cast<int>(kPlainCount));
    // The state's template reads back: every article's page counted (a page
    // in flight at the kill may count twice: it is learned again), the slogan in it.
    auto state = sach::CrawlState::Open((killed / ".sach-crawl.sqlite").string());
    REQUIRE(state.ok());
    auto saved = state->GetTemplate("test");
    REQUIRE(saved.ok());
    REQUIRE(saved->has_value());
    auto clusters = sach::TemplateClusters::FromToml(**saved);
    REQUIRE(clusters.ok());
    REQUIRE(clusters->Size() == 1);
    CHECK((*clusters)[0].Pages() >= kPlainCount);
    CHECK((*clusters)[0].Pages() <= kPlainCount + 2);
    CHECK((*saved)->find(kSlogan) != std::string::npos);
  }
  fs::remove_all(pages);
}

TEST_CASE("crawl: config errors name the file and line") {
  auto bad = [](const std::string& toml) {
    auto c = sach::CrawlConfig::Parse(toml, "c.toml");
    REQUIRE_FALSE(c.ok());
    return c.error().message;
  };
  CHECK(bad("[[site]]\nstart = [\"ftp://x/\"]\n").find("c.toml:2: start URL 'ftp://x/' is not an http(s) URL") == 0);
  CHECK(bad("[[site]]\nstart = [\"https://a.vn/\"]\narticles = ['(']\n").find("c.toml:3: articles pattern '('") == 0);
  CHECK(bad("[defaults]\ndelay = 2\n").find("c.toml:2: unknown key 'delay' in [defaults]") == 0);
  CHECK(bad("[[site]]\nname = \"../x\"\nstart = [\"https://a.vn/\"]\n").find("c.toml:2: name must be") == 0);
  CHECK(bad("").find("no [[site]]") != std::string::npos);
  CHECK(bad("[[site]]\nstart = [\"https://a.vn/\"]\nhosts = [\"b.vn\"]\n").find("not on the site's hosts") !=
        std::string::npos);

  auto ok = sach::CrawlConfig::Parse(
      "[defaults]\ndelay_seconds = 3\n[[site]]\nstart = [\"https://BoCongAn.gov.vn/tin-tuc\"]\n"
      "articles = ['/tin-tuc/.+-\\d+\\.html$']\ndelay_seconds = 5\n[[site]]\nstart = [\"https://cand.com.vn/\"]\n",
      "c.toml");
  REQUIRE_MESSAGE(ok.ok(), (ok.ok() ? "" : ok.error().message));
  REQUIRE(ok->sites.size() == 2);
  CHECK(ok->sites[0].name == "bocongan.gov.vn");  // from the host, lower-cased
  CHECK(ok->sites[0].delay_seconds == 5);
  CHECK(ok->sites[1].delay_seconds == 3);  // [defaults]
  CHECK(ok->sites[0].AllowedHost("www.bocongan.gov.vn"));
  CHECK_FALSE(ok->sites[0].AllowedHost("evilbocongan.gov.vn"));
  CHECK(ok->sites[0].IsArticle("https://bocongan.gov.vn/tin-tuc/bat-giu-12345.html"));
  CHECK_FALSE(ok->sites[0].IsArticle("https://bocongan.gov.vn/tin-tuc/"));
}

TEST_CASE("crawl: article file names stay inside their folder") {
  CHECK(sach::ArticleSlug("https://bocongan.gov.vn/tin-tuc/bat-giu-doi-tuong-12345.html") == "bat-giu-doi-tuong-12345");
  CHECK(sach::ArticleSlug("https://a.vn/news/view.aspx?id=42&x=..%2F..") == "view-id-42-x-2f");
  CHECK(sach::ArticleSlug("https://a.vn/../../etc/passwd") == "passwd");
  CHECK(sach::ArticleSlug("https://a.vn/") == "index");
  CHECK(sach::ArticleSlug("https://a.vn/%0a%0d.html") == "0a-0d");
  CHECK(sach::ArticleSlug("https://a.vn/" + std::string(1000, 'x')).size() <= 150);
}

TEST_CASE("crawl: the shipped sites.toml loads, and each sample page's URL is an article of its site") {
  auto config = sach::CrawlConfig::Load(SACH_SOURCE_DIR "/crawl/sites.toml");
  REQUIRE_MESSAGE(config.ok(), (config.ok() ? "" : config.error().message));
  CHECK(config->sites.size() >= 4);
  // Each sample page of a configured site: its own URL (when it names one)
  // is an article, and so are some of the stories it links to.
  std::set<std::string> sites_with_articles;
  for (auto& dir : fs::directory_iterator(SACH_SOURCE_DIR "/samples/html")) {
    std::string html = Slurp(dir.path() / "input.html");
    std::string self = sach::SniffPageUrl(html);
    for (const sach::CrawlSite& site : config->sites) {
      if (!self.empty() && site.AllowedHost(sach::UrlHost(self))) {
        CHECK_MESSAGE(site.IsArticle(self), self);
        CHECK_FALSE(site.IsListing(self));
      }
      if (site.name.rfind(dir.path().filename().string() + ".", 0) != 0) continue;  // baochinhphu/ -> baochinhphu.vn
      for (const sach::Link& l : sach::ExtractLinks(html, site.start.front()).links)
        if (site.AllowedHost(sach::UrlHost(l.url)) && site.IsArticle(l.url)) sites_with_articles.insert(site.name);
    }
  }
  CHECK(sites_with_articles.count("baochinhphu.vn"));
  CHECK(sites_with_articles.count("vietnamplus.vn"));
  // Links in the bocongan.gov.vn pages saved as markdown: every /bai-viet/ one
  // is an article, every /chuyen-muc/ one a listing, nothing else is either.
  const sach::CrawlSite& bca = config->sites[0];
  REQUIRE(bca.name == "bocongan.gov.vn");
  int articles = 0, listings = 0;
  for (auto& dir : fs::directory_iterator(SACH_SOURCE_DIR "/samples/md")) {
    std::string text = Slurp(dir.path() / "input.md");
    for (std::size_t at = 0; (at = text.find("https://bocongan.gov.vn/", at)) != std::string::npos; ++at) {
      std::string url = text.substr(at, text.find_first_of(") \n\"", at) - at);
      bool article = url.find("/bai-viet/") != std::string::npos;
      bool listing = url.find("/chuyen-muc/") != std::string::npos;
      CHECK_MESSAGE(bca.IsArticle(url) == article, url);
      CHECK_MESSAGE(bca.IsListing(url) == listing, url);
      articles += article;
      listings += listing;
    }
  }
  CHECK(articles >= 10);
  CHECK(listings >= 2);
}

TEST_CASE("crawl: two hosts are crawled at once, each at its own pace, the progress bar on request") {
  Site s("hosts");
  fs::path config = s.dir / "two.toml";
  std::ofstream(config) << "[crawl]\nworkers = 2\n[defaults]\ndelay_seconds = 0.15\nmax_pages = 3\nmax_depth = 0\n"
                           "[[site]]\nname = \"one\"\nstart = [\"" << s.base << "/tin-tuc\"]\narticles = ['\\.html$']\n"
                           "[[site]]\nname = \"two\"\nstart = [\"http://localhost:" << s.port << "/tin-tuc\"]\n"
                           "articles = ['\\.html$']\n";
  fs::path out = s.dir / "out", err = s.dir / "err", so = s.dir / "so";
  std::string cmd = std::string("'") + SACH_BINARY + "' crawl --once --progress bar --config '" + config.string() +
                    "' --out '" + out.string() + "' > '" + so.string() + "' 2> '" + err.string() + "'";
  int status = std::system(cmd.c_str());
  CHECK(WEXITSTATUS(status) == 0);
  std::map<std::string, std::vector<double>> by_host;
  for (auto& q : s.Requests()) by_host[q.host].push_back(q.time);
  REQUIRE(by_host.size() == 2);
  for (auto& [host, times] : by_host) {
    CHECK(times.size() == 4);  // robots.txt + max_pages 3
    for (std::size_t i = 1; i < times.size(); ++i) CHECK_MESSAGE(times[i] - times[i - 1] >= 0.148, host);
  }
  // In parallel: the two hosts' spans overlap.
  auto& a = by_host["127.0.0.1"];
  auto& b = by_host["localhost"];
  CHECK(std::max(a.front(), b.front()) < std::min(a.back(), b.back()));
  CHECK(Articles(out).size() == 4);  // two articles per site
  std::string bar = Slurp(err);
  CHECK(bar.find("\r\x1b[K[") != std::string::npos);
  CHECK(bar.find(" pages") != std::string::npos);
  std::string summary = Slurp(so);
  CHECK(summary.find("127.0.0.1") != std::string::npos);
  CHECK(summary.find("localhost") != std::string::npos);
  CHECK(s.Count("/tin-tuc/flaky.html") == 0);  // past max_pages
}

TEST_CASE("crawl: without --once it runs pass after pass, SIGTERM ends it after the pages in flight") {
  // The signal handler's part, in a real process; that the stop ends the pass
  // and the waits, with nothing lost, is checked on a fake clock too.
  Site s("daemon", "--article-delay 0.1");
  fs::path out = s.dir / "out", so = s.dir / "so";
  pid_t pid = Spawn({"--config", s.Config(kPlainArticles).string(), "--out", out.string()}, so);
  REQUIRE(pid > 0);
  WaitForIndex(out, 2);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));  // ended by itself, not by the signal
  CHECK(WEXITSTATUS(status) == 0);
  std::string summary = Slurp(so);
  CHECK(summary.find("total") != std::string::npos);
  CHECK(summary.find("left queued for the next pass") != std::string::npos);
  // What was written is whole and indexed.
  std::vector<nlohmann::json> index = Index(out);
  CHECK(index.size() >= 2);
  CHECK(index.size() < kPlainCount);
  for (auto& line : index) CHECK(fs::exists(out / line["path"].get<std::string>()));
}
