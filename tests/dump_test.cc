// Dump stage on small synthetic dumps.
#include "dump.h"

#include <algorithm>

#include "test_support.h"

namespace {

sach::Article Clean(const std::string& text, sach::Trace* trace = nullptr) {
  return sach::CleanDump(text, TestVocab(), trace);
}

const std::string kPara1 = "Sáng nay, đoàn công tác đã làm việc với lãnh đạo tỉnh về tình hình an ninh trật tự trên địa bàn.";
const std::string kPara2 = "Hai bên thống nhất tăng cường trao đổi thông tin và phối hợp đấu tranh phòng, chống tội phạm.";
// English prose of a page's article.
const std::string kMuseum1 = "The museum reopened its east wing after a long restoration, and the first visitors "
                             "were able to see the painted ceilings that had been hidden for a decade.";
const std::string kMuseum2 = "Tickets for the first month sold out within days, and the museum said it would add "
                             "evening hours on Fridays to meet the demand from the public.";

// A whole page's menu: lines that read as nothing, one per item, each
// between `before` and `after`.
std::string MenuOf(std::initializer_list<const char*> items, const std::string& before, const std::string& after) {
  std::string menu;
  for (const char* item : items) menu += before + item + after;
  return menu;
}

const std::string kPara3 = "Kết thúc buổi làm việc, đoàn đã đến thăm và tặng quà các gia đình chính sách trên địa bàn.";

}  // namespace

TEST_CASE("dump: title, date line, paragraphs, byline, share bar and a related list") {
  std::string text = "Tăng cường hợp tác phòng, chống tội phạm\n\n05/04/2024\n\n" + kPara1 + "\n\n" + kPara2 +
                     "\n\n\u00a0\n\nNguyễn Văn An\n\nIn\nChia sẻFacebook\n\nTin liên quan\n\n"
                     "Công an tỉnh tổ chức hội nghị tổng kết\n\nCông an tỉnh tổ chức hội nghị tổng kết\n\n"
                     "Ra mắt mô hình tự quản về an ninh trật tự\n\nRa mắt mô hình tự quản về an ninh trật tự\n";
  sach::Article a = Clean(text);
  CHECK(a.meta.title == "Tăng cường hợp tác phòng, chống tội phạm");
  CHECK(a.meta.date == "2024-04-05");
  CHECK(a.meta.author == "Nguyễn Văn An");
  REQUIRE(a.paragraphs.size() == 2);
  CHECK(a.paragraphs[0] == kPara1);
  CHECK(a.paragraphs[1] == kPara2);
}

TEST_CASE("dump: a printed time takes the rules' zone in their language, not in another") {
  const std::string date = "\n\n30/09/2021 08:20\n\n";
  CHECK(Clean("Tiêu đề bài viết về hợp tác" + date + kPara1 + "\n\n" + kPara2 + "\n").meta.date ==
        "2021-09-30T08:20+07:00");
  CHECK(Clean("The museum opens its east wing" + date + kMuseum1 + "\n\n" + kMuseum2 + "\n").meta.date ==
        "2021-09-30T08:20");
  // A front matter's naive time is the file's own word, in any language.
  CHECK(Clean("---\ntitle: T\ndate: 2021-09-30T08:20\n---\n\n" + kPara1 + "\n").meta.date == "2021-09-30T08:20");
}

TEST_CASE("dump: headline / time / teaser triples after a marker go as one block") {
  std::string text = "Tiêu đề bài viết về hợp tác\n\nThứ Năm, ngày 30/09/2021 | 08:20\n\n" + kPara1 +
                     "\n\nTheo CHINHPHU.VN\n\nViết bình luận mới\n\nXem thêm\n\n"
                     "Một bài khác được quan tâm\n\n07:55 30/06/2025\n\n" + kPara3 + "\n\n"
                     "THÔNG TIN CẦN BIẾT\nNhiều mây, có mưa rào và dông vài nơi, gió nhẹ, nhiệt độ cao nhất 33 độ.\n";
  sach::Article a = Clean(text);
  CHECK(a.meta.date == "2021-09-30T08:20+07:00");
  CHECK(a.meta.source == "CHINHPHU.VN");
  CHECK(a.meta.author.empty());
  REQUIRE(a.paragraphs.size() == 1);
  CHECK(a.paragraphs[0] == kPara1);
}

TEST_CASE("dump: a related box inside the article goes, the article after it stays") {
  std::string text = "Tiêu đề bài viết về hợp tác\n\n" + kPara1 + "\n\nXem thêm\n\n"
                     "Bài liên quan số một\n\nBài liên quan số một\n\n" + kPara2 + "\n\n" + kPara3 + "\n";
  sach::Trace trace;
  sach::Article a = Clean(text, &trace);
  REQUIRE(a.paragraphs.size() == 3);
  CHECK(a.paragraphs[1] == kPara2);
  // The reason names the rule that dropped the marker, file and line.
  bool named = false;
  for (auto& b : trace.blocks)
    if (b.text == "Xem thêm") named = !b.kept && b.why.find("rules/default.toml:") != std::string::npos;
  CHECK(named);
}

TEST_CASE("dump: caption pairs keep one, different adjacent captions stay") {
  std::string text = "Tiêu đề bài viết về hợp tác\n\n" + kPara1 + "\n\n"
                     "Ông A trao quà tặng ông B.\nÔng A trao quà tặng ông B.\n"
                     "Ông B trao quà tặng ông A.\nÔng B trao quà tặng ông A.\n\n" + kPara2 + "\n";
  sach::Article a = Clean(text);
  REQUIRE(a.paragraphs.size() == 4);
  CHECK(a.paragraphs[1] == "Ông A trao quà tặng ông B.");
  CHECK(a.paragraphs[2] == "Ông B trao quà tặng ông A.");
}

TEST_CASE("dump: asterisk paragraphs are text, a repeated sapo is kept once, NBSP lines are noise") {
  std::string text = "Tiêu đề bài viết về hợp tác\n\n" + kPara1 + "\n\n\u00a0\u00a0\n\n" + kPara1 + "\n\n* " + kPara2 +
                     "\n\n*" + kPara3 + "\n";
  sach::Article a = Clean(text);
  REQUIRE(a.paragraphs.size() == 3);
  CHECK(a.paragraphs[1] == "* " + kPara2);
  CHECK(a.paragraphs[2] == "*" + kPara3);
}

TEST_CASE("dump: a dump without a title, with a leading date field") {
  sach::Article a = Clean(" date 2023-02 " + kPara1 + "\n\n" + kPara2);
  CHECK(a.meta.title.empty());
  CHECK(a.meta.date == "2023-02");
  REQUIRE(a.paragraphs.size() == 2);
  CHECK(a.paragraphs[0] == kPara1);
}

TEST_CASE("dump: the only paragraph is never taken for a byline, empty text gives nothing") {
  CHECK(Clean("Nguyễn Văn An").paragraphs.size() == 1);
  CHECK(Clean("").paragraphs.empty());
  CHECK(Clean("\u00a0\n \n\t\n").paragraphs.empty());
}

TEST_CASE("dump: markdown — menus above the H1 go, links keep their text, images go") {
  std::string text =
      "[Trang chủ](https://example.vn/)[Tin tức](https://example.vn/tin)\n"
      "  * [ Giới thiệu ](https://example.vn/gioi-thieu)\n"
      "# Tiêu đề bài viết về hợp tác\n" +
      kPara1 + "\n28/08/2026\n* * *\n"
      "![anh \\(1\\).jpg](https://example.vn/a.jpg) Toàn cảnh buổi làm việc.\n"
      "Theo [Bộ Công an](https://example.vn/), " + kPara2 + "\n"
      "Nguyễn Văn An\n### Tag\n[Công an Hà Nội](https://example.vn/tag/1)\nIn\n"
      "Chia sẻ[![Facebook](https://example.vn/fb.png)](https://facebook.com/sharer)\n";
  sach::Article a = Clean(text);
  CHECK(a.meta.title == "Tiêu đề bài viết về hợp tác");
  CHECK(a.meta.date == "2026-08-28");
  CHECK(a.meta.author == "Nguyễn Văn An");
  REQUIRE(a.paragraphs.size() == 3);
  CHECK(a.paragraphs[0] == kPara1);
  CHECK(a.paragraphs[1] == "Toàn cảnh buổi làm việc.");
  CHECK(a.paragraphs[2] == "Theo Bộ Công an, " + kPara2);
}

TEST_CASE("dump: a markdown line's text keeps its words and links' text, without images, emphasis or escapes") {
  CHECK(sach::MarkdownText("## Tin **mới** nhất") == "Tin mới nhất");
  CHECK(sach::MarkdownText("Xem [bài gốc](https://a.vn/x_(1)) tại đây!") == "Xem bài gốc tại đây!");
  CHECK(sach::MarkdownText("![ảnh](a.jpg) _(TTXVN)_ \\*not emphasis\\*") == " (TTXVN) *not emphasis*");
  CHECK(sach::MarkdownText("snake_case and 2 * 3 = 6") == "snake_case and 2 * 3 = 6");
  CHECK(sach::MarkdownText("[![logo](l.png) Home](/) [x") == " Home [x");
}

TEST_CASE("dump: a whole page — menus, ticker and sidebar above, footer below — keeps the article") {
  const std::string p1 =
      "The city council voted on Tuesday to expand the bus network, adding six routes that will connect the "
      "northern suburbs with the centre by the end of the year.";
  const std::string p2 =
      "Officials said the plan, which has been debated for more than two years, would be paid for by a mix of "
      "state grants and a small rise in parking fees.";
  const std::string p3 =
      "Residents who spoke at the meeting were mostly in favour, although some asked why the eastern districts "
      "were not included in the first phase of the work.";
  std::string text = "Home\nNews\nSport\nWeather\nSign in\nMost read\nMarket closes higher on tech gains\n"
                     "Storm warning for the coast tonight\nLocal team wins the cup final\n"
                     "City council expands the bus network\nMay 4, 2025\nBy Jane Smith\nSave this article\n" +
                     p1 + "\n" + p2 + "\nWhat comes next\n" + p3 +
                     "\nShare this article\nRelated stories\nNew tram line opens in the west\n"
                     "Parking fees to rise next month\nAbout us\nContact\nPrivacy policy\nTerms of use\n"
                     "Copyright 2025 The City Paper\n";
  sach::Trace trace;
  sach::Article a = Clean(text, &trace);
  CHECK(a.meta.title == "City council expands the bus network");  // not the button below it
  CHECK(a.meta.author == "Jane Smith");  // a byline that says it is one, above the text
  CHECK(a.meta.date == "2025-05-04");
  REQUIRE(a.paragraphs.size() == 4);
  CHECK(a.paragraphs[0] == p1);
  CHECK(a.paragraphs[1] == p2);
  CHECK(a.paragraphs[2] == "What comes next");
  CHECK(a.paragraphs[3] == p3);
  // The menu says why it went: it lies before the article region.
  bool named = false;
  for (auto& b : trace.blocks)
    if (b.text == "Sport") named = !b.kept && b.why.find("before the article region") != std::string::npos;
  CHECK(named);
}

TEST_CASE("dump: a whole page whose date sits far above the text, or only below it, still gives the date") {
  const std::string& p = kMuseum1;
  std::string above = "Home\nArts\nMarch 3, 2024\nMuseum reopens\nListen\nSave\nShare\nPrint\nFollow\n"
                      "Comments\nAdvertisement\n" + p + "\n" + p + " Again.\n";
  CHECK(Clean(above).meta.date == "2024-03-03");
  std::string below = "Home\nArts\n" + p + "\n" + p + " Again.\nAbout us\nContact\nSitemap\n"
                      "Last updated\nMarch 3, 2024\n";
  CHECK(Clean(below).meta.date == "2024-03-03");
}

TEST_CASE("dump: a gallery's headline printed once per photo with a counter goes, a label with a number stays") {
  const std::string& p = kMuseum1;
  std::string text = "Museum reopens its east wing\n" + p + "\nOpening hours: 10\n" + p + " Again.\n";
  for (int i = 1; i <= 6; ++i) text += "Museum reopens its east wing after restoration - " + std::to_string(i) + "\n";
  text += "Opening hours: 12\n";
  sach::Article a = Clean(text);
  REQUIRE(a.paragraphs.size() == 3);
  CHECK(a.paragraphs[1] == "Opening hours: 10");
  for (auto& para : a.paragraphs) CHECK(para.find("after restoration") == std::string::npos);
}

TEST_CASE("dump: markdown emphasis marks go, snake_case and list bullets stay") {
  std::string text = "# Tiêu đề bài viết về hợp tác\n\n" + kPara1 + " _Đây là ghi chú_ và *nhấn mạnh*.\n\n" +
                     "Biến my_var_name giữ nguyên, 5 * 3 cũng vậy, " + kPara2 + "\n\n" + kPara3 + "\n\n"
                     "Tâm Hằng _(TTXVN)_\n\n[Trang chủ](https://example.vn/)\n";
  sach::Article a = Clean(text);
  REQUIRE(a.paragraphs.size() == 3);
  CHECK(a.paragraphs[0] == kPara1 + " Đây là ghi chú và nhấn mạnh.");
  CHECK(a.paragraphs[1] == "Biến my_var_name giữ nguyên, 5 * 3 cũng vậy, " + kPara2);
  CHECK(a.meta.author == "Tâm Hằng");
  CHECK(a.meta.source == "TTXVN");
}

TEST_CASE("dump: a markdown byline whose names are a link, above the article region, gives the author") {
  const std::string menu = MenuOf({"Home", "News", "Sport", "Weather", "Culture", "Travel", "Science", "Health"},
                                  "* [", "](https://example.com/)\n");
  const std::string& p1 = kMuseum1;
  const std::string& p2 = kMuseum2;
  std::string text = menu + "\nBy [Jane Smith](https://example.com/authors/js)\n\n" + p1 + "\n\n" + p2 + "\n";
  sach::Article a = Clean(text);
  CHECK(a.meta.author == "Jane Smith");
  REQUIRE(a.paragraphs.size() == 2);
  CHECK(a.paragraphs[0] == p1);
}

TEST_CASE("dump: a comment line of a code listing does not make a plain dump markdown") {
  const std::string p1 = "Every morning I run a small script that opens the tools I need, and it has saved me "
                         "a surprising amount of time over the last few months of work.";
  const std::string p2 = "The script is short, and the comments in it explain each step, so anyone can adapt "
                         "it to their own routine without much trouble at all.";
  std::string text = "How I automated my morning with one script\n\n" + p1 + "\n\n" + p2 +
                     "\n\nimport os\n# open the calendar first\nos.system('open -a Calendar')\n";
  sach::Article a = Clean(text);
  CHECK(a.meta.title == "How I automated my morning with one script");
  REQUIRE(a.paragraphs.size() >= 2);
  CHECK(a.paragraphs[0] == p1);  // not cut as "before the title heading"
  CHECK(a.paragraphs[1] == p2);
}

namespace {

// A Vietnamese news site's menu, above the article.
std::string Menu() {
  return MenuOf({"Trang chủ", "Thời sự", "Thế giới", "Kinh tế", "Xã hội", "Pháp luật", "Thể thao", "Văn hóa",
                 "Giáo dục", "Sức khỏe", "Đời sống", "Du lịch", "Công nghệ", "Xe"},
                "", "\n\n");
}

}  // namespace

TEST_CASE("dump: the headline above the date line wins over a button below it") {
  const std::string kLead = "Ngày 16/7, với 289 phiếu thuận, Quốc hội Ukraine đã thông qua đề xuất bổ nhiệm "
                            "Thủ tướng mới của nước này.";
  const std::string text = Menu() + "Ukraine có Thủ tướng mới\n\nThứ Năm, 16/07/2026 17:17 |\n\nThế giới\n\n"
                           "Báo Tin Tức trên Google News\n\n" + kLead + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n";
  sach::Article a = Clean(text);
  CHECK(a.meta.title == "Ukraine có Thủ tướng mới");
  CHECK(a.meta.date == "2026-07-16T17:17+07:00");
  CHECK(a.paragraphs == std::vector<std::string>{kLead, kPara2, kPara3});
}

TEST_CASE("dump: a lead set apart from the text by a photo stays, the alt-text title loses its counter") {
  const std::string title = "Mở rộng đường hơn 2.000 tỷ đồng giải cứu kẹt xe cửa ngõ phía Đông";
  const std::string lead = "Sau 8 tháng khởi công, dự án mở rộng đường được đẩy nhanh tiến độ, kỳ vọng giải cứu kẹt xe.";
  std::string text = Menu() + "Đầu TưThứ Tư, 24/12/2025 09:30:00 +07:00\n\n(VTC News) -\n" + lead +
                     "\n\nĐược tài trợ\n\n";
  for (const std::string& p : {kPara1, kPara2, kPara3}) text += title + " - 1\n\n" + p + "\n\n";
  sach::Article a = Clean(text);
  CHECK(a.meta.title == title);
  CHECK(a.meta.date == "2025-12-24T09:30+07:00");  // inside a line a section label is glued to
  REQUIRE(a.paragraphs.size() == 4);
  CHECK(a.paragraphs[0] == "(VTC News) - " + lead);
  CHECK(a.paragraphs[1] == kPara1);
}

TEST_CASE("dump: the headline is the header line sharing words with the text, above or below the date") {
  const std::string title = "Tập trung triển khai các đợt thanh tra có trọng tâm, trọng điểm";
  const std::string lead = "(CTO) - Ngày 8-1, hội nghị tổng kết công tác thanh tra năm 2025 và triển khai nhiệm vụ "
                           "năm 2026 đã diễn ra, với các đợt thanh tra có trọng tâm, trọng điểm.";
  const std::string text = Menu() + "Đọc báo giấy Online Bảng giá quảng cáo - Đặt báo\n\nTHỜI SỰ > Cần Thơ\n\n"
                           "08/01/2026 - 18:21\n\n" + title + "\n\n" + lead + "\n\n" + kPara1 + "\n\n" + kPara2 + "\n";
  sach::Article a = Clean(text);
  CHECK(a.meta.title == title);
  CHECK(a.meta.date == "2026-01-08T18:21+07:00");
  REQUIRE_FALSE(a.paragraphs.empty());
  CHECK(a.paragraphs[0] == lead);
}

namespace {

// A provincial paper's page as markdown: the site menu, a section heading,
// the date, the headline line (`headline`: "# " or not), the lead, the text.
const std::string kCtoTitle = "Tập trung triển khai các đợt thanh tra có trọng tâm, trọng điểm";
std::string CtoPage(const std::string& section, const std::string& headline, const std::string& lead) {
  const std::string menu = MenuOf({"Trang chủ", "Thời sự", "Thế giới", "Kinh tế", "Xã hội", "Pháp luật", "Thể thao"},
                                  "[", "](https://example.vn/)\n\n");
  return menu + section + "\n\n08/01/2026 - 18:21\n\n" + headline + kCtoTitle + "\n\n" + lead + "\n\n" + kPara1 +
         "\n\n" + kPara2 + "\n";
}

}  // namespace

TEST_CASE("dump: a markdown first heading sharing no word with the text is a section's, not the title") {
  const std::string lead = "(CTO) - Ngày 8-1, hội nghị tổng kết công tác thanh tra năm 2025 và triển khai nhiệm vụ "
                           "năm 2026 đã diễn ra, với các đợt thanh tra có trọng tâm, trọng điểm.";
  sach::Article a = Clean(CtoPage("# THỜI SỰ > Cần Thơ", "", lead));
  CHECK(a.meta.title == kCtoTitle);
  REQUIRE_FALSE(a.paragraphs.empty());
  CHECK(a.paragraphs[0] == lead);
}

TEST_CASE("dump: a markdown heading of links joined by a path separator is a breadcrumb, the next heading is the title") {
  // The breadcrumb's "Cần Thơ" is in the text too: shared words do not make it the headline.
  const std::string lead = "(CTO) - Ngày 8-1, hội nghị tổng kết công tác thanh tra năm 2025 của TP Cần Thơ đã diễn ra, "
                           "với các đợt thanh tra có trọng tâm, trọng điểm.";
  sach::Article a = Clean(CtoPage("# [THỜI SỰ](https://example.vn/thoi-su/) > [Cần Thơ](https://example.vn/can-tho/)",
                                  "# ", lead));
  CHECK(a.meta.title == kCtoTitle);
  CHECK(a.meta.date == "2026-01-08T18:21+07:00");
  REQUIRE_FALSE(a.paragraphs.empty());
  CHECK(a.paragraphs[0] == lead);
}

TEST_CASE("dump: a markdown top-level heading below the article region is a section's, the article stays") {
  const std::string menu = MenuOf({"Home", "News", "Sport", "Weather", "Culture", "Travel", "Science", "Health"},
                                  "* [", "](https://example.com/)\n");
  // No headline above the text (the page printed it as an image); a section's
  // H1 below it, sharing words with the text.
  const std::string text = menu + "\n" + kMuseum1 + "\n\n" + kMuseum2 + "\n\n# Museum guides\n\n" +
                           MenuOf({"Gift guide", "Deals", "Reviews"}, "* [", "](https://example.com/g)\n");
  sach::Article a = Clean(text);
  CHECK(a.meta.title != "Museum guides");
  CHECK(a.paragraphs == std::vector<std::string>{kMuseum1, kMuseum2});
}

TEST_CASE("dump: a prefixed byline a few rows above a whole page's article region is the author") {
  const std::string& p1 = kMuseum1;
  const std::string& p2 = kMuseum2;
  const std::string menu =
      MenuOf({"Home", "News", "Sport", "Weather", "Culture", "Travel", "Science", "Health"}, "", "\n\n");
  const std::string text = menu + "Museum reopens its restored east wing to the public\n\nBy Rebecca Norris\n\n"
                           "Share\n\nFacebook\n\nTwitter\n\nEmail\n\nCopy link\n\nSave\n\nPrint\n\n" + p1 + "\n\n" + p2 + "\n";
  sach::Article a = Clean(text);
  CHECK(a.meta.author == "Rebecca Norris");
  CHECK(a.paragraphs == std::vector<std::string>{p1, p2});
  // A list item's bullet before it, a date glued to the last name after it.
  for (const char* byline : {"  * by Rebecca Norris", "By Rebecca NorrisPublished: Jan 29, 2025"}) {
    CAPTURE(byline);
    sach::Article b = Clean(menu + "Museum reopens its restored east wing to the public\n\n" + byline + "\n\n" + p1 +
                            "\n\n" + p2 + "\n");
    CHECK(b.meta.author == "Rebecca Norris");
  }
  // A capital inside a name is no glued date.
  CHECK(Clean(menu + "Museum reopens its restored east wing to the public\n\nBy Jane DeSiato\n\n" + p1 + "\n\n" + p2 +
              "\n").meta.author == "Jane DeSiato");
}

TEST_CASE("dump: a paragraph a text browser broke goes on, a heading and a sentence's end stay apart") {
  // lynx breaks lines of ~1000 bytes whatever its -width: the rest of the
  // paragraph follows in the same block, starting in lower case.
  const std::string head = "Đoàn công tác cũng đã làm việc với lãnh đạo Công an tỉnh về công tác bảo đảm an ninh trật tự";
  const std::string tail = "trên địa bàn trong dịp Tết và các biện pháp phòng ngừa tội phạm.";
  sach::Article a = Clean("   " + kPara1 + "\n\n   " + head + "\n   " + tail + "\n\n   " + kPara2 + "\n");
  CHECK(a.paragraphs == std::vector<std::string>{kPara1, head + " " + tail, kPara2});
  // A line that ends its sentence, or a short one (a subheading), is not continued.
  sach::Article b = Clean(kPara1 + "\n" + "tiếp theo là một câu khác của bài viết này, viết thường ở đầu dòng.\n\n" + kPara2 +
                          "\n");
  CHECK(b.paragraphs.size() == 3);
  CHECK(b.paragraphs[0] == kPara1);
}

TEST_CASE("dump: a text browser's buttons, frames, check boxes, rules, image names and empty ad slots are no text") {
  const std::string dump = "   (BUTTON) Subscribe\n\n   IFRAME: https://player.example.com/video/1\n\n   " + kMuseum1 +
                           "\n\n     * [hero-1200x630.jpg]\n\n   [2.5]\n\n   ____________________________________\n\n---|:---:|\n\n   " +
                           kMuseum2 + "\n\n   [x] Necessary\n\n   [ ] Analytics\n";
  sach::Article a = Clean(dump);
  // A bracketed number is text: no file name.
  CHECK(a.paragraphs == std::vector<std::string>{kMuseum1, "[2.5]", kMuseum2});
  // Rules drawn in box characters (elinks, w3m), one cut inside its last
  // character.
  sach::Trace trace;
  sach::Article r = Clean("   " + kMuseum1 + "\n\n   ══════\xef\xbf\xbd\n\n━━━━\n\n   " + kMuseum2 +
                          "\n", &trace);
  CHECK(r.paragraphs == std::vector<std::string>{kMuseum1, kMuseum2});
  CHECK(trace.blocks.size() == 2);  // the rules are no lines at all
  // An image before a line's text (its file name with a query, or a CDN's
  // hashed name) goes, the text stays; a bracketed word is an alt text.
  sach::Article b = Clean("   " + kMuseum1 + "\n\n   [dell-g315.jpg?width=640&amp;fit=bounds] Use the code at checkout\n\n   " +
                          "[jiFgl7LHh4HHIh2kHaft40bMma0O_H0LWr2V]\n\n   [city] " + kMuseum2 + "\n");
  CHECK(b.paragraphs == std::vector<std::string>{kMuseum1, "Use the code at checkout", "[city] " + kMuseum2});
  // An empty ad slot (<ins>) between the text and its byline.
  sach::Article c = Clean("   " + kPara1 + "\n   " + kPara2 + "\n   Lương Ý\n   [INS: :INS]\n   [INS: :INS] [DEL: :DEL]\n");
  CHECK(c.paragraphs == std::vector<std::string>{kPara1, kPara2});
  CHECK(c.meta.author == "Lương Ý");
  // A page cut off inside a tag the converter let through, under the byline.
  sach::Article d = Clean(kPara1 + "\n\n" + kPara2 + "\n\nTâm Hằng (TTXVN)\n\n[ <img src=\"https://cdn.example.vn/ha_w/");
  CHECK(d.paragraphs == std::vector<std::string>{kPara1, kPara2});
  CHECK(d.meta.author == "Tâm Hằng");
  CHECK(d.meta.source == "TTXVN");
}

TEST_CASE("dump: the headline above the date line, under a menu row that reads as prose") {
  const std::string text =
      "Education Data\n\nResearch by Topic\n\nAverage Cost of Community College Average Cost of Private School "
      "Average Cost of a Museum Ticket Average Cost of the Painted Ceilings of the East Wing of a Museum Today\n\n"
      "Refinance\n\nAbout\n\nDonate\n\nThe museum reopens its east wing\n\nLast Updated: 2025-02-22\n\n"
      "Cite this Webpage\n\nBy Melanie Hanson\n\nFact Checked\n\n" + kMuseum1 + "\n\n" + kMuseum2 + "\n";
  sach::Article a = Clean(text);
  CHECK(a.meta.title == "The museum reopens its east wing");
  CHECK(a.meta.date == "2025-02-22");
}

TEST_CASE("dump: a markdown menu between the article and another story's lead parts them, and is no line") {
  std::string text = "# The museum reopens its east wing\n\n" + kMuseum1 + "\n\n" + kMuseum2 + "\n\n";
  for (int i = 1; i <= 8; ++i) text += "[Section " + std::to_string(i) + "](/section/" + std::to_string(i) + ")\n\n";
  text += "\nThe city council voted on Monday to close the old bridge over the river for repairs next year.\n";
  sach::Trace trace;
  sach::Article a = Clean(text, &trace);
  CHECK(a.meta.title == "The museum reopens its east wing");
  CHECK(a.paragraphs == std::vector<std::string>{kMuseum1, kMuseum2});
  for (const sach::Decision& d : trace.blocks) CHECK(d.text.find("Section") == std::string::npos);
}

TEST_CASE("dump: markdown's raw HTML goes, its text stays, angle quotes and code spans are text") {
  const std::string text =
      "<div id=\"page\" class=\"site\">\n\n# The museum reopens its east wing\n\n<div class=\"entry-meta\">\n\n"
      "by [Jane Doe](/author/jane-doe/)\n\n</div>\n\n<div class=\"entry-content\">\n\n" + kMuseum1 +
      " <a href=\"https://example.com/t\" class=\"x\"><em></em>@museum</a>\n\n"
      "<a href=\"https://example.com/gallery\" class=\"overlay\"\ntitle=\"The gallery\"></a>\n\n"
      "The show is called <The Painted Ceiling> and runs until May; the code is `<div class=\"x\">`.\n\n" + kMuseum2 +
      "\n\n</div>\n\n</div>\n";
  sach::Article a = Clean(text);
  CHECK(a.meta.title == "The museum reopens its east wing");
  CHECK(a.paragraphs == std::vector<std::string>{
                            kMuseum1 + " @museum",
                            "The show is called <The Painted Ceiling> and runs until May; the code is `<div class=\"x\">`.",
                            kMuseum2});
  // A '<' ending a line is text.
  CHECK(Clean("# The museum reopens\n\n" + kMuseum1 + " <\n\n[More](https://example.com/more)\n").paragraphs ==
        std::vector<std::string>{kMuseum1 + " <"});
}

TEST_CASE("dump: images as pandoc's plain text prints them: [] is none, [alt text] its words") {
  sach::Article a = Clean("Tiêu đề bài viết về hợp tác\n\n05/04/2024 [] 13:30\n\n" + kPara1 +
                          "\n\n[Toàn cảnh buổi làm việc tại trụ sở]\n\n[1]\n\n" + kPara2 + "\n\nTâm Hằng (TTXVN)\n\n[]\n\n[] []\n");
  CHECK(a.meta.date == "2024-04-05T13:30+07:00");
  CHECK(a.paragraphs == std::vector<std::string>{kPara1, "Toàn cảnh buổi làm việc tại trụ sở", "[1]", kPara2});
  CHECK(a.meta.author == "Tâm Hằng");
  CHECK(a.meta.source == "TTXVN");
}

TEST_CASE("dump: a dateline right above the article region's first line joins it") {
  // html2text prints a lead set as a heading; the dateline above it is a
  // short line the region leaves out.
  const std::string menu = MenuOf({"Thời sự", "Kinh tế", "Pháp luật", "Thể thao", "Giải trí", "Đời sống"}, "* [", "](/muc)\n\n");
  sach::Article a = Clean(menu + "(VTC News) - \n\n## " + kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n");
  REQUIRE_FALSE(a.paragraphs.empty());
  CHECK(a.paragraphs.front() == "(VTC News) - " + kPara1);
}

TEST_CASE("dump: a label repeated only inside the article stays, one printed in the menu too goes") {
  // "Pros" heads each product's list inside the article; "Subscribe" is in
  // the page's menu above and again between the paragraphs.
  const std::string menu = MenuOf({"Home", "Reviews", "Subscribe", "Deals", "Contact", "About"}, "", "\n\n");
  const std::string dump = menu + kMuseum1 + "\n\nPros\n\n" + kMuseum2 + "\n\nSubscribe\n\n" + kMuseum1 +
                           " Again.\n\nPros\n\n" + kMuseum2 + " Again.\n";
  sach::Article a = Clean(dump);
  CHECK(std::count(a.paragraphs.begin(), a.paragraphs.end(), "Pros") == 2);
  CHECK(std::count(a.paragraphs.begin(), a.paragraphs.end(), "Subscribe") == 0);
}

TEST_CASE("dump: a whole page in Japanese keeps its article, not the copyright line under it") {
  const std::vector<std::string> article{
      "先日、不正に改造した商品を販売したとして、商標法違反の疑いで男性が逮捕されたというニュースを耳にしました。",
      "報道によると、今回販売されたのは、いわゆる改造品で、もとの商標が付されたままの状態だったとのことです。",
      "商標には、同じ商標が付された商品は同じ提供元のものであるという、出所を表示する機能があります。",
      "権利者の意思に基づくことなく、もとの商品に手を加えて販売する場合は、商標権侵害と判断されることがあります。"};
  std::string text = MenuOf({"HOME", "ブログ", "事務所案内", "お問い合わせ", "アクセス", "採用情報"}, "", "\n\n");
  text += "商品の改造が商標法違反に！？\n\n";
  for (const std::string& p : article) text += p + "\n\n";
  text += "関連記事\n\n" + MenuOf({"判例事例", "商標", "特許"}, "", "\n\n") +
          "Copyright © Example International Patent firm All rights reserved.\n";
  sach::Article a = Clean(text);
  // No Japanese in the rules' lists: the short lines under the article are
  // not told from it, the menu above it is.
  REQUIRE(a.paragraphs.size() >= article.size());
  CHECK(std::vector<std::string>(a.paragraphs.begin(), a.paragraphs.begin() + 4) == article);
}

TEST_CASE("dump: an image's alt text printed where the image was goes, a sentence about a photo stays") {
  const std::string photo = "Photography of the old harbour was allowed again after the repairs were finished.";
  const std::string text = "Museum reopens its restored east wing\n\n" + kMuseum1 + "\n\nHeadshot of Rebecca Norris\n\n" +
                           kMuseum2 + "\n\n" + photo + "\n";
  sach::Article a = Clean(text);
  CHECK(a.paragraphs == std::vector<std::string>{kMuseum1, kMuseum2, photo});
}

TEST_CASE("dump: an image's label alone goes, before its caption on one line it is cut off") {
  const std::string caption = "Toàn cảnh buổi làm việc tại trụ sở Công an tỉnh. Ảnh: TTXVN";
  for (const std::string& shape : {"Chú thích ảnh\n\n" + caption, "Chú thích ảnh " + caption}) {
    CAPTURE(shape);
    sach::Article a = Clean(kPara1 + "\n\n" + shape + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n");
    CHECK(a.paragraphs == std::vector<std::string>{kPara1, caption, kPara2, kPara3});
  }
}

TEST_CASE("dump: a headline set far above the text, a table of contents between them, is the title") {
  const std::string title = "Painted ceilings of the museum east wing restored after a decade";
  std::string contents;
  for (const char* entry : {"Contents", "Why the wing closed", "The restoration work", "What visitors see",
                            "Opening hours and tickets", "Events this autumn", "Getting there", "Accessibility",
                            "Frequently asked questions"})
    contents += std::string(entry) + "\n\n";
  const std::string text = MenuOf({"Home", "Visit", "Exhibitions", "Collection", "Shop", "Donate"}, "", "\n\n") +
                           title + "\n\nBy Dana Reyes\n\n" + contents + kMuseum1 + "\n\n" + kMuseum2 + "\n\n" +
                           "The painted ceilings of the east wing were restored by a team of twelve over a decade of "
                           "work, the museum said in a statement.\n";
  sach::Article a = Clean(text);
  CHECK(a.meta.title == title);
  REQUIRE_FALSE(a.paragraphs.empty());
  CHECK(a.paragraphs[0] == kMuseum1);
  // A menu entry sharing a word with the text is no headline.
  sach::Article menu_only = Clean(MenuOf({"Home", "Visit the museum shop today", "Exhibitions"}, "", "\n\n") +
                                  contents + kMuseum1 + "\n\n" + kMuseum2 + "\n");
  CHECK(menu_only.meta.title != "Visit the museum shop today");
}

TEST_CASE("dump: the headline is the line right above the article's date, before a contents entry sharing more words") {
  const std::string title = "City museum opens its restored east wing to visitors";
  const std::string text = MenuOf({"Home", "Visit", "Exhibitions", "Collection", "Shop", "Donate"}, "", "\n\n") +
                           title + "\n\nMarch 3, 2026\n\nContents\n\nThe painted ceilings hidden for a decade\n\n" +
                           "Tickets and evening hours\n\n" + kMuseum1 + "\n\n" + kMuseum2 + "\n";
  sach::Article a = Clean(text);
  CHECK(a.meta.title == title);
  CHECK(a.meta.date == "2026-03-03");
  REQUIRE_FALSE(a.paragraphs.empty());
  CHECK(a.paragraphs[0] == kMuseum1);
}

TEST_CASE("dump: a line of names under the headline is the author, a label of common words is not") {
  const std::string title = "City museum opens its restored east wing to visitors";
  auto author = [&](const std::string& under) {
    return Clean(MenuOf({"Home", "Visit", "Exhibitions", "Collection", "Shop", "Donate"}, "", "\n\n") + title +
                 "\n\n" + under + "\n\nMarch 3, 2026\n\n" + kMuseum1 + "\n\n" + kMuseum2 +
                 "\n\nSign up for our email newsletter and share the key dates with friends.\n")
        .meta.author;
  };
  CHECK(author("Kelia Losa Reinoso") == "Kelia Losa Reinoso");
  CHECK(author("ByRhonda Krause") == "Rhonda Krause");  // a dumper glued "By" to the name
  CHECK(author("Email Newsletter") == "");  // words the page prints in lower case: a label
  CHECK(author("Key Dates") == "");
  CHECK(author("Florida, United States") == "");  // a comma lists places
  CHECK(author("Tickets for the Opening") == "");  // a function word: a label or a phrase
}

TEST_CASE("dump: in a language whose names are everyday words, the line between headline and date is the byline") {
  // "Công" and "Bằng" are also words of the text ("công an", "bằng"): the
  // line's place tells, not its words ([byline] word_names).
  const std::string title = "Đồng Tháp: Bãi rác quá tải, nhà máy xử lý rác vẫn chậm tiến độ";
  const std::string text = kPara1 + "\n\nLực lượng công an phối hợp kiểm tra bằng thiết bị chuyên dụng trên địa bàn.\n\n" +
                           kPara2 + "\n";
  auto author = [&](const std::string& under, const std::string& date) {
    return Clean(MenuOf({"Trang chủ", "Thời sự", "Xã hội", "Pháp luật", "Thế giới", "Kinh tế"}, "", "\n\n") + title +
                 "\n\n" + under + "\n\n" + date + text)
        .meta.author;
  };
  CHECK(author("Giáp Công - Phạm Bằng", "25/06/2026 16:19 GMT+7\n\n") == "Giáp Công - Phạm Bằng");
  CHECK(author("Giáp Công - Phạm Bằng", "") == "");      // no date line under it: its words say it is text
  CHECK(author("giáp công - phạm bằng", "25/06/2026 16:19 GMT+7\n\n") == "");  // not capitalised
}

TEST_CASE("dump: a date inside the line under the headline is the date when no date line is near") {
  const std::string title = "City museum opens its restored east wing to visitors";
  auto date = [&](const std::string& under) {
    return Clean(MenuOf({"Home", "Visit", "Exhibitions", "Collection", "Shop", "Donate"}, "", "\n\n") + title +
                 "\n\n" + under + "\n\n" + kMuseum1 + "\n\n" + kMuseum2 + "\n")
        .meta.date;
  };
  CHECK(date("By Dana Reyes – Updated Sep 9, 2025 at 1:00 PM EST | Fact-checked by Lee Park") == "2025-09-09");
  CHECK(date("By Dana ReyesPublished: Jun 25, 2025") == "2025-06-25");
  CHECK(date("By Dana Reyes, staff writer") == "");
  // The byline's names are its first part, before the separator.
  CHECK(Clean(MenuOf({"Home", "Visit", "Exhibitions", "Collection", "Shop", "Donate"}, "", "\n\n") + title +
              "\n\nBy Dana Reyes – Updated Sep 9, 2025 | Fact-checked by Lee Park\n\n" + kMuseum1 + "\n\n" +
              kMuseum2 + "\n")
            .meta.author == "Dana Reyes");
  // With no headline found, the date the byline near the article prints.
  sach::Article a = Clean(MenuOf({"Home", "Visit", "Exhibitions", "Collection", "Shop", "Donate"}, "", "\n\n") +
                          "By Dana Reyes – Updated Sep 9, 2025 | Fact-checked by Lee Park\n\n" + kMuseum1 + "\n\n" +
                          kMuseum2 + "\n");
  CHECK(a.meta.author == "Dana Reyes");
  CHECK(a.meta.date == "2025-09-09");
}

TEST_CASE("dump: a headline among the article region's first lines, under a disclosure, is the title") {
  const std::string title = "City museum opens its restored east wing to visitors";
  const std::string disclosure =
      "We research and review what we cover on our own, and we may earn a commission when you buy through the "
      "links on this page, which does not change what we recommend to readers.";
  const std::string text = MenuOf({"Home", "Visit", "Exhibitions", "Collection", "Shop", "Donate"}, "", "\n\n") +
                           "Advertising Disclosure\n\n" + disclosure + "\n\n" + title + "\n\n" + kMuseum1 + "\n\n" +
                           kMuseum2 + "\n";
  sach::Article a = Clean(text);
  CHECK(a.meta.title == title);
  for (const std::string& p : a.paragraphs) CHECK(p != title);
  // A dump with a front matter keeps its title, and its lines stay text.
  sach::Article again = Clean("---\ntitle: The wing reopens\n---\n\n" + disclosure + "\n\n" + title + "\n\n" + kMuseum1 +
                              "\n\n" + kMuseum2 + "\n");
  CHECK(again.meta.title == "The wing reopens");
  CHECK(std::find(again.paragraphs.begin(), again.paragraphs.end(), title) != again.paragraphs.end());
}

TEST_CASE("dump: a markdown row that is only a link to the writer's page near the headline is the author") {
  const std::string title = "City museum opens its restored east wing to visitors";
  const std::string text = "[Home](/) [Visit](/visit) [Shop](/shop)\n\n# " + title +
                           "\n\n[ Dana Reyes ](https://example.com/author/dana-reyes \"Dana Reyes archive\")\n\n" +
                           kMuseum1 + "\n\n" + kMuseum2 + "\n\n[Related stories](/related)\n";
  sach::Article a = Clean(text);
  CHECK(a.meta.title == title);
  CHECK(a.meta.author == "Dana Reyes");
  CHECK(a.paragraphs == std::vector<std::string>{kMuseum1, kMuseum2});
  // A link to another kind of page is a menu row, no author.
  sach::Article b = Clean("# " + title + "\n\n[ Dana Reyes ](https://example.com/tag/dana-reyes)\n\n" + kMuseum1 +
                          "\n\n" + kMuseum2 + "\n");
  CHECK(b.meta.author.empty());
}

TEST_CASE("dump: a whole page wrapped at 78 columns gives its paragraphs whole") {
  const std::string menu = MenuOf({"Home", "Reviews", "Deals", "Contact", "About", "Subscribe"}, "", "\n\n");
  // Its lines go on with capitals ("England", "Ceilings"): only the width tells they were broken.
  const std::string third = "In March the Friends of the Museum, the City Council and the Arts Trust of New England "
                            "gave the East Wing Project a grant. Director Jane Doe said the Painted Ceilings Fund "
                            "would pay the rest.";
  std::string text = menu + "The museum reopens its east wing\n\n";
  const std::vector<std::string> paragraphs{kMuseum1, kMuseum2, third, kMuseum1 + " " + kMuseum2, third + " " + kMuseum2};
  for (const std::string& p : paragraphs) text += WrapAt(p, 78) + "\n";
  sach::Article a = Clean(text + menu);
  CHECK(a.meta.title == "The museum reopens its east wing");
  CHECK(a.paragraphs == paragraphs);
}

TEST_CASE("dump: a page's scripts printed as text are no article, the text after them is") {
  // turndown keeps <script>s: each a long line of a program, its strings wordy.
  std::string script = "var adWrapper = document.querySelector('.slideshow-ad-wrapper');";
  while (script.size() < 3000)
    script += " if ( typeof googletag !== 'undefined' ) { googletag.cmd.push(function() { ga('set', 'dimension6', "
              "'Museum reopens east wing'); ga('set', 'dimension7', 'Jane Doe'); }); }";
  const std::string json = "{\"@context\":\"http://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"The museum "
                           "reopens its east wing\",\"description\":\"The museum reopened its east wing after a long "
                           "restoration, and the first visitors saw the painted ceilings.\",\"author\":[{\"@type\":"
                           "\"Person\",\"name\":\"Jane Doe\"}],\"publisher\":{\"@type\":\"Organization\",\"name\":\"The City Paper\"}}";
  const std::string text = json + "\n\n" + script + "\n\nHome\n\nNews\n\nThe museum reopens its east wing\n\n" + kMuseum1 +
                           "\n\n" + kMuseum2 + "\n\n" + script + "\n\n" + script + "\n";
  sach::Article a = Clean(text);
  CHECK(a.paragraphs == std::vector<std::string>{kMuseum1, kMuseum2});
}

TEST_CASE("dump: links' bracketed targets go, and a menu of linked labels is navigation") {
  // html-to-text prints a link as its text, then its address in brackets.
  const std::string menu = MenuOf({"Tech", "Cars", "Gaming", "Science", "Reviews", "Columns"}, " * ",
                                  " [https://example.com/topics/x/]\n");
  const std::string text = menu + "\nThe museum reopens its east wing\n\n" + kMuseum1 +
                           " [https://example.com/east-wing/]\n\n[https://example.com/images/ceiling-1280x720.jpg]\n\n" +
                           kMuseum2 + "\n\n * Privacy [/privacy]\n * Terms [/terms]\n";
  sach::Article a = Clean(text);
  CHECK(a.meta.title == "The museum reopens its east wing");
  CHECK(a.paragraphs == std::vector<std::string>{kMuseum1, kMuseum2});
}

TEST_CASE("dump: a text browser's reference numbers go, and a menu of numbered links is navigation") {
  // lynx -dump without -nolist: "[27]" before each link's text, the list of addresses at the end.
  const std::string menu = MenuOf({"[1]Tech", "[2]Cars", "[3]Gaming", "[4]Science", "[5]Reviews", "[6]Columns"}, "     * ", "\n");
  const std::string text = menu + "\nThe museum reopens its east wing\n\n" + kMuseum1 + " See [7]the gallery.\n\n" +
                           kMuseum2 + " A footnote stays [8] and [9], as it is.\n\nReferences\n\n   1. https://example.com/tech\n"
                           "   2. https://example.com/cars\n";
  sach::Article a = Clean(text);
  CHECK(a.meta.title == "The museum reopens its east wing");
  CHECK(a.paragraphs == std::vector<std::string>{kMuseum1 + " See the gallery.", kMuseum2 + " A footnote stays [8] and [9], as it is."});
}

TEST_CASE("dump: a headline printed in capitals takes the case of the same words printed elsewhere") {
  // html-to-text prints headings in capitals; the image's alt text keeps the case.
  const std::string menu = MenuOf({"Tech", "Cars", "Gaming", "Science", "Reviews", "Columns"}, " * ", "\n");
  const std::string text = menu + "\nTHE MUSEUM REOPENS ITS EAST WING\n\nJane Doe - Nov 19, 2019\n\n"
                           "The museum reopens its east wing [https://example.com/wing.jpg]\n\n" + kMuseum1 + "\n\n" +
                           kMuseum2 + "\n";
  sach::Article a = Clean(text);
  CHECK(a.meta.title == "The museum reopens its east wing");
  // Two words in capitals stay as printed: too many lines hold two words.
  CHECK(Clean("# EAST WING\n\nThe east wing reopens\n\n" + kMuseum1 + "\n\n" + kMuseum2 + "\n").meta.title == "EAST WING");
  CHECK(Clean("# THE MUSEUM REOPENS ITS EAST WING\n\n" + kMuseum1 + "\n\n" + kMuseum2 + "\n").meta.title ==
        "THE MUSEUM REOPENS ITS EAST WING");  // printed nowhere else: as it is
}
