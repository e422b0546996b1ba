// A site's template learned from its pages (src/template.cc, src/learn.cc):
// lines on most pages go, the article's own recurring sentence stays, and
// `sach learn` proposes the site file a person would write.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "template.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace {

std::vector<sach::Decision> Page(const std::vector<std::pair<std::string, bool>>& blocks) {
  std::vector<sach::Decision> out;
  for (auto& [text, kept] : blocks) out.push_back({0, text, kept, kept ? "body" : "dropped", -1, {}, {}});
  return out;
}

bool Learned(const std::vector<sach::TemplateLine>& lines, const std::string& text) {
  return std::any_of(lines.begin(), lines.end(), [&](const sach::TemplateLine& l) { return l.text == text; });
}

const std::string kClosing =
    "Cơ quan Công an đề nghị người dân nâng cao cảnh giác và kịp thời báo tin cho cơ quan chức năng khi phát hiện "
    "dấu hiệu vi phạm.";
const std::string kSlogan =
    "Cổng thông tin là kênh thông tin chính thức của ngành, đề nghị ghi rõ nguồn khi sử dụng lại thông tin từ trang "
    "này.";

}  // namespace

TEST_CASE("template: lines on most pages are learned, the article's recurring sentence and rare lines are not") {
  sach::TemplateLearner learner;
  for (int i = 0; i < 5; ++i) {
    const std::string n = std::to_string(i);
    std::vector<std::pair<std::string, bool>> blocks{{"Trang chủ", false}, {"Article " + n + " first.", true},
                                                     {kClosing, true},      {"Article " + n + " last.", true},
                                                     {kSlogan, true}};
    if (i < 2) blocks.push_back({"Tin liên quan", false});  // on 2 of 5: too few
    learner.AddPage(Page(blocks));
    if (i == 1) CHECK(learner.Learn().empty());  // two pages teach nothing
  }
  const std::vector<sach::TemplateLine> lines = learner.Learn();
  CHECK(Learned(lines, "Trang chủ"));
  CHECK(Learned(lines, kSlogan));  // kept by the first pass, but after the article's last line
  CHECK_FALSE(Learned(lines, kClosing));  // a sentence inside the article of every page
  CHECK_FALSE(Learned(lines, "Tin liên quan"));
  CHECK_FALSE(Learned(lines, "Article 1 first."));
  CHECK(lines.front().pages == 5);
}

namespace {

struct Site {
  fs::path dir;
  std::vector<std::vector<std::string>> bodies;  // per page, the paragraphs wanted
};

std::vector<std::string> NonEmptyLines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

std::string Body(const std::string& cleaned) {
  if (cleaned.rfind("---\n", 0) != 0) return cleaned;
  const std::size_t end = cleaned.find("\n---\n", 3);  // "---\n---\n": empty front matter
  return end == std::string::npos ? cleaned : cleaned.substr(end + 5);
}

// Twelve whole-page dumps of one made-up site, redesigned after the sixth: a
// menu above, a slogan that reads like a sentence just under the article, and
// below it the sidebar of a real portal's dump (bocongan.gov.vn before, a
// provincial paper's teasers, which read like prose, after). Each article is
// a different sample's body with the same closing sentence in its middle.
struct Design {
  std::string menu, slogan, tail_from;
};

Site MakeSite(const fs::path& dir) {
  const Design designs[] = {
      {"Trang chủ\nTin tức - Sự kiện\nGiới thiệu\nLiên hệ\n\n", kSlogan, "dumps/000_17fa29c206418ba5"},
      {"TRANG CHỦ | THỜI SỰ | KINH TẾ | VĂN HÓA\nĐăng nhập\n\n",
       "Mọi thông tin trên trang này thuộc bản quyền của tòa soạn, chỉ được sử dụng lại khi có sự đồng ý bằng văn "
       "bản.",
       "dumps/004_51b4da953c655a5b"}};
  const char* bodies[] = {"html/baocantho",       "html/baochinhphu",          "html/baotintuc",
                          "html/vietnamplus",     "html/vtcnews",              "html/vtv",
                          "dumps/000_17fa29c206418ba5", "dumps/002_88d9b9a20efc0006", "dumps/003_cefacaf577573425",
                          "dumps/004_51b4da953c655a5b", "md/bocongan-1",             "md/bocongan-2"};
  Site site{dir, {}};
  fs::create_directories(dir);
  int n = 0;
  for (const char* name : bodies) {
    const Design& d = designs[n < 6 ? 0 : 1];
    std::vector<std::string> tail = NonEmptyLines(Slurp(std::string(SACH_SOURCE_DIR "/samples/") + d.tail_from +
                                                        "/input.txt"));
    tail.erase(tail.begin(), tail.end() - 16);
    std::vector<std::string> body = NonEmptyLines(Body(Slurp(std::string(SACH_SOURCE_DIR "/samples/") + name +
                                                             "/expected.txt")));
    body.insert(body.begin() + static_cast<long>(body.size() / 2), kClosing);
    std::string page = d.menu;
    for (const std::string& p : body) page += p + "\n\n";
    page += d.slogan + "\n\n";
    for (const std::string& t : tail) page += t + "\n\n";
    char file[32];
    std::snprintf(file, sizeof file, "page%02d.txt", n++);
    std::ofstream(dir / file) << page;
    site.bodies.push_back(body);
  }
  return site;
}

int Run(const std::string& args, const fs::path& out, const fs::path& err) {
  std::string cmd = std::string("'") + SACH_BINARY + "' " + args + " > '" + out.string() + "' 2> '" + err.string() + "'";
  int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Paragraph precision and recall of the cleaned pages against the bodies.
std::pair<double, double> Score(const Site& site, const fs::path& cleaned_dir) {
  std::size_t got = 0, want = 0, hit = 0;
  for (std::size_t i = 0; i < site.bodies.size(); ++i) {
    char file[32];
    std::snprintf(file, sizeof file, "page%02zu.txt", i);  // HTML pages come out as .txt too
    std::vector<std::string> out = NonEmptyLines(Body(Slurp(cleaned_dir / file)));
    std::set<std::string> wanted(site.bodies[i].begin(), site.bodies[i].end());
    got += out.size(), want += wanted.size();
    for (const std::string& p : out) hit += wanted.count(p);
  }
  return {got ? double(hit) / double(got) : 0.0, want ? double(hit) / double(want) : 0.0};
}

}  // namespace

TEST_CASE("template: clean --learn drops a site's furniture that one page cannot tell from text, sach learn proposes it") {
  const fs::path scratch = fs::temp_directory_path() / ("sach-template-test-" + std::to_string(::getpid()));
  fs::remove_all(scratch);
  const Site site = MakeSite(scratch / "site");
  const fs::path out = scratch / "stdout", err = scratch / "stderr";

  REQUIRE(Run("clean -q --out '" + (scratch / "plain").string() + "' '" + site.dir.string() + "'", out, err) == 0);
  REQUIRE(Run("clean -q --learn --out '" + (scratch / "learned").string() + "' '" + site.dir.string() + "'", out,
              err) == 0);
  auto [plain_p, plain_r] = Score(site, scratch / "plain");
  auto [learned_p, learned_r] = Score(site, scratch / "learned");
  INFO("plain P " << plain_p << " R " << plain_r << ", learned P " << learned_p << " R " << learned_r);
  CHECK(plain_p < 1.0);  // the slogan reads as the article's last paragraph
  CHECK(learned_p == 1.0);
  CHECK(learned_r == 1.0);  // the closing sentence in every article stays
  // The redesign is a template of its own, learned from its own six pages.
  CHECK(Run("clean -v --learn --out '" + (scratch / "v").string() + "' '" + site.dir.string() + "'", out, err) == 0);
  CHECK(Slurp(err).find("(template 2): template learned from 6 pages") != std::string::npos);

  // The proposal: the slogan and the menu as markers, no line of an article
  // (the closing sentence included).
  REQUIRE(Run("learn '" + site.dir.string() + "'", out, err) == 0);
  const std::string proposal = Slurp(out);
  CHECK(proposal.find("\"Tin tức - Sự kiện\"") != std::string::npos);
  CHECK(proposal.find("\"Trang chủ\"") == std::string::npos);  // a default marker: the entry would do nothing
  CHECK(proposal.find(kSlogan) != std::string::npos);
  CHECK(proposal.find("\"Đăng nhập\"") != std::string::npos);  // the redesign's own proposal
  CHECK(proposal.find("\"Tin tức - Sự kiện\"") < proposal.find("(template 2)"));
  CHECK(proposal.find("\"Đăng nhập\"") > proposal.find("(template 2)"));
  for (const auto& body : site.bodies)
    for (const std::string& p : body) CHECK_MESSAGE(proposal.find(p) == std::string::npos, p);
  // ... and says what it changes: the slogan off each page of the first design.
  CHECK(Slurp(err).find("page00.txt: 1 paragraph fewer with the proposal, first: " + kSlogan.substr(0, 40)) !=
        std::string::npos);
  CHECK(Slurp(err).find("learn: the proposals change 12 of 12 pages") != std::string::npos);
  // explain --learn names the template that dropped a line, with its pages.
  REQUIRE(Run("explain --learn '" + site.dir.string() + "' '" + (site.dir / "page00.txt").string() + "'", out, err) ==
          0);
  CHECK(Slurp(out).find("(template of " + site.dir.string() + ": on 6 of 6 pages)") != std::string::npos);
  // --out writes a new file, never over one.
  const fs::path file = scratch / "site.toml.new";
  CHECK(Run("learn --out '" + file.string() + "' '" + site.dir.string() + "'", out, err) == 0);
  CHECK(Slurp(file) == proposal);
  CHECK(Run("learn --out '" + file.string() + "' '" + site.dir.string() + "'", out, err) == 1);

  // Two passes: not over standard input; too few pages: no proposal.
  CHECK(Run("clean --learn - < /dev/null", out, err) == 2);
  CHECK(Run("learn '" + (site.dir / "page00.txt").string() + "'", out, err) == 1);
  fs::remove_all(scratch);
}

namespace {

std::string Escaped(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : std::string(1, c);
  return out;
}

// Eight HTML pages of one made-up provincial portal: a menu, the article in
// div#main > div.detail with the same closing sentence in every article's
// middle (a plain <p> like the article's), a slogan in its own box right
// under the article (which the generic cleaner keeps: a long sentence inside
// the article's element), a sidebar and a footer.
Site MakeHtmlSite(const fs::path& dir) {
  const char* bodies[] = {"html/baocantho", "html/baochinhphu", "html/baotintuc", "html/vietnamplus",
                          "html/vtcnews",   "html/vtv",         "md/bocongan-1",  "md/bocongan-2"};
  Site site{dir, {}};
  fs::create_directories(dir);
  int n = 0;
  for (const char* name : bodies) {
    std::vector<std::string> body = NonEmptyLines(Body(Slurp(std::string(SACH_SOURCE_DIR "/samples/") + name +
                                                             "/expected.txt")));
    body.insert(body.begin() + static_cast<long>(body.size() / 2), kClosing);
    std::string page =
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Bài " + std::to_string(n) +
        "</title><link rel=\"canonical\" href=\"https://congan.tinh.example/tin-tuc/bai-" + std::to_string(n) +
        ".html\"></head><body>\n<div id=\"header\"><ul class=\"menu\"><li><a href=\"/\">Trang chủ</a></li>"
        "<li><a href=\"/tin\">Tin tức - Sự kiện</a></li><li><a href=\"/gt\">Giới thiệu</a></li></ul></div>\n"
        "<div id=\"main\"><div class=\"detail\"><h1>Bài số " + std::to_string(n) + "</h1>\n";
    for (const std::string& p : body) page += "<p>" + Escaped(p) + "</p>\n";
    page += "<div class=\"ghi-chu\"><p>" + kSlogan + "</p></div></div>\n";
    page += "<div class=\"sidebar\"><h3>Tin đọc nhiều</h3><ul><li><a href=\"/x" + std::to_string(n) +
            "\">Tin khác số " + std::to_string(n) + "</a></li></ul></div></div>\n";
    page += "<div id=\"footer\"><p>Bản quyền thuộc về Công an tỉnh. Địa chỉ: 1 Đường Chính.</p></div></body></html>\n";
    char file[32];
    std::snprintf(file, sizeof file, "page%02d.html", n++);
    std::ofstream(dir / file) << page;
    site.bodies.push_back(body);
  }
  return site;
}

}  // namespace

TEST_CASE("template: sach learn proposes checked keep and drop selectors for HTML pages, which make the output exact") {
  const fs::path scratch = fs::temp_directory_path() / ("sach-template-html-" + std::to_string(::getpid()));
  fs::remove_all(scratch);
  const Site site = MakeHtmlSite(scratch / "site");
  const fs::path out = scratch / "stdout", err = scratch / "stderr";
  REQUIRE(Run("clean -q --out '" + (scratch / "plain").string() + "' '" + site.dir.string() + "'", out, err) == 0);
  auto [plain_p, plain_r] = Score(site, scratch / "plain");
  INFO("plain P " << plain_p << " R " << plain_r);
  CHECK(plain_p < 1.0);  // the slogan reads as the article's last paragraph

  REQUIRE(Run("learn '" + site.dir.string() + "'", out, err) == 0);
  const std::string proposal = Slurp(out);
  INFO(proposal);
  CHECK(proposal.find("hosts = [\"congan.tinh.example\"]") != std::string::npos);
  // The slogan's box is dropped by a selector, the article's element (the
  // best-scored: div#main, its sidebar is a line) kept by one; the closing sentence's plain <p> shares its path with the article's
  // text, so no selector names it.
  CHECK(proposal.find("keep = [\"div#main\"]  # on 8 of 8") != std::string::npos);
  CHECK(proposal.find("\"div#main > div.detail > div.ghi-chu > p\",  # on 8 of 8") != std::string::npos);
  CHECK(proposal.find("\"div#main > div.detail > p\"") == std::string::npos);
  for (const auto& body : site.bodies)
    for (const std::string& p : body) CHECK_MESSAGE(proposal.find(Escaped(p)) == std::string::npos, p);

  // Saved as the site's file, it lints clean and the generic cleaner's output
  // becomes exact: the selectors alone, without the learned lines' markers.
  const fs::path rules = scratch / "rules";
  fs::copy(SACH_SOURCE_DIR "/rules", rules, fs::copy_options::recursive);
  std::string selectors_only = proposal.substr(0, proposal.find("[markers]")) + proposal.substr(proposal.find("[html]"));
  std::ofstream(rules / "sites" / "congan.tinh.example.toml") << selectors_only;
  CHECK(Run("rules lint '" + (rules / "sites" / "congan.tinh.example.toml").string() + "'", out, err) == 0);
  REQUIRE(Run("clean -q --rules '" + rules.string() + "' --out '" + (scratch / "proposed").string() + "' '" +
                  site.dir.string() + "'",
              out, err) == 0);
  auto [p, r] = Score(site, scratch / "proposed");
  CHECK(p == 1.0);
  CHECK(r == 1.0);
  // explain names the learned selector that dropped the slogan.
  REQUIRE(Run("explain --learn '" + site.dir.string() + "' '" + (site.dir / "page00.html").string() + "'", out, err) ==
          0);
  CHECK(Slurp(out).find("template of congan.tinh.example: on 8 of 8 pages") != std::string::npos);
  fs::remove_all(scratch);
}

TEST_CASE("template: the six bocongan samples, their site file removed, teach its furniture and keep the samples exact") {
  const fs::path scratch = fs::temp_directory_path() / ("sach-template-bca-" + std::to_string(::getpid()));
  fs::remove_all(scratch);
  fs::create_directories(scratch);
  const fs::path rules = scratch / "rules";
  fs::copy(SACH_SOURCE_DIR "/rules", rules, fs::copy_options::recursive);
  fs::remove(rules / "sites" / "bocongan.gov.vn.toml");
  const std::string samples = SACH_SOURCE_DIR "/samples/";
  const std::vector<std::string> pages{"dumps/000_17fa29c206418ba5/input.txt", "dumps/003_cefacaf577573425/input.txt",
                                       "md/bocongan-1/input.md", "md/bocongan-2/input.md", "md/bocongan-3/input.md",
                                       "md/bocongan-4/input.md"};
  std::string inputs;
  for (const std::string& p : pages) inputs += " '" + samples + p + "'";
  const fs::path out = scratch / "stdout", err = scratch / "stderr";
  REQUIRE(Run("learn --rules '" + rules.string() + "' --site bocongan.gov.vn" + inputs, out, err) == 0);
  const std::string proposal = Slurp(out);
  INFO(proposal);
  // The portal's furniture: its boxes' headings, its search form, its footer.
  for (const char* line : {"\"BỘ VỚI CÔNG DÂN\"", "\"Bản quyền thuộc về Bộ Công an.\"", "\"Tìm kiếm theo\"",
                           "\"Địa chỉ: 96 Nguyễn Du, phường Cửa Nam, thành phố Hà Nội\""})
    CHECK_MESSAGE(proposal.find(line) != std::string::npos, line);
  // No line of the six articles.
  for (const std::string& p : pages) {
    const std::string expected = Slurp(samples + fs::path(p).parent_path().string() + "/expected.txt");
    for (const std::string& line : NonEmptyLines(Body(expected)))
      CHECK_MESSAGE(proposal.find(sach::TomlString(line)) == std::string::npos, line);
  }
  // Saved as the site's file, it lints clean and every sample stays exact.
  const fs::path file = rules / "sites" / "bocongan.gov.vn.toml";
  std::ofstream(file) << proposal;
  CHECK(Run("rules lint '" + file.string() + "'", out, err) == 0);
  CHECK(Run("check --rules '" + rules.string() + "' --samples '" + samples + "'", out, err) == 0);
  CHECK(Slurp(out).find("15 samples: 15 unchanged, 0 changed") != std::string::npos);
  fs::remove_all(scratch);
}
