// Wrap stage: the width a dump was wrapped at, and which lines go on the one
// before them.
#include "wrap.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "test_support.h"

namespace {

const std::string kLong =
    "The museum reopened its east wing after a long restoration, and the first visitors were able to see the "
    "painted ceilings that had been hidden for a decade behind scaffolding and dust sheets. Tickets for the first "
    "month sold out within days, and the museum said it would add evening hours on Fridays to meet the demand.";

std::string Page(std::size_t width) {
  std::string text = "Home\n\nNews\n\nThe museum reopens its east wing\n\n";
  for (int i = 0; i < 4; ++i) text += WrapAt(kLong, width) + "\n";
  return text + WrapAt("A list item that runs long enough to be wrapped onto a second line under it", width, " * ", "   ");
}

}  // namespace

TEST_CASE("wrap: a dump wrapped at 78 or 80 columns is told, with its width") {
  CHECK(sach::WrapWidth(Page(78)) == 78);
  CHECK(sach::WrapWidth(Page(80)) == 80);
  // The widest line told: here no line of the text reached the 72nd column.
  const std::size_t w = sach::WrapWidth(Page(72));
  CHECK(w <= 72);
  CHECK(w >= 70);
}

TEST_CASE("wrap: a dump whose paragraphs are one line each is not wrapped") {
  std::string text = "Home\n\nNews\n\nThe museum reopens its east wing\n\n";
  for (int i = 0; i < 12; ++i) text += kLong + "\n\n";
  CHECK(sach::WrapWidth(text) == 0);
  // Short lines alone tell nothing.
  CHECK(sach::WrapWidth("Home\nNews\nSport\n") == 0);
  CHECK(sach::WrapWidth("") == 0);
}

TEST_CASE("wrap: Japanese paragraphs wider than the lines around them are not wrapped text") {
  // No spaces in Japanese prose: its width, not its words, shows it was not broken.
  std::string text;
  const std::string para = "美術館は長い修復の後で東棟を再開し、最初の来館者は十年間隠されていた天井画を見ることができた。";
  for (int i = 0; i < 6; ++i) text += para + para + "\n\n";
  for (int i = 0; i < 20; ++i) text += "This menu line of a page is here " + std::to_string(i) + " and more words\n";
  CHECK(sach::WrapWidth(text) == 0);
}

TEST_CASE("wrap: a line goes on the one before when its first word would not have fit there") {
  const std::string a = "The museum reopened its east wing after a long restoration, and the first";  // 74
  CHECK(sach::Continues(a, "visitors were able to see the ceilings.", 78));
  const std::string b = "The museum reopened its east wing after a long restoration, and the";  // 67
  CHECK_FALSE(sach::Continues(b, "at", 78));                       // "at" fitted: the break was the text's
  // Within kWrapFitSlack of the width it counts as not fitting (lynx counts
  // some scripts' letters otherwise).
  CHECK(sach::Continues(a, "at", 78));
  CHECK_FALSE(sach::Continues("Short line.", "Next line", 78));    // ended short
  CHECK_FALSE(sach::Continues(a, "* A list item", 78));            // a new item
  CHECK_FALSE(sach::Continues(a, "# A heading", 78));
  // A rule drawn across the width stands alone, above and below.
  const std::string rule(78, '=');
  CHECK_FALSE(sach::Continues("Linkedin", rule, 78));
  CHECK_FALSE(sach::Continues(rule, "More information: the report", 78));
  CHECK_FALSE(sach::Continues(a, "    indented otherwise", 78));
  CHECK_FALSE(sach::Continues(a, "", 78));
  // Under a list item, its text's column.
  CHECK(sach::Continues(" * " + a.substr(0, 70), "   visitors were able", 78));
  // A quote's lines each carry its mark.
  CHECK(sach::Continues("> " + a, "> visitors were able", 80));
  CHECK_FALSE(sach::Continues("> " + b, "> at", 80));
  // A short line before a web address too long for it.
  CHECK(sach::Continues("Atlas Cross Sport", "[https://example.com/2020-vw-atlas-cross-sport-tailors-two-row-suv-for-american]", 78));
}

TEST_CASE("wrap: a markdown link opened on a line and not closed there goes on") {
  CHECK(sach::OpensLink("[ Bệnh viện Bạch Mai tiếp nhận 3.000 lượt người đến khám"));
  CHECK(sach::OpensLink("Read [the report"));
  CHECK_FALSE(sach::OpensLink("Read [the report](https://example.com/r) today"));
  CHECK_FALSE(sach::OpensLink("An escaped \\[ bracket"));
  CHECK_FALSE(sach::OpensLink("A stray ] then [x]"));
}

TEST_CASE("wrap: joined lines keep one space, a word broken at its hyphen none, a quote one mark") {
  std::string line = "the first visitors saw a well-";
  sach::JoinWrapped(line, "stretched sedan");
  CHECK(line == "the first visitors saw a well-stretched sedan");
  line = "the sedan - ";
  sach::JoinWrapped(line, "   and a wagon");
  CHECK(line == "the sedan - and a wagon");
  line = "> The show was great and";
  sach::JoinWrapped(line, "> easy to book.");
  CHECK(line == "> The show was great and easy to book.");
}
