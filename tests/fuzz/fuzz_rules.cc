// The rule file loader (TOML -> Vocabulary, ICU date regexes, site selectors)
// and what the cleaner then asks of the loaded rules.
// Input: one option byte, then a rule file. Bit 0 clear: the file is
// DIR/default.toml on its own; set: the repository's default.toml with the
// file as DIR/sites/fuzz.vn.toml (site keys, keep/drop selectors). The rules
// loaded are then used to clean a small fixed page and dump.
// Rules::Load reads a folder, so the input is written to a temporary one
// ($TMPDIR/sach-fuzz-rules-PID), removed at exit.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "dump.h"
#include "html.h"
#include "fuzz_common.h"
#include "vocabulary.h"

namespace fs = std::filesystem;

namespace {

fs::path g_alone, g_site;  // DIR with default.toml = input; DIR with sites/fuzz.vn.toml = input

void RemoveDirs() {
  std::error_code ec;
  fs::remove_all(g_alone.parent_path(), ec);
}

void WriteFile(const fs::path& p, std::string_view bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

constexpr std::string_view kPage =
    "<html><head><title>Tin - Báo</title></head><body><nav class=menu><a href=/>Trang chủ</a></nav>"
    "<div class=\"detail\" id=main><h1>Tiêu đề bài viết</h1><p class=sapo>Sapo của bài viết, khá dài.</p>"
    "<p>Đoạn một của bài viết, với đủ chữ để được tính điểm, và vài dấu phẩy, nữa.</p>"
    "<div class=\"box related\"><h3>Tin liên quan</h3><a href=/a>Bài khác</a></div>"
    "<p>Ngày 05/04/2024 | 08:20</p><p class=author>Nguyễn Văn A</p></div>"
    "<footer>Bản quyền</footer></body></html>";
constexpr std::string_view kDump =
    "Tiêu đề bài viết\n05/04/2024 08:20\nĐoạn một của bài viết, với đủ chữ để được tính.\n"
    "Tin liên quan\nBài khác\nChia sẻ Facebook\nTheo TTXVN\n";
constexpr std::string_view kLines[] = {
    "05/04/2024", "Thứ Năm, ngày 30/09/2021 | 08:20", " date 2023-02 Text", "Tin liên quan", "Chia sẻFacebook", "",
};

void Exercise(const sach::Rules& rules, std::string_view input) {
  for (const sach::Vocabulary* v : {&rules.Default(), &rules.For("https://www.fuzz.vn/a.html", {})}) {
    for (std::string_view line : kLines) {
      (void)v->FindMarker(line);
      (void)v->MatchDateLine(line);
      (void)v->FindDate(line);
      (void)v->MatchDatePrefix(line);
    }
    // Phrases from the input itself (markers are looked up, not matched as regexes).
    std::size_t start = 0;
    for (int n = 0; n < 16 && start < input.size(); ++n) {
      std::size_t end = std::min(input.find('\n', start), input.size());
      (void)v->FindMarker(input.substr(start, std::min<std::size_t>(end - start, 256)));
      start = end + 1;
    }
  }
  // A dump without URL picks a site by its fingerprint lines.
  (void)rules.For({}, input.substr(0, 4096));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  sach_fuzz::Quiet();
  fs::path base = fs::temp_directory_path() / ("sach-fuzz-rules-" + std::to_string(::getpid()));
  g_alone = base / "alone";
  g_site = base / "site";
  fs::create_directories(g_alone);
  fs::create_directories(g_site / "sites");
  std::error_code ec;
  fs::create_symlink(fs::path(SACH_DEFAULT_RULES_DIR) / "default.toml", g_site / "default.toml", ec);
  if (ec) fs::copy_file(fs::path(SACH_DEFAULT_RULES_DIR) / "default.toml", g_site / "default.toml");
  std::atexit(RemoveDirs);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  sach_fuzz::Input in(data, size);
  bool as_site = in.options & 1;
  const fs::path& dir = as_site ? g_site : g_alone;
  WriteFile(dir / (as_site ? "sites/fuzz.vn.toml" : "default.toml"), in.rest);

  sach::Result<sach::Rules> rules = sach::Rules::Load(dir.string());
  if (!rules) {
    SACH_FUZZ_CHECK(!rules.error().message.empty());
    return 0;
  }
  Exercise(*rules, in.rest);
  // The fixed page and dump cleaned with the loaded rules: the site's
  // selectors and phrases, or the fuzzed default's date shapes and words.
  const sach::Vocabulary& v = rules->Sites().empty() ? rules->Default() : rules->Sites().front().vocab;
  (void)sach::CleanHtml(kPage, v, nullptr);
  (void)sach::CleanDump(kDump, v, nullptr);
  return 0;
}
