// The crawl state (SQLite): what a pass leaves for the next, and the lock
// that keeps two crawls off one state.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "state.h"

namespace fs = std::filesystem;

namespace {
struct TempDir {
  fs::path dir = fs::temp_directory_path() / ("sach-state-test-" + std::to_string(::getpid()));
  TempDir() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~TempDir() { fs::remove_all(dir); }
};
}  // namespace

TEST_CASE("state: discovered, failed and interrupted articles are pending, done and given-up ones are not") {
  TempDir t;
  std::string path = (t.dir / "s.sqlite").string();
  {
    auto st = sach::CrawlState::Open(path);
    REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
    CHECK(*st->Discover("https://a.vn/1.html", "a", sach::PageRole::kArticle));
    CHECK_FALSE(*st->Discover("https://a.vn/1.html", "a", sach::PageRole::kArticle));  // known already
    CHECK(*st->Discover("https://a.vn/p2", "a", sach::PageRole::kListing, "", "https://a.vn/"));
    for (const char* u : {"https://a.vn/2.html", "https://a.vn/3.html", "https://a.vn/4.html", "https://a.vn/5.html"})
      REQUIRE(*st->Discover(u, "a", sach::PageRole::kArticle));
    auto r = **st->Get("https://a.vn/2.html");
    r.status = sach::PageStatus::kDone;
    r.output = "a/2024-09-02/2.txt";
    r.etag = "\"x\"";
    REQUIRE(st->Put(r));
    r = **st->Get("https://a.vn/3.html");
    r.status = sach::PageStatus::kFailed;
    r.failures = 1;
    REQUIRE(st->Put(r));
    r = **st->Get("https://a.vn/4.html");
    r.status = sach::PageStatus::kFailed;
    r.failures = 3;  // given up at max_failures 3
    REQUIRE(st->Put(r));
    r = **st->Get("https://a.vn/5.html");
    r.status = sach::PageStatus::kWriting;
    r.output = "a/2024-09-02/5.txt";
    REQUIRE(st->Put(r));
    CHECK(*st->Discover("https://b.vn/1.html", "b", sach::PageRole::kArticle));
  }
  auto st = sach::CrawlState::Open(path);  // reopened: everything persisted
  REQUIRE(st.ok());
  std::vector<std::string> pending;
  auto rows = st->Pending("a", 3);
  REQUIRE(rows.ok());
  for (auto& r : *rows) pending.push_back(r.url);
  CHECK(pending == std::vector<std::string>{"https://a.vn/1.html", "https://a.vn/3.html", "https://a.vn/5.html"});
  REQUIRE(st->Interrupted()->size() == 1);
  CHECK((*st->Interrupted())[0].url == "https://a.vn/5.html");
  CHECK((*st->Get("https://a.vn/2.html"))->etag == "\"x\"");
  CHECK(*st->OutputOwner("a/2024-09-02/2.txt") == std::optional<std::string>("https://a.vn/2.html"));
  CHECK_FALSE(*st->OutputOwner("a/2024-09-02/9.txt"));
  CHECK(*st->Children("https://a.vn/") == std::vector<std::string>{"https://a.vn/p2"});
  // Put keeps the parent it does not carry.
  auto p2 = **st->Get("https://a.vn/p2");
  p2.status = sach::PageStatus::kDone;
  REQUIRE(st->Put(p2));
  CHECK(st->Children("https://a.vn/")->size() == 1);

  REQUIRE(st->PutRobots("https://a.vn", {123, 200, "User-agent: *\nDisallow: /x\n"}));
  CHECK((*st->GetRobots("https://a.vn"))->body == "User-agent: *\nDisallow: /x\n");
  CHECK_FALSE(*st->GetRobots("https://b.vn"));
}

TEST_CASE("state: a second crawl on the same state is refused, a file that is not a state fails to open") {
  TempDir t;
  std::string path = (t.dir / "s.sqlite").string();
  auto first = sach::CrawlState::Open(path);
  REQUIRE(first.ok());
  auto second = sach::CrawlState::Open(path);
  REQUIRE_FALSE(second.ok());
  CHECK(second.error().message.find("another crawl is using this state") != std::string::npos);

  std::string junk = (t.dir / "junk.sqlite").string();
  std::ofstream(junk) << std::string(4096, 'x');
  auto bad = sach::CrawlState::Open(junk);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.rfind(junk + ": ", 0) == 0);
}

TEST_CASE("state: a state written before aliases gains their columns, an alias is never pending") {
  TempDir t;
  std::string path = (t.dir / "old.sqlite").string();
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    // The first release's table, with one written article in it.
    const char* old = "CREATE TABLE pages(url TEXT PRIMARY KEY, site TEXT NOT NULL, role TEXT NOT NULL, "
                      "status TEXT NOT NULL, first_seen INTEGER NOT NULL, last_fetch INTEGER NOT NULL DEFAULT 0, "
                      "etag TEXT NOT NULL DEFAULT '', last_modified TEXT NOT NULL DEFAULT '', "
                      "lastmod TEXT NOT NULL DEFAULT '', hash TEXT NOT NULL DEFAULT '', "
                      "output TEXT NOT NULL DEFAULT '', error TEXT NOT NULL DEFAULT '', "
                      "failures INTEGER NOT NULL DEFAULT 0, parent TEXT NOT NULL DEFAULT '');"
                      "INSERT INTO pages(url, site, role, status, first_seen, output) "
                      "VALUES('https://a.vn/1', 'a', 'article', 'done', 1, 'a/2024-09-02/1.txt');";
    CHECK(sqlite3_exec(db, old, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  auto st = sach::CrawlState::Open(path);
  REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
  auto r = *st->Get("https://a.vn/1");
  REQUIRE(r);
  CHECK(r->output == "a/2024-09-02/1.txt");
  r->content = "c1";
  REQUIRE(st->Put(*r));
  REQUIRE(st->ByContent("a", "c1")->size() == 1);
  CHECK(st->ByContent("b", "c1")->empty());

  sach::PageRecord alias;
  alias.url = "https://a.vn/1/";
  alias.site = std::string(1, 'a');  // GCC 12 warns (falsely) on assigning "a"
  alias.status = sach::PageStatus::kAlias;
  alias.alias_of = "https://a.vn/1";
  REQUIRE(st->Put(alias));
  CHECK((*st->Get("https://a.vn/1/"))->alias_of == "https://a.vn/1");
  CHECK(st->Pending("a", 3)->empty());
  CHECK_FALSE(*st->Discover("https://a.vn/1/", "a", sach::PageRole::kArticle));  // known: never asked again
}
