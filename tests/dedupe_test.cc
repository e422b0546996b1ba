// Dedupe stage: captions printed twice, and different lines left alone.
#include "dedupe.h"

#include <doctest/doctest.h>

using sach::CaptionPair;
using sach::CompareCaptions;

TEST_CASE("captions: an exact pair keeps one") {
  CHECK(CompareCaptions("Thứ trưởng và ngài K. Shanmugam.", "Thứ trưởng và ngài K. Shanmugam.") ==
        CaptionPair::kKeepFirst);
}

TEST_CASE("captions: a reworded or fuller second line is the visible caption") {
  CHECK(CompareCaptions("Thứ trưởng Lê Quốc Hùng tặng quà lưu niệm ông Robert Silvers.",
                        "Thứ trưởng Lê Quốc Hùng trao quà lưu niệm tặng ông Robert Silvers.") ==
        CaptionPair::kKeepSecond);
  CHECK(CompareCaptions("Cơ quan đại diện AFP phụ trách khu vực phía Nam tại Melbourne",
                        "Thứ trưởng Lê Văn Tuyến làm việc với Cơ quan đại diện AFP phụ trách khu vực phía Nam tại "
                        "Melbourne.") == CaptionPair::kKeepSecond);
}

TEST_CASE("captions: an acronym spelled out is the same caption and the first stays") {
  CHECK(CompareCaptions("Làm việc với Phó Tổng Thư ký phụ trách GGHB Jean-Pierre Lacroix.",
                        "Làm việc với Phó Tổng Thư ký phụ trách gìn giữ hoà bình Jean-Pierre Lacroix.") ==
        CaptionPair::kKeepFirst);
}

TEST_CASE("captions: two different consecutive lines are not merged") {
  // The same words in another order say something else.
  CHECK(CompareCaptions("Thứ trưởng Lê Quốc Hùng trao quà lưu niệm tặng ông Carlos Matus.",
                        "Ông Carlos Matus trao quà lưu niệm tặng Thứ trưởng Lê Quốc Hùng.") ==
        CaptionPair::kDifferent);
  // A short caption is not swallowed by a paragraph that mentions its subject.
  CHECK(CompareCaptions("Toàn cảnh Hội nghị.",
                        "Toàn cảnh Hội nghị Bộ trưởng ASEAN về phòng, chống tội phạm xuyên quốc gia lần thứ 15 "
                        "diễn ra tại Hà Nội với sự tham dự của các đoàn.") == CaptionPair::kDifferent);
  CHECK(CompareCaptions("Hai bên trao đổi kinh nghiệm.", "Đoàn tham quan trung tâm huấn luyện.") ==
        CaptionPair::kDifferent);
}

TEST_CASE("ordered containment counts words in order") {
  CHECK(sach::OrderedContainment({"a", "b", "c"}, {"x", "a", "b", "y", "c"}) == doctest::Approx(1.0));
  CHECK(sach::OrderedContainment({"a", "b", "c"}, {"c", "b", "a"}) == doctest::Approx(1.0 / 3));
  CHECK(sach::OrderedContainment({}, {"a"}) == doctest::Approx(0.0));
}
