// Region stage: line kinds and the article's run of lines in a whole-page dump.
#include "region.h"

#include "test_support.h"

namespace {

// A line of `words` words, `fw` of them function words.
sach::DumpLine Line(std::size_t chars, std::size_t words, std::size_t fw, bool sentence) {
  sach::DumpLine l;
  l.chars = chars;
  l.words = words;
  l.function_words = fw;
  l.ends_sentence = sentence;
  return l;
}

sach::DumpLine Prose() { return Line(400, 70, 25, true); }
sach::DumpLine MenuItem() { return Line(12, 2, 0, false); }

}  // namespace

TEST_CASE("region: menus above and a footer below stay outside, a subheading between paragraphs stays in") {
  std::vector<sach::DumpLine> lines;
  for (int i = 0; i < 8; ++i) lines.push_back(MenuItem());
  lines.push_back(Prose());                       // 8
  lines.push_back(Line(30, 4, 1, false));         // 9: a subheading
  lines.push_back(Prose());                       // 10
  lines.push_back(Prose());                       // 11
  for (int i = 0; i < 8; ++i) lines.push_back(MenuItem());
  sach::DumpLine links = Line(200, 30, 5, false);  // a row of links
  links.link_chars = 180;
  lines.push_back(links);
  sach::Region r = sach::FindRegion(lines, true);
  REQUIRE(r.found);
  CHECK(r.begin == 8);
  CHECK(r.end == 12);
  CHECK(r.kinds[0] == sach::LineKind::kShort);
  CHECK(r.kinds[8] == sach::LineKind::kProse);
  CHECK(r.kinds.back() == sach::LineKind::kNoise);
}

TEST_CASE("region: a line printed again elsewhere is noise, a headline list is plain, a terse sentence is weak prose") {
  sach::DumpLine repeated = Line(60, 10, 3, false);
  repeated.repeats = 2;
  sach::DumpLine headline = Line(80, 14, 0, false);
  sach::DumpLine terse = Line(80, 14, 1, true);
  sach::Region r = sach::FindRegion({Prose(), repeated, headline, terse}, true);
  CHECK(r.kinds[1] == sach::LineKind::kNoise);
  CHECK(r.kinds[2] == sach::LineKind::kPlain);
  CHECK(r.kinds[3] == sach::LineKind::kWeakProse);
}

TEST_CASE("region: of two equal stretches of prose the first is the article") {
  std::vector<sach::DumpLine> lines{Prose(), MenuItem(), MenuItem(), MenuItem()};
  for (int i = 0; i < 12; ++i) lines.push_back(Line(40, 6, 0, false));  // a headline list between
  lines.push_back(Prose());
  sach::Region r = sach::FindRegion(lines, true);
  REQUIRE(r.found);
  CHECK(r.begin == 0);
  CHECK(r.end == 1);
}

TEST_CASE("region: a dump without prose has no region, an unknown language is judged by length") {
  sach::Region none = sach::FindRegion({MenuItem(), MenuItem()}, true);
  CHECK_FALSE(none.found);
  CHECK(none.begin == 0);
  CHECK(none.end == 2);
  CHECK(sach::FindRegion({}, true).kinds.empty());
  // No function words counted: a long sentence is still prose.
  sach::Region r = sach::FindRegion({MenuItem(), Line(300, 50, 0, true), MenuItem()}, false);
  REQUIRE(r.found);
  CHECK(r.kinds[1] == sach::LineKind::kProse);
  CHECK(r.begin == 1);
  CHECK(r.end == 2);
}

TEST_CASE("region: a teaser list of cut excerpts after the article stays outside") {
  std::vector<sach::DumpLine> lines;
  for (int i = 0; i < 3; ++i) lines.push_back(Prose());
  for (int i = 0; i < 3; ++i) {
    lines.push_back(Line(60, 10, 2, false));  // another page's headline
    sach::DumpLine teaser = Line(200, 35, 12, true);
    teaser.truncated = true;  // "Many people dream of becoming entrepreneurs, and often the biggest..."
    lines.push_back(teaser);
  }
  sach::Region r = sach::FindRegion(lines, true);
  REQUIRE(r.found);
  CHECK(r.begin == 0);
  CHECK(r.end == 3);
  CHECK(r.kinds[4] == sach::LineKind::kPlain);
  // Uncut, the same excerpts read as paragraphs of the article.
  for (auto& l : lines) l.truncated = false;
  CHECK(sach::FindRegion(lines, true).end == lines.size());
}

namespace {

sach::DumpLine DateLine(std::uint32_t day) {
  sach::DumpLine l = Line(17, 3, 0, false);
  l.day = day;
  return l;
}

// The article's paragraphs, then records of headline, author, date and a
// summary sentence, their days in `days` order.
std::vector<sach::DumpLine> ArticleThenRecords(const std::vector<std::uint32_t>& days) {
  std::vector<sach::DumpLine> lines{Prose(), Prose(), Prose()};
  for (std::uint32_t day : days) {
    lines.push_back(Line(60, 10, 1, false));  // headline
    lines.push_back(MenuItem());              // author
    lines.push_back(DateLine(day));
    lines.push_back(Prose());                 // summary
  }
  return lines;
}

}  // namespace

TEST_CASE("region: a list of dated teasers newest first ends the article where its first record starts") {
  sach::Region r = sach::FindRegion(ArticleThenRecords({20191120, 20191120, 20191119, 20191118}), true);
  REQUIRE(r.found);
  CHECK(r.begin == 0);
  CHECK(r.end == 3);
  CHECK(r.list_cut);
}

TEST_CASE("region: dated teasers of one day, or in no order (a popular list), end the article too") {
  for (auto days : {std::vector<std::uint32_t>{20191120, 20191120, 20191120, 20191120},
                    std::vector<std::uint32_t>{20191116, 20191117, 20190409, 20191114}}) {
    sach::Region r = sach::FindRegion(ArticleThenRecords(days), true);
    CAPTURE(days[1]);
    CHECK(r.end == 3);
    CHECK(r.list_cut);
  }
}

TEST_CASE("region: dated records running forward are the article's own timeline") {
  sach::Region r = sach::FindRegion(ArticleThenRecords({20200301, 20200405, 20200517, 20200602}), true);
  REQUIRE(r.found);
  CHECK(r.begin == 0);
  CHECK(r.end == 19);
  CHECK_FALSE(r.list_cut);
}

TEST_CASE("region: a run that is only dated records stays whole") {
  std::vector<sach::DumpLine> lines = ArticleThenRecords({20191120, 20191119, 20191118});
  lines.erase(lines.begin(), lines.begin() + 3);
  sach::Region r = sach::FindRegion(lines, true);
  REQUIRE(r.found);
  CHECK(r.end == lines.size());
  CHECK_FALSE(r.list_cut);
}

TEST_CASE("region: a gallery of alt texts printed twice over weighs nothing, the article after it is the region") {
  std::vector<sach::DumpLine> lines;
  for (int i = 0; i < 6; ++i) {
    sach::DumpLine alt = Line(160, 28, 10, true);  // "A man speaks at a hearing. A man speaks at a hearing."
    alt.doubled = true;
    lines.push_back(alt);
    lines.push_back(Line(50, 8, 1, false));  // the teaser's headline
  }
  lines.push_back(Prose());  // 12
  lines.push_back(Prose());
  sach::Region r = sach::FindRegion(lines, true);
  REQUIRE(r.found);
  CHECK(r.kinds[0] == sach::LineKind::kNoise);
  CHECK(r.begin == 12);
  CHECK(r.end == 14);
}

TEST_CASE("region: a long line of code or data above a menu weighs nothing, the article after the menu is the region") {
  std::vector<sach::DumpLine> lines;
  sach::DumpLine json = Line(20000, 3000, 900, false);  // a script's JSON, as long as a page of prose
  json.symbolic = true;
  lines.push_back(json);
  for (int i = 0; i < 12; ++i) lines.push_back(MenuItem());
  lines.push_back(Prose());  // 13
  lines.push_back(Prose());
  sach::DumpLine listing = Line(600, 80, 10, true);  // a code listing inside the article
  listing.symbolic = true;
  lines.push_back(listing);  // 15
  lines.push_back(Prose());
  sach::Region r = sach::FindRegion(lines, true);
  REQUIRE(r.found);
  CHECK(r.begin == 13);
  CHECK(r.end == 17);
  CHECK(r.kinds[0] == sach::LineKind::kWeakProse);
}
