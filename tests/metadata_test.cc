// Metadata lines (meta_lines.h): date shapes from rules/, bylines, sources, titles.
#include "meta_lines.h"

#include "test_support.h"

using sach::ParseByline;
using sach::ParseSourceLine;

static std::string DateOf(const std::string& line) {
  auto m = TestVocab().MatchDateLine(line);
  return m ? m->iso : "<none>";
}

TEST_CASE("dates: every shape the dumps show, written as ISO 8601") {
  CHECK(DateOf("05/04/2024") == "2024-04-05");
  CHECK(DateOf("18/10/2024") == "2024-10-18");
  CHECK(DateOf("Thứ Năm, ngày 30/09/2021 | 08:20") == "2021-09-30T08:20");
  CHECK(DateOf("07:55 30/06/2025") == "2025-06-30T07:55");
  CHECK(DateOf("2023-02") == "2023-02");
  CHECK(DateOf("Chủ nhật, 5/4/2024 - 8:05") == "2024-04-05T08:05");
  CHECK(DateOf("30-09-2021 08:20 (GMT+7)") == "2021-09-30T08:20");
  CHECK(DateOf("ngày 5 tháng 4 năm 2024") == "2024-04-05");
  CHECK(DateOf("2024-04-05T08:20:00+07:00") == "2024-04-05T08:20");
}

TEST_CASE("dates: a printed time takes the rules' zone only on the documents they are written for") {
  const auto& v = TestVocab();
  CHECK(v.InZone("2021-09-30T08:20", true) == "2021-09-30T08:20+07:00");
  CHECK(v.InZone("2021-09-30T08:20", false) == "2021-09-30T08:20");
  CHECK(v.InZone("2021-09-30", true) == "2021-09-30");                          // a day has no zone
  CHECK(v.InZone("2021-09-30T08:20-04:00", true) == "2021-09-30T08:20-04:00");  // the page's own offset stays
}

TEST_CASE("dates: inline separators around a date line go first") {
  CHECK(DateOf("Thứ Năm, 16/07/2026 17:17 |") == "2026-07-16T17:17");
  CHECK(DateOf("· December 17, 2025") == "2025-12-17");
  CHECK(DateOf("| 05/04/2024 |") == "2024-04-05");
  CHECK(DateOf("|") == "<none>");
}

TEST_CASE("dates: month names of other languages, from the months list in rules") {
  CHECK(DateOf("December 17, 2025") == "2025-12-17");
  CHECK(DateOf("Wed, Dec. 17, 2025 at 3:15 pm") == "2025-12-17");
  CHECK(DateOf("Published on Dec 17th, 2025") == "2025-12-17");
  CHECK(DateOf("17. Dezember 2025") == "2025-12-17");
  CHECK(DateOf("17 de diciembre de 2025") == "2025-12-17");
  CHECK(DateOf("mer. 17 décembre 2025 à 10h30") == "2025-12-17");
  CHECK(DateOf("2025年12月17日") == "2025-12-17");
  CHECK(DateOf("Updated on December 11, 2025") == "2025-12-11");  // headers print the update too
  CHECK(DateOf("Last updated: Jul 22, 2021") == "2021-07-22");
  CHECK(DateOf("Aktualisiert am 17. Dezember 2025") == "2025-12-17");
  // A word that is no month, a day past 31, a sentence: no date.
  CHECK(DateOf("Chapter 17, 2025") == "<none>");
  CHECK(DateOf("December 32, 2025") == "<none>");
  CHECK(DateOf("In December 17, 2025 people came to the square to celebrate the new bridge") == "<none>");
}

TEST_CASE("dates: impossible values and sentences are not dates") {
  CHECK(DateOf("32/01/2024") == "<none>");
  CHECK(DateOf("13/13/2024") == "<none>");
  CHECK(DateOf("05/32/2024") == "<none>");
  CHECK(DateOf("05/04/2024 25:00") == "<none>");
  CHECK(DateOf("Ngày 05/4, tại New York, Thứ trưởng đã làm việc") == "<none>");
  CHECK(DateOf("Từ ngày 14-18/10") == "<none>");
}

TEST_CASE("dates: a numeric date with no month in the day-first reading is month first") {
  CHECK(DateOf("05/13/2024") == "2024-05-13");
  CHECK(DateOf("09/25/2025") == "2025-09-25");
  CHECK(DateOf("05/04/2024") == "2024-04-05");  // both readings possible: the rules' order, day first
}

TEST_CASE("dates: a date printed inside a longer text, found by the date shapes") {
  auto found = [](const std::string& text) {
    auto m = TestVocab().FindDate(text);
    return m ? m->iso : "<none>";
  };
  CHECK(found("By Dana Reyes on May 3, 2020") == "2020-05-03");
  CHECK(found("on Friday December 19, 2025 @08:00PM") == "2025-12-19");
  CHECK(found("Posted on the 15/12/2025 at 19:00 by Dana") == "2025-12-15");
  CHECK(found("Bài: Lã Hoàn - 07:55 30/06/2025") == "2025-06-30T07:55");
  CHECK(found("Issue 3, 2020 - printed May 5, 2020") == "2020-05-05");  // a word that is no month is passed over
  CHECK(found("Dana Reyes 12 May 2021 and June 3, 2020") == "2021-05-12");  // the leftmost date of any shape
  // Inside a longer number, a month without its day, no date at all: none.
  CHECK(found("ref 112/05/20245") == "<none>");
  CHECK(found("By Dana Reyes, 2020-05") == "<none>");
  CHECK(found("By Dana Reyes") == "<none>");
  CHECK(TestVocab().MatchDateLine("By Dana Reyes on May 3, 2020") == std::nullopt);  // not a whole date line
  // A list item's bullet, as text browsers and markdown print one, is no part of the line.
  for (const char* item : {"* 16 November 2019", "   + 16 November 2019", "- 16 November 2019"}) {
    CAPTURE(item);
    auto m = TestVocab().MatchDateLine(item);
    REQUIRE(m.has_value());
    CHECK(m->iso == "2019-11-16");
  }
}

TEST_CASE("dates: a scraper's date field before the first paragraph") {
  auto m = TestVocab().MatchDatePrefix(" date 2023-02 Thứ trưởng làm việc.");
  REQUIRE(m.has_value());
  CHECK(m->iso == "2023-02");
  CHECK(m->rest == "Thứ trưởng làm việc.");
  CHECK_FALSE(TestVocab().MatchDatePrefix("dated letters arrive").has_value());
}

TEST_CASE("bylines: names as printed, agency credits split off") {
  auto b = ParseByline("Lã Hoàn - Nguyễn Anh", TestVocab());
  REQUIRE(b.has_value());
  CHECK(b->author == "Lã Hoàn - Nguyễn Anh");
  CHECK(b->source.empty());

  CHECK(ParseByline("Công Tuấn", TestVocab())->author == "Công Tuấn");
  CHECK(ParseByline("Tin, ảnh: P.Y", TestVocab())->author == "P.Y");

  auto agency = ParseByline("Tâm Hằng (TTXVN)", TestVocab());
  REQUIRE(agency.has_value());
  CHECK(agency->author == "Tâm Hằng");
  CHECK(agency->source == "TTXVN");
}

TEST_CASE("bylines: sentences, captions and lower-case text are not bylines") {
  CHECK_FALSE(ParseByline("Toàn cảnh Hội nghị.", TestVocab()).has_value());
  CHECK_FALSE(ParseByline("Thứ trưởng Lê Quốc Hùng và ông Robert Silvers cùng các đại biểu tại buổi làm việc.",
                          TestVocab()).has_value());
  CHECK_FALSE(ParseByline("chia sẻ kinh nghiệm", TestVocab()).has_value());
  CHECK_FALSE(ParseByline("Năm 2024", TestVocab()).has_value());
}

TEST_CASE("sources: the credited outlet") {
  CHECK(ParseSourceLine("Theo CHINHPHU.VN", TestVocab()) == "CHINHPHU.VN");
  CHECK(ParseSourceLine("Nguồn: Báo Nhân Dân", TestVocab()) == "Báo Nhân Dân");
  // A sentence that starts with "Theo" is article text.
  CHECK_FALSE(ParseSourceLine("Theo phóng viên TTXVN tại Singapore, tại buổi chào xã giao, hai bên đã trao đổi.",
                              TestVocab()).has_value());
  CHECK_FALSE(ParseSourceLine("Theodore Roosevelt", TestVocab()).has_value());
}

TEST_CASE("titles: a short headline, not a caption, date or paragraph") {
  CHECK(sach::LooksLikeTitle("Thúc đẩy hợp tác toàn diện giữa Bộ Công an Việt Nam với Cảnh sát Australia",
                             TestVocab()));
  CHECK_FALSE(sach::LooksLikeTitle("Quốc vụ khanh Bộ Nội vụ Singapore. Ảnh: Tất Đạt-TTXVN", TestVocab()));
  CHECK_FALSE(sach::LooksLikeTitle("Toàn cảnh Hội nghị.", TestVocab()));
  CHECK_FALSE(sach::LooksLikeTitle("05/04/2024", TestVocab()));
  CHECK_FALSE(sach::LooksLikeTitle("Tin liên quan", TestVocab()));
  // Two sentences are no headline; an abbreviation's stop makes no sentence.
  CHECK_FALSE(sach::LooksLikeTitle("The vote was held. Results come tomorrow", TestVocab()));
  CHECK(sach::LooksLikeTitle("Group Music Classes vs. Private Instruction: Which Is Best for You?", TestVocab()));
  CHECK(sach::LooksLikeTitle("Dr. Jones Returns to St. Louis", TestVocab()));
}

TEST_CASE("bylines: other languages' 'by', and labels printed beside the name") {
  auto author = [](const std::string& line) {
    auto b = ParseByline(line, TestVocab());
    return b ? b->author : "<none>";
  };
  CHECK(author("By Melanie Hanson") == "Melanie Hanson");
  CHECK(author("Written By Eduard Kovacs") == "Eduard Kovacs");
  CHECK(author("Von Anna Schmidt") == "Anna Schmidt");
  CHECK(author("Irene Okpanachi Author") == "Irene Okpanachi");
  CHECK(author("Author: Lena Park") == "Lena Park");
  CHECK(author("THE AUTHOR") == "<none>");
  CHECK(author("About The Author") == "<none>");
  CHECK(author("Full Bio") == "<none>");
  CHECK(author("By") == "<none>");
  CHECK(author("Bylines are hard to read") == "<none>");
}

TEST_CASE("bylines: a line that says it is one, and a label printed alone") {
  const auto& v = TestVocab();
  CHECK(sach::ParsePrefixedByline("Written by Jane Doe", v).value_or("") == "Jane Doe");
  CHECK(sach::ParsePrefixedByline("Author: Jane Doe |", v).value_or("") == "Jane Doe");
  CHECK_FALSE(sach::ParsePrefixedByline("Jane Doe", v));           // no prefix: could be anything
  CHECK_FALSE(sach::ParsePrefixedByline("The Problem:", v));       // a colon is no prefix
  CHECK_FALSE(sach::ParsePrefixedByline("By 2030, prices rise", v));
  CHECK(sach::IsBylineLabel("Written by", v));
  CHECK(sach::IsBylineLabel("Author:", v));
  CHECK_FALSE(sach::IsBylineLabel(",", v));
  CHECK_FALSE(sach::IsBylineLabel("Jane Doe", v));
}
