// Soft 404s: a page answered 200 that says the article is not there fails as
// gone (ErrorCode::kGone), by the rules' [not_found] phrases and its little
// text; an article that only mentions such words is kept.
#include <doctest/doctest.h>

#include "sach/clean.h"
#include "test_support.h"

namespace {

sach::Result<sach::Cleaned> CleanHtml(const std::string& html) {
  return sach::Clean(sach::Document{"page.html", html, "https://congan.example.vn/tin-tuc/a.html", ""}, TestRules());
}

// Four paragraphs of an article: some 170 words.
const char* kProse[] = {
    "Trong tuần qua, lực lượng công an tỉnh đã phối hợp với các đơn vị chức năng kiểm tra nhiều cơ sở kinh doanh "
    "trên địa bàn, phát hiện và xử lý kịp thời các trường hợp vi phạm quy định về phòng cháy, chữa cháy.",
    "Theo cơ quan điều tra, các đối tượng đã lập nhiều trang web giả mạo cổng dịch vụ công, gửi đường dẫn qua tin "
    "nhắn để lừa người dân cung cấp thông tin tài khoản ngân hàng và mã xác thực giao dịch.",
    "Khi người dân bấm vào đường dẫn sau khi giao dịch xong, trang web hiện dòng chữ báo lỗi để người bị hại không "
    "nghi ngờ, trong khi tiền trong tài khoản đã bị chuyển đi qua nhiều lớp trung gian khác nhau.",
    "Công an tỉnh khuyến cáo người dân chỉ truy cập các trang chính thức của cơ quan nhà nước, không cung cấp mã "
    "xác thực cho bất kỳ ai, và báo ngay cho cơ quan công an gần nhất khi phát hiện dấu hiệu lừa đảo trên mạng.",
};

}  // namespace

TEST_CASE("soft 404: a page saying it is not there is gone, in its title or its text") {
  auto by_title = CleanHtml(
      "<html><head><title>Không tìm thấy trang - Công an tỉnh</title></head><body><nav><a href=/>Trang chủ</a></nav>"
      "<h1>Không tìm thấy trang</h1><p>Đường dẫn bạn truy cập có thể đã bị thay đổi hoặc bị xóa khỏi hệ thống.</p>"
      "<p><a href=/>Quay về trang chủ</a></p></body></html>");
  REQUIRE_FALSE(by_title.ok());
  CHECK(by_title.error().code == sach::ErrorCode::kGone);
  CHECK(by_title.error().message.find("soft 404") != std::string::npos);

  auto by_text = CleanHtml(
      "<html><head><title>Công an tỉnh</title></head><body><main><h2>Oops</h2>"
      "<p>Sorry, the page you are looking for could not be found. It may have been moved.</p></main></body></html>");
  REQUIRE_FALSE(by_text.ok());
  CHECK(by_text.error().code == sach::ErrorCode::kGone);

  auto dump = sach::Clean(sach::Document{"dump.txt", "Trang không tồn tại\n\nVui lòng quay lại trang chủ.\n", "", ""},
                          TestRules());
  REQUIRE_FALSE(dump.ok());
  CHECK(dump.error().code == sach::ErrorCode::kGone);
}

TEST_CASE("soft 404: an article that mentions a missing page is an article") {
  std::string body;
  for (const char* p : kProse) body += std::string("<p>") + p + "</p>";
  auto article = CleanHtml("<html><head><title>Trang không tồn tại: cảnh báo lừa đảo qua đường dẫn giả</title></head>"
                           "<body><article><h1>Trang không tồn tại: cảnh báo lừa đảo qua đường dẫn giả</h1>" + body +
                           "</article></body></html>");
  REQUIRE(article.ok());
  CHECK(article->article.paragraphs.size() == 4);
}
