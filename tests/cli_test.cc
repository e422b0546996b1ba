// The sach executable end to end: help and usage errors, and a batch with bad
// inputs — each gets one clear line on stderr, the rest is cleaned, exit 1,
// and no partial output file is left.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "test_support.h"

namespace fs = std::filesystem;

namespace {

struct Run {
  int code = -1;
  std::string out, err;
};

// Runs `sach ARGS` through the shell with stdout and stderr captured in files.
Run Sach(const std::string& args, const fs::path& scratch) {
  fs::path out = scratch / "stdout", err = scratch / "stderr";
  std::string cmd = std::string("'") + SACH_BINARY + "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "' </dev/null";
  int status = std::system(cmd.c_str());
  Run r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = Slurp(out);
  r.err = Slurp(err);
  return r;
}

int CountLines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

struct Scratch {
  fs::path dir;
  Scratch() {
    static int n = 0;
    dir = fs::temp_directory_path() / ("sach-cli-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }
};

const std::string kSample = SACH_SOURCE_DIR "/samples/dumps/000_17fa29c206418ba5";

}  // namespace

TEST_CASE("cli: help, version and usage errors") {
  Scratch s;
  Run help = Sach("--help", s.dir);
  CHECK(help.code == 0);
  CHECK(help.out.find("usage: sach") != std::string::npos);
  Run clean_help = Sach("clean --help", s.dir);
  CHECK(clean_help.code == 0);
  CHECK(clean_help.out.find("--format") != std::string::npos);
  Run version = Sach("--version", s.dir);
  CHECK(version.code == 0);
  CHECK(version.out.rfind("sach ", 0) == 0);
  CHECK(Sach("", s.dir).code == 2);
  CHECK(Sach("frobnicate", s.dir).code == 2);
  CHECK(Sach("clean", s.dir).code == 2);
  CHECK(Sach("clean --format yaml x", s.dir).code == 2);
  CHECK(Sach("clean --bogus x", s.dir).code == 2);
}

TEST_CASE("cli: a usage error is one line with the hint, options take both spellings, every command has --help") {
  Scratch s;
  for (const char* args : {"check --report", "clean --bogus x", "crawl --config", "explain a b", "clean -f", "rules",
                           "rules lint a b", "clean --quiet=1 x"}) {
    Run r = Sach(args, s.dir);
    INFO(args << ": " << r.err);
    CHECK(r.code == 2);
    CHECK(CountLines(r.err) == 1);
    CHECK(r.err.find(" --help shows the options)") != std::string::npos);
    CHECK(r.out.empty());
  }
  CHECK(Sach("check --report", s.dir).err == "sach: --report needs a value (sach check --help shows the options)\n");
  for (const char* args : {"rules --help", "rules lint --help", "explain --help", "check -h", "crawl --help"}) {
    Run r = Sach(args, s.dir);
    INFO(args);
    CHECK(r.code == 0);
    CHECK(r.out.rfind("usage: sach ", 0) == 0);
  }
  // --out=DIR and bundled short flags.
  const std::string page = SACH_SOURCE_DIR "/samples/html/baochinhphu/input.html";
  Run r = Sach("clean -qo '" + (s.dir / "a").string() + "' '" + page + "'", s.dir);
  CHECK(r.code == 0);
  Run eq = Sach("clean --quiet --out='" + (s.dir / "b").string() + "' '" + page + "'", s.dir);
  CHECK(eq.code == 0);
  int files = 0;
  for (const char* d : {"a", "b"})
    for (auto& e : fs::recursive_directory_iterator(s.dir / d)) files += e.is_regular_file();
  CHECK(files == 2);
}

TEST_CASE("cli: --input-list reads inputs a line each, from a file or standard input") {
  Scratch s;
  const std::string dump = SACH_SOURCE_DIR "/samples/dumps/000_17fa29c206418ba5/input.txt";
  const std::string page = SACH_SOURCE_DIR "/samples/html/baochinhphu/input.html";
  std::ofstream(s.dir / "list.txt") << dump << "\r\n\n" << page << "\n";
  Run from_file = Sach("clean -i '" + (s.dir / "list.txt").string() + "'", s.dir);
  CHECK(from_file.code == 0);
  CHECK(from_file.out.find("title: Cơ chế, chính sách xác định giá sản phẩm in, đúc tiền") != std::string::npos);
  CHECK(from_file.out.find("title: Việt Nam – Singapore tăng cường hợp tác phòng, chống tội phạm") != std::string::npos);
  std::string cmd = "cat '" + (s.dir / "list.txt").string() + "' | '" + SACH_BINARY + "' clean --input-list - > '" +
                    (s.dir / "piped").string() + "'";
  CHECK(std::system(cmd.c_str()) == 0);
  CHECK(Slurp(s.dir / "piped") == from_file.out);
  CHECK(Sach("clean -i '" + (s.dir / "missing.txt").string() + "'", s.dir).code == 1);
}

TEST_CASE("cli: a sample to stdout equals its expected output") {
  Scratch s;
  Run r = Sach("clean '" + kSample + "/input.txt'", s.dir);
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == Slurp(kSample + "/expected.txt"));
  // Standard input and gzip are read too.
  Run gz = Sach("clean - < /dev/null", s.dir);
  CHECK(gz.code == 1);  // empty standard input is an error, named "-"
  CHECK(gz.err.find("-: empty input") != std::string::npos);
}

TEST_CASE("cli: bad inputs in a batch — one line each, the rest cleaned, exit 1, no partial files") {
  Scratch s;
  fs::path in = s.dir / "in", out = s.dir / "out";
  fs::create_directories(in / "nested");
  fs::copy_file(kSample + "/input.txt", in / "good.txt");
  fs::copy_file(kSample + "/input.txt", in / "nested" / "also good.txt");
  std::ofstream(in / "empty.txt").flush();
  {
    std::ofstream bin(in / "binary.html", std::ios::binary);
    std::string bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    for (int i = 0; i < 100; ++i) bin << bytes;
  }
  {
    // 50 MB of text: refused before it is read.
    std::ofstream big(in / "huge.txt", std::ios::binary);
    std::string line(1023, 'a');
    line += '\n';
    for (int i = 0; i < 50 * 1024; ++i) big << line;
  }
  fs::create_symlink(in / "gone.txt", in / "unreadable.txt");  // dangling: cannot be read
  {
    std::ofstream bad(in / "corrupt.txt.gz", std::ios::binary);
    bad << std::string("\x1f\x8b\x08\x00garbage", 11);
  }

  Run r = Sach("clean -q --out '" + out.string() + "' '" + in.string() + "'", s.dir);
  CHECK(r.code == 1);
  INFO("stderr:\n" << r.err);
  CHECK(CountLines(r.err) == 5);
  for (std::string name : {"empty.txt", "binary.html", "huge.txt", "unreadable.txt", "corrupt.txt.gz"})
    CHECK(r.err.find(name + ": ") != std::string::npos);
  CHECK(r.err.find("empty input") != std::string::npos);
  CHECK(r.err.find("too large") != std::string::npos);
  CHECK(r.err.find("binary.html: not a page: a PNG image") != std::string::npos);
  // The good inputs were cleaned, mirrored under --out; nothing else was written.
  CHECK(Slurp(out / "good.txt") == Slurp(kSample + "/expected.txt"));
  CHECK(fs::exists(out / "nested" / "also good.txt"));
  int files = 0;
  for (auto& e : fs::recursive_directory_iterator(out)) files += e.is_regular_file();
  CHECK(files == 2);
}

TEST_CASE("cli: a PDF, or a .html file holding PDF or PNG bytes, fails on one line naming what it is") {
  Scratch s;
  fs::path out = s.dir / "out";
  // The PDF is mostly ASCII: without a look at its first bytes it cleans into
  // an "article" titled %PDF-1.4.
  const std::string pdf =
      "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] >>\n"
      "endobj\nBáo cáo tổng kết công tác năm của Bộ Công an được trình bày tại hội nghị.\n"
      "trailer\n<< /Root 1 0 R >>\n%%EOF\n";
  std::ofstream(s.dir / "report.pdf", std::ios::binary) << pdf;
  std::ofstream(s.dir / "saved.html", std::ios::binary) << pdf;
  std::ofstream(s.dir / "photo.html", std::ios::binary) << std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  fs::copy_file(kSample + "/input.txt", s.dir / "good.txt");
  Run r = Sach("clean -q --out '" + out.string() + "' '" + (s.dir / "report.pdf").string() + "' '" +
                   (s.dir / "saved.html").string() + "' '" + (s.dir / "photo.html").string() + "' '" +
                   (s.dir / "good.txt").string() + "'",
               s.dir);
  CHECK(r.code == 1);
  INFO("stderr:\n" << r.err);
  CHECK(CountLines(r.err) == 3);
  CHECK(r.err.find("report.pdf: not a page: a PDF document\n") != std::string::npos);
  CHECK(r.err.find("saved.html: not a page: a PDF document\n") != std::string::npos);
  CHECK(r.err.find("photo.html: not a page: a PNG image\n") != std::string::npos);
  // The batch went on: the good input was cleaned, nothing else was written.
  int files = 0;
  for (auto& e : fs::recursive_directory_iterator(out)) files += e.is_regular_file();
  CHECK(files == 1);
  CHECK(r.err.find("%PDF") == std::string::npos);
}

TEST_CASE("cli: jsonl output goes to one file, written whole") {
  Scratch s;
  fs::path out = s.dir / "out";
  Run r = Sach("clean -q --format jsonl --out '" + out.string() + "' '" + SACH_SOURCE_DIR + "/samples/dumps'", s.dir);
  CHECK(r.code == 0);
  std::string jsonl = Slurp(out / "articles.jsonl");
  CHECK(CountLines(jsonl) >= 5);
  CHECK(jsonl.find("\"title\":\"Việt Nam – Singapore tăng cường hợp tác phòng, chống tội phạm\"") != std::string::npos);
  CHECK(jsonl.find("\"text\":\"") != std::string::npos);
  int files = 0;
  for (auto& e : fs::directory_iterator(out)) files += e.is_regular_file();
  CHECK(files == 1);
}

TEST_CASE("cli: an HTML page is read from a .gz file and from standard input alike") {
  Scratch s;
  const std::string page = SACH_SOURCE_DIR "/samples/html/baochinhphu/input.html";
  fs::path gz = s.dir / "page.html.gz";
  REQUIRE(std::system(("gzip -c '" + page + "' > '" + gz.string() + "'").c_str()) == 0);
  Run from_gz = Sach("clean '" + gz.string() + "'", s.dir);
  CHECK(from_gz.code == 0);
  CHECK(from_gz.out.find("title: Cơ chế, chính sách xác định giá sản phẩm in, đúc tiền") != std::string::npos);

  fs::path out = s.dir / "stdin.txt";
  std::string cmd = std::string("'") + SACH_BINARY + "' clean - < '" + page + "' > '" + out.string() + "'";
  CHECK(std::system(cmd.c_str()) == 0);
  CHECK(Slurp(out) == from_gz.out);
}

TEST_CASE("cli: explain prints one input's decisions, usage errors exit 2") {
  Scratch s;
  Run r = Sach("explain '" + kSample + "/input.txt'", s.dir);
  CHECK(r.code == 0);
  CHECK(r.out.find("blocks (") != std::string::npos);
  CHECK(r.out.find("DROPPED") != std::string::npos);
  CHECK(Sach("explain", s.dir).code == 2);
  CHECK(Sach("explain a b", s.dir).code == 2);
  Run missing = Sach("explain '" + (s.dir / "nope.html").string() + "'", s.dir);
  CHECK(missing.code == 1);
  CHECK(missing.err.find("nope.html") != std::string::npos);
}

TEST_CASE("cli: rules lint passes the bundled rules and names file:line of a broken one") {
  Scratch s;
  Run ok = Sach("rules lint '" SACH_SOURCE_DIR "/rules'", s.dir);
  CHECK(ok.code == 0);
  CHECK(ok.out.find(": ok (") != std::string::npos);
  CHECK(ok.out.find(" default.toml ") != std::string::npos);
  CHECK(ok.out.find(" bocongan.gov.vn.toml") != std::string::npos);
  fs::create_directories(s.dir / "rules");
  std::ofstream(s.dir / "rules" / "default.toml") << "timezone = \"+07:00\"\n\n[html.classes]\nnav = [\"menu\"]\nbogus = [\"x\"]\n";
  Run bad = Sach("rules lint '" + (s.dir / "rules").string() + "'", s.dir);
  CHECK(bad.code == 1);
  CHECK(bad.out.find("default.toml:5: unknown class concept 'bogus'") != std::string::npos);
  CHECK(Sach("rules", s.dir).code == 2);
}

TEST_CASE("cli: rules lint reports every broken site file, one that can never apply, and lints one file") {
  Scratch s;
  fs::path rules = s.dir / "rules";
  fs::create_directories(rules / "sites");
  fs::copy_file(SACH_SOURCE_DIR "/rules/default.toml", rules / "default.toml");
  std::ofstream(rules / "sites" / "a.toml") << "[site]\nname = \"a\"\nhosts = [\"a.vn\"]\n[markers]\nbogus = [\"x\"]\n";
  std::ofstream(rules / "sites" / "b.toml") << "[site]\nname = \"b\"\n";  // no hosts, no fingerprint
  std::ofstream(rules / "sites" / "c.toml") << "[site]\nname = \"c\"\nhosts = [\"c.vn\"]\n";
  Run all = Sach("rules lint '" + rules.string() + "'", s.dir);
  CHECK(all.code == 1);
  CHECK(all.out.find("a.toml:5: unknown marker concept 'bogus'") != std::string::npos);
  CHECK(all.out.find("b.toml: names no hosts and no fingerprint lines: it can never apply") != std::string::npos);
  CHECK(CountLines(all.out) == 2);
  Run one = Sach("rules lint '" + (rules / "sites" / "c.toml").string() + "'", s.dir);
  CHECK(one.code == 0);
  CHECK(one.out.find("ok (2 files: default.toml c.toml)") != std::string::npos);
  CHECK(Sach("rules lint '" + (rules / "sites" / "b.toml").string() + "'", s.dir).code == 1);
  // Cleaning with such rules fails as loading them always did: at the first problem.
  CHECK(Sach("clean --rules '" + rules.string() + "' x", s.dir).code == 2);
}
#include "test_support.h"

TEST_CASE("cli: limits are flags, an input past one fails on one line naming the limit, the rest is cleaned") {
  Scratch s;
  fs::path out = s.dir / "out";
  fs::path dump = s.dir / "lines.txt", wide = s.dir / "wide.txt", page = s.dir / "page.html";
  {
    std::ofstream d(dump);
    for (int i = 0; i < 400; ++i) d << "Dòng thứ " << i << " của một bản ghi văn bản.\n";
    std::ofstream w(wide);
    w << "Tiêu đề\n" << std::string(4096, 'x') << "\n";
  }
  fs::copy_file(SACH_SOURCE_DIR "/samples/html/vtv/input.html", page);
  std::string good = "'" + kSample + "/input.txt'";

  Run lines = Sach("clean -q --max-lines 300 --out '" + out.string() + "' '" + dump.string() + "' " + good, s.dir);
  CHECK(lines.code == 1);
  CHECK(lines.err == "sach: error: " + dump.string() + ": more than 300 lines (--max-lines): not an article dump\n");
  int cleaned = 0;  // the rest of the batch
  for (auto& e : fs::recursive_directory_iterator(out))
    cleaned += e.is_regular_file() && Slurp(e.path()) == Slurp(kSample + "/expected.txt");
  CHECK(cleaned == 1);

  Run line = Sach("clean -q --max-line-kb 2 '" + wide.string() + "'", s.dir);
  CHECK(line.code == 1);
  CHECK(line.err.find("line 2 is longer than 2 KiB (--max-line-kb)") != std::string::npos);

  Run big = Sach("clean -q --max-input-mb 0.01 '" + page.string() + "'", s.dir);
  CHECK(big.code == 1);
  CHECK(big.err.find(page.string() + ": ") != std::string::npos);
  CHECK(CountLines(big.err) == 1);

  // A time limit no page can meet: the page is reported and skipped, nothing written.
  fs::path out2 = s.dir / "out2";
  Run slow = Sach("clean -q --max-seconds 0.000001 --out '" + out2.string() + "' '" + page.string() + "'", s.dir);
  CHECK(slow.code == 1);
  CHECK(slow.err.find("took longer than 1e-06 s (--max-seconds): skipped") != std::string::npos);
  CHECK_FALSE(fs::exists(out2 / "page.txt"));

  // The nesting limit only changes markup: the same article comes out.
  Run shallow = Sach("clean -q --max-depth 5 '" + page.string() + "'", s.dir);
  Run normal = Sach("clean -q '" + page.string() + "'", s.dir);
  CHECK(shallow.code == 0);
  std::string body = Slurp(SACH_SOURCE_DIR "/samples/html/vtv/expected.txt");
  body = body.substr(body.find("\n---\n", 3) + 5);  // the labelled article, without its header
  CHECK(shallow.out.find(body) != std::string::npos);
  CHECK(shallow.out == normal.out);

  Run bad = Sach("clean --max-seconds soon '" + page.string() + "'", s.dir);
  CHECK(bad.code == 2);
  CHECK(bad.err.find("--max-seconds needs a number") != std::string::npos);
}

TEST_CASE("cli: a full disk (a file size limit) fails the articles that do not fit, one line each, nothing half-written") {
  // RLIMIT_FSIZE stands in for a full disk without root: a write past it
  // fails with EFBIG (SIGXFSZ ignored), as ENOSPC would.
  Scratch s;
  fs::path out = s.dir / "out", err = s.dir / "stderr";
  const std::string in_small = SACH_SOURCE_DIR "/samples/html/vtv/input.html";
  const std::string in_big = SACH_SOURCE_DIR "/samples/dumps/001_b53584d0be36e0b1/input.txt";
  const std::string small_out = Sach("clean -q '" + in_small + "'", s.dir).out;
  rlim_t limit = small_out.size() + 16;
  REQUIRE(Sach("clean -q '" + in_big + "'", s.dir).out.size() > limit + 1024);
  std::fflush(nullptr);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    rlimit r{limit, limit};
    setrlimit(RLIMIT_FSIZE, &r);
    signal(SIGXFSZ, SIG_IGN);
    std::freopen("/dev/null", "w", stdout);
    std::freopen(err.c_str(), "w", stderr);
    execl(SACH_BINARY, SACH_BINARY, "clean", "-q", "--out", out.c_str(), in_small.c_str(), in_big.c_str(), nullptr);
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 1);
  std::string e = Slurp(err);
  CHECK(CountLines(e) == 1);
  CHECK(e.find(in_big + ": cannot write ") != std::string::npos);
  CHECK(e.find("File too large") != std::string::npos);
  std::set<std::string> written;
  for (auto& f : fs::recursive_directory_iterator(out))
    if (f.is_regular_file()) written.insert(fs::relative(f.path(), out).string());
  CHECK(written.size() == 1);  // the small article; no temp file, no partial big one
  for (auto& w : written) CHECK(Slurp(out / w) == small_out);
}

TEST_CASE("cli: clean -j N gives what -j 1 gives, in the same order, errors included") {
  Scratch s;
  // The samples, twice over, with bad inputs among them: more inputs than
  // the threads' window, so results wait for the slow ones in order.
  for (int copy = 0; copy < 3; ++copy) {
    fs::path dir = s.dir / "in" / std::to_string(copy);
    fs::create_directories(dir);
    fs::copy(SACH_SOURCE_DIR "/samples", dir, fs::copy_options::recursive);
    std::ofstream(dir / "empty.html") << "";
    std::ofstream(dir / "binary.txt") << std::string("\x00\x01\x02garbage\x00", 11);
  }
  std::string in = (s.dir / "in").string();
  Run one = Sach("clean -j 1 --format jsonl '" + in + "'", s.dir);
  CHECK(one.code == 1);
  CHECK(CountLines(one.out) >= 60);
  for (const char* jobs : {"2", "3", "8"}) {
    Run many = Sach(std::string("clean -j ") + jobs + " --format jsonl '" + in + "'", s.dir);
    CHECK(many.code == 1);
    CHECK(many.out == one.out);
    CHECK(many.err == one.err);
  }
  CHECK(Sach("clean -q -j 1 --out '" + (s.dir / "o1").string() + "' '" + in + "'", s.dir).code == 1);
  CHECK(Sach("clean -q -j 4 --out '" + (s.dir / "o4").string() + "' '" + in + "'", s.dir).code == 1);
  std::map<std::string, std::string> o1, o4;
  for (auto& e : fs::recursive_directory_iterator(s.dir / "o1"))
    if (e.is_regular_file()) o1[fs::relative(e.path(), s.dir / "o1").string()] = Slurp(e.path());
  for (auto& e : fs::recursive_directory_iterator(s.dir / "o4"))
    if (e.is_regular_file()) o4[fs::relative(e.path(), s.dir / "o4").string()] = Slurp(e.path());
  CHECK(o1.size() >= 60);
  CHECK(o1 == o4);
  CHECK(Sach("clean -j 0 x", s.dir).code == 2);
}

TEST_CASE("cli: clean shows a progress line on request, then a summary, the output unchanged") {
  Scratch s;
  const std::string in = SACH_SOURCE_DIR "/samples";
  Run bar = Sach("clean --progress bar --format jsonl '" + in + "'", s.dir);
  Run lines = Sach("clean --progress lines --format jsonl '" + in + "'", s.dir);
  CHECK(bar.code == 0);
  CHECK(bar.out == lines.out);
  CHECK(bar.err.find("\r\x1b[K[") != std::string::npos);
  CHECK(bar.err.find(" inputs  ") != std::string::npos);
  CHECK(bar.err.find(" failed") != std::string::npos);
  CHECK(bar.err.find("sach: info: " + std::to_string(CountLines(bar.out)) + " cleaned, 0 failed\n") != std::string::npos);
  CHECK(lines.err.find('\r') == std::string::npos);
  CHECK(lines.err.empty());  // not a terminal: silent unless something fails
  // An error line is never drawn over: it starts on a line of its own.
  std::ofstream(s.dir / "empty.html") << "";
  Run failing = Sach("clean --progress bar '" + (s.dir / "empty.html").string() + "' '" + in + "'", s.dir);
  CHECK(failing.code == 1);
  CHECK(failing.err.find("\r\x1b[Ksach: error: " + (s.dir / "empty.html").string() + ": ") != std::string::npos);
  CHECK(failing.err.find(" 1 failed\n") != std::string::npos);
}

TEST_CASE("cli: the man page names every command and every long option the help texts show") {
  Scratch s;
  std::string man = Slurp(SACH_SOURCE_DIR "/packaging/sach.1");
  // groff writes a literal '-' as "\-".
  for (std::size_t at; (at = man.find("\\-")) != std::string::npos;) man.erase(at, 1);
  std::set<std::string> options;
  for (const char* cmd : {"", "clean ", "explain ", "fetch ", "crawl ", "check ", "learn ", "rules "}) {
    Run help = Sach(std::string(cmd) + "--help", s.dir);
    REQUIRE(help.code == 0);
    for (std::size_t at = 0; (at = help.out.find("--", at)) != std::string::npos;) {
      std::size_t end = at + 2;
      while (end < help.out.size() && (std::isalnum(static_cast<unsigned char>(help.out[end])) || help.out[end] == '-'))
        ++end;
      if (end > at + 2) options.insert(help.out.substr(at, end - at));
      at = end;
    }
    const std::string name = std::string(cmd).substr(0, std::strlen(cmd) ? std::strlen(cmd) - 1 : 0);
    if (!name.empty()) CHECK_MESSAGE(man.find(".B sach " + name) != std::string::npos, "command " << name);
  }
  CHECK(options.count("--out") == 1);  // the scan finds options at all
  for (const std::string& o : options) CHECK_MESSAGE(man.find(o) != std::string::npos, o << " is not in sach.1");
}
