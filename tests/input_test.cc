// Read stage: directory walks, output names, gzip, limits, unreadable entries.
#include "sach/input.h"
#include "test_support.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

struct TempTree {
  fs::path root;
  TempTree() {
    root = fs::temp_directory_path() / ("sach-input-test-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root / "a" / "b");
    fs::create_directories(root / ".hidden");
  }
  ~TempTree() { fs::remove_all(root); }
  void Write(const fs::path& rel, const std::string& bytes) {
    fs::create_directories((root / rel).parent_path());
    std::ofstream(root / rel, std::ios::binary) << bytes;
  }
};


}  // namespace

TEST_CASE("input: cleanable names") {
  CHECK(sach::IsCleanableName("a.html"));
  CHECK(sach::IsCleanableName("a.HTM.gz"));
  CHECK(sach::IsCleanableName("dump.md"));
  CHECK(sach::IsCleanableName("dump.txt"));
  CHECK_FALSE(sach::IsCleanableName("photo.jpg"));
  CHECK_FALSE(sach::IsCleanableName("archive.tar.gz"));
}

TEST_CASE("input: a directory is walked in order, hidden and foreign files skipped") {
  TempTree t;
  t.Write("z.txt", "z");
  t.Write("a/page.html.gz", Gzip("<p>x</p>"));
  t.Write("a/b/input.md", "m");
  t.Write("a/photo.jpg", "j");
  t.Write(".hidden/secret.txt", "s");
  t.Write("a/.dot.txt", "d");
  auto listing = sach::ListInputs({t.root.string(), "-", (t.root / "missing.txt").string()});
  REQUIRE(listing.files.size() == 4);
  CHECK(listing.files[0].out_name == "a/b/input");
  CHECK(listing.files[1].out_name == "a/page");
  CHECK(listing.files[2].out_name == "z");
  CHECK(listing.files[3].path == "-");
  CHECK(listing.files[3].out_name == "stdin");
  REQUIRE(listing.problems.size() == 1);
  CHECK(listing.problems[0].reason == "no such file or directory");
}

TEST_CASE("input: a file named directly keeps its path as given, hostile names are fine") {
  TempTree t;
  std::string name = "-odd name\nwith newline.html";
  t.Write(name, "<p>x</p>");
  auto listing = sach::ListInputs({(t.root / name).string()});
  REQUIRE(listing.files.size() == 1);
  CHECK(listing.files[0].out_name == (t.root.relative_path() / "-odd name\nwith newline").string());
  auto bytes = sach::ReadInput(listing.files[0].path);
  REQUIRE(bytes.ok());
  CHECK(*bytes == "<p>x</p>");
}

TEST_CASE("input: output names mirror the path as given, never above the output folder") {
  CHECK(sach::MirroredName("samples/html/vtv/input.html") == "samples/html/vtv/input");
  CHECK(sach::MirroredName("./a/./b.txt.gz") == "a/b");
  CHECK(sach::MirroredName("/abs/x.html") == "abs/x");
  CHECK(sach::MirroredName("a/../b.md") == "b");
  CHECK(sach::MirroredName("../../x.htm") == "__/__/x");
  CHECK(sach::MirroredName("..") == "__");
  CHECK(sach::MirroredName("/") == "input");
  // The same name whether the file is listed alone or with others (a batch
  // split by `xargs -n1` writes what one run would).
  TempTree t;
  t.Write("d1/input.txt", "x");
  t.Write("d2/input.txt", "y");
  const std::string a = (t.root / "d1/input.txt").string(), b = (t.root / "d2/input.txt").string();
  auto alone = sach::ListInputs({a});
  auto both = sach::ListInputs({a, b});
  REQUIRE(alone.files.size() == 1);
  REQUIRE(both.files.size() == 2);
  CHECK(alone.files[0].out_name == both.files[0].out_name);
  CHECK(both.files[0].out_name != both.files[1].out_name);
}

TEST_CASE("input: an empty folder or one with no inputs is a problem, the output folder is not walked") {
  TempTree t;
  t.Write("empty/.hidden.txt", "x");
  t.Write("other/notes.pdf", "x");
  t.Write("tree/a.txt", "x");
  t.Write("tree/out/a.txt", "cleaned before");
  auto listing = sach::ListInputs({(t.root / "empty").string(), (t.root / "other").string()});
  CHECK(listing.files.empty());
  REQUIRE(listing.problems.size() == 2);
  CHECK(listing.problems[0].reason.find("no inputs") == 0);
  auto walked = sach::ListInputs({(t.root / "tree").string()}, (t.root / "tree" / "out").string());
  REQUIRE(walked.files.size() == 1);
  CHECK(walked.files[0].out_name == "a");
  REQUIRE(walked.skipped.size() == 1);
  CHECK(walked.skipped[0].name == (t.root / "tree" / "out").string());
}

TEST_CASE("input: gzip is read transparently, corrupt gzip is an error") {
  TempTree t;
  t.Write("ok.txt.gz", Gzip("nội dung"));
  auto ok = sach::ReadInput((t.root / "ok.txt.gz").string());
  REQUIRE(ok.ok());
  CHECK(*ok == "nội dung");
  // Concatenated members read as one stream.
  t.Write("two.txt.gz", Gzip("một ") + Gzip("hai"));
  CHECK(*sach::ReadInput((t.root / "two.txt.gz").string()) == "một hai");
  t.Write("bad.txt.gz", std::string("\x1f\x8b\x08\x00garbage", 11));
  auto bad = sach::ReadInput((t.root / "bad.txt.gz").string());
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("gzip") != std::string::npos);
  std::string whole = Gzip(std::string(5000, 'x'));
  auto truncated = sach::Gunzip(std::string_view(whole).substr(0, whole.size() / 2), 1 << 20);
  CHECK_FALSE(truncated.ok());
}

TEST_CASE("input: limits, directories and dangling links fail with one-line reasons") {
  TempTree t;
  t.Write("big.txt", std::string(2000, 'a'));
  auto big = sach::ReadInput((t.root / "big.txt").string(), 1000);
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().message == "too large: 2000 bytes (limit 1000)");
  auto dir = sach::ReadInput((t.root / "a").string());
  REQUIRE_FALSE(dir.ok());
  CHECK(dir.error().message == "is a directory");
  fs::create_symlink(t.root / "nowhere.txt", t.root / "a" / "dangling.txt");
  auto listing = sach::ListInputs({(t.root / "a").string()});
  REQUIRE(listing.files.size() == 1);  // listed, and then it cannot be read
  auto dangling = sach::ReadInput(listing.files[0].path);
  REQUIRE_FALSE(dangling.ok());
  CHECK(dangling.error().message.rfind("cannot read: ", 0) == 0);
}

TEST_CASE("input: a gzip bomb stops at the limit") {
  std::string bomb = Gzip(std::string(10 << 20, '\0'));
  auto r = sach::Gunzip(bomb, 1 << 20);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("too large after decompression") != std::string::npos);
}
