// Text primitives: the table-driven case fold agrees with ICU's; fast paths agree with the slow paths they skip.
#include "text.h"

#include <unicode/ucasemap.h>
#include <unicode/utf8.h>

#include <memory>
#include <string>

#include "test_support.h"

namespace {

std::string IcuFold(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCaseMap, decltype(&ucasemap_close)> map(ucasemap_open(nullptr, U_FOLD_CASE_DEFAULT, &status),
                                                           &ucasemap_close);
  std::string out(s.size() * 3 + 4, '\0');
  int32_t n = ucasemap_utf8FoldCase(map.get(), out.data(), static_cast<int32_t>(out.size()), s.data(),
                                    static_cast<int32_t>(s.size()), &status);
  REQUIRE(U_SUCCESS(status));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string Utf8(UChar32 c) {
  char buf[4];
  int32_t len = 0;
  U8_APPEND_UNSAFE(buf, len, c);
  return std::string(buf, static_cast<std::size_t>(len));
}

}  // namespace

TEST_CASE("text: case folding agrees with ICU on every code point of the Latin, Greek and Cyrillic blocks") {
  std::string all;
  std::size_t differ = 0;
  for (UChar32 c = 1; c < 0x2400; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    const std::string one = Utf8(c);
    differ += sach::FoldCase(one) != IcuFold(one);
    all += one;
  }
  CHECK(differ == 0);
  CHECK(sach::FoldCase(all) == IcuFold(all));
  CHECK(sach::FoldCase("ĐƯỜNG Nguyễn Thị Định") == "đường nguyễn thị định");
  CHECK(sach::FoldCase("Straße") == "strasse");  // a fold to two letters still goes through ICU
  CHECK(sach::FoldCase("ab\xff") == IcuFold("ab\xff"));  // invalid UTF-8 as ICU reads it
}

TEST_CASE("text: a cut excerpt ends in an ellipsis, speech and a full stop do not") {
  CHECK(sach::EndsInEllipsis("Many people dream of becoming entrepreneurs, and often the biggest..."));
  CHECK(sach::EndsInEllipsis("Letting technology do the heavy lifting for certain tasks\u2026"));
  CHECK(sach::EndsInEllipsis("according to a Stanford study. [...]"));
  CHECK(sach::EndsInEllipsis("the biggest [\u2026] "));
  CHECK_FALSE(sach::EndsInEllipsis("He said: \u201cWe will see\u2026\u201d"));
  CHECK_FALSE(sach::EndsInEllipsis("An ordinary sentence."));
  CHECK_FALSE(sach::EndsInEllipsis(".."));
  CHECK_FALSE(sach::EndsInEllipsis(""));
}

TEST_CASE("text: Chinese and Japanese sentences end in full-width marks, and their characters take two columns") {
  CHECK(sach::EndsSentence("報道によると、今回販売されたのは、いわゆる「脱獄」したiPhone。"));
  CHECK(sach::EndsSentence("商標権侵害になるのでしょうか？"));
  CHECK(sach::EndsSentence("「脱獄」を認めていません。」"));
  CHECK_FALSE(sach::EndsSentence("商品の改造が商標法違反に"));
  CHECK(sach::Columns("abc") == 3);
  CHECK(sach::Columns("Đường phố") == 9);   // Vietnamese letters are narrow
  CHECK(sach::Columns("商標法") == 6);
  CHECK(sach::Columns("한국어 text") == 11);  // Hangul is wide
  CHECK(sach::Columns("ＡＢ") == 4);          // full-width Latin
  CHECK(sach::Columns("") == 0);
}

TEST_CASE("text: the one-pass folds give what folding in two steps gives") {
  const std::string texts[] = {
      "  Tin LIÊN quan:  ",                                   // Vietnamese, spaces at both ends
      "Chia\u00a0sẻ\tFACEBOOK\u200b Zalo",                     // NBSP, tab, zero-width space
      "STRASSE und Straße",                                   // ß folds to two letters: ICU's way
      "\u201cQuoted\u201d \u2014 dash\u2026",                 // General Punctuation folds to itself
      "Ωmega \u2126 KELVIN \u212a",                           // letterlike symbols beyond the table
      std::string("nul\0byte", 8),                            // a NUL kept
      "bad \xff\xfe bytes \xc3",                              // invalid UTF-8
      "東京 タワー ＡＢＣ",                                     // CJK and full-width letters
      "emoji 😀 here",
      "",
  };
  for (const std::string& t : texts) {
    CAPTURE(t);
    CHECK(sach::FoldSpaceAndCase(t) == sach::FoldCase(sach::FoldSpace(t)));
    CHECK(sach::FoldedJoinedWords(t) == sach::JoinedWords(sach::FoldCase(t)));
  }
  std::size_t differ = 0;  // every code point of the table and past it, inside a word
  for (UChar32 c = 1; c < 0x2400; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    const std::string t = "Ab" + Utf8(c) + "Cd ";
    differ += sach::FoldSpaceAndCase(t) != sach::FoldCase(sach::FoldSpace(t));
    differ += sach::FoldedJoinedWords(t) != sach::JoinedWords(sach::FoldCase(t));
  }
  CHECK(differ == 0);
  CHECK(sach::FoldSpaceAndCase(" Tin\u00a0LIÊN  quan ") == "tin liên quan");
  CHECK(sach::FoldedJoinedWords("Tin—LIÊN, quan!") == "tin liên quan");
}

TEST_CASE("text: tidying a line that needs none gives what tidying each character gives") {
  const std::string texts[] = {
      "   Tin liên quan  ",                 // an indent and trailing spaces
      "bà\u00a0Josephine",                   // one NBSP between words stays
      "a  b", "a \u00a0b", "a\tb", "\u00a0a", "a\u00a0", "a \u200b", "\u3000a",
      "bad \xff\xfe bytes \xc3", "trail\xe2\x80", std::string("nul\0byte", 8), "del\x7f", "",
      "   ", "\u201cQuoted\u201d \u2014 dash\u2026",
  };
  for (const std::string& t : texts) {
    CAPTURE(t);
    CHECK(sach::TidySpace(t) == sach::TidySpaceByChar(t));
  }
  std::size_t differ = 0;  // every code point of the BMP, inside a word, alone, next to a space and at the ends
  for (UChar32 c = 1; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    const std::string u = Utf8(c);
    for (const std::string& t : {"Ab" + u + "Cd", "Ab " + u + "Cd", "Ab" + u + " Cd", " " + u + " x", "x " + u, u})
      differ += sach::TidySpace(t) != sach::TidySpaceByChar(t);
  }
  CHECK(differ == 0);
  CHECK(sach::TidySpace("  Tin\u00a0LIÊN  quan ") == "Tin\u00a0LIÊN quan");
}

TEST_CASE("text: MixOf's symbols are few in prose in any script and many in code and JSON") {
  CHECK(sach::MixOf("Công an tỉnh đã khởi tố vụ án, bắt tạm giam hai bị can.").symbols < 0.1);
  CHECK(sach::MixOf("The council met on Tuesday, and voted (again) to delay the plan.").symbols < 0.1);
  CHECK(sach::MixOf("{'ID':501,'post_author':'0','url':'https:\\/\\/example.com\\/a\\/'}").symbols > 0.3);
  CHECK(sach::MixOf("if (x->y[i] != 0) { z += *p++; }").symbols > 0.3);
  CHECK(sach::MixOf("").symbols == 0.0);
}

TEST_CASE("text: MixOf's program marks are none in prose and a few hundredths in a script however wordy") {
  CHECK(sach::MixOf("The council met on Tuesday, and voted (again) to delay the plan.").code == 0.0);
  CHECK(sach::MixOf("Công an tỉnh đã khởi tố vụ án; bắt tạm giam hai bị can về hành vi cướp tài sản, đồng thời "
                    "truy nã một đối tượng khác đang bỏ trốn khỏi địa phương.").code < 0.02);
  const std::string script = "var adWrapper = document.querySelector('.slideshow-ad-wrapper'); if ( typeof googletag "
                             "!== 'undefined' ) { googletag.cmd.push(function() { adWrapper.show(); }); }";
  CHECK(sach::MixOf(script).code > 0.04);
  CHECK(sach::MixOf("").code == 0.0);
}

TEST_CASE("text: MixOf's words are near all of prose, web addresses aside, and few of JSON and minified code") {
  CHECK(sach::MixOf("The U.S. council didn't vote (again) on the R&D plan, and/or the e-mail.").words == 1.0);
  CHECK(sach::MixOf("Công an tỉnh đã khởi tố vụ án, bắt tạm giam hai bị can.").words == 1.0);
  CHECK(sach::MixOf("Read it at https://example.com/a/very/long/path/to/the/report?id=12345 today.").words == 1.0);
  CHECK(sach::MixOf("{\"@context\":\"http://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"Plan\"} "
                    "window.NREUM||(NREUM={});NREUM.info={\"agent\":\"\"}").words < 0.1);
  // A style sheet's selectors are no words, however wordy their names.
  CHECK(sach::MixOf(".basel-dark .products-footer .basel-portfolio-load-more, .basel-dark .blog-footer "
                    ".basel-blog-load-more, .basel-dark .blog-footer .basel-products-load-more").words < 0.3);
  // Japanese runs a sentence without spaces: one long token, all words.
  CHECK(sach::MixOf("美術館は長い修復の後で東棟を再開し、最初の来館者は十年間隠されていた天井画を見ることができた。").words == 1.0);
  // A compound past kMaxWordTokenBytes is no word.
  CHECK(sach::MixOf(std::string(60, 'a')).words == 0.0);
  CHECK(sach::MixOf("").words == 1.0);
}
