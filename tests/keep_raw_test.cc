// --keep-raw: a URL as a path below the folder (never outside it), the page
// gzipped with its URL and charset in the gzip header and read back with
// them, and a kept file of another page never replaced unasked.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sach/input.h"
#include "keep_raw.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace {

struct Dir {
  fs::path path = fs::temp_directory_path() / ("sach-keep-raw-test-" + std::to_string(::getpid()));
  Dir() { fs::remove_all(path); }
  ~Dir() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("keep raw: the URL mirrored as host and path, index for a trailing slash, the query folded") {
  using sach::RawPath;
  CHECK(RawPath("https://bocongan.gov.vn/tin-tuc/a-b.html#top") == "bocongan.gov.vn/tin-tuc/a-b.html.gz");
  CHECK(RawPath("https://bocongan.gov.vn/tin-tuc/") == "bocongan.gov.vn/tin-tuc/index.html.gz");
  CHECK(RawPath("https://bocongan.gov.vn") == "bocongan.gov.vn/index.html.gz");
  CHECK(RawPath("http://127.0.0.1:8080/Tin/Bai.aspx") == "127.0.0.1-8080/tin/bai.aspx.html.gz");
  const std::string q1 = RawPath("http://a.vn/page.aspx?ItemID=1&x=2");
  CHECK(q1.rfind("a.vn/page.aspx@itemid-1-x-2-", 0) == 0);
  CHECK(q1.ends_with(".html.gz"));
  // Queries the folding alone would make one name stay two.
  CHECK(RawPath("http://a.vn/p?id=A") != RawPath("http://a.vn/p?id=a"));
  CHECK(RawPath("http://a.vn/p?id=1") == RawPath("http://a.vn/p?id=1#x"));
}

TEST_CASE("keep raw: nothing in a URL leaves the folder or makes a hidden or control-character name") {
  using sach::RawPath;
  for (const char* url : {"http://h/../../etc/passwd", "http://../..", "http://h/./.hidden/..%2F..%2Fx",
                          "http://user@h//a///b", "http://h/\n\x01/x", "http:///"}) {
    const fs::path p = RawPath(url);
    INFO(url << " -> " << p.string());
    CHECK_FALSE(p.is_absolute());
    for (const fs::path& part : p) {
      CHECK(part.string() != "..");
      CHECK(part.string().front() != '.');
      for (unsigned char c : part.string()) CHECK(c >= 0x20);
    }
  }
  CHECK(RawPath("http://user:pw@h/a") == "h/a.html.gz");
  CHECK(RawPath("http://h/" + std::string(500, 'x') + "?" + std::string(500, 'y')).size() < 255);
}

TEST_CASE("keep raw: a kept page reads back as its bytes, URL and charset, and zcat gives the bytes") {
  Dir d;
  const std::string body = std::string("<html><body><p>Gi\xe1 x\xe3ng</p>\0\xff</body></html>", 38);
  REQUIRE(sach::KeepRaw(d.path.string(), "https://a.vn/tin/bai.html", body, "windows-1258", false).ok());
  const fs::path kept = d.path / "a.vn/tin/bai.html.gz";
  REQUIRE(fs::is_regular_file(kept));
  auto doc = sach::ReadDocument(kept.string());
  REQUIRE(doc.ok());
  CHECK(doc->bytes == body);
  CHECK(doc->url == "https://a.vn/tin/bai.html");
  CHECK(doc->charset == "windows-1258");
  CHECK(doc->name == kept.string());
  // Any gunzip reads it: the URL is only in the header.
  auto plain = sach::Gunzip(Slurp(kept), 1 << 20);
  REQUIRE(plain.ok());
  CHECK(*plain == body);
  // A file that is not a kept page names no URL; a comment another tool wrote neither.
  std::ofstream(d.path / "plain.html", std::ios::binary) << body;
  CHECK(sach::ReadDocument((d.path / "plain.html").string())->url.empty());
  CHECK(sach::ParseOrigin("made by gzip").url.empty());
  CHECK(sach::ParseOrigin("url: javascript:x\n").url.empty());
  CHECK(sach::ParseOrigin("url: https://a.vn/x\ncharset: utf-8\n").charset == "utf-8");
}

TEST_CASE("keep raw: the same page again is left as it is, another page replaces it only when asked") {
  Dir d;
  const std::string url = "https://a.vn/tin/";
  REQUIRE(sach::KeepRaw(d.path.string(), url, "<p>một</p>", "", false).ok());
  const fs::path kept = d.path / "a.vn/tin/index.html.gz";
  const auto written = fs::last_write_time(kept);
  CHECK(sach::KeepRaw(d.path.string(), url, "<p>một</p>", "", false).ok());
  CHECK(fs::last_write_time(kept) == written);

  auto refused = sach::KeepRaw(d.path.string(), url, "<p>hai</p>", "", false);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message == kept.string() + " exists, with another page (--overwrite replaces it)");
  CHECK(sach::ReadDocument(kept.string())->bytes == "<p>một</p>");

  REQUIRE(sach::KeepRaw(d.path.string(), url, "<p>hai</p>", "", true).ok());
  CHECK(sach::ReadDocument(kept.string())->bytes == "<p>hai</p>");
  int files = 0;
  for (auto& e : fs::recursive_directory_iterator(d.path)) files += e.is_regular_file();
  CHECK(files == 1);  // no temp file left
}
