// The line stage both routes share: the same article as a page and as a
// text dump of it gives the same header and body.
#include "lines.h"

#include "dump.h"
#include "html.h"
#include "meta_lines.h"
#include "test_support.h"

namespace {

const std::string kTitle = "Tăng cường hợp tác phòng, chống tội phạm ma túy";
const std::string kP1 = "Sáng nay, đoàn công tác đã làm việc với lãnh đạo tỉnh về tình hình an ninh trật tự trên địa bàn.";
const std::string kP2 = "Hai bên thống nhất tăng cường trao đổi thông tin và phối hợp đấu tranh phòng, chống tội phạm.";
const std::string kP3 = "Kết thúc buổi làm việc, đoàn đã đến thăm và tặng quà các gia đình chính sách trên địa bàn.";

std::vector<sach::Line> Lines(std::initializer_list<const char*> texts) {
  std::vector<sach::Line> lines;
  std::size_t n = 0;
  for (const char* t : texts) {
    sach::Line l;
    l.text = t;
    l.origin = ++n;
    l.block = n;
    lines.push_back(l);
  }
  sach::ClassifyLines(lines, TestVocab());
  return lines;
}

// Lines through the whole line stage, as a numbered dump's.
std::vector<sach::Line> Cleaned(std::initializer_list<const char*> texts) {
  auto lines = Lines(texts);
  sach::Metadata meta;
  sach::LineContext cx{TestVocab(), meta, nullptr, true, std::nullopt};
  sach::CleanLines(lines, cx);
  return lines;
}

}  // namespace

TEST_CASE("lines: one article as a page and as its dump gives the same header and body") {
  const std::string html =
      "<!DOCTYPE html><html><head><title>" + kTitle + "</title></head><body>"
      "<nav><a href='/'>Trang chủ</a> <a href='/ts'>Thời sự</a></nav><article><h1>" + kTitle + "</h1>"
      "<p>05/04/2024</p><p>" + kP1 + "</p><p>" + kP2 + "</p><p>" + kP3 + "</p><p>Nguyễn Văn An</p><p>(TTXVN)</p>"
      "<div>Tin liên quan</div><ul><li><a href='/a'>Công an tỉnh tổ chức hội nghị tổng kết năm</a></li></ul>"
      "</article></body></html>";
  const std::string dump = kTitle + "\n\n05/04/2024\n\n" + kP1 + "\n\n" + kP2 + "\n\n" + kP3 +
                           "\n\nNguyễn Văn An\n\n(TTXVN)\n\nTin liên quan\n\nCông an tỉnh tổ chức hội nghị tổng kết năm\n";
  auto page = sach::CleanHtml(html, TestVocab());
  REQUIRE(page.ok());
  const sach::Article text = sach::CleanDump(dump, TestVocab());
  const sach::Article& from_page = *page;
  for (const sach::Article* a : {&from_page, &text}) {
    CHECK(a->meta.title == kTitle);
    CHECK(a->meta.date == "2024-04-05");
    CHECK(a->meta.author == "Nguyễn Văn An");
    CHECK(a->meta.source == "TTXVN");  // an agency in brackets is a source on both routes
    CHECK(a->paragraphs == std::vector<std::string>{kP1, kP2, kP3});
  }
}

TEST_CASE("lines: a dateline's dash stands apart from its words") {
  sach::Metadata meta;
  auto lines = Lines({"(VTC News) -", kP1.c_str(), "A A+ A A-", kP2.c_str()});
  sach::LineContext cx{TestVocab(), meta, nullptr, true, std::nullopt};
  sach::CleanLines(lines, cx);
  CHECK_FALSE(lines[0].kept);
  CHECK(lines[1].text == "(VTC News) - " + kP1);
  CHECK(lines[2].why.find("dateline") == std::string::npos);  // a font-size button's "A-" is no dateline
  CHECK(lines[3].text == kP2);
}

TEST_CASE("lines: a marker with no article after it ends the article, one with article after it is a box") {
  sach::Metadata meta;
  auto lines = Lines({kP1.c_str(), "Tin liên quan", "Công an tỉnh tổ chức hội nghị", kP2.c_str(), kP3.c_str(),
                      "Tin liên quan", "Ra mắt mô hình tự quản về an ninh trật tự"});
  sach::LineContext cx{TestVocab(), meta, nullptr, true, std::nullopt};
  sach::CleanLines(lines, cx);
  CHECK(lines[0].kept);
  CHECK_FALSE(lines[1].kept);
  CHECK(lines[3].kept);
  CHECK(lines[4].kept);
  CHECK_FALSE(lines[5].kept);
  CHECK_FALSE(lines[6].kept);
  CHECK(lines[6].run.find("after the end of the article (line 6: ") == 0);
}

TEST_CASE("lines: the headlines under a related heading go with it, the article's paragraph after them stays") {
  auto lines = Cleaned({kP1.c_str(), kP2.c_str(), "More from Eduard Kovacs", "Công an tỉnh tổ chức hội nghị tổng kết",
                        "Ra mắt mô hình tự quản về an ninh trật tự", kP3.c_str()});
  CHECK(lines[1].kept);
  CHECK_FALSE(lines[2].kept);
  CHECK_FALSE(lines[3].kept);
  CHECK_FALSE(lines[4].kept);
  CHECK(lines[5].kept);
}

TEST_CASE("lines: a comment heading under the article ends it though readers' paragraphs follow") {
  // Readers' comments are sentences: after any other marker they would
  // prove that the article goes on.
  const std::string comment = "I tried this last spring and it worked well for the whole garden, thank you for sharing.";
  std::string body;
  for (int i = 0; i < 12; ++i) body += "The garden needs water every morning before the sun is high in the summer sky. ";
  auto lines = Cleaned({body.c_str(), "109 Comments", "Sharon says", comment.c_str(), "Reply", comment.c_str()});
  CHECK(lines[0].kept);
  for (std::size_t i = 1; i < lines.size(); ++i) CHECK_FALSE(lines[i].kept);
  CHECK(lines[1].why.find("end of article: comment marker") == 0);
}

TEST_CASE("lines: an author box under the article ends it, one with more article below it is only a heading") {
  const std::string bio = "Jane Doe is a garden writer who has covered vegetables and orchards for over twenty years.";
  std::string body;
  for (int i = 0; i < 12; ++i) body += "The garden needs water every morning before the sun is high in the summer sky. ";
  auto end = Cleaned({body.c_str(), "About the author", bio.c_str(), "More from Jane Doe", bio.c_str()});
  CHECK(end[0].kept);
  for (std::size_t i = 1; i < end.size(); ++i) CHECK_FALSE(end[i].kept);
  CHECK(end[1].why.find("end of article: afterword marker \"About the author\"") == 0);
  // More text below it than above: a box inside the article (a jump link, a
  // sidebar's heading), the article goes on.
  std::string more;
  for (int i = 0; i < 14; ++i) more += "The orchard wants pruning each winter while the trees sleep and the sap is low. ";
  auto inside = Cleaned({body.c_str(), "About the author", more.c_str(), bio.c_str()});
  CHECK(inside[0].kept);
  CHECK_FALSE(inside[1].kept);
  CHECK(inside[2].kept);
  CHECK(inside[3].kept);
}

TEST_CASE("lines: a comment heading under a short post's navigation heads the thread") {
  const std::string reader = "I read this twice and still have a question about the second step, could you explain it?";
  auto lines = Cleaned({kP1.c_str(), kP2.c_str(), "Previous post", "Next post", "Comments", "Jane on May 3 said:",
                        reader.c_str()});
  CHECK(lines[0].kept);
  CHECK(lines[1].kept);
  for (std::size_t i = 2; i < lines.size(); ++i) CHECK_FALSE(lines[i].kept);
  CHECK(lines[4].why.find("end of article: comment marker") == 0);
}

TEST_CASE("lines: a comment count in the header or under a short lead heads no thread") {
  // Under a byline: the byline's count.
  auto lines = Cleaned({"By Jane Doe", "0 Comments", kP1.c_str(), kP2.c_str()});
  CHECK_FALSE(lines[1].kept);
  CHECK(lines[2].kept);
  CHECK(lines[3].kept);
  // Under a one-paragraph lead: too little article above it to be its end.
  auto lead = Cleaned({kP1.c_str(), "124 Comments", kP2.c_str(), kP3.c_str()});
  CHECK(lead[0].kept);
  CHECK_FALSE(lead[1].kept);
  CHECK(lead[2].kept);
  CHECK(lead[3].kept);
}

TEST_CASE("lines: a cookie banner or a form's consent text is no paragraph, a sentence that only starts alike is") {
  const char* cookies = "This website uses cookies to improve your experience while you navigate through the website.";
  const char* consent = "By checking this box and submitting this form, I consent to receive marketing texts.";
  const char* like = "We used cookie cutters to shape the dough before baking it for twelve minutes.";
  auto lines = Cleaned({kP1.c_str(), cookies, kP2.c_str(), consent, like});
  CHECK(lines[0].kept);
  CHECK_FALSE(lines[1].kept);
  CHECK(lines[1].why.find("a site notice, opening \"This website uses cookies\" (") == 0);
  CHECK(lines[1].why.find("default.toml:") != std::string::npos);
  CHECK(lines[2].kept);
  CHECK_FALSE(lines[3].kept);
  CHECK(lines[4].kept);
}

TEST_CASE("lines: a follow button naming the site goes, a heading that starts alike stays") {
  auto lines = Cleaned({kP1.c_str(), "Theo dõi VietnamPlus", kP2.c_str(), "Theo dõi sức khỏe", kP3.c_str()});
  CHECK(lines[0].kept);
  CHECK_FALSE(lines[1].kept);
  CHECK(lines[1].why.find("share marker \"Theo dõi\"") == 0);
  CHECK(lines[2].kept);
  CHECK(lines[3].kept);
  CHECK(lines[4].kept);
}

TEST_CASE("lines: headlines between the lead and a share bar go with the bar, one subheading there stays") {
  const char* h1 = "Ukraine tung video tấn công hai tàu chở dầu thuộc hạm đội Nga";
  const char* h2 = "Phó Tư lệnh Không quân Ukraine từ chức sau cuộc họp khẩn";
  auto two = Cleaned({kP1.c_str(), h1, h2, "Chia sẻ Facebook", kP2.c_str(), kP3.c_str()});
  CHECK(two[0].kept);
  CHECK_FALSE(two[1].kept);
  CHECK(two[1].why.find("a headline right above the box of share marker") == 0);
  CHECK_FALSE(two[2].kept);
  CHECK(two[4].kept);
  CHECK(two[5].kept);
  auto one = Cleaned({kP1.c_str(), h1, "Chia sẻ Facebook", kP2.c_str(), kP3.c_str()});
  CHECK(one[1].kept);
}

TEST_CASE("lines: the route's date line wins over the first one") {
  sach::Metadata meta;
  sach::Origins origins;
  auto lines = Lines({"01/02/2023", kP1.c_str(), "05/04/2024", kP2.c_str()});
  sach::LineContext cx{TestVocab(), meta, &origins, true, std::size_t{2}};
  sach::CleanLines(lines, cx);
  CHECK(meta.date == "2024-04-05");
  CHECK_FALSE(lines[0].kept);
  CHECK(lines[0].why.rfind("date line (", 0) == 0);
  REQUIRE(origins.size() == 1);
  CHECK(origins[0].second.rfind("line 3: date line", 0) == 0);
}

TEST_CASE("lines: a date line's time on the next line joins it") {
  sach::Metadata meta;
  auto lines = Lines({"05/09/2026", "13:30", kP1.c_str(), kP2.c_str()});
  sach::LineContext cx{TestVocab(), meta, nullptr, true, std::nullopt};
  sach::CleanLines(lines, cx);
  CHECK(meta.date == "2026-09-05T13:30");  // naive: the route gives the zone (Vocabulary::InZone)
  CHECK_FALSE(lines[1].kept);
  CHECK(lines[2].kept);
}

TEST_CASE("lines: the title with a photo counter is an image's alt text") {
  sach::Metadata meta;
  meta.title = kTitle;
  const std::string alt = kTitle + "- Ảnh 1.";
  const std::string longer = kTitle + " trên địa bàn tỉnh 2026";  // a sentence that starts like it stays
  auto lines = Lines({kP1.c_str(), alt.c_str(), longer.c_str(), kP2.c_str()});
  sach::LineContext cx{TestVocab(), meta, nullptr, true, std::nullopt};
  sach::CleanLines(lines, cx);
  CHECK_FALSE(lines[1].kept);
  CHECK(lines[2].kept);
}

// Under the tags (as a whole-page dump prints them): a caption printed twice
// and other articles' headlines, which the article's tail would keep.
TEST_CASE("lines: a line of hashtags is a tag list that ends the article, a heading or a quoted tag is not") {
  const std::string dump = kTitle + "\n\n" + kP1 + "\n\n" + kP2 + "\n\n" + kP3 +
                           "\n\n#an ninh trật tự #phòng chống ma túy\n\n"
                           "Trụ sở công an xã mới được khánh thành. (Ảnh: Minh Anh) Trụ sở công an xã mới được khánh "
                           "thành. (Ảnh: Minh Anh)\n\n"
                           "Công an tỉnh tổ chức hội nghị tổng kết công tác năm với nhiều kết quả nổi bật\n\n"
                           "Bệnh viện tỉnh tiếp nhận ba nghìn lượt người đến khám mỗi ngày trong tháng qua\n\n"
                           "Khánh thành trụ sở mới của công an xã sau hai năm xây dựng khẩn trương\n";
  const sach::Article a = sach::CleanDump(dump, TestVocab());
  CHECK(a.paragraphs == std::vector<std::string>{kP1, kP2, kP3});
  auto lines = Lines({"#an ninh #ma túy", "# Tiêu đề bài", "#1 trong khu vực", "#MeToo là phong trào lớn.",
                      "Theo #MeToo và #BlackLivesMatter, nhiều người lên tiếng."});
  REQUIRE(lines[0].marker != nullptr);
  CHECK(lines[0].marker->kind == sach::Concept::kTags);
  for (std::size_t i = 1; i < lines.size(); ++i) CHECK_MESSAGE(lines[i].marker == nullptr, lines[i].text);
}

TEST_CASE("lines: under a tags marker the unlinked tag lines go too, a paragraph after them stays") {
  auto lines = Cleaned({kP1.c_str(), "Từ khóa", "Phó Thủ tướng Thường trựcNguyễn Hoà BìnhPhòng chống tham nhũng",
                        kP2.c_str()});
  CHECK(lines[0].kept);
  CHECK_FALSE(lines[1].kept);
  CHECK_FALSE(lines[2].kept);
  CHECK(lines[2].why.find("in the box under tags marker") == 0);
  CHECK(lines[3].kept);
}

TEST_CASE("lines: an unlinked list heading with its headline after a colon is a marker, with a sentence it is text") {
  sach::Line related;
  related.text = "Read more: How the museum restored its painted ceilings";
  sach::Line sentence;
  sentence.text = "Read more: the museum restored its painted ceilings over ten years.";
  std::vector<sach::Line> lines{related, sentence};
  sach::ClassifyLines(lines, TestVocab());
  REQUIRE(lines[0].marker != nullptr);
  CHECK(lines[0].marker->kind == sach::Concept::kRelated);
  CHECK(lines[1].marker == nullptr);
}

TEST_CASE("lines: a clock time before the weekday still makes a date line") {
  sach::Metadata meta;
  auto lines = Lines({"Updated 1:39 am EST, Wednesday, November 20, 2019", kP1.c_str(), kP2.c_str(),
                      "Published 4:00 pm, Tuesday, November 19, 2019"});
  sach::LineContext cx{TestVocab(), meta, nullptr, true, std::nullopt};
  sach::CleanLines(lines, cx);
  CHECK(meta.date == "2019-11-20");
  CHECK_FALSE(lines[0].kept);
  CHECK_FALSE(lines[3].kept);
  CHECK(lines[1].kept);
  // A sentence that holds a time and a date is no date line.
  CHECK_FALSE(TestVocab().MatchDateLine("At 1:39 am on Wednesday, November 20, 2019 the lights went out"));
}

TEST_CASE("lines: after the text a lone capitalised word is a label, not a byline, nor the names above it") {
  auto tail = [](std::initializer_list<const char*> texts) {
    auto lines = Lines(texts);
    sach::Metadata meta;
    sach::LineContext cx{TestVocab(), meta, nullptr, true, std::nullopt};
    sach::CleanLines(lines, cx);
    std::size_t kept = 0;
    for (auto& l : lines) kept += l.kept;
    return std::pair{meta.author, kept};
  };
  CHECK(tail({kP1.c_str(), kP2.c_str(), "Lương Ý"}) == std::pair{std::string("Lương Ý"), std::size_t{2}});
  CHECK(tail({kP1.c_str(), kP2.c_str(), "P.Y"}) == std::pair{std::string("P.Y"), std::size_t{2}});  // initials sign
  CHECK(tail({kP1.c_str(), kP2.c_str(), "Contact"}) == std::pair{std::string(), std::size_t{2}});
  CHECK(tail({kP1.c_str(), kP2.c_str(), "Hong Kong", "Contact"}) == std::pair{std::string(), std::size_t{2}});
}

TEST_CASE("lines: a line of names above the text without By is the byline when it holds the markup's author") {
  // The lines cleaned with `meta.author` as the markup gave it.
  auto under = [](sach::Metadata& meta) {
    auto lines = Lines({"Tom Krisher, Ap Auto Writer", kP1.c_str(), kP2.c_str()});
    sach::LineContext cx{TestVocab(), meta, nullptr, true, std::nullopt};
    sach::CleanLines(lines, cx);
    return lines;
  };
  for (const char* author : {"TOM KRISHER, AP Auto Writer", "Tom Krisher"}) {
    sach::Metadata meta;
    meta.author = author;
    auto lines = under(meta);
    CHECK_FALSE(lines[0].kept);
    CHECK(lines[0].why == "byline -> metadata");
    CHECK(meta.author == author);  // the markup's name stays
  }
  // Another name, or no name from the markup: the line may be anything and stays.
  for (const char* author : {"Jane Doe", ""}) {
    sach::Metadata meta;
    meta.author = author;
    CHECK(under(meta)[0].kept);
  }
}

TEST_CASE("lines: a photo credit alone goes, a caption that opens with a credit marker stays") {
  auto lines = Cleaned({kP1.c_str(), "Photo: Hau Dinh, AP", "(Image credit: NASA/JPL-Caltech)", "Ảnh: TTXVN",
                        "Photo: The delegation meets farmers of the province on Monday morning", kP2.c_str()});
  CHECK_FALSE(lines[1].kept);
  CHECK(lines[1].why.rfind("a photo credit alone", 0) == 0);
  CHECK_FALSE(lines[2].kept);
  CHECK_FALSE(lines[3].kept);
  CHECK(lines[4].kept);
  CHECK(lines[5].kept);
  // The marker alone, or a sentence holding "Photo:" later on, is no credit.
  CHECK_FALSE(sach::IsCreditLine("Photo:", TestVocab()));
  CHECK_FALSE(sach::IsCreditLine("The archive lists it as Photo: unknown", TestVocab()));
  // A few words ending in a photo agency after a separator are a credit too;
  // the agency alone is the article's source, a sentence naming one is text.
  CHECK(sach::IsCreditLine("Sakib Ali/Hindustan Times/Getty Images", TestVocab()));
  CHECK(sach::IsCreditLine("(Reed Saxon / Associated Press)", TestVocab()));
  CHECK(sach::IsCreditLine("Natalie Naccache | Bloomberg | Getty Images", TestVocab()));
  CHECK_FALSE(sach::IsCreditLine("TTXVN", TestVocab()));
  CHECK_FALSE(sach::IsCreditLine("The minister said so in an interview with Reuters", TestVocab()));
  CHECK_FALSE(sach::IsCreditLine("Working at Reuters", TestVocab()));
}

TEST_CASE("lines: one phrase printed twice on a line is an image's alt text and title, a short double is a phrase") {
  auto lines = Cleaned({kP1.c_str(), "close-up of camera photographing neon lights. close-up of camera photographing neon lights.",
                        "New York, New York", kP2.c_str(), "Bye bye bye bye"});
  CHECK_FALSE(lines[1].kept);
  CHECK(lines[1].why.rfind("one phrase printed twice", 0) == 0);
  CHECK(lines[2].kept);
  CHECK(lines[3].kept);
  CHECK(lines[4].doubled == false);  // two words a half: below kMinDoubledWords
}

TEST_CASE("lines: a call to action under the text goes, the same words inside the text stay") {
  const char* forums = "Join our forums to keep talking about the garden, and tell us at the address below.";
  const char* follow = "Follow us on Twitter and Facebook.";
  auto lines = Cleaned({kP1.c_str(), forums, kP2.c_str(), kP3.c_str(), follow, forums});
  CHECK(lines[1].kept);  // between paragraphs: the article's own
  CHECK(lines[3].kept);
  CHECK_FALSE(lines[4].kept);
  CHECK_FALSE(lines[5].kept);
  CHECK(lines[5].why == "a call to action under the text ([promo] calls_to_action)");
  // The only paragraph stays, whatever it says; "newsletters" must be a word of it, not a part of one.
  auto alone = Cleaned({forums});
  CHECK(alone[0].kept);
  auto part = Cleaned({kP1.c_str(), kP2.c_str(), "The followers of the club met on Sunday for the newsletterless fair."});
  CHECK(part[2].kept);
}
