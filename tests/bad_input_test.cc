// The bad-input matrix: every hostile or broken input through `sach clean`,
// `sach explain` and `sach check`. For each one sach must give a clear ONE-line
// error naming the input (`sach: error: PATH: reason`) or a sensible result;
// the documented exit code; never a crash or a hang; nothing partial in --out;
// the rest of the batch done; memory bounded where stated.
//
// The inputs are generated at test time in a temp folder (removed after).
// sach runs as a child process (fork/exec, no shell: a file name may hold a
// newline) with a time limit; wait4() gives its peak RSS.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "text.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace {

// ---------------------------------------------------------------- running sach

// Only catches a hang: nothing here is asserted about speed (bench/ measures
// it), and a sanitizer build on a busy machine is many times slower.
constexpr int kHangGuardSeconds = 600;

struct Proc {
  bool timed_out = false;
  bool signaled = false;  // ended by a signal (a crash: SIGSEGV, SIGABRT…)
  int signal = 0;
  int code = -1;          // exit code when it exited
  std::string out, err;   // stdout (unless sent elsewhere) and stderr
  long maxrss_kib = 0;    // peak RSS (wait4's ru_maxrss)
  double seconds = 0;
};

// Runs SACH_BINARY with `args` (no shell), stdin from /dev/null, stdout to
// `stdout_path` (a scratch file when empty; e.g. /dev/full or /dev/null),
// killed after `timeout_s`.
//
// Note on ru_maxrss: Linux counts the forked child's copy of this test process
// until exec, so the figure is max(this process's RSS at fork, sach's peak).
// This file therefore keeps every big input on disk (streamed out, never held
// in memory) and trims the heap before forking; `sach --version`'s figure is
// the baseline (printed by the memory test).
Proc RunSach(const std::vector<std::string>& args, const fs::path& scratch, int timeout_s = kHangGuardSeconds,
             const std::string& stdout_path = "") {
  static int n = 0;
  std::string tag = std::to_string(n++);
  fs::path out = stdout_path.empty() ? scratch / ("stdout-" + tag) : fs::path(stdout_path);
  fs::path err = scratch / ("stderr-" + tag);
  std::vector<std::string> all{SACH_BINARY};
  all.insert(all.end(), args.begin(), args.end());
  // No per-input time limit unless the test sets one: a slow or sanitizer
  // build must not turn a slow page into a skipped one.
  bool timed_command = !args.empty() && (args[0] == "clean" || args[0] == "explain" || args[0] == "check");
  if (timed_command && std::find(args.begin(), args.end(), "--max-seconds") == args.end())
    all.insert(all.begin() + 2, {"--max-seconds", "0"});
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::string out_s = out.string(), err_s = err.string();
  ::malloc_trim(0);

  auto start = std::chrono::steady_clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    int in = ::open("/dev/null", O_RDONLY);
    int o = ::open(out_s.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int e = ::open(err_s.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    // In the scratch folder: inputs named relative to it keep short output names.
    if (in < 0 || o < 0 || e < 0 || ::chdir(scratch.c_str()) != 0) ::_exit(126);
    ::dup2(in, 0);
    ::dup2(o, 1);
    ::dup2(e, 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  Proc p;
  REQUIRE(pid > 0);
  int status = 0;
  struct rusage ru {};
  for (;;) {
    pid_t r = ::wait4(pid, &status, WNOHANG, &ru);
    if (r == pid) break;
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (elapsed > timeout_s && !p.timed_out) {
      p.timed_out = true;
      ::kill(pid, SIGKILL);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  p.maxrss_kib = ru.ru_maxrss;
  p.signaled = WIFSIGNALED(status) && !p.timed_out;
  p.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  p.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (stdout_path.empty()) {
    p.out = Slurp(out);
    fs::remove(out);
  }
  p.err = Slurp(err);
  fs::remove(err);
  return p;
}

std::string Describe(const Proc& p) {
  std::ostringstream s;
  s << "exit " << p.code << (p.signaled ? " SIGNAL " + std::to_string(p.signal) : "")
    << (p.timed_out ? " TIMED OUT" : "") << ", " << p.seconds << " s, peak RSS " << p.maxrss_kib / 1024
    << " MiB, stderr:\n"
    << p.err;
  return s.str();
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// AddressSanitizer's shadow memory and quarantine roughly double a process's
// peak (measured: 759 -> 1673 MiB for the page at the limit): the sanitizer
// build of scripts/test.sh checks the same bounds, scaled.
#if defined(__SANITIZE_ADDRESS__)
constexpr long kRssScale = 3;
#else
constexpr long kRssScale = 1;
#endif

// How sach prints a name: control bytes and bytes that are not UTF-8 as \xNN.
std::string Shown(const std::string& name) { return sach::Printable(name); }

// Never a crash or a hang; an exit code sach documents.
void CheckSane(const Proc& p, const std::string& what) {
  INFO(what << ": " << Describe(p));
  CHECK_FALSE(p.timed_out);
  CHECK_FALSE(p.signaled);
  CHECK((p.code == 0 || p.code == 1 || p.code == 2));
}

// Every line on stderr is one of sach's own ("sach: LEVEL: …"): a message
// split by a raw newline leaves a line that is not.
void CheckStderrLines(const Proc& p, const std::string& what) {
  for (auto& line : Lines(p.err)) {
    INFO(what << ": a stderr line that is not sach's own — a message split over lines?\n" << p.err);
    CHECK(line.rfind("sach: ", 0) == 0);
  }
}

// The stderr lines that are errors about `path`.
int ErrorLinesNaming(const Proc& p, const std::string& path) {
  int n = 0;
  for (auto& line : Lines(p.err))
    if (line.rfind("sach: error: " + Shown(path) + ": ", 0) == 0) ++n;
  return n;
}

// Clean's output without the url/site lines the sample's expected.txt leaves
// out (what `sach check` compares; src/check.cc Comparable).
std::string WithoutUnlabelled(const std::string& out, const std::string& expected) {
  std::string kept;
  int fences = 0;
  for (auto& line : Lines(out)) {
    if (line == "---" && fences < 2) ++fences;
    bool header = fences == 1 && line != "---";
    bool drop = false;
    for (const char* key : {"url: ", "site: "})
      if (header && line.rfind(key, 0) == 0 && expected.find(std::string("\n").append(key)) == std::string::npos) drop = true;
    if (!drop) kept += line + "\n";
  }
  return kept;
}

std::vector<fs::path> TempFiles(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::exists(dir)) return out;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->path().filename().string().find(".tmp-") != std::string::npos) out.push_back(it->path());
  return out;
}

struct Scratch {
  fs::path dir;
  Scratch() {
    static int n = 0;
    std::random_device rd;
    dir = fs::temp_directory_path() /
          ("sach-bad-input-" + std::to_string(::getpid()) + "-" + std::to_string(n++) + "-" + std::to_string(rd()));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() {
    std::error_code ec;
    // A test may leave a folder read-only.
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
      if (it->is_directory(ec) && !it->is_symlink(ec)) fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(dir, ec);
  }
};

// ---------------------------------------------------------------- the inputs

const std::string kVtv = SACH_SOURCE_DIR "/samples/html/vtv";
const std::string kDump = SACH_SOURCE_DIR "/samples/dumps/000_17fa29c206418ba5";

// "Việt Nam tăng cường hợp tác" in windows-1258 (tests/decode_test.cc): base
// letters and the code page's own letters followed by combining tone marks.
const std::string k1258 = "Vi\xEA\xF2t Nam t\xE3ng c\xFD\xF5\xCCng h\xF5\xF2p ta\xEC" "c";
const std::string kUtf8 = "Việt Nam tăng cường hợp tác";
const std::string kBadName = "bad\nname \xff.html";

void Write(const fs::path& p, const std::string& bytes) {
  std::ofstream f(p, std::ios::binary);
  f << bytes;
  REQUIRE(f.good());
}

std::string RandomBytes(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

// UTF-8 -> UTF-16LE (no BOM).
std::string Utf16le(const std::string& utf8) {
  std::string out;
  auto put = [&](unsigned u) { out.push_back(static_cast<char>(u & 0xFF)), out.push_back(static_cast<char>(u >> 8)); };
  for (std::size_t i = 0; i < utf8.size();) {
    unsigned char c = utf8[i];
    unsigned cp, len;
    if (c < 0x80) cp = c, len = 1;
    else if (c >> 5 == 6) cp = c & 0x1F, len = 2;
    else if (c >> 4 == 14) cp = c & 0x0F, len = 3;
    else cp = c & 0x07, len = 4;
    for (unsigned k = 1; k < len; ++k) cp = cp << 6 | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += len;
    if (cp < 0x10000) {
      put(cp);
    } else {
      cp -= 0x10000;
      put(0xD800 + (cp >> 10));
      put(0xDC00 + (cp & 0x3FF));
    }
  }
  return out;
}

// gzip of 1 GiB of zeros in one gzip member, about 1 MB. Deflating 1 GiB
// takes seconds, so 1 MiB of zeros is deflated once, as a raw stream ended by
// a sync flush (byte-aligned, no final block), and that is written 1024 times;
// then an empty final block and the trailer (CRC-32 of 1 GiB of zeros, size).
void WriteGzipBomb(const fs::path& p) {
  const uLong kChunk = 1 << 20;
  const int kChunks = 1024;
  std::vector<char> zeros(kChunk, 0);
  z_stream zs{};
  REQUIRE(deflateInit2(&zs, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string chunk(deflateBound(&zs, kChunk) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(zeros.data());
  zs.avail_in = kChunk;
  zs.next_out = reinterpret_cast<Bytef*>(chunk.data());
  zs.avail_out = static_cast<uInt>(chunk.size());
  REQUIRE(deflate(&zs, Z_SYNC_FLUSH) == Z_OK);
  REQUIRE(zs.avail_in == 0);
  REQUIRE(zs.avail_out > 0);
  chunk.resize(zs.total_out);
  deflateEnd(&zs);
  uLong crc_chunk = crc32(0, reinterpret_cast<const Bytef*>(zeros.data()), kChunk), crc = crc_chunk;
  for (int i = 1; i < kChunks; ++i) crc = crc32_combine(crc, crc_chunk, kChunk);
  auto le32 = [](uLong v) {
    std::string b(4, '\0');
    for (int i = 0; i < 4; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
    return b;
  };
  std::ofstream f(p, std::ios::binary);
  f << std::string("\x1f\x8b\x08\0\0\0\0\0\0\x03", 10);  // gzip, deflate, no name, mtime 0, Unix
  for (int i = 0; i < kChunks; ++i) f << chunk;
  f << std::string("\x03\x00", 2);  // final, fixed Huffman, end of block
  f << le32(crc) << le32((kChunk * kChunks) & 0xFFFFFFFFu);
  REQUIRE(f.good());
}

// A small article page declaring `charset`, around the paragraphs (their bytes as given).
std::string Page(const std::string& charset, const std::vector<std::string>& paragraphs) {
  std::string p = "<!DOCTYPE html><html><head><meta charset=\"" + charset +
                  "\"><title>Tin tức</title></head><body><article><h1>Tin tức hôm nay</h1>\n";
  for (auto& para : paragraphs) p += "<p>" + para + "</p>\n";
  return p + "</article></body></html>\n";
}

// `n` sibling paragraphs, streamed to disk.
void WriteParagraphs(const fs::path& path, int n) {
  std::ofstream f(path, std::ios::binary);
  f << "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Nhiều đoạn</title></head><body><article>\n";
  for (int i = 1; i <= n; ++i) f << "<p>Đoạn văn số " << i << " có nội dung.</p>\n";
  f << "</article></body></html>\n";
  REQUIRE(f.good());
}

enum class Expect {
  kRefused,  // one error line naming it; exit 1; no output file
  kCleaned,  // cleaned (exit 0 alone), its text right
  kEither,   // either one, but nothing else
};

struct Case {
  std::string file;      // name in the input folder
  std::string what;      // for messages
  Expect expect;
  std::string reason;    // kRefused: a word the reason holds
  std::string contains;  // kCleaned/kEither when cleaned: text the output holds
  std::string equals;    // kCleaned: the whole output (after WithoutUnlabelled), when known
  std::string out_name;  // --out name without .txt
  std::string snippet;   // what `sach explain` shows of it when cleaned (snippets are cut at 100 bytes)

  Case(std::string file_, std::string what_, Expect expect_, std::string reason_, std::string contains_ = "",
       std::string equals_ = "", std::string out_name_ = "", std::string snippet_ = "")
      : file(std::move(file_)), what(std::move(what_)), expect(expect_), reason(std::move(reason_)),
        contains(std::move(contains_)), equals(std::move(equals_)), out_name(std::move(out_name_)),
        snippet(std::move(snippet_)) {}
};

// Writes every bad input into `in` and returns the list. The big ones
// (200 MB sparse, 1M paragraphs, gzip bomb) are cheap: sparse, streamed.
std::vector<Case> MakeInputs(const fs::path& in) {
  fs::create_directories(in);
  std::vector<Case> cases;
  const std::string dump = Slurp(kDump + "/input.txt");
  const std::string dump_expected = Slurp(kDump + "/expected.txt");
  REQUIRE(!dump.empty());
  // A paragraph of the dump's body: proof the text came through.
  const std::string dump_para = "Đoàn công tác cấp cao Việt Nam do Thượng tướng Lương Tam Quang";
  REQUIRE(dump_expected.find(dump_para) != std::string::npos);
  const std::string dump_lead = "Nhận lời mời của ngài K. Shanmugam";  // a paragraph's start

  auto add = [&](Case c, const std::string& bytes) {
    Write(in / c.file, bytes);
    if (c.out_name.empty()) c.out_name = c.file.substr(0, c.file.find('.'));
    if (c.snippet.empty()) c.snippet = c.contains == dump_para ? dump_lead : c.contains;
    cases.push_back(c);
  };

  add({"empty.html", "empty file", Expect::kRefused, "empty", "", "", ""}, "");
  add({"whitespace.txt", "only whitespace", Expect::kRefused, "", "", "", ""}, " \n\t \r\n   \n\n\t\n");
  add({"bom-only.txt", "only a UTF-8 BOM", Expect::kRefused, "", "", "", ""}, "\xEF\xBB\xBF");
  add({"png.html", "PNG header + random", Expect::kRefused, "not a page: a PNG image", "", "", ""},
      std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0", 29) + RandomBytes(8192, 1));
  add({"elf.html", "ELF header + random", Expect::kRefused, "binary", "", "", ""},
      std::string("\x7F" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3E\0\x01\0\0\0", 24) + RandomBytes(8192, 2));
  add({"random.txt", "64 KB random bytes", Expect::kRefused, "binary", "", "", ""}, RandomBytes(64 << 10, 3));

  // Invalid UTF-8: replaced (a warning), the text kept.
  add({"badutf8-start.txt", "invalid UTF-8 at the start", Expect::kCleaned, "", dump_para, "", ""},
      "\x80\xC0\xAF " + dump);
  {
    std::string mid = dump;
    mid.insert(mid.size() / 2, "\xFF\xC3\x28\xE1\x80");
    add({"badutf8-middle.txt", "invalid UTF-8 in the middle", Expect::kCleaned, "", dump_para, "", ""}, mid);
  }
  add({"badutf8-end.txt", "invalid UTF-8 at the end", Expect::kCleaned, "", dump_para, "", ""},
      dump + "\n\xFE\xFF\x80\n");
  add({"truncated-utf8.txt", "a truncated multi-byte sequence at the very end", Expect::kCleaned, "", dump_para,
       "", ""},
      dump + "\xE1\xBB");  // the first two bytes of "ạ"
  // UTF-16LE: with a BOM it is the dump exactly; without one, decoded or refused.
  add({"utf16le-bom.txt", "UTF-16LE with BOM", Expect::kCleaned, "", dump_para, dump_expected, ""},
      "\xFF\xFE" + Utf16le(dump));
  add({"utf16le-nobom.txt", "UTF-16LE without BOM", Expect::kCleaned, "", dump_para, dump_expected, ""},
      Utf16le(dump));
  // Charsets that lie.
  {
    std::vector<std::string> paras;
    for (int i = 0; i < 6; ++i)
      paras.push_back(k1258 + ", " + k1258 + " v\xE0 " + k1258 + " trong n\xE3m " + std::to_string(2020 + i) + ".");
    add({"cp1258-as-utf8.html", "windows-1258 text labelled utf-8", Expect::kCleaned, "", kUtf8, "", ""},
        Page("utf-8", paras));
  }
  {
    // TCVN3 (ABC fonts): one byte per toned letter; ICU does not know it.
    const std::string tcvn3 = "Vi\xD6t Nam t\xA8ng c\xAD\xEAng h\xEEp t\xB8" "c";
    std::vector<std::string> paras;
    for (int i = 0; i < 6; ++i)
      paras.push_back(tcvn3 + ", " + tcvn3 + " v\xB5 " + tcvn3 + " trong n\xA8m " + std::to_string(2020 + i) + ".");
    add({"tcvn3-as-utf8.html", "TCVN3 text labelled utf-8", Expect::kCleaned, "", kUtf8, "", ""},
        Page("utf-8", paras));
  }
  {
    std::vector<std::string> paras;
    for (int i = 0; i < 6; ++i)
      paras.push_back(kUtf8 + ", " + kUtf8 + " và " + kUtf8 + " trong năm " + std::to_string(2020 + i) + ".");
    add({"utf8-as-cp1258.html", "UTF-8 page whose meta says windows-1258", Expect::kCleaned, "", kUtf8, "", ""},
        Page("windows-1258", paras));
  }
  {
    std::string p = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Sâu</title></head><body>";
    for (int i = 0; i < 100000; ++i) p += "<div>";
    p += "<p>Đoạn cuối cùng ở đáy trang, sau một trăm nghìn thẻ div lồng nhau, vẫn phải được giữ lại.</p>"
         "<p>Đoạn thứ hai, cũng ở đáy, có dấu phẩy, và đủ dài để là một đoạn văn thật sự của bài báo.</p>";
    for (int i = 0; i < 100000; ++i) p += "</div>";
    add({"nested.html", "100 000 nested <div>", Expect::kCleaned, "",
         "Đoạn cuối cùng ở đáy trang, sau một trăm nghìn thẻ div lồng nhau", "", "", "Đoạn cuối cùng ở đáy trang"},
        p + "</body></html>\n");
  }
  // 1 000 000 paragraphs: ~48 MB, over the 32 MiB input limit.
  WriteParagraphs(in / "paragraphs-1m.html", 1000000);
  cases.push_back({"paragraphs-1m.html", "1 000 000 sibling paragraphs (48 MB)", Expect::kEither, "",
                   "Đoạn văn số 999999 có nội dung.", "", "paragraphs-1m", "Đoạn văn số 999999 có nội dung."});
  // 200 MB, sparse: refused by its size, before it is read.
  {
    int fd = ::open((in / "huge.html").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    REQUIRE(fd >= 0);
    REQUIRE(::ftruncate(fd, 200LL << 20) == 0);
    ::close(fd);
    cases.push_back({"huge.html", "200 MB file (sparse)", Expect::kRefused, "too large", "", "", "huge"});
  }
  WriteGzipBomb(in / "bomb.html.gz");
  cases.push_back({"bomb.html.gz", "gzip bomb (1 GiB of zeros)", Expect::kRefused, "too large", "", "", "bomb"});
  {
    std::string gz = Gzip(Slurp(kVtv + "/input.html"));
    add({"truncated.html.gz", "first half of a gzipped page", Expect::kRefused, "gzip", "", "", "truncated"},
        gz.substr(0, gz.size() / 2));
  }
  // A name with a newline, spaces and a byte that is not UTF-8; binary inside.
  add({kBadName, "a name with a newline, a space and \\xff (binary inside)", Expect::kRefused, "a PNG image", "", "",
       "bad\nname \xff"},
      std::string("\x89PNG\r\n\x1a\n", 8) + RandomBytes(4096, 4));
  return cases;
}

}  // namespace

// ------------------------------------------------------------------ the tests

TEST_CASE("bad input: clean, one input at a time") {
  Scratch s;
  std::vector<Case> cases = MakeInputs(s.dir / "in");
  for (const Case& c : cases) {
    std::string path = (s.dir / "in" / c.file).string();
    Proc p = RunSach({"clean", path}, s.dir);
    std::string what = "clean " + Shown(c.file) + " (" + c.what + ")";
    MESSAGE(what << ": " << Describe(p));
    CheckSane(p, what);
    CheckStderrLines(p, what);
    INFO(what << ": " << Describe(p));
    if (c.expect == Expect::kRefused || (c.expect == Expect::kEither && p.code != 0)) {
      CHECK(p.code == 1);
      CHECK(ErrorLinesNaming(p, path) == 1);
      CHECK(Lines(p.err).size() == 1);
      if (!c.reason.empty()) CHECK(p.err.find(c.reason) != std::string::npos);
      CHECK(p.out.empty());
    } else {
      CHECK(p.code == 0);
      CHECK(ErrorLinesNaming(p, path) == 0);
      CHECK(p.out.rfind("---\n", 0) == 0);
      CHECK(p.out.find(c.contains) != std::string::npos);
      if (!c.equals.empty()) CHECK(WithoutUnlabelled(p.out, c.equals) == c.equals);
      bool replaced_ok = c.file.rfind("badutf8", 0) == 0 || c.file.rfind("truncated-utf8", 0) == 0;
      if (!replaced_ok) CHECK(p.out.find("\xEF\xBF\xBD") == std::string::npos);  // no U+FFFD
      // Invalid bytes: replaced, and said in one warning line naming the input.
      if (replaced_ok) {
        CHECK(Lines(p.err).size() == 1);
        CHECK(p.err.rfind("sach: warning: " + path + ": ", 0) == 0);
        CHECK(p.err.find("invalid byte sequence") != std::string::npos);
      }
    }
  }
}

TEST_CASE("bad input: clean --out with every bad input and one good one in a batch") {
  Scratch s;
  std::vector<Case> cases = MakeInputs(s.dir / "in");
  fs::copy_file(kVtv + "/input.html", s.dir / "in" / "vtv.html");
  // A good page under a hostile name: its "written" line stays one line too.
  const std::string good_bad_name = "good\nname \xff.html";
  fs::copy_file(kDump + "/input.txt", s.dir / "in" / good_bad_name);
  fs::path out = s.dir / "out";
  // Named relative to the scratch folder (sach runs there): each output is
  // out/in/NAME.txt, the input's path as given.
  std::vector<std::string> args{"clean", "--out", out.string()};
  for (auto& c : cases) args.push_back("in/" + c.file);
  args.push_back("in/" + good_bad_name);
  args.push_back("in/vtv.html");
  Proc p = RunSach(args, s.dir);
  MESSAGE("batch: " << Describe(p));
  CheckSane(p, "batch");
  CheckStderrLines(p, "batch");
  INFO("batch: " << Describe(p));
  CHECK(p.code == 1);
  for (const Case& c : cases) {
    std::string path = "in/" + c.file;
    fs::path written = out / "in" / (c.out_name + ".txt");
    INFO(Shown(c.file) << " (" << c.what << ")");
    int errors = ErrorLinesNaming(p, path);
    if (c.expect == Expect::kRefused) {
      CHECK(errors == 1);
      CHECK_FALSE(fs::exists(written));
    } else if (c.expect == Expect::kCleaned) {
      CHECK(errors == 0);
      CHECK(Slurp(written).find(c.contains) != std::string::npos);
    } else {
      CHECK(errors + fs::exists(written) == 1);
    }
  }
  // The one good input is cleaned as its sample says.
  const std::string expected = Slurp(kVtv + "/expected.txt");
  CHECK(WithoutUnlabelled(Slurp(out / "in" / "vtv.txt"), expected) == expected);
  CHECK(Slurp(out / "in" / "good\nname \xff.txt") == Slurp(kDump + "/expected.txt"));
  // Nothing partial, nothing for the failed ones.
  CHECK(TempFiles(out).empty());
  int files = 0;
  for (auto& e : fs::recursive_directory_iterator(out)) files += e.is_regular_file();
  int expect_files = 2;
  for (auto& c : cases) expect_files += c.expect == Expect::kCleaned;
  CHECK(files >= expect_files);
  CHECK(files <= expect_files + 2);  // + the kEither ones that were cleaned
  // The error line of the hostile name is one line, its newline escaped.
  CHECK(p.err.find("bad\\x0aname \\xff.html: ") != std::string::npos);
}

TEST_CASE("bad input: explain each input") {
  Scratch s;
  std::vector<Case> cases = MakeInputs(s.dir / "in");
  for (const Case& c : cases) {
    std::string path = (s.dir / "in" / c.file).string();
    Proc p = RunSach({"explain", path}, s.dir);
    std::string what = "explain " + Shown(c.file) + " (" + c.what + ")";
    MESSAGE(what << ": " << Describe(p));
    CheckSane(p, what);
    CheckStderrLines(p, what);
    INFO(what << ": " << Describe(p));
    if (c.expect == Expect::kRefused || (c.expect == Expect::kEither && p.code != 0)) {
      CHECK(p.code == 1);
      CHECK(ErrorLinesNaming(p, path) == 1);
      CHECK(Lines(p.err).size() == 1);
      if (!c.reason.empty()) CHECK(p.err.find(c.reason) != std::string::npos);
    } else {
      CHECK(p.code == 0);
      CHECK(p.out.find("blocks (") != std::string::npos);
      CHECK(p.out.find("  kept     ") != std::string::npos);
      CHECK(p.out.find(c.snippet) != std::string::npos);
    }
  }
}

TEST_CASE("bad input: check with each input as a sample") {
  Scratch s;
  std::vector<Case> cases = MakeInputs(s.dir / "in");
  fs::path samples = s.dir / "samples";
  // samples/bad/<case>/input.<ext> with a placeholder expected.txt; the
  // hostile name is a sample folder's name here. Plus the good vtv sample.
  std::vector<std::pair<std::string, const Case*>> names;
  for (const Case& c : cases) {
    std::string name = c.file == kBadName ? "bad\nname \xff" : c.out_name;
    fs::path d = samples / "bad" / name;
    fs::create_directories(d);
    std::string ext = c.file.substr(c.file.find('.'));
    fs::rename(s.dir / "in" / c.file, d / ("input" + ext));
    Write(d / "expected.txt", c.equals.empty() ? "---\ntitle: x\n---\n\nplaceholder\n" : c.equals);
    names.push_back({"bad/" + name, &c});
  }
  fs::create_directories(samples / "html" / "vtv");
  fs::copy_file(kVtv + "/input.html", samples / "html" / "vtv" / "input.html");
  fs::copy_file(kVtv + "/expected.txt", samples / "html" / "vtv" / "expected.txt");

  Proc p = RunSach({"check", "--samples", samples.string()}, s.dir);
  MESSAGE("check: " << Describe(p) << "stdout:\n" << p.out);
  CheckSane(p, "check");
  CheckStderrLines(p, "check");
  INFO("check: " << Describe(p) << "stdout:\n" << p.out);
  CHECK(p.code == 1);
  std::vector<std::string> lines = Lines(p.out);
  // One line per sample (a changed one followed by its lost paragraphs, two
  // indented lines each), then the summary: no line split by a name.
  std::size_t details = 0;
  for (auto& line : lines) {
    bool status = line.rfind("unchanged  ", 0) == 0 || line.rfind("changed    ", 0) == 0 ||
                  line.rfind("failed     ", 0) == 0;
    bool detail = line.rfind("  removed: ", 0) == 0 || line.rfind("    by ", 0) == 0;
    bool summary = line.find(" samples: ") != std::string::npos;
    details += detail;
    CHECK_MESSAGE((status || summary || detail), "not a status line: " << line);
  }
  CHECK(lines.size() == cases.size() + 2 + details);
  CHECK(p.out.find("unchanged  html/vtv\n") != std::string::npos);
  for (auto& [name, c] : names) {
    INFO(Shown(name) << " (" << c->what << ")");
    std::string shown = Shown(name);
    if (c->expect == Expect::kRefused) {
      std::string line = "failed     " + shown + ": ";
      CHECK(p.out.find(line) != std::string::npos);
      if (!c->reason.empty()) {
        auto at = p.out.find(line);
        if (at != std::string::npos)
          CHECK(p.out.substr(at, p.out.find('\n', at) - at).find(c->reason) != std::string::npos);
      }
    } else if (c->expect == Expect::kCleaned) {
      CHECK(p.out.find("failed     " + shown + ":") == std::string::npos);
      if (!c->equals.empty()) CHECK(p.out.find("unchanged  " + shown + "\n") != std::string::npos);
    }
  }
}

TEST_CASE("bad input: memory stays bounded (200 MB file, 1 000 000 paragraphs, gzip bomb, a page at the limit)") {
  Scratch s;
  fs::path in = s.dir / "in";
  fs::create_directories(in);
  Proc base = RunSach({"--version"}, s.dir);
  MESSAGE("baseline (sach --version): peak RSS " << base.maxrss_kib / 1024 << " MiB");

  // 200 MB: refused from its size, without reading it.
  {
    int fd = ::open((in / "huge.html").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    REQUIRE(fd >= 0);
    REQUIRE(::ftruncate(fd, 200LL << 20) == 0);
    ::close(fd);
    Proc p = RunSach({"clean", (in / "huge.html").string()}, s.dir, kHangGuardSeconds, "/dev/null");
    MESSAGE("200 MB: " << Describe(p));
    CheckSane(p, "200 MB");
    CHECK(p.code == 1);
    CHECK(p.err.find("too large") != std::string::npos);
    CHECK(p.maxrss_kib < kRssScale * 100 * 1024);
  }
  // 1 000 000 paragraphs (48 MB): over the 32 MiB limit, refused as it is read.
  {
    WriteParagraphs(in / "p1m.html", 1000000);
    Proc p = RunSach({"clean", (in / "p1m.html").string()}, s.dir, kHangGuardSeconds, "/dev/null");
    MESSAGE("1 000 000 paragraphs: " << Describe(p));
    CheckSane(p, "1M paragraphs");
    CHECK(p.maxrss_kib < kRssScale * 1024 * 1024);
  }
  // The gzip bomb: inflating stops at the limit.
  {
    WriteGzipBomb(in / "bomb.html.gz");
    Proc p = RunSach({"clean", (in / "bomb.html.gz").string()}, s.dir, kHangGuardSeconds, "/dev/null");
    MESSAGE("gzip bomb (" << fs::file_size(in / "bomb.html.gz") << " bytes): " << Describe(p));
    CheckSane(p, "gzip bomb");
    CHECK(p.code == 1);
    CHECK(p.err.find("too large") != std::string::npos);
    CHECK(p.maxrss_kib < kRssScale * 200 * 1024);
  }
  // As many paragraphs as fit under the 32 MiB limit: the whole HTML pipeline
  // at its largest input. Measured (RelWithDebInfo, 2 cores): 650 000
  // paragraphs, 31 MB: 759 MiB peak RSS, 7.9 s (100 000: 128 MiB, 1.1 s;
  // 400 000: 473 MiB, 5.0 s — linear, ~1.2 KiB and ~12 µs a paragraph). The
  // memory bound is about twice that; the time is bench/'s to measure.
  {
    WriteParagraphs(in / "p650k.html", 650000);
    REQUIRE(fs::file_size(in / "p650k.html") < (32u << 20));
    fs::path out = s.dir / "out";
    Proc p = RunSach({"clean", "-q", "--out", out.string(), "in/p650k.html"}, s.dir);
    MESSAGE("650 000 paragraphs (" << fs::file_size(in / "p650k.html") << " bytes): " << Describe(p));
    CheckSane(p, "650k paragraphs");
    CHECK(p.code == 0);
    CHECK(fs::file_size(out / "in" / "p650k.txt") > (20u << 20));
    CHECK(p.maxrss_kib < kRssScale * 1536 * 1024);
  }
}

TEST_CASE("bad input: a symlink loop in an input folder") {
  Scratch s;
  fs::path tree = s.dir / "tree", out = s.dir / "out";
  fs::create_directories(tree / "sub");
  fs::copy_file(kVtv + "/input.html", tree / "sub" / "vtv.html");
  fs::copy_file(kDump + "/input.txt", tree / "dump.txt");
  fs::create_directory_symlink(tree, tree / "loop");           // tree/loop -> tree
  fs::create_directory_symlink("..", tree / "sub" / "up");      // tree/sub/up -> tree
  fs::create_directory_symlink(".", tree / "self.html");        // a folder named like a page
  fs::create_symlink("ring.html", tree / "ring.html");          // a file link to itself: ELOOP
  Proc p = RunSach({"clean", "--out", out.string(), tree.string()}, s.dir);
  MESSAGE("symlink loops: " << Describe(p));
  CheckSane(p, "symlink loops");
  CheckStderrLines(p, "symlink loops");
  INFO(Describe(p));
  const std::string expected = Slurp(kVtv + "/expected.txt");
  CHECK(WithoutUnlabelled(Slurp(out / "sub" / "vtv.txt"), expected) == expected);
  CHECK(Slurp(out / "dump.txt") == Slurp(kDump + "/expected.txt"));
  // ring.html cannot be read: one line, exit 1.
  CHECK(p.code == 1);
  CHECK(ErrorLinesNaming(p, (tree / "ring.html").string()) == 1);
  CHECK(TempFiles(out).empty());
}

TEST_CASE("bad input: an output folder that cannot be written") {
  Scratch s;
  std::string good = (s.dir / "vtv.html").string();
  fs::copy_file(kVtv + "/input.html", good);
  // Root ignores permissions (tests run as root in CI): a regular file where
  // the folder should be fails for everyone.
  fs::path file = s.dir / "not-a-dir";
  Write(file, "x");
  std::vector<std::string> outs{file.string(), (file / "below").string(), "/proc/sach-cannot-create-this"};
  if (::geteuid() != 0) {
    fs::path ro = s.dir / "read-only";
    fs::create_directories(ro);
    fs::permissions(ro, fs::perms::owner_read | fs::perms::owner_exec, fs::perm_options::replace);
    outs.push_back(ro.string());
  }
  for (auto& o : outs) {
    Proc p = RunSach({"clean", "--out", o, good}, s.dir);
    MESSAGE("--out " << o << ": " << Describe(p));
    CheckSane(p, "--out " + o);
    CheckStderrLines(p, "--out " + o);
    INFO("--out " << o << ": " << Describe(p));
    CHECK(p.code == 1);
    CHECK(ErrorLinesNaming(p, good) == 1);
    int errors = 0;
    for (auto& line : Lines(p.err)) errors += line.rfind("sach: error: ", 0) == 0;
    CHECK(errors == 1);
    CHECK(Slurp(file) == "x");
    CHECK(TempFiles(s.dir).empty());
  }
  // jsonl: articles.jsonl cannot be opened either.
  Proc j = RunSach({"clean", "--format", "jsonl", "--out", file.string(), good}, s.dir);
  MESSAGE("--format jsonl --out FILE: " << Describe(j));
  CheckSane(j, "jsonl");
  CheckStderrLines(j, "jsonl");
  CHECK(j.code == 1);
  CHECK(Lines(j.err).size() == 1);
}

TEST_CASE("bad input: standard output on a full disk (/dev/full)") {
  Scratch s;
  std::string good = (s.dir / "vtv.html").string();
  fs::copy_file(kVtv + "/input.html", good);
  REQUIRE(fs::exists("/dev/full"));
  struct Cmd {
    std::string what;
    std::vector<std::string> args;
  };
  fs::path samples = s.dir / "samples";
  fs::create_directories(samples / "html" / "vtv");
  fs::copy_file(kVtv + "/input.html", samples / "html" / "vtv" / "input.html");
  fs::copy_file(kVtv + "/expected.txt", samples / "html" / "vtv" / "expected.txt");
  for (const Cmd& c : {Cmd{"clean", {"clean", good}}, Cmd{"clean --format jsonl", {"clean", "--format", "jsonl", good}},
                       Cmd{"explain", {"explain", good}}, Cmd{"check", {"check", "--samples", samples.string()}}}) {
    Proc p = RunSach(c.args, s.dir, kHangGuardSeconds, "/dev/full");
    MESSAGE(c.what << " > /dev/full: " << Describe(p));
    CheckSane(p, c.what);
    CheckStderrLines(p, c.what);
    INFO(c.what << " > /dev/full: " << Describe(p));
    // The article was not written: that is a failure, said on one line.
    CHECK(p.code == 1);
    CHECK(Lines(p.err).size() == 1);
    CHECK(p.err.rfind("sach: error: ", 0) == 0);
  }
}
