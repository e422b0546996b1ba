// The fetch stage over real HTTP on 127.0.0.1 (tests/fetch_server.py):
// success, retries on 500 and on 429 with Retry-After, a body over the limit,
// a redirect loop, a stalled transfer, and `sach fetch` writing a cleaned page.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sach/fetch.h"
#include "test_support.h"

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
  auto flaky = sach::Fetch(s.base + "/flaky", Fast());
  REQUIRE(flaky.ok());
  CHECK(flaky->attempts == 2);
  CHECK(s.Hits("/flaky") == 2);

  auto start = std::chrono::steady_clock::now();
  auto busy = sach::Fetch(s.base + "/busy", Fast());
  double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(busy.ok());
  CHECK(waited >= 0.9);  // Retry-After: 1, although the backoff alone is 10 ms

  auto down = sach::Fetch(s.base + "/always500", Fast());
  REQUIRE_FALSE(down.ok());
  CHECK(down.error().message == "HTTP 503 after 3 attempts");
  CHECK(s.Hits("/always500") == 3);
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
