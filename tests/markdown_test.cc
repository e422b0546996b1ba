// --format markdown: the structure a page's blocks carry (headings, list
// items, table rows, quotes, <pre>) written as markdown, and text that is not
// structure never read as such.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "sach/clean.h"
#include "sach/write.h"
#include "test_support.h"

namespace {

sach::Article CleanPage(const std::string& html) {
  auto c = sach::Clean({"page.html", html, {}, {}}, TestRules());
  REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().message));
  return c->article;
}

sach::Article Plain(std::vector<std::string> paragraphs) {
  sach::Article a;
  a.paragraphs = std::move(paragraphs);
  return a;
}

const std::string kPage =
    "<html><head><title>Giá xăng giảm lần thứ ba</title></head><body>"
    "<nav><a href=\"/\">Trang chủ</a> <a href=\"/a\">Thời sự</a></nav><article>"
    "<h1>Giá xăng giảm lần thứ ba</h1>"
    "<p>Chiều nay, liên Bộ Công Thương và Tài chính điều chỉnh giá bán lẻ xăng dầu, giảm lần thứ ba liên tiếp "
    "kể từ đầu tháng, theo diễn biến của thị trường thế giới.</p>"
    "<h2>Giá mới từ 15 giờ</h2>"
    "<p>Mức giảm áp dụng cho tất cả các mặt hàng xăng và dầu, từ 15 giờ chiều nay, tại mọi cửa hàng bán lẻ "
    "trên cả nước, theo thông báo của liên Bộ.</p>"
    "<ul><li>Xăng E5 RON 92 giảm 300 đồng</li><li><p>Xăng RON 95 giảm 350 đồng</p></li></ul>"
    "<table><tr><th>Mặt hàng</th><th>Giá (đồng/lít)</th></tr><tr><td>E5 | RON 92</td><td>20.500</td></tr>"
    "<tr><td>RON 95</td><td>21.700</td></tr></table>"
    "<p>#GiáXăng là từ khóa được tìm nhiều nhất trên mạng xã hội trong ngày hôm nay, khi người dân chờ đợi "
    "mức giá mới được công bố.</p>"
    "<blockquote><p>Giá xăng dầu thế giới đang có xu hướng giảm trong những ngày gần đây, và dự kiến còn giảm "
    "tiếp.</p></blockquote>"
    "<p>1. Đây không phải là một danh sách mà là một câu văn bắt đầu bằng số và dấu chấm, như đôi khi gặp "
    "trong bài.</p>"
    "</article><footer>Bản quyền</footer></body></html>";

// Written by hand: what the page above must give, byte for byte.
const std::string kMarkdown =
    "---\n"
    "title: Giá xăng giảm lần thứ ba\n"
    "---\n"
    "\n"
    "# Giá xăng giảm lần thứ ba\n"
    "\n"
    "Chiều nay, liên Bộ Công Thương và Tài chính điều chỉnh giá bán lẻ xăng dầu, giảm lần thứ ba liên tiếp kể "
    "từ đầu tháng, theo diễn biến của thị trường thế giới.\n"
    "\n"
    "## Giá mới từ 15 giờ\n"
    "\n"
    "Mức giảm áp dụng cho tất cả các mặt hàng xăng và dầu, từ 15 giờ chiều nay, tại mọi cửa hàng bán lẻ trên "
    "cả nước, theo thông báo của liên Bộ.\n"
    "\n"
    "- Xăng E5 RON 92 giảm 300 đồng\n"
    "- Xăng RON 95 giảm 350 đồng\n"
    "\n"
    "| Mặt hàng | Giá (đồng/lít) |\n"
    "| --- | --- |\n"
    "| E5 \\| RON 92 | 20.500 |\n"
    "| RON 95 | 21.700 |\n"
    "\n"
    "\\#GiáXăng là từ khóa được tìm nhiều nhất trên mạng xã hội trong ngày hôm nay, khi người dân chờ đợi mức "
    "giá mới được công bố.\n"
    "\n"
    "> Giá xăng dầu thế giới đang có xu hướng giảm trong những ngày gần đây, và dự kiến còn giảm tiếp.\n"
    "\n"
    "1\\. Đây không phải là một danh sách mà là một câu văn bắt đầu bằng số và dấu chấm, như đôi khi gặp trong "
    "bài.\n";

}  // namespace

TEST_CASE("markdown: a page's heading, list, table and quote kept as markdown, a paragraph's # escaped") {
  const sach::Article a = CleanPage(kPage);
  CHECK(sach::FormatMarkdown(a) == kMarkdown);
  // The text output of the same article is the paragraphs alone, as before.
  CHECK(sach::FormatText(a).find("\n\nMặt hàng\tGiá (đồng/lít)\n\nE5 | RON 92\t20.500\n") != std::string::npos);
}

TEST_CASE("markdown: sach clean --format markdown prints the same markdown for the page") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("sach-markdown-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "page.html", std::ios::binary) << kPage;
  const std::string cmd = std::string("'") + SACH_BINARY + "' clean -q --format markdown '" +
                          (dir / "page.html").string() + "' > '" + (dir / "page.md").string() + "'";
  CHECK(WEXITSTATUS(std::system(cmd.c_str())) == 0);
  CHECK(Slurp(dir / "page.md") == kMarkdown);
  fs::remove_all(dir);
}

TEST_CASE("markdown: what would start structure at a line's start is escaped, the rest left as printed") {
  const sach::Article a = Plain({"- không phải mục", "> không phải trích", "2024. Năm bản lề", "1.5 triệu đồng",
                                 "--- ", "<b>thẻ</b>", "| ô", "Câu có # ở giữa"});
  CHECK(sach::FormatMarkdown(a) ==
        "---\n---\n\n\\- không phải mục\n\n\\> không phải trích\n\n2024\\. Năm bản lề\n\n1.5 triệu đồng\n\n"
        "\\--- \n\n\\<b>thẻ</b>\n\n\\| ô\n\nCâu có # ở giữa\n");
}

TEST_CASE("markdown: a table's rows padded to its widest, two tables apart, a heading level kept, code fenced") {
  using S = sach::Shape;
  sach::Article a = Plain({"Cấp độ ba", "a\tb\tc", "d", "e\tf", "g", "x = `y`\n  ```z```"});
  a.meta.date = "2024-04-05";
  a.shapes = {{S::kHeading, 3, false}, {S::kTableRow, 0, true}, {S::kTableRow, 0, false},
              {S::kTableRow, 0, true}, {S::kTableRow, 0, false}, {S::kCode, 0, false}};
  CHECK(sach::FormatMarkdown(a) ==
        "---\ndate: \"2024-04-05\"\n---\n\n### Cấp độ ba\n\n"
        "| a | b | c |\n| --- | --- | --- |\n| d |  |  |\n\n"
        "| e | f |\n| --- | --- |\n| g |  |\n\n"
        "````\nx = `y`\n  ```z```\n````\n");
}

TEST_CASE("markdown: an ordered list keeps the numbers it shows, from its start, a nested list its own") {
  const sach::Article a = CleanPage(
      "<html><body><article><h1>Ba bước khai báo tạm trú</h1>"
      "<p>Công an phường hướng dẫn người dân khai báo tạm trú trực tuyến qua ứng dụng, theo ba bước sau đây, "
      "không cần đến trụ sở.</p>"
      "<ol start=\"3\"><li>Mở ứng dụng và đăng nhập bằng tài khoản định danh</li>"
      "<li>Chọn mục khai báo tạm trú<ul><li>Điền địa chỉ nơi ở mới</li></ul></li>"
      "<li>Gửi hồ sơ và chờ xác nhận</li></ol>"
      "<p>Kết quả được trả qua ứng dụng trong vòng ba ngày làm việc kể từ khi hồ sơ hợp lệ được tiếp nhận.</p>"
      "</article></body></html>");
  const std::string md = sach::FormatMarkdown(a);
  CHECK(md.find("\n3. Mở ứng dụng và đăng nhập bằng tài khoản định danh\n") != std::string::npos);
  CHECK(md.find("\n- Điền địa chỉ nơi ở mới\n") != std::string::npos);
  CHECK(md.find("\n5. Gửi hồ sơ và chờ xác nhận\n") != std::string::npos);
  // The plain text shows the item's words only, as before.
  CHECK(sach::FormatText(a).find("\nMở ứng dụng và đăng nhập bằng tài khoản định danh\n") != std::string::npos);
}
