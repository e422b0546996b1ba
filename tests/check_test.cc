// `sach check` end to end: a rule edit that alters a sample is reported with
// exit 1 and a diff; --update rewrites expected.txt; the next check passes.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "check.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace {

void Write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

struct Run {
  int code;
  std::string out;
};

Run Check(const fs::path& dir, const std::string& args) {
  fs::path out = dir / "stdout";
  std::string cmd = std::string("'") + SACH_BINARY + "' check --samples '" + (dir / "samples").string() + "' " +
                    args + " > '" + out.string() + "' 2>&1";
  int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, Slurp(out)};
}

const char* kTitle = "Công an tỉnh kiểm tra an toàn phòng cháy tại các chợ đầu mối";
const char* kFirst =
    "Ngày 3/11, Công an tỉnh đã kiểm tra công tác phòng cháy, chữa cháy tại các chợ đầu mối trên địa bàn, "
    "yêu cầu các hộ kinh doanh khắc phục ngay các tồn tại.";
const char* kSecond = "Đoàn kiểm tra nhắc nhở tiểu thương sắp xếp hàng hóa gọn gàng, không lấn chiếm lối thoát nạn.";

}  // namespace

TEST_CASE("check: a rule edit that changes a sample is reported, --update makes the next check pass") {
  fs::path dir = fs::temp_directory_path() / ("sach-check-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::path sample = dir / "samples" / "dumps" / "cho";
  Write(sample / "input.txt", std::string(kTitle) + "\n\n" + kFirst + "\n\n" + kSecond + "\n");
  const std::string expected = std::string("---\ntitle: ") + kTitle + "\n---\n\n" + kFirst + "\n\n" + kSecond + "\n";
  Write(sample / "expected.txt", expected);
  fs::copy(SACH_SOURCE_DIR "/rules", dir / "rules", fs::copy_options::recursive);

  Run same = Check(dir, "--rules '" + (dir / "rules").string() + "'");
  CHECK(same.code == 0);
  CHECK(same.out.find("unchanged  dumps/cho") != std::string::npos);
  CHECK(same.out.find("1 samples: 1 unchanged, 0 changed, 0 new, 0 failed") != std::string::npos);

  // The edit: a site file whose fingerprint is the title line and that makes
  // the second paragraph a share-bar phrase.
  Write(dir / "rules" / "sites" / "cho.toml", std::string("[site]\nname = \"cho\"\nfingerprint = [\"") + kTitle +
                                                  "\"]\nmin_fingerprint = 1\n\n[markers]\nshare = [\"" + kSecond +
                                                  "\"]\n");
  Run changed = Check(dir, "--rules '" + (dir / "rules").string() + "' -v");
  CHECK(changed.code == 1);
  CHECK(changed.out.find("changed    dumps/cho  +0 -1 paragraphs") != std::string::npos);
  CHECK(changed.out.find(std::string("-") + kSecond) != std::string::npos);  // the diff shows the loss
  CHECK(Slurp(sample / "expected.txt") == expected);                          // nothing written without --update

  Run update = Check(dir, "--rules '" + (dir / "rules").string() + "' --update");
  CHECK(update.code == 0);  // every file written: the update succeeded
  CHECK(update.out.find("1 expected files written") != std::string::npos);
  CHECK(Slurp(sample / "expected.txt").find(kSecond) == std::string::npos);

  Run after = Check(dir, "--rules '" + (dir / "rules").string() + "'");
  CHECK(after.code == 0);
  fs::remove_all(dir);
}

TEST_CASE("check: url and site lines the labels lack are not a change, the diff marks lines") {
  CHECK(sach::Comparable("---\ntitle: T\nurl: https://a.vn/x\nsite: A\n---\n\nP\n", "---\ntitle: T\n---\n\nP\n") ==
        "---\ntitle: T\n---\n\nP\n");
  CHECK(sach::Comparable("---\ntitle: T\nurl: https://a.vn/x\n---\n\nP\n", "---\ntitle: T\nurl: https://b.vn\n---\n") ==
        "---\ntitle: T\nurl: https://a.vn/x\n---\n\nP\n");
  std::string diff = sach::UnifiedDiff("a\nb\nc\n", "a\nc\nd\n");
  CHECK(diff.find("-b\n") != std::string::npos);
  CHECK(diff.find("+d\n") != std::string::npos);
  CHECK(diff.find(" a\n") != std::string::npos);
  std::string changed = sach::UnifiedDiff("t: old\n", "t: new\n");
  CHECK(changed.find("-t: old\n+t: new\n") != std::string::npos);  // removal first
}

TEST_CASE("check: the HTML report renders in headless Chromium with the changed sample and its diff") {
  fs::path dir = fs::temp_directory_path() / ("sach-report-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::path sample = dir / "samples" / "dumps" / "cho";
  Write(sample / "input.txt", std::string(kTitle) + "\n\n" + kFirst + "\n\n" + kSecond + "\n");
  Write(sample / "expected.txt", std::string("---\ntitle: ") + kTitle + "\n---\n\n" + kFirst + "\n\n" + kSecond + "\n");
  fs::copy(SACH_SOURCE_DIR "/rules", dir / "rules", fs::copy_options::recursive);
  Write(dir / "rules" / "sites" / "cho.toml", std::string("[site]\nname = \"cho\"\nfingerprint = [\"") + kTitle +
                                                  "\"]\nmin_fingerprint = 1\n\n[markers]\nshare = [\"" + kSecond +
                                                  "\"]\n");
  fs::path report = dir / "report.html";
  Run r = Check(dir, "--rules '" + (dir / "rules").string() + "' --report '" + report.string() + "'");
  CHECK(r.code == 1);
  REQUIRE(fs::exists(report));

  // A real browser: Debian's chromium, installed by scripts/setup.sh.
  REQUIRE_MESSAGE(fs::exists("/usr/bin/chromium"), "chromium is missing: run scripts/setup.sh");
  fs::path dom = dir / "dom.html";
  std::string cmd = "/usr/bin/chromium --headless --no-sandbox --disable-gpu --user-data-dir='" +
                    (dir / "profile").string() + "' --dump-dom 'file://" + report.string() + "' > '" + dom.string() +
                    "' 2>/dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::string rendered = Slurp(dom);
  CHECK(rendered.find("1 samples: 0 unchanged, 1 changed, 0 failed") != std::string::npos);
  CHECK(rendered.find("<td class=\"changed\">changed</td>") != std::string::npos);
  CHECK(rendered.find("id=\"dumps/cho\"") != std::string::npos);
  // The lost paragraph is marked removed, with the rule that removed it.
  auto removed = rendered.find(std::string("<p class=\"removed\">") + kSecond);
  REQUIRE(removed != std::string::npos);
  auto why = rendered.find("share marker", removed);
  CHECK(why != std::string::npos);
  CHECK(rendered.find("cho.toml:", why) != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("check: one kind or one sample folder, a new sample reported and written by --update") {
  fs::path dir = fs::temp_directory_path() / ("sach-check-new-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const std::string input = std::string(kTitle) + "\n\n" + kFirst + "\n\n" + kSecond + "\n";
  const std::string expected = std::string("---\ntitle: ") + kTitle + "\n---\n\n" + kFirst + "\n\n" + kSecond + "\n";
  Write(dir / "samples" / "dumps" / "cho" / "input.txt", input);
  Write(dir / "samples" / "dumps" / "cho" / "expected.txt", expected);
  Write(dir / "samples" / "dumps" / "moi" / "input.txt", input);  // no expected.txt yet
  Write(dir / "samples" / "html" / "x" / "input.html", "<p>" + std::string(kFirst) + "</p>");
  Write(dir / "samples" / "html" / "x" / "expected.txt", "---\n---\n\nsomething else\n");

  Run all = Check(dir, "");
  CHECK(all.code == 1);
  CHECK(all.out.find("new        dumps/moi: no expected.txt (--update writes it)") != std::string::npos);
  CHECK(all.out.find("3 samples: 1 unchanged, 1 changed, 1 new, 0 failed") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "samples" / "dumps" / "moi" / "expected.txt"));

  // One kind, one sample: the same folders, found from there.
  auto one_kind = sach::FindSamples((dir / "samples" / "dumps").string());
  CHECK(one_kind.size() == 2);
  auto one = sach::FindSamples((dir / "samples" / "dumps" / "cho").string());
  REQUIRE(one.size() == 1);
  CHECK(sach::CheckSample(one[0], TestRules()).status == sach::SampleCheck::kUnchanged);

  fs::path out = dir / "stdout";
  std::string cmd = std::string("'") + SACH_BINARY + "' check --update --samples '" +
                    (dir / "samples" / "dumps").string() + "' > '" + out.string() + "' 2>&1";
  int status = std::system(cmd.c_str());
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(Slurp(out).find("2 samples: 1 unchanged, 0 changed, 1 new, 0 failed; 1 expected files written") !=
        std::string::npos);
  CHECK(Slurp(dir / "samples" / "dumps" / "moi" / "expected.txt") == expected);
  fs::remove_all(dir);
}

namespace {

// The 1-based line of `file` that first holds `needle`, 0 when none does.
int LineOf(const fs::path& file, const std::string& needle) {
  std::istringstream in(Slurp(file));
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (line.find(needle) != std::string::npos) return n;
  return 0;
}

}  // namespace

TEST_CASE("check: a paragraph a new drop selector removes is reported with that selector's file and line") {
  fs::path dir = fs::temp_directory_path() / ("sach-check-why-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "samples" / "html");
  fs::copy(SACH_SOURCE_DIR "/samples/html/vtv", dir / "samples" / "html" / "vtv");
  fs::copy(SACH_SOURCE_DIR "/rules", dir / "rules", fs::copy_options::recursive);
  // The lead (a keep selector names it) dropped by a selector added below the others.
  const fs::path site = dir / "rules" / "sites" / "vtv.vn.toml";
  std::ofstream(site, std::ios::app) << "drop = [\n  \"p.sapo\",\n]\n";
  const int line = LineOf(site, "  \"p.sapo\",");  // the drop entry, not the keep line naming it too
  REQUIRE(line > 0);
  const std::string rule = "site drop selector 'p.sapo' (" + site.string() + ":" + std::to_string(line) + ")";

  fs::path report = dir / "report.html";
  Run r = Check(dir, "-v --rules '" + (dir / "rules").string() + "' --report '" + report.string() + "'");
  CHECK(r.code == 1);
  CHECK(r.out.find("changed    html/vtv  +0 -1 paragraphs") != std::string::npos);
  // The summary names the rule under the lost paragraph, and so does the diff.
  auto removed = r.out.find("  removed: VTV.vn - Sau hơn 3 năm");
  REQUIRE(removed != std::string::npos);
  CHECK(r.out.find("    by dropped: " + rule, removed) != std::string::npos);
  auto minus = r.out.find("\n-VTV.vn - Sau hơn 3 năm");
  REQUIRE(minus != std::string::npos);
  CHECK(r.out.find("\n#   removed: dropped: " + rule, minus) == r.out.find('\n', minus + 1));
  // The report: the lost paragraph faces a gap in the new column, on its row.
  const std::string html = Slurp(report);
  auto cell = html.find("<div class=\"old\"><p class=\"removed\">VTV.vn - Sau hơn 3 năm");
  REQUIRE(cell != std::string::npos);
  auto row_end = html.find('\n', cell);
  CHECK(html.find(rule, cell) < row_end);
  CHECK(html.find("</div><div class=\"new\"><p class=\"gap\"></p></div>", cell) < row_end);
  fs::remove_all(dir);
}

TEST_CASE("check --against: a folder of unlabelled inputs cleaned with two rule sets, what changed and why") {
  fs::path dir = fs::temp_directory_path() / ("sach-check-against-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  // Inputs in folders of any shape: a page two levels down, a dump and a markdown page beside it.
  fs::create_directories(dir / "in" / "pages" / "vtv");
  fs::create_directories(dir / "in" / "dumps");
  fs::copy(SACH_SOURCE_DIR "/samples/html/vtv/input.html", dir / "in" / "pages" / "vtv" / "page.html");
  fs::copy(SACH_SOURCE_DIR "/samples/md/bocongan-1/input.md", dir / "in" / "dumps" / "bocongan.md");
  Write(dir / "in" / "dumps" / "cho.txt", std::string(kTitle) + "\n\n" + kFirst + "\n\n" + kSecond + "\n");
  fs::copy(SACH_SOURCE_DIR "/rules", dir / "old", fs::copy_options::recursive);
  fs::copy(SACH_SOURCE_DIR "/rules", dir / "new", fs::copy_options::recursive);
  const fs::path site = dir / "new" / "sites" / "vtv.vn.toml";
  std::ofstream(site, std::ios::app) << "drop = [\n  \"p.sapo\",\n]\ntitle_suffixes = [\" vẫn chậm tiến độ\"]\n";
  const int line = LineOf(site, "  \"p.sapo\",");
  REQUIRE(line > 0);

  auto against = [&](const std::string& old_rules, const std::string& args) {
    fs::path out = dir / "stdout";
    std::string cmd = std::string("'") + SACH_BINARY + "' check --against '" + (dir / old_rules).string() + "' " +
                      args + " '" + (dir / "in").string() + "' > '" + out.string() + "' 2>&1";
    int status = std::system(cmd.c_str());
    return Run{WIFEXITED(status) ? WEXITSTATUS(status) : -1, Slurp(out)};
  };
  fs::path report = dir / "report.html";
  Run r = against("old", "-v --rules '" + (dir / "new").string() + "' --report '" + report.string() + "'");
  CHECK(r.code == 1);
  const std::string page = (dir / "in" / "pages" / "vtv" / "page.html").string();
  CHECK(r.out.find("changed    " + page + "  +0 -1 paragraphs; metadata: title\n") != std::string::npos);
  CHECK(r.out.find("    by dropped: site drop selector 'p.sapo' (" + site.string() + ":" + std::to_string(line) +
                   ")") != std::string::npos);
  CHECK(r.out.find("--- old rules\n+++ new rules\n") != std::string::npos);
  CHECK(r.out.find("+title: \"Đồng Tháp: Bãi rác quá tải, nhà máy xử lý rác sau 3 năm\"\n") != std::string::npos);
  CHECK(r.out.find("bocongan.md") == std::string::npos);  // unchanged inputs are not listed
  CHECK(r.out.find("3 inputs: 2 unchanged, 1 changed, 0 failed\n") != std::string::npos);
  CHECK(Slurp(report).find("3 inputs: 2 unchanged, 1 changed, 0 failed") != std::string::npos);

  // The same rules on both sides: nothing changed, exit 0.
  Run same = against("old", "--rules '" + (dir / "old").string() + "'");
  CHECK(same.code == 0);
  CHECK(same.out == "3 inputs: 3 unchanged, 0 changed, 0 failed\n");
  // Old rules that do not load are a usage-level failure.
  Run broken = against("missing", "--rules '" + (dir / "new").string() + "'");
  CHECK(broken.code == 2);
  fs::remove_all(dir);
}
