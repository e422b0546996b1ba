// `sach clean --out` never destroys input and never replaces output unasked:
// existing output needs --overwrite, an input is never written over, the
// output folder is not walked as input, names do not depend on how a batch
// was split, and sach's own output cleans back to itself.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <string>

#include "test_support.h"

namespace fs = std::filesystem;

namespace {

struct Run {
  int code = -1;
  std::string out, err;
};

struct Scratch {
  fs::path dir;
  Scratch() {
    static int n = 0;
    dir = fs::temp_directory_path() / ("sach-output-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }

  // `sach ARGS` run from the scratch folder, so relative paths stay short.
  Run Sach(const std::string& args) const {
    fs::path out = dir / ".stdout", err = dir / ".stderr";
    std::string cmd = "cd '" + dir.string() + "' && '" + SACH_BINARY + "' " + args + " >'" + out.string() +
                      "' 2>'" + err.string() + "' </dev/null";
    int status = std::system(cmd.c_str());
    Run r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = Slurp(out);
    r.err = Slurp(err);
    fs::remove(out);
    fs::remove(err);
    return r;
  }

  void Write(const fs::path& rel, const std::string& bytes) const {
    fs::create_directories((dir / rel).parent_path());
    std::ofstream(dir / rel, std::ios::binary) << bytes;
  }
  std::string Read(const fs::path& rel) const { return Slurp(dir / rel); }
};

const std::string kPage = SACH_SOURCE_DIR "/samples/html/baochinhphu/input.html";
const std::string kDump = SACH_SOURCE_DIR "/samples/dumps/000_17fa29c206418ba5/input.txt";

// Every regular file below DIR, as paths relative to it.
std::set<std::string> Files(const fs::path& dir) {
  std::set<std::string> files;
  for (auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files.insert(fs::relative(e.path(), dir).string());
  return files;
}

}  // namespace

TEST_CASE("output: a second run keeps existing output unless --overwrite is given") {
  Scratch s;
  s.Write("page.html", Slurp(kPage));
  REQUIRE(s.Sach("clean -q --out out page.html").code == 0);
  std::string first = s.Read("out/page.txt");
  REQUIRE(first.rfind("---\n", 0) == 0);
  s.Write("out/page.txt", "edited by hand\n");

  Run again = s.Sach("clean -q --out out page.html");
  CHECK(again.code == 1);
  CHECK(again.err.find("page.html: out/page.txt exists (--overwrite replaces it)") != std::string::npos);
  CHECK(s.Read("out/page.txt") == "edited by hand\n");

  Run replaced = s.Sach("clean -q --overwrite --out out page.html");
  CHECK(replaced.code == 0);
  CHECK(s.Read("out/page.txt") == first);
}

TEST_CASE("output: jsonl keeps an existing articles.jsonl, --out FILE.jsonl writes that file") {
  Scratch s;
  s.Write("page.html", Slurp(kPage));
  REQUIRE(s.Sach("clean -q --format jsonl --out out page.html").code == 0);
  std::string first = s.Read("out/articles.jsonl");
  REQUIRE(first.find("\"title\":") != std::string::npos);

  Run again = s.Sach("clean -q --format jsonl --out out page.html page.html");
  CHECK(again.code == 1);
  CHECK(again.err.find("exists (--overwrite replaces it)") != std::string::npos);
  CHECK(s.Read("out/articles.jsonl") == first);
  CHECK(s.Sach("clean -q --overwrite --format jsonl --out out page.html").code == 0);
  CHECK(s.Read("out/articles.jsonl") == first);

  Run file = s.Sach("clean -q --out all.jsonl page.html");
  CHECK(file.code == 0);
  CHECK(fs::is_regular_file(s.dir / "all.jsonl"));
  CHECK(s.Read("all.jsonl") == first);
  CHECK(s.Sach("clean -q --out all.jsonl page.html").code == 1);
  CHECK(s.Sach("clean -q --format text --out x.jsonl page.html").code == 2);
}

TEST_CASE("output: the output folder equal to an input folder is a usage error and the inputs stay") {
  Scratch s;
  s.Write("tree/a/input.txt", Slurp(kDump));
  s.Write("tree/b.html", Slurp(kPage));
  Run r = s.Sach("clean -q --out tree tree");
  CHECK(r.code == 2);
  CHECK(r.err.find("tree") != std::string::npos);
  CHECK(s.Read("tree/a/input.txt") == Slurp(kDump));
  CHECK(s.Read("tree/b.html") == Slurp(kPage));
  CHECK(Files(s.dir / "tree") == std::set<std::string>{"a/input.txt", "b.html"});
}

TEST_CASE("output: an output folder inside the input folder is not read, twice gives the same tree") {
  Scratch s;
  s.Write("tree/a/input.txt", Slurp(kDump));
  s.Write("tree/b.html", Slurp(kPage));
  REQUIRE(s.Sach("clean -q --out tree/out tree").code == 0);
  std::set<std::string> once = Files(s.dir / "tree");
  CHECK(once == std::set<std::string>{"a/input.txt", "b.html", "out/a/input.txt", "out/b.txt"});

  Run twice = s.Sach("clean -q --overwrite --out tree/out tree");
  CHECK(twice.code == 0);
  CHECK(Files(s.dir / "tree") == once);
  CHECK(s.Read("tree/a/input.txt") == Slurp(kDump));
}

TEST_CASE("output: an output that would land on an input is refused, also with --overwrite") {
  Scratch s;
  s.Write("notes.txt", Slurp(kDump));
  for (const char* flags : {"", "--overwrite "}) {
    Run r = s.Sach(std::string("clean -q ") + flags + "--out . notes.txt");
    CHECK(r.code == 1);
    CHECK(r.err.find("would overwrite the input") != std::string::npos);
    CHECK(s.Read("notes.txt") == Slurp(kDump));
  }
}

TEST_CASE("output: an empty folder or one with nothing to clean says no inputs and exits 1") {
  Scratch s;
  fs::create_directories(s.dir / "empty");
  s.Write("pictures/a.jpg", "\xFF\xD8\xFF");
  for (const char* dir : {"empty", "pictures"}) {
    Run r = s.Sach(std::string("clean -q ") + dir);
    CHECK(r.code == 1);
    CHECK(r.err.find(std::string(dir) + ": no inputs") != std::string::npos);
    CHECK(r.out.empty());
  }
}

TEST_CASE("output: names are the same however the batch is split") {
  Scratch s;
  for (const char* name : {"x/one/input.txt", "x/two/input.txt", "y/input.html"})
    s.Write(name, std::string(name).find(".html") != std::string::npos ? Slurp(kPage) : Slurp(kDump));
  REQUIRE(s.Sach("clean -q --out whole x/one/input.txt x/two/input.txt y/input.html").code == 0);
  for (const char* name : {"x/one/input.txt", "x/two/input.txt", "y/input.html"})
    REQUIRE(s.Sach(std::string("clean -q --out split ") + name).code == 0);
  std::set<std::string> want{"x/one/input.txt", "x/two/input.txt", "y/input.txt"};
  CHECK(Files(s.dir / "whole") == want);
  CHECK(Files(s.dir / "split") == want);
  for (const auto& f : want) CHECK(s.Read("whole/" + f) == s.Read("split/" + f));

  // Nothing lands above the output folder, whatever the path.
  REQUIRE(s.Sach("clean -q --out deep/o ../" + s.dir.filename().string() + "/y/input.html").code == 0);
  CHECK(Files(s.dir / "deep") == std::set<std::string>{"o/__/" + s.dir.filename().string() + "/y/input.txt"});
}

TEST_CASE("output: sach's own output cleaned again comes back unchanged") {
  int samples = 0;
  for (auto& kind : fs::directory_iterator(SACH_SOURCE_DIR "/samples")) {
    if (!kind.is_directory()) continue;
    for (auto& sample : fs::directory_iterator(kind.path())) {
      fs::path expected = sample.path() / "expected.txt";
      if (!fs::exists(expected)) continue;
      Scratch s;
      s.Write("article.txt", Slurp(expected));
      Run r = s.Sach("clean article.txt");
      INFO(expected.string() << ": " << r.err);
      CHECK(r.code == 0);
      CHECK(r.out == Slurp(expected));
      ++samples;
    }
  }
  CHECK(samples >= 10);
}

TEST_CASE("output: --format markdown writes NAME.md below --out, the same markdown as on standard output") {
  Scratch s;
  s.Write("page.html", Slurp(kPage));
  Run printed = s.Sach("clean -q --format markdown page.html");
  REQUIRE(printed.code == 0);
  CHECK(printed.out.rfind("---\ntitle: ", 0) == 0);
  CHECK(printed.out.find("\n---\n\n# ") != std::string::npos);
  REQUIRE(s.Sach("clean -q --format markdown --out out page.html").code == 0);
  CHECK(Files(s.dir / "out") == std::set<std::string>{"page.md"});
  CHECK(s.Read("out/page.md") == printed.out);
  Run bad = s.Sach("clean -q --format rtf page.html");
  CHECK(bad.code == 2);
  CHECK(bad.err.find("unknown format 'rtf' (text, jsonl, markdown or csv)") != std::string::npos);
}

TEST_CASE("output: --format csv prints a header and a row per article, --out FILE.csv writes that file") {
  Scratch s;
  s.Write("page.html", Slurp(kPage));
  s.Write("dump.txt", Slurp(kDump));
  Run printed = s.Sach("clean -q --format csv page.html dump.txt");
  REQUIRE(printed.code == 0);
  CHECK(printed.out.rfind("url,title,date,author,source,site,text\r\n", 0) == 0);
  std::size_t rows = 0;
  for (std::size_t at = 0; (at = printed.out.find("\r\n", at)) != std::string::npos; at += 2) ++rows;
  CHECK(rows == 3);  // the header and two articles; the paragraphs' breaks inside the fields are "\n"

  REQUIRE(s.Sach("clean -q --out all.csv page.html dump.txt").code == 0);
  CHECK(s.Read("all.csv") == printed.out);
  CHECK(s.Sach("clean -q --out all.csv page.html").code == 1);  // exists: kept without --overwrite
  CHECK(s.Read("all.csv") == printed.out);
  REQUIRE(s.Sach("clean -q --format csv --out dir page.html dump.txt").code == 0);
  CHECK(Files(s.dir / "dir") == std::set<std::string>{"articles.csv"});
  CHECK(s.Read("dir/articles.csv") == printed.out);
  CHECK(s.Sach("clean -q --format jsonl --out x.csv page.html").code == 2);
}
