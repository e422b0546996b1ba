// `sach explain`: every block with its decision and the rule behind it.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

#include "sach/explain.h"
#include "test_support.h"

TEST_CASE("explain: a dump's dropped marker names the rule file and line, metadata name their origin") {
  sach::Document doc{"dump.txt",
                     "Bộ Công an triển khai kế hoạch bảo đảm an ninh dịp cuối năm\n\n"
                     "Ngày 5/4, Bộ Công an tổ chức hội nghị triển khai kế hoạch bảo đảm an ninh, trật tự "
                     "dịp cuối năm với sự tham dự của lãnh đạo các đơn vị.\n\n"
                     "Tin liên quan\n\nCông an tỉnh triệt phá đường dây đánh bạc\n",
                     {}, {}};
  auto r = sach::Explain(doc, TestRules());
  REQUIRE(r.ok());
  CHECK(r->find("text dump") != std::string::npos);
  CHECK(r->find("title: Bộ Công an triển khai") != std::string::npos);
  CHECK(r->find("<- line 1") != std::string::npos);  // where the title came from
  // The marker line is dropped, naming the concept and the rule's file:line.
  auto marker = r->find("related marker \"Tin liên quan\" (");
  REQUIRE(marker != std::string::npos);
  CHECK(r->find("rules/default.toml:", marker) != std::string::npos);
  CHECK(r->find("kept     body") != std::string::npos);
}

TEST_CASE("explain: an HTML page lists dropped elements with the class rule, in document order") {
  std::string para =
      "<p>The committee, after long talks, agreed on the budget, the taxes, and the schedule for next year, "
      "members said on Tuesday.</p>";
  sach::Document doc{"page.html",
                     "<html><head><title>Budget agreed | Site</title></head><body>"
                     "<div class=\"site-menu\"><a href=/>Home</a> <a href=/w>World</a></div>"
                     "<article>" + para + para.substr(0, 3) + "Second: " + para.substr(3) +
                         "</article><div class=\"comment-list\">Great article, thanks!</div>"
                         "<div class=\"misc\"><p>Mưa rào vài nơi</p></div></body></html>",
                     {}, {}};
  auto r = sach::Explain(doc, TestRules());
  REQUIRE(r.ok());
  CHECK(r->find("HTML") != std::string::npos);
  auto nav = r->find("nav class/id word \"menu\"");
  auto body = r->find("kept     body");
  auto comment = r->find("comment class/id word \"comment\"");
  REQUIRE(nav != std::string::npos);
  REQUIRE(body != std::string::npos);
  REQUIRE(comment != std::string::npos);
  CHECK(nav < body);
  CHECK(body < comment);
  CHECK(r->find("title: Budget agreed  <- <title>") != std::string::npos);
  // Text the score left out says so, with the scores compared.
  CHECK(r->find("outside the article (score ") != std::string::npos);
  CHECK(r->find(" the article #") != std::string::npos);
}

TEST_CASE("explain: an input with no article text is an error, as for clean") {
  sach::Document doc{"empty.html", "<html><body><nav><a href=/>Home</a></nav></body></html>", {}, {}};
  auto r = sach::Explain(doc, TestRules());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("no article text") != std::string::npos);
}

TEST_CASE("explain: a whole-page dump's menu is one entry naming its lines, every line with every_line") {
  std::string menu;
  for (const char* item : {"Home", "News", "Sport", "Weather", "Culture", "Travel", "Science", "Health", "Money",
                           "Video", "Opinion", "Sign in"})
    menu += std::string(item) + "\n";
  const std::string p1 = "The museum reopened its east wing after a long restoration, and the first visitors "
                         "were able to see the painted ceilings that had been hidden for a decade.";
  const std::string p2 = "Tickets for the first month sold out within days, and the museum said it would add "
                         "evening hours on Fridays to meet the demand from the public.";
  sach::Document doc{"page.txt", menu + p1 + "\n" + p2 + "\n", {}, {}};
  auto brief = sach::Explain(doc, TestRules());
  REQUIRE(brief.ok());
  CHECK(brief->find("lines 1-6  DROPPED  before the article region (lines 13-14: the run weighing most, kShortLineCost, "
                    "kNoiseCostPerChar), 6 lines") != std::string::npos);
  CHECK(brief->find("line 3  DROPPED") == std::string::npos);
  auto every = sach::Explain(doc, TestRules(), {}, true);
  REQUIRE(every.ok());
  CHECK(every->find("line 3  DROPPED  before the article region (lines 13-14:") != std::string::npos);
  CHECK(every->find("lines 1-6") == std::string::npos);
}

TEST_CASE("explain: an input with no article text still tells why each block went") {
  sach::Document doc{"boxes.txt", "Tin liên quan\n\nXem thêm\n\nChia sẻ\n", {}, {}};
  std::string dropped;
  auto r = sach::Explain(doc, TestRules(), {}, true, &dropped);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("no article text") != std::string::npos);
  CHECK(dropped.find("blocks (0 kept, 3 dropped)") != std::string::npos);
  CHECK(dropped.find("line 1  DROPPED  related marker \"Tin liên quan\"") != std::string::npos);
  CHECK(dropped.find("line 5  DROPPED  after the end of the article") != std::string::npos);
}

TEST_CASE("explain: each HTML block names its element as a selector would, up to an ancestor with an id") {
  std::string paras;
  for (const char* p : {"The committee, after long talks, agreed on the budget, the taxes, and the schedule for the "
                        "next year, and said the plan would be published in the spring.",
                        "Members of the public, who had waited outside for hours, were told that the hearings would "
                        "resume next week, once the final reports had been read."})
    paras += std::string("<p>") + p + "</p>";
  sach::Document doc{"page.html",
                     "<html><body><div class=\"wrap md:flex\"><main id=\"content\"><div class=\"entry-body lead extra\">" +
                         paras + "</div></main></div></body></html>",
                     {}, {}};
  auto r = sach::Explain(doc, TestRules());
  REQUIRE(r.ok());
  // The id'ed ancestor ends the path; two class words at most, none of a utility class.
  CHECK(r->find("kept     body  @ main#content > div.entry-body.lead > p\n") != std::string::npos);
}

namespace {

namespace fs = std::filesystem;

// A copy of the project's rules in a fresh folder, with `site` written as
// sites/example.test.toml.
fs::path RulesWithSite(const std::string& name, const std::string& site) {
  fs::path dir = fs::temp_directory_path() / ("sach-explain-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(SACH_SOURCE_DIR "/rules", dir, fs::copy_options::recursive);
  std::ofstream(dir / "sites" / "example.test.toml") << site;
  return dir;
}

// The 1-based line of `file` that first holds `needle`, 0 when none does.
int LineOf(const fs::path& file, const std::string& needle) {
  std::istringstream in(Slurp(file));
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (line.find(needle) != std::string::npos) return n;
  return 0;
}

}  // namespace

TEST_CASE("explain: a default class word and a site drop selector each name their rule file and line") {
  const fs::path dir = RulesWithSite("names", "# A test site.\n[site]\nhosts = [\"example.test\"]\n\n[html]\n"
                                              "drop = [\n  \"div.extra-box\",\n]\n");
  auto rules = sach::Rules::Load(dir.string());
  REQUIRE(rules.ok());
  std::string paras;
  for (const char* p : {"The committee, after long talks, agreed on the budget, the taxes, and the schedule for the "
                        "next year, and said the plan would be published in the spring.",
                        "Members of the public, who had waited outside for hours, were told that the hearings would "
                        "resume next week, once the final reports had been read."})
    paras += std::string("<p>") + p + "</p>";
  sach::Document doc{"page.html",
                     "<html><body><div class=\"sidebar\"><p>Most read stories of the week, in one box for you.</p>"
                     "</div><div class=\"story\">" + paras +
                         "<div class=\"extra-box\"><p>An extra box the site prints inside every story.</p></div>" +
                         paras + "</div></body></html>",
                     "https://example.test/a", {}};
  auto r = sach::Explain(doc, *rules);
  REQUIRE(r.ok());
  const fs::path def = dir / "default.toml", site = dir / "sites" / "example.test.toml";
  const int word_line = LineOf(def, "\"sidebar\""), selector_line = LineOf(site, "\"div.extra-box\"");
  REQUIRE(word_line > 0);
  REQUIRE(selector_line == 7);  // the file above, read back: the search finds what was written
  CHECK(r->find("widget class/id word \"sidebar\" (" + def.string() + ":" + std::to_string(word_line) + ")") !=
        std::string::npos);
  CHECK(r->find("site drop selector 'div.extra-box' (" + site.string() + ":" + std::to_string(selector_line) +
                ")") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("explain: a block the scores left out names the tunable, text is cut at a word unless every_line") {
  const std::string para =
      "<p>The committee, after long talks, agreed on the budget, the taxes, and the schedule for next year, "
      "members said on Tuesday.</p>";
  sach::Document doc{"page.html",
                     "<html><body><div class=\"story\">" + para + para + para +
                         "</div><div class=\"x\"><p>Weather: sunny spells and light winds across the northern "
                         "provinces all through the long holiday weekend ahead.</p></div></body></html>",
                     {}, {}};
  auto r = sach::Explain(doc, TestRules());
  REQUIRE(r.ok());
  auto out = r->find("outside the article (score ");
  REQUIRE(out != std::string::npos);
  CHECK(r->find("kSiblingScoreRatio 0.2", out) != std::string::npos);
  // Cut after a whole word, with a marker; whole with every_line.
  CHECK(r->find("all through the long holiday …\n") != std::string::npos);
  auto every = sach::Explain(doc, TestRules(), {}, true);
  REQUIRE(every.ok());
  CHECK(every->find("all through the long holiday weekend ahead.") != std::string::npos);
}

TEST_CASE("explain: a block cleaned out of the article names the measure and the tunable it exceeded") {
  std::string paras;
  for (const char* p : {"The committee, after long talks, agreed on the budget, the taxes, and the schedule for the "
                        "next year, and said the plan would be published in the spring.",
                        "Members of the public, who had waited outside for hours, were told that the hearings would "
                        "resume next week, once the final reports had been read."})
    paras += std::string("<p>") + p + "</p>";
  std::string links = "<div class=\"x\">";
  for (int i = 0; i < 6; ++i) links += "<a href=/s" + std::to_string(i) + ">Story number " + std::to_string(i) + "</a> ";
  sach::Document doc{"page.html",
                     "<html><body><div class=\"story\">" + paras + links + "more</div>" + paras + "</div></body></html>",
                     {}, {}};
  auto r = sach::Explain(doc, TestRules());
  REQUIRE(r.ok());
  auto drop = r->find("dropped: link-heavy block (link density 0.");
  REQUIRE(drop != std::string::npos);
  const std::string line = r->substr(drop, r->find('\n', drop) - drop);
  CHECK(line.find(" > kMaxLinkDensity 0.2) [strict]  @ div.story > div.x") != std::string::npos);
}
