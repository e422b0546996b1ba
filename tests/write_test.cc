// Write stage: YAML quoting, front matter order, JSON lines, atomic files.
#include "sach/write.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using sach::YamlScalar;

TEST_CASE("yaml: plain when safe, quoted when YAML would misread") {
  CHECK(YamlScalar("Việt Nam – Singapore tăng cường hợp tác") == "Việt Nam – Singapore tăng cường hợp tác");
  CHECK(YamlScalar("2024-04-05") == "\"2024-04-05\"");  // YAML would read a date object
  CHECK(YamlScalar("TP Cần Thơ: Phát huy vai trò") == "\"TP Cần Thơ: Phát huy vai trò\"");
  CHECK(YamlScalar("Số 5 #hot") == "\"Số 5 #hot\"");
  CHECK(YamlScalar("- gạch đầu dòng") == "\"- gạch đầu dòng\"");
  CHECK(YamlScalar("“Hạnh phúc tuổi trẻ”") == "“Hạnh phúc tuổi trẻ”");
  CHECK(YamlScalar("\"Trích dẫn\" và \\") == "\"\\\"Trích dẫn\\\" và \\\\\"");
  CHECK(YamlScalar("yes") == "\"yes\"");
  CHECK(YamlScalar("2024") == "\"2024\"");
  CHECK(YamlScalar("a:b") == "a:b");
}

TEST_CASE("text output: keys in order, empty ones left out, one paragraph per line") {
  sach::Article a;
  a.meta.source = "CHINHPHU.VN";
  a.meta.title = "Tiêu đề";
  a.meta.date = "2024-04-05";
  a.paragraphs = {"Một.", "Hai."};
  CHECK(sach::FormatText(a) == "---\ntitle: Tiêu đề\ndate: \"2024-04-05\"\nsource: CHINHPHU.VN\n---\n\nMột.\n\nHai.\n");
}

TEST_CASE("text output: the date is a quoted string, date-only or timed") {
  sach::Article a;
  for (const char* date : {"2024-04-05", "2023-02", "2021-09-30T08:20+07:00", "2025-12-17T22:30"}) {
    a.meta.date = date;
    CHECK(sach::FormatText(a) == "---\ndate: \"" + std::string(date) + "\"\n---\n");
  }
}

TEST_CASE("jsonl output: same keys plus text, escaped") {
  sach::Article a;
  a.meta.title = "Tiêu \"đề\"";
  a.paragraphs = {"Một.", "Hai\tba."};
  CHECK(sach::FormatJsonLine(a) == "{\"title\":\"Tiêu \\\"đề\\\"\",\"text\":\"Một.\\n\\nHai\\tba.\"}\n");
  CHECK(sach::FormatJsonLine(a, "x.txt").find("\"input\":\"x.txt\"") != std::string::npos);
}

TEST_CASE("atomic write: the file appears whole, parents are created, no temp file is left") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("sach-write-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  std::string path = (dir / "a" / "b.txt").string();
  REQUIRE(sach::WriteFileAtomic(path, "nội dung\n").ok());
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  CHECK(ss.str() == "nội dung\n");
  int files = 0;
  for (auto& e : fs::directory_iterator(dir / "a")) files += e.is_regular_file();
  CHECK(files == 1);
  // A target that cannot be written fails as a value.
  CHECK_FALSE(sach::WriteFileAtomic((dir / "a" / "b.txt" / "c.txt").string(), "x").ok());
  fs::remove_all(dir);
}

TEST_CASE("csv output: RFC 4180 quoting, a title with a comma and a quote, paragraphs joined by a line break") {
  sach::Article a;
  a.meta.title = "Hà Nội, \"thủ đô\" ngàn năm";
  a.meta.date = "2024-04-05";
  a.meta.url = "https://example.vn/a?x=1,2";
  a.meta.site = "Báo Mẫu";
  a.paragraphs = {"Một, hai.", "Ba."};
  CHECK(sach::kCsvHeader == "url,title,date,author,source,site,text\r\n");
  CHECK(sach::FormatCsvRow(a) ==
        "\"https://example.vn/a?x=1,2\",\"Hà Nội, \"\"thủ đô\"\" ngàn năm\",2024-04-05,,,Báo Mẫu,"
        "\"Một, hai.\nBa.\"\r\n");
  CHECK(sach::CsvField("plain") == "plain");
  CHECK(sach::CsvField("a\rb") == "\"a\rb\"");
  CHECK(sach::CsvField("") == "");
}
