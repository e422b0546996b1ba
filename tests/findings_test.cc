// Inputs that showed a defect from outside (tests/findings/README.md): each is
// cleaned again and what it broke is checked.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "parse.h"
#include "fuzz/fuzz_common.h"
#include "sach/clean.h"
#include "test_support.h"

namespace fs = std::filesystem;

TEST_CASE("findings: every kept input cleans to valid UTF-8 in every field") {
  int seen = 0;
  for (const auto& e : fs::directory_iterator(SACH_SOURCE_DIR "/tests/findings")) {
    if (e.path().extension() == ".md") continue;
    ++seen;
    CAPTURE(e.path().filename().string());
    sach::Document doc;
    doc.name = e.path().string();
    doc.bytes = Slurp(e.path());
    auto c = sach::Clean(doc, TestRules());
    REQUIRE(c.ok());
    const sach::Article& a = c->article;
    CHECK(!a.paragraphs.empty());
    for (const std::string& p : a.paragraphs) CHECK(sach_fuzz::IsValidUtf8(p));
    for (const std::string* f : {&a.meta.title, &a.meta.date, &a.meta.author, &a.meta.source})
      CHECK(sach_fuzz::IsValidUtf8(*f));
  }
  CHECK(seen >= 1);
}

TEST_CASE("parse: numeric character references past U+10FFFF become U+FFFD") {
  CHECK(sach::CapNumericRefs("a&#x1ECBAAAAAAAAAAAAAAAA;b") == "a&#xFFFD;b");
  CHECK(sach::CapNumericRefs("a&#99999999999999999999;b") == "a&#65533;b");
  CHECK(sach::CapNumericRefs("&#x110000;") == "&#xFFFD;");
  // In range, leading zeros, not a reference at all: untouched.
  for (const char* s : {"&#x1ECB;", "&#x0000000041;", "&#10FFFF", "&#;", "&#x;", "a & b", "&#", "&#x10FFFF;"})
    CHECK(sach::CapNumericRefs(s) == s);
  // Gumbo's own decoding of a capped reference is the replacement character.
  auto parsed = sach::Clean({"t", "<p>x&#x1ECBAAAAAAAAAAAAAAAAAAAAAAAAAAAA;y, and more words to make a paragraph</p>", "", ""},
                            TestRules());
  REQUIRE(parsed.ok());
  REQUIRE(!parsed->article.paragraphs.empty());
  CHECK(parsed->article.paragraphs[0].find("x\xEF\xBF\xBDy") != std::string::npos);
}
