// Site selectors: the CSS subset, matched on the page table; and a site file
// whose selectors change an article where the generic rules are not enough.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "page.h"
#include "parse.h"
#include "sach/clean.h"
#include "selector.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace {

// Indexes of the elements `selector` matches in `html`, by their id attribute.
std::vector<std::string> Matched(const std::string& html, const std::string& selector) {
  auto page = sach::ParseHtml(html);
  REQUIRE(page.ok());
  sach::PageTree t = sach::BuildTree(page->root());
  auto s = sach::Selector::Parse(selector);
  REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().message));
  std::vector<std::string> ids;
  for (int i = 0; i < t.size(); ++i)
    if (s->Matches(t, i)) ids.emplace_back(t[i].id);
  return ids;
}

const char* kPage =
    "<div id=main class=\"detail content\"><h1 id=h>T</h1><p id=sapo class=sapo>S</p>"
    "<div id=body data-role=content><p id=p1>A</p><section id=s><p id=p2>B</p></section></div>"
    "<a id=ext href=\"https://x.vn/a\">x</a><a id=int href=\"/b\">y</a></div>";

}  // namespace

TEST_CASE("selector: tags, ids, classes, attributes, combinators and lists") {
  using V = std::vector<std::string>;
  CHECK(Matched(kPage, "p") == V{"sapo", "p1", "p2"});
  CHECK(Matched(kPage, "#main .sapo") == V{"sapo"});
  CHECK(Matched(kPage, "div.detail.content > p") == V{"sapo"});   // child: not p1, p2
  CHECK(Matched(kPage, "div.detail p") == V{"sapo", "p1", "p2"});  // descendant
  CHECK(Matched(kPage, "[data-role=content] > section > p") == V{"p2"});
  CHECK(Matched(kPage, "a[href^=https]") == V{"ext"});
  CHECK(Matched(kPage, "a[href$='/b']") == V{"int"});
  CHECK(Matched(kPage, "*[class*=eta]") == V{"main"});
  CHECK(Matched(kPage, "h1, #p2") == V{"h", "p2"});
  CHECK(Matched(kPage, "[data-role]") == V{"body"});
  CHECK(Matched(kPage, ".missing").empty());
}

TEST_CASE("selector: malformed selectors are errors that say where") {
  for (const char* bad : {"div[", ".", "a >", "##x", "[a='x]", "div,,p", "p ~ q", ""}) {
    auto s = sach::Selector::Parse(bad);
    CHECK_MESSAGE(!s.ok(), bad);
    if (!s.ok()) CHECK(s.error().message.find("bad selector") != std::string::npos);
  }
}

TEST_CASE("rules: a site file's selectors and title suffix change a page the generic rules get wrong") {
  fs::path dir = fs::temp_directory_path() / ("sach-site-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(SACH_SOURCE_DIR "/rules", dir, fs::copy_options::recursive);
  std::ofstream(dir / "sites" / "example.vn.toml")
      << "[site]\nname = \"example.vn\"\nhosts = [\"example.vn\"]\n\n"
         "[html]\nkeep = [\"div.noidung-bai\"]\ndrop = [\".hop-goi-y\"]\ntitle_suffixes = [\" - Báo Ví Dụ\"]\n";
  auto rules = sach::Rules::Load(dir.string());
  REQUIRE_MESSAGE(rules.ok(), (rules.ok() ? "" : rules.error().message));

  std::string para =
      "<p>Ngày 3/11, Công an tỉnh đã kiểm tra công tác phòng cháy, chữa cháy tại các chợ đầu mối trên địa bàn, "
      "yêu cầu các hộ kinh doanh khắc phục ngay các tồn tại, đoàn cho biết.</p>";
  // A suggestion box of plain prose inside the article: nothing generic marks it.
  std::string box = "<div class=\"hop-goi-y\"><p>Mời bạn đọc tham gia cuộc thi viết về người chiến sĩ công an, "
                    "giải thưởng hấp dẫn, hạn gửi bài cuối tháng này.</p></div>";
  std::string html = "<html><head><title>Kiểm tra phòng cháy ở chợ - Báo Ví Dụ</title></head><body>"
                     "<div class=\"noidung-bai\">" + para + box + para.substr(0, 3) + "Tiếp theo, " + para.substr(3) +
                     "</div><div class=\"other\">" + para.substr(0, 3) + "Bài khác: " + para.substr(3) + "</div></body></html>";

  auto generic = sach::Clean({"a.html", html, "https://other.vn/a", {}}, *rules);
  REQUIRE(generic.ok());
  bool box_kept = false;
  for (auto& p : generic->article.paragraphs) box_kept |= p.find("Mời bạn đọc") != std::string::npos;
  CHECK(box_kept);  // the generic rules alone keep the box

  auto site = sach::Clean({"a.html", html, "https://www.example.vn/a", {}}, *rules);
  REQUIRE(site.ok());
  CHECK(site->site == "example.vn");
  CHECK(site->article.meta.title == "Kiểm tra phòng cháy ở chợ");
  REQUIRE(site->article.paragraphs.size() == 2);  // the kept container, without the box
  CHECK(site->article.paragraphs[1].find("Tiếp theo") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("rules: a bad selector in a rule file stops loading with file:line") {
  fs::path dir = fs::temp_directory_path() / ("sach-badsel-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "default.toml") << "timezone = \"+07:00\"\n\n[html]\ndrop = [\"div[\"]\n";
  auto rules = sach::Rules::Load(dir.string());
  REQUIRE_FALSE(rules.ok());
  CHECK(rules.error().message.find("default.toml:4: bad selector 'div['") != std::string::npos);
  fs::remove_all(dir);
}
