// Web archives: the WARC reader (src/warc.h) on archives built here in the
// three shapes (plain, a gzip member per record, one gzip member for all),
// broken on purpose; what a record gives to clean; and `sach clean` on a WARC
// that wget wrote against a loopback server and on a hand-written WET.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "sach/clean.h"
#include "sach/fetch.h"
#include "sach/input.h"
#include "sach/write.h"
#include "test_support.h"
#include "warc.h"

namespace fs = std::filesystem;

namespace {


// One WARC record: its header block, its content, the two line ends.
std::string Record(const std::string& type, const std::string& uri, const std::string& block,
                   const std::string& content_type = "application/http; msgtype=response", long length = -1) {
  std::string r = "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Record-ID: <urn:uuid:" + type + "-" +
                  std::to_string(block.size()) + ">\r\nWARC-Date: 2026-12-01T10:00:00Z\r\n";
  if (!uri.empty()) r += "WARC-Target-URI: " + uri + "\r\n";
  r += "Content-Type: " + content_type + "\r\nContent-Length: " +
       std::to_string(length >= 0 ? static_cast<std::size_t>(length) : block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
  return r;
}

std::string Http(const std::string& body, const std::string& headers = "Content-Type: text/html; charset=utf-8\r\n",
                 int status = 200) {
  return "HTTP/1.1 " + std::to_string(status) + " X\r\n" + headers + "\r\n" + body;
}

struct Scratch {
  fs::path dir;
  explicit Scratch(const std::string& name) {
    dir = fs::temp_directory_path() / ("sach-warc-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }
  std::string Write(const std::string& name, const std::string& bytes) const {
    std::ofstream(dir / name, std::ios::binary) << bytes;
    return (dir / name).string();
  }
};

struct Read {
  std::vector<sach::WarcRecord> records;
  std::vector<sach::WarcProblem> problems;
};

Read ReadAll(const std::string& path) {
  auto r = sach::WarcReader::Open(path, 1 << 20);
  REQUIRE(r.ok());
  Read out;
  for (sach::WarcRecord rec; (*r)->Next(rec, out.problems);) out.records.push_back(rec);
  return out;
}

std::vector<std::string> Uris(const Read& r) {
  std::vector<std::string> out;
  for (const auto& rec : r.records) out.push_back(rec.target_uri);
  return out;
}

// Four records of distinct pages: a warcinfo, then three responses.
std::vector<std::string> FourRecords() {
  return {Record("warcinfo", "", "software: test\r\n", "application/warc-fields"),
          Record("response", "http://a.example/1", Http("<p>một</p>")),
          Record("response", "http://a.example/2", Http("<p>hai</p>")),
          Record("response", "http://a.example/3", Http("<p>ba</p>"))};
}

std::string Joined(const std::vector<std::string>& parts, bool gzip_each) {
  std::string out;
  for (const auto& p : parts) out += gzip_each ? Gzip(p) : p;
  return out;
}

}  // namespace

TEST_CASE("warc: a plain WARC, one gzip member per record and one member for all are read the same") {
  Scratch s("shapes");
  const std::vector<std::string> records = FourRecords();
  for (const std::string& path : {s.Write("plain.warc", Joined(records, false)),
                                  s.Write("each.warc.gz", Joined(records, true)),
                                  s.Write("whole.warc.gz", Gzip(Joined(records, false)))}) {
    INFO(path);
    Read r = ReadAll(path);
    CHECK(r.problems.empty());
    REQUIRE(r.records.size() == 4);
    CHECK(r.records[0].type == "warcinfo");
    CHECK(r.records[1].type == "response");
    CHECK(r.records[1].record_id == "<urn:uuid:response-" + std::to_string(Http("<p>một</p>").size()) + ">");
    CHECK(r.records[1].date == "2026-12-01T10:00:00Z");
    CHECK(Uris(r) == std::vector<std::string>{"", "http://a.example/1", "http://a.example/2", "http://a.example/3"});
    CHECK(r.records[3].block == Http("<p>ba</p>"));
  }
  // Offsets name where each record starts: its gzip member in a gzipped file.
  Read each = ReadAll((s.dir / "each.warc.gz").string());
  CHECK(each.records[0].offset == 0);
  CHECK(each.records[1].offset == Gzip(records[0]).size());
  Read plain = ReadAll((s.dir / "plain.warc").string());
  CHECK(plain.records[2].offset == records[0].size() + records[1].size());
}

TEST_CASE("warc: a gzip member cut short mid-shard loses only its own record") {
  Scratch s("cut");
  const std::vector<std::string> records = FourRecords();
  std::string shard;
  std::uint64_t cut_at = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    std::string member = Gzip(records[i]);
    if (i == 2) {
      cut_at = shard.size();
      member.resize(member.size() / 2);
    }
    shard += member;
  }
  Read r = ReadAll(s.Write("cut.warc.gz", shard));
  CHECK(Uris(r) == std::vector<std::string>{"", "http://a.example/1", "http://a.example/3"});
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].offset == cut_at);
  CHECK(r.problems[0].reason.find("gzip member") != std::string::npos);
  // Cut at the end of the file: the records before it are all there.
  std::string tail = Joined(records, true);
  tail.resize(tail.size() - 10);
  Read t = ReadAll(s.Write("tail.warc.gz", tail));
  CHECK(Uris(t) == std::vector<std::string>{"", "http://a.example/1", "http://a.example/2"});
  CHECK(t.problems.size() == 1);
  // One member for the whole file, cut in the fourth record: the three
  // before it are read, nothing after a cut can be.
  std::string whole = Gzip(Joined(records, false) + Record("response", "http://a.example/9", std::string(5000, 'z')));
  whole.resize(whole.size() - 20);
  Read w = ReadAll(s.Write("whole.warc.gz", whole));
  CHECK(Uris(w) == std::vector<std::string>{"", "http://a.example/1", "http://a.example/2", "http://a.example/3"});
  CHECK(w.problems.size() == 1);
}

TEST_CASE("warc: garbage between records and a wrong Content-Length cost only the records concerned") {
  Scratch s("garbage");
  const std::vector<std::string> records = FourRecords();
  // Plain: junk before the second record, a too short length on the third.
  const std::string short_third =
      Record("response", "http://a.example/2", Http("<p>hai</p>"), "application/http; msgtype=response", 20);
  const std::string plain = records[0] + "junk that is no record\r\n" + records[1] + short_third + records[3];
  Read p = ReadAll(s.Write("junk.warc", plain));
  CHECK(Uris(p) == std::vector<std::string>{"", "http://a.example/1", "http://a.example/3"});
  CHECK(p.problems.size() == 2);
  // Gzipped: bytes that are no gzip member between two members.
  const std::string gz = Gzip(records[0]) + Gzip(records[1]) + "GARBAGE!" + Gzip(records[2]) + Gzip(records[3]);
  Read g = ReadAll(s.Write("junk.warc.gz", gz));
  CHECK(Uris(g) == std::vector<std::string>{"", "http://a.example/1", "http://a.example/2", "http://a.example/3"});
  REQUIRE(g.problems.size() == 1);
  CHECK(g.problems[0].offset == Gzip(records[0]).size() + Gzip(records[1]).size());
  // A length far past the limit is garbage too, not a reason to skip the rest.
  const std::string huge = records[0] + Record("response", "http://a.example/x", Http("<p>x</p>"),
                                               "application/http; msgtype=response", 1L << 40) + records[2];
  Read h = ReadAll(s.Write("huge.warc", huge));
  CHECK(Uris(h) == std::vector<std::string>{"", "http://a.example/2"});
  CHECK(h.problems.size() == 1);
}

TEST_CASE("warc: a record's page is read through chunked transfer and gzip encoding, other records are skipped with why") {
  std::string skipped;
  auto page = [&](const std::string& type, const std::string& block, const std::string& ct =
                                                                         "application/http; msgtype=response") {
    sach::WarcRecord rec;
    rec.type = type;
    rec.target_uri = "http://a.example/p";
    rec.content_type = ct;
    rec.block = block;
    skipped.clear();
    return sach::WarcDocument(rec, 1 << 20, skipped);
  };
  const std::string html = "<html><body><p>Một đoạn văn.</p></body></html>";
  auto plain = page("response", Http(html));
  REQUIRE(plain.ok());
  REQUIRE(plain->has_value());
  CHECK((*plain)->bytes == html);
  CHECK((*plain)->charset == "utf-8");
  CHECK((*plain)->url == "http://a.example/p");
  auto chunked = page("response", Http("1a\r\n" + html.substr(0, 26) + "\r\n" +
                                           [&] {
                                             char n[16];
                                             std::snprintf(n, sizeof n, "%zx", html.size() - 26);
                                             return std::string(n);
                                           }() + "\r\n" + html.substr(26) + "\r\n0\r\n\r\n",
                                       "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n"));
  REQUIRE(chunked.ok());
  REQUIRE(chunked->has_value());
  CHECK((*chunked)->bytes == html);
  auto gzipped = page("response", Http(Gzip(html), "Content-Type: text/html; charset=\"UTF-8\"\r\nContent-Encoding: gzip\r\n"));
  REQUIRE(gzipped.ok());
  REQUIRE(gzipped->has_value());
  CHECK((*gzipped)->bytes == html);
  CHECK((*gzipped)->charset == "UTF-8");
  auto wet = page("conversion", "Một đoạn văn.\nHai.\n", "text/plain");
  REQUIRE(wet.ok());
  REQUIRE(wet->has_value());
  CHECK((*wet)->bytes == "Một đoạn văn.\nHai.\n");
  // Skipped, with why.
  for (auto [type, block, why] : {std::tuple{"response", Http("gone", "Content-Type: text/html\r\n", 404), "HTTP status 404"},
                                  {"response", Http("x", "Content-Type: image/png\r\n"), "not a page (image/png)"},
                                  {"request", std::string("GET / HTTP/1.1\r\n\r\n"), "request record"},
                                  {"metadata", std::string("x: y\r\n"), "metadata record"}}) {
    auto r = page(type, block);
    REQUIRE(r.ok());
    CHECK_FALSE(r->has_value());
    CHECK(skipped == why);
  }
  // A payload that says gzip and is not: an error, not a skip.
  CHECK_FALSE(page("response", Http("not gzip", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n")).ok());
}

namespace {

struct Run {
  int code = -1;
  std::string out, err;
};

Run Sach(const std::string& args, const Scratch& s) {
  const fs::path out = s.dir / "stdout", err = s.dir / "stderr";
  const std::string cmd = std::string("'") + SACH_BINARY + "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(cmd.c_str());
  return Run{WIFEXITED(status) ? WEXITSTATUS(status) : -1, Slurp(out), Slurp(err)};
}

// The loopback news site of the crawl tests (tests/crawl_server.py).
struct Site {
  FILE* pipe = nullptr;
  std::string base;
  explicit Site(const Scratch& s) {
    const std::string cmd = "python3 '" SACH_SOURCE_DIR "/tests/crawl_server.py' '" SACH_SOURCE_DIR "/samples/html' '" +
                            (s.dir / "requests.log").string() + "'";
    pipe = popen(cmd.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char line[32] = {};
    REQUIRE(std::fgets(line, sizeof line, pipe) != nullptr);
    base = "http://127.0.0.1:" + std::to_string(std::atoi(line));
  }
  ~Site() {
    std::system(("wget -q -O /dev/null '" + base + "/quit'").c_str());
    pclose(pipe);
  }
};

const char* const kSamples[] = {"baocantho", "baochinhphu", "baotintuc", "vietnamplus", "vtcnews", "vtv"};

// A page cleaned directly, as it would be fetched from `url`.
std::string CleanedDirectly(const std::string& bytes, const std::string& url) {
  auto c = sach::Clean(sach::Document{"x", bytes, url, {}}, TestRules());
  REQUIRE(c.ok());
  return sach::FormatText(c->article);
}

std::map<std::string, std::string> FilesBelow(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out[e.path().filename().string()] = Slurp(e.path());
  return out;
}

}  // namespace

TEST_CASE("warc: sach clean on a WARC that wget wrote against a loopback server gives the pages' own articles") {
  Scratch s("wget");
  std::string urls;
  {
    Site site(s);
    for (const char* name : kSamples) urls += " '" + site.base + "/tin-tuc/" + name + ".html'";
    urls += " '" + site.base + "/nothing-here'";  // a 404, recorded and skipped
    const std::string wget = "cd '" + s.dir.string() + "' && wget -q --warc-file=shard -O /dev/null" + urls;
    std::system(wget.c_str());  // exits non-zero for the 404
    REQUIRE(fs::exists(s.dir / "shard.warc.gz"));
    // The articles: one per page, each what cleaning the page itself gives.
    Run r = Sach("clean --out '" + (s.dir / "out").string() + "' '" + (s.dir / "shard.warc.gz").string() + "'", s);
    CHECK(r.code == 0);
    // The records that are no page are counted in one line.
    CHECK(r.err.find("records skipped") != std::string::npos);
    CHECK(r.err.find("1 HTTP status 404") != std::string::npos);
    const std::map<std::string, std::string> got = FilesBelow(s.dir / "out");
    CHECK(got.size() == 6);
    for (const char* name : kSamples) {
      INFO(name);
      const std::string url = site.base + "/tin-tuc/" + name + ".html";
      const std::string file = sach::UrlFileName(url) + ".txt";
      REQUIRE(got.count(file));
      CHECK(got.at(file) == CleanedDirectly(Slurp(fs::path(SACH_SOURCE_DIR "/samples/html") / name / "input.html"), url));
    }
    // Standard input to standard output, JSON lines: the record's id and fetch time with each.
    Run j = Sach("clean --format jsonl - < '" + (s.dir / "shard.warc.gz").string() + "'", s);
    CHECK(j.code == 0);
    std::istringstream lines(j.out);
    int n = 0;
    for (std::string line; std::getline(lines, line); ++n) {
      CHECK(line.find("\"warc_record_id\":\"<urn:uuid:") != std::string::npos);
      CHECK(line.find("\"warc_date\":\"") != std::string::npos);
      CHECK(line.find("\"input\":\"-@") != std::string::npos);
    }
    CHECK(n == 6);
  }
}

TEST_CASE("warc: a WET file's conversions are cleaned as the text dumps they are") {
  Scratch s("wet");
  std::string wet = Gzip(Record("warcinfo", "", "software: hand-written\r\n", "application/warc-fields"));
  std::map<std::string, std::string> want;
  int i = 0;
  for (auto& e : fs::directory_iterator(SACH_SOURCE_DIR "/samples/dumps")) {
    const std::string text = Slurp(e.path() / "input.txt");
    const std::string url = "http://dump.example/bai-" + std::to_string(i++) + ".html";
    wet += Gzip(Record("conversion", url, text, "text/plain"));
    want[sach::UrlFileName(url) + ".txt"] = CleanedDirectly(text, url);
  }
  REQUIRE(i == 5);
  const std::string path = s.Write("shard.warc.wet.gz", wet);
  Run r = Sach("clean -q --out '" + (s.dir / "out").string() + "' '" + path + "'", s);
  CHECK(r.code == 0);
  CHECK(FilesBelow(s.dir / "out") == want);
}

TEST_CASE("warc: sach clean goes on past a broken record, names it by file and offset, and exits 1") {
  Scratch s("broken");
  auto article = [](const std::string& n) {
    return Http("<html><body><article><h1>Bài " + n + "</h1><p>Đây là một đoạn văn đủ dài của bài báo số " + n +
                ", kể lại một sự việc có thật cho người đọc.</p></article></body></html>");
  };
  std::string shard = Gzip(FourRecords()[0]) + Gzip(Record("response", "http://a.example/4", article("4")));
  const std::size_t broken_at = shard.size();
  std::string cut = Gzip(Record("response", "http://a.example/5", article("5")));
  cut.resize(cut.size() / 2);
  shard += cut + Gzip(Record("response", "http://a.example/6", article("6")));
  const std::string path = s.Write("broken.warc.gz", shard);
  Run r = Sach("clean --format jsonl '" + path + "'", s);
  CHECK(r.code == 1);
  CHECK(r.err.find(path + "@" + std::to_string(broken_at) + ": gzip member") != std::string::npos);
  CHECK(r.out.find("\"url\":\"http://a.example/4\"") != std::string::npos);
  CHECK(r.out.find("\"url\":\"http://a.example/5\"") == std::string::npos);
  CHECK(r.out.find("\"url\":\"http://a.example/6\"") != std::string::npos);
}

TEST_CASE("warc: commands that read one page refuse a web archive with one line naming it") {
  Scratch s("refuse");
  const std::string path = s.Write("shard.warc.gz", Joined(FourRecords(), true));
  auto doc = sach::ReadDocument(path);
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.error().code == sach::ErrorCode::kUnsupported);
  Run r = Sach("explain '" + path + "'", s);
  CHECK(r.code != 0);
  CHECK(r.err.find("shard.warc.gz") != std::string::npos);
  CHECK(r.err.find("sach clean reads it") != std::string::npos);
}
