// Front matter: the YAML subset sach writes and static-site generators use,
// read so a cleaned article cleans back to itself; anything else opening
// with a rule line is left to the dump cleaner as text.
#include "front_matter.h"

#include <doctest/doctest.h>

#include "dump.h"
#include "sach/write.h"
#include "test_support.h"

using sach::ReadFrontMatter;

TEST_CASE("front matter: quoted and plain scalars, lists, comments and CRLF") {
  const std::string text =
      "---\r\n"
      "title: \"Nói \\\"không\\\" với \\u0111ua xe\"\r\n"
      "Date: 2026-09-05T13:30+07:00 # local time\r\n"
      "author: 'O''Brien'\r\n"
      "tags: [a, \"b\", c]\r\n"
      "\r\n"
      "authors:\r\n"
      "  - Lan\r\n"
      "  - Minh\r\n"
      "params:\r\n"
      "  nested: skipped\r\n"
      "---\r\n"
      "Body line.\r\n";
  auto fm = ReadFrontMatter(text);
  REQUIRE(fm);
  CHECK(fm->Get("title") == "Nói \"không\" với đua xe");
  CHECK(fm->Get("date") == "2026-09-05T13:30+07:00");
  CHECK(fm->Get("author") == "O'Brien");
  CHECK(fm->Get("tags") == "a, b, c");
  CHECK(fm->Get("authors") == "Lan, Minh");
  CHECK(fm->Get("nested").empty());
  CHECK(fm->lines == 12);
  CHECK(text.substr(fm->body) == "Body line.\r\n");
}

TEST_CASE("front matter: a rule line followed by prose is no front matter") {
  CHECK_FALSE(ReadFrontMatter("---\nThis is prose, not a key: it has spaces.\n---\n"));
  CHECK_FALSE(ReadFrontMatter("---\ntitle: never closed\nmore: lines\n"));
  CHECK_FALSE(ReadFrontMatter("Intro\n---\ntitle: x\n---\n"));
  CHECK_FALSE(ReadFrontMatter(""));
  CHECK_FALSE(ReadFrontMatter("---"));
  std::string long_block = "---\n";
  for (int i = 0; i < 1000; ++i) long_block.append("k").append(std::to_string(i)).append(": v\n");
  CHECK_FALSE(ReadFrontMatter(long_block + "---\n"));
  auto empty = ReadFrontMatter("---\n...\nText");
  REQUIRE(empty);
  CHECK(empty->fields.empty());
}

TEST_CASE("front matter: its fields become the dump's metadata, the body is cleaned as text") {
  const std::string dump =
      "---\ntitle: Cảnh sát giao thông tuần tra ban đêm\ndate: 2026-03-04\nauthor: Minh Anh\n"
      "url: https://example.vn/tin/a.html\n---\n"
      "Lực lượng cảnh sát giao thông đã tổ chức tuần tra, kiểm soát trên các tuyến đường trọng điểm vào ban đêm.\n\n"
      "Trong đợt cao điểm, các tổ công tác đã phát hiện và xử lý nhiều trường hợp vi phạm nồng độ cồn.\n";
  sach::Article article = sach::CleanDump(dump, TestVocab());
  const sach::Article* a = &article;
  CHECK(a->meta.title == "Cảnh sát giao thông tuần tra ban đêm");
  CHECK(a->meta.date.rfind("2026-03-04", 0) == 0);
  CHECK(a->meta.author == "Minh Anh");
  CHECK(a->meta.url == "https://example.vn/tin/a.html");
  REQUIRE(a->paragraphs.size() == 2);
  CHECK(a->paragraphs[0].rfind("Lực lượng", 0) == 0);
}

TEST_CASE("front matter: the quoted date sach writes reads back as the date, plain or quoted alike") {
  for (const char* line : {"date: \"2024-04-05\"", "date: 2024-04-05", "date: \"2021-09-30T08:20+07:00\""}) {
    auto fm = ReadFrontMatter(std::string("---\n") + line + "\n---\nText\n");
    REQUIRE(fm);
    const std::string want = std::string(line).find('T') != std::string::npos ? "2021-09-30T08:20+07:00" : "2024-04-05";
    CHECK(fm->Get("date") == want);
  }
  sach::Article written;
  written.meta.title = "Tiêu đề";
  written.meta.date = "2024-04-05";
  written.paragraphs = {"Lực lượng cảnh sát giao thông đã tổ chức tuần tra, kiểm soát trên các tuyến đường trọng điểm."};
  sach::Article again = sach::CleanDump(sach::FormatText(written), TestVocab());
  CHECK(again.meta.date == "2024-04-05");
  CHECK(sach::FormatText(again) == sach::FormatText(written));
}
