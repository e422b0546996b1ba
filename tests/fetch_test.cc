// The fetch stage over real HTTP on 127.0.0.1 (tests/fetch_server.py):
// success, retries on 500 and on 429 with Retry-After (seconds and HTTP
// dates; the waits asked of a fake wait hook, which can also stop them), a
// body over the limit, a redirect loop, a stalled transfer, the ErrorCode of
// each failure, responses that are not pages (PDF, JSON, images), and
// `sach fetch` writing a cleaned page (and keeping it raw), `sach explain URL`.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <vector>

#include "sach/fetch.h"
#include "sach/input.h"
#include "test_support.h"
#include "tunables.h"

namespace fs = std::filesystem;

namespace {

// Starts the server; stops it (GET /quit) when the test is done.
struct Server {
  fs::path dir, log;
  FILE* pipe = nullptr;
  std::string base;
  Server() {
    dir = fs::temp_directory_path() / ("sach-fetch-test-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    log = dir / "requests.log";
    std::string cmd = "python3 '" SACH_SOURCE_DIR "/tests/fetch_server.py' '" SACH_SOURCE_DIR
                      "/samples/html/baochinhphu/input.html' '" + log.string() + "'";
    pipe = popen(cmd.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char line[32] = {};
    REQUIRE(std::fgets(line, sizeof line, pipe) != nullptr);
    base = "http://127.0.0.1:" + std::to_string(std::atoi(line));
  }
  ~Server() {
    sach::FetchOptions quick;
    quick.retries = 0;
    (void)sach::Fetch(base + "/quit", quick);
    pclose(pipe);
    fs::remove_all(dir);
  }
  int Hits(const std::string& path) {
    std::istringstream in(Slurp(log));
    int n = 0;
    for (std::string t, p; in >> t >> p;) n += p == path;
    return n;
  }
};

sach::FetchOptions Fast() {
  sach::FetchOptions o;
  o.backoff_ms = 10;
  o.total_timeout_ms = 1500;
  o.retries = 2;
  return o;
}

// A wait hook that waits for nothing and notes each wait asked, in ms.
struct FakeWait {
  std::vector<long> asked;
  bool go_on = true;
  std::function<bool(std::chrono::milliseconds)> Hook() {
    return [this](std::chrono::milliseconds d) {
      asked.push_back(static_cast<long>(d.count()));
      return go_on;
    };
  }
};

}  // namespace

TEST_CASE("fetch: pages, redirects and the charset from Content-Type") {
  Server s;
  auto f = sach::Fetch(s.base + "/moved", Fast());
  REQUIRE_MESSAGE(f.ok(), (f.ok() ? "" : f.error().message));
  CHECK(f->status == 200);
  CHECK(f->url == s.base + "/article");  // after the redirect
  CHECK(f->charset == "utf-8");
  CHECK(f->body.find("detail-sapo") != std::string::npos);
  auto missing = sach::Fetch(s.base + "/nope", Fast());
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "HTTP 404");
  CHECK(s.Hits("/nope") == 1);  // a 404 is not retried
}

TEST_CASE("fetch: 500 and 429 are retried (Retry-After honoured), a site that stays down fails") {
  Server s;
  FakeWait w;
  sach::FetchOptions o = Fast();
  o.wait = w.Hook();
  auto flaky = sach::Fetch(s.base + "/flaky", o);
  REQUIRE(flaky.ok());
  CHECK(flaky->attempts == 2);
  CHECK(s.Hits("/flaky") == 2);
  REQUIRE(w.asked.size() == 1);
  CHECK(w.asked[0] >= 10);  // the backoff plus up to half of it in jitter
  CHECK(w.asked[0] <= 15);

  w.asked.clear();
  auto busy = sach::Fetch(s.base + "/busy", o);
  REQUIRE(busy.ok());
  CHECK(w.asked == std::vector<long>{1000});  // Retry-After: 1, although the backoff alone is 10 ms

  w.asked.clear();
  auto down = sach::Fetch(s.base + "/always500", o);
  REQUIRE_FALSE(down.ok());
  CHECK(down.error().message == "HTTP 503 after 3 attempts");
  CHECK(s.Hits("/always500") == 3);
  REQUIRE(w.asked.size() == 2);
  CHECK(w.asked[1] >= 20);  // doubled
}

TEST_CASE("fetch: Retry-After in seconds and as an HTTP date, capped, never below the backoff") {
  Server s;
  FakeWait w;
  sach::FetchOptions o = Fast();
  o.wait = w.Hook();
  auto first_wait = [&](const std::string& path) {
    w.asked.clear();
    auto f = sach::Fetch(s.base + path, o);
    REQUIRE_MESSAGE(f.ok(), (f.ok() ? "" : f.error().message));
    CHECK(f->attempts == 2);
    REQUIRE(w.asked.size() == 1);
    return w.asked[0];
  };
  CHECK(first_wait("/busy?7") == 7000);
  // "Retry-After: <a date 30 s from now>": about 30 s (the date has whole seconds).
  long soon = first_wait("/busy?soon");
  CHECK(soon >= 25000);
  CHECK(soon <= 30000);
  // A date gone by means now: the backoff alone.
  long past = first_wait("/busy?past");
  CHECK(past >= 10);
  CHECK(past <= 15);
  // Longer than kFetchMaxRetryAfterMs, in either form: capped.
  CHECK(first_wait("/busy?86400") == sach::tunables::kFetchMaxRetryAfterMs);
  CHECK(first_wait("/busy?far") == sach::tunables::kFetchMaxRetryAfterMs);
  CHECK(first_wait("/busy?99999999999999999999999") == sach::tunables::kFetchMaxRetryAfterMs);
  // backoff_ms is the floor of every wait (a crawler's host delay), above the cap too.
  o.backoff_ms = 2 * sach::tunables::kFetchMaxRetryAfterMs;
  CHECK(first_wait("/busy?far&floor") >= o.backoff_ms);
  CHECK(first_wait("/busy?1&floor") >= o.backoff_ms);
}

TEST_CASE("fetch: a wait hook that says stop ends the fetch before the next request") {
  Server s;
  FakeWait w;
  w.go_on = false;
  sach::FetchOptions o = Fast();
  o.wait = w.Hook();
  auto down = sach::Fetch(s.base + "/always500", o);
  REQUIRE_FALSE(down.ok());
  CHECK(down.error().code == sach::ErrorCode::kStopped);
  CHECK(down.error().message == "stopped before retry 1 (HTTP 503)");
  CHECK(down.error().http_status == 503);
  CHECK(w.asked.size() == 1);
  CHECK(s.Hits("/always500") == 1);  // the retry never reached the server
}

TEST_CASE("fetch: every failure carries its ErrorCode - a 404 is kHttp with http_status 404") {
  Server s;
  sach::FetchOptions o = Fast();
  FakeWait w;
  o.wait = w.Hook();
  auto missing = sach::Fetch(s.base + "/nope", o);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == sach::ErrorCode::kHttp);
  CHECK(missing.error().http_status == 404);
  CHECK(missing.error().message == "HTTP 404");
  auto down = sach::Fetch(s.base + "/always500", o);
  REQUIRE_FALSE(down.ok());
  CHECK(down.error().code == sach::ErrorCode::kHttp);
  CHECK(down.error().http_status == 503);
  o.max_bytes = 1 << 20;
  auto big = sach::Fetch(s.base + "/big", o);
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().code == sach::ErrorCode::kLimit);
  auto loop = sach::Fetch(s.base + "/loop", o);
  REQUIRE_FALSE(loop.ok());
  CHECK(loop.error().code == sach::ErrorCode::kLimit);
  o.retries = 0;
  auto stall = sach::Fetch(s.base + "/stall", o);
  REQUIRE_FALSE(stall.ok());
  CHECK(stall.error().code == sach::ErrorCode::kIo);  // timed out
  CHECK(stall.error().http_status == 0);
  o.allow_redirect = [](const std::string&) -> sach::Status { return sach::Fail("no", sach::ErrorCode::kExists); };
  auto refused = sach::Fetch(s.base + "/moved", o);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == sach::ErrorCode::kExists);  // the hook's own code
}

TEST_CASE("fetch: with pages_only a PDF, JSON or image is refused by its type or its first bytes") {
  Server s;
  sach::FetchOptions o = Fast();
  o.pages_only = true;
  auto refused = [&](const std::string& path) {
    auto f = sach::Fetch(s.base + path, o);
    REQUIRE_FALSE(f.ok());
    CHECK(f.error().code == sach::ErrorCode::kUnsupported);
    return f.error().message;
  };
  CHECK(refused("/pdf") == "not a page: application/pdf (a PDF document)");
  CHECK(refused("/json") == "not a page: application/json (JSON data)");
  CHECK(refused("/pdf-as-html") == "not a page: a PDF document (served as text/html)");
  CHECK(refused("/png-octet") == "not a page: application/octet-stream (a PNG image)");
  // Refused on its first bytes: the limit it is over is never reached.
  o.max_bytes = 1 << 20;
  CHECK(refused("/bigpdf") == "not a page: application/pdf (a PDF document)");
  CHECK(s.Hits("/pdf") == 1);  // not retried
  // Pages, texts (one starting with "{") and feeds pass.
  for (const char* path : {"/article", "/brace.txt", "/feed"}) {
    auto f = sach::Fetch(s.base + path, o);
    CHECK_MESSAGE(f.ok(), path << ": " << (f.ok() ? "" : f.error().message));
  }
  // Off (the default, as for robots.txt and sitemaps): any body is given back.
  o.pages_only = false;
  auto pdf = sach::Fetch(s.base + "/pdf", o);
  REQUIRE(pdf.ok());
  CHECK(pdf->body.rfind("%PDF-1.4", 0) == 0);
  CHECK(pdf->content_type == "application/pdf");
}

TEST_CASE("fetch: a body over the limit, a redirect loop and a stalled transfer fail with one line") {
  Server s;
  sach::FetchOptions o = Fast();
  o.max_bytes = 1 << 20;
  auto big = sach::Fetch(s.base + "/big", o);
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().message == "body over 1 MiB");
  auto loop = sach::Fetch(s.base + "/loop", o);
  REQUIRE_FALSE(loop.ok());
  CHECK(loop.error().message.find("too many redirects") == 0);
  o.retries = 0;
  auto stall = sach::Fetch(s.base + "/stall", o);
  REQUIRE_FALSE(stall.ok());
  CHECK(stall.error().message.find("after 1 attempt") != std::string::npos);
}

TEST_CASE("fetch: URL file names cannot leave the output folder") {
  CHECK(sach::UrlFileName("https://bocongan.gov.vn/tin-tuc/a-b.html?x=1#y") == "bocongan.gov.vn-tin-tuc-a-b.html-x-1");
  CHECK(sach::UrlFileName("http://a.vn/page.aspx?ItemID=1") != sach::UrlFileName("http://a.vn/page.aspx?ItemID=2"));
  CHECK(sach::UrlFileName("http://h/../../etc/passwd") == "h-..-..-etc-passwd");
  CHECK(sach::UrlFileName("http://../..") == "page");
  CHECK(sach::UrlFileName("http://a/\n\x01") == "a");
  CHECK(sach::UrlFileName("http://a/" + std::string(500, 'x')).size() <= 120);
}

TEST_CASE("cli: sach fetch cleans a page from the server into DIR") {
  Server s;
  fs::path out = s.dir / "out";
  std::string cmd = std::string("'") + SACH_BINARY + "' fetch -q --out '" + out.string() + "' '" + s.base +
                    "/article' '" + s.base + "/nope' 2> '" + (s.dir / "err").string() + "'";
  int status = std::system(cmd.c_str());
  CHECK(WEXITSTATUS(status) == 1);  // the 404 fails, the article is written
  bool found = false;
  for (auto& f : fs::directory_iterator(out)) {
    std::string text = Slurp(f.path());
    found |= text.find("title: Cơ chế, chính sách xác định giá sản phẩm in, đúc tiền") != std::string::npos &&
             text.find("(Chinhphu.vn) - Chính phủ ban hành") != std::string::npos;
  }
  CHECK(found);
  CHECK(Slurp(s.dir / "err").find("/nope: HTTP 404") != std::string::npos);
}

TEST_CASE("cli: sach fetch refuses a PDF and JSON with one line naming the type, the page is still cleaned") {
  Server s;
  fs::path out = s.dir / "out";
  std::string cmd = std::string("'") + SACH_BINARY + "' fetch -q --out '" + out.string() + "' '" + s.base +
                    "/pdf' '" + s.base + "/json' '" + s.base + "/article' 2> '" + (s.dir / "err").string() + "'";
  int status = std::system(cmd.c_str());
  CHECK(WEXITSTATUS(status) == 1);
  std::string err = Slurp(s.dir / "err");
  INFO("stderr:\n" << err);
  CHECK(err.find("/pdf: not a page: application/pdf (a PDF document)\n") != std::string::npos);
  CHECK(err.find("/json: not a page: application/json (JSON data)\n") != std::string::npos);
  CHECK(std::count(err.begin(), err.end(), '\n') == 2);
  int files = 0;
  for (auto& f : fs::directory_iterator(out)) {
    ++files;
    CHECK(Slurp(f.path()).find("%PDF") == std::string::npos);
  }
  CHECK(files == 1);  // the article only
}

TEST_CASE("fetch: gzip is asked for and decoded, the User-Agent names sach and its version") {
  Server s;
  auto f = sach::Fetch(s.base + "/gzip", Fast());
  REQUIRE_MESSAGE(f.ok(), (f.ok() ? "" : f.error().message));
  CHECK(f->body == Slurp(SACH_SOURCE_DIR "/samples/html/baochinhphu/input.html"));
  // The server answers 406 without gzip in Accept-Encoding and 403 to an
  // agent that is not "sach/X.Y.Z (...)": the 200 is the proof of both.
  CHECK(f->status == 200);
  CHECK(s.Hits("/gzip") == 1);
}

TEST_CASE("fetch: a refused connection fails at once, no retry, no wait") {
  // A port nothing listens on: bind one, note it, close it.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  ::close(fd);
  FakeWait waits;
  sach::FetchOptions o = Fast();
  o.wait = waits.Hook();
  auto f = sach::Fetch("http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/x", o);
  REQUIRE_FALSE(f.ok());
  CHECK(f.error().code == sach::ErrorCode::kIo);
  CHECK(waits.asked.empty());
  CHECK(f.error().message.find("attempt") == std::string::npos);
}

TEST_CASE("cli: sach fetch - reads URLs from standard input, --input-list from a file") {
  Server s;
  fs::path out = s.dir / "out", list = s.dir / "urls.txt";
  std::ofstream(list) << s.base << "/article?from=list\r\n\n";
  std::string cmd = "printf '%s\\n' '" + s.base + "/article?from=stdin' | '" + SACH_BINARY + "' fetch -q --out='" +
                    out.string() + "' -i '" + list.string() + "' - 2> '" + (s.dir / "err").string() + "'";
  int status = std::system(cmd.c_str());
  INFO(Slurp(s.dir / "err"));
  CHECK(WEXITSTATUS(status) == 0);
  std::set<std::string> names;
  for (auto& f : fs::directory_iterator(out)) names.insert(f.path().filename().string());
  CHECK(names == std::set<std::string>{"127.0.0.1-" + s.base.substr(s.base.rfind(':') + 1) + "-article-from-list.txt",
                                       "127.0.0.1-" + s.base.substr(s.base.rfind(':') + 1) + "-article-from-stdin.txt"});
}

TEST_CASE("cli: sach fetch --keep-raw keeps each page gzipped with its URL, clean and explain read them offline") {
  const fs::path work = fs::temp_directory_path() / ("sach-keep-raw-cli-" + std::to_string(::getpid()));
  fs::remove_all(work);
  const fs::path raw = work / "raw", fetched = work / "fetched", again = work / "again";
  std::string base, host;
  {
    Server s;
    host = "127.0.0.1-" + s.base.substr(s.base.rfind(':') + 1);
    base = s.base;
    std::string cmd = std::string("'") + SACH_BINARY + "' fetch -q --keep-raw '" + raw.string() + "' --out '" +
                      fetched.string() + "' '" + s.base + "/article' '" + s.base + "/article?from=raw' 2> '" +
                      (work / "err").string() + "'";
    fs::create_directories(work);
    int status = std::system(cmd.c_str());
    INFO(Slurp(work / "err"));
    REQUIRE(WEXITSTATUS(status) == 0);
  }  // the server is gone: what follows reads the kept files only
  const fs::path kept = raw / host / "article.html.gz";
  auto doc = sach::ReadDocument(kept.string());
  REQUIRE(doc.ok());
  CHECK(doc->bytes == Slurp(SACH_SOURCE_DIR "/samples/html/baochinhphu/input.html"));
  CHECK(doc->url == base + "/article");
  CHECK(doc->charset == "utf-8");
  std::set<std::string> names;
  for (auto& e : fs::directory_iterator(raw / host)) names.insert(e.path().filename().string());
  REQUIRE(names.size() == 2);
  CHECK(names.count("article.html.gz") == 1);
  CHECK(std::any_of(names.begin(), names.end(), [](auto& n) { return n.rfind("article@from-raw-", 0) == 0; }));

  // Cleaned again from the folder: the very articles the fetch wrote.
  std::string cmd = std::string("'") + SACH_BINARY + "' clean -q --out '" + again.string() + "' '" + raw.string() + "'";
  REQUIRE(WEXITSTATUS(std::system(cmd.c_str())) == 0);
  CHECK(Slurp(again / host / "article.txt") == Slurp(fetched / (host + "-article.txt")));
  CHECK(Slurp(again / host / "article.txt").find("(Chinhphu.vn) - Chính phủ ban hành") != std::string::npos);

  cmd = std::string("'") + SACH_BINARY + "' explain '" + kept.string() + "' > '" + (work / "explain").string() + "'";
  CHECK(WEXITSTATUS(std::system(cmd.c_str())) == 0);
  CHECK(Slurp(work / "explain").find("title: Cơ chế, chính sách xác định giá sản phẩm in, đúc tiền") != std::string::npos);

  // clean reads kept pages, it keeps none.
  cmd = std::string("'") + SACH_BINARY + "' clean -q --keep-raw x '" + kept.string() + "' 2>/dev/null >/dev/null";
  CHECK(WEXITSTATUS(std::system(cmd.c_str())) == 2);
  fs::remove_all(work);
}

TEST_CASE("cli: sach explain URL fetches the page as sach fetch does and explains it") {
  Server s;
  const fs::path out = s.dir / "explain", err = s.dir / "err";
  auto explain = [&](const std::string& path) {
    std::string cmd = std::string("'") + SACH_BINARY + "' explain '" + s.base + path + "' > '" + out.string() +
                      "' 2> '" + err.string() + "'";
    return WEXITSTATUS(std::system(cmd.c_str()));
  };
  REQUIRE(explain("/moved") == 0);  // redirected to /article
  std::string text = Slurp(out);
  INFO(text << Slurp(err));
  CHECK(text.rfind(s.base + "/moved: HTML", 0) == 0);  // named as given
  CHECK(text.find("title: Cơ chế, chính sách xác định giá sản phẩm in, đúc tiền") != std::string::npos);
  CHECK(text.find("Chính phủ ban hành") != std::string::npos);
  CHECK(s.Hits("/moved") == 1);
  CHECK(s.Hits("/article") == 1);

  CHECK(explain("/nope") == 1);
  CHECK(Slurp(err) == "sach: error: " + s.base + "/nope: HTTP 404\n");
  CHECK(explain("/pdf") == 1);  // refused by its type, as sach fetch refuses it
  CHECK(Slurp(err).find("/pdf: not a page: application/pdf") != std::string::npos);
  CHECK(Slurp(out).empty());
}
