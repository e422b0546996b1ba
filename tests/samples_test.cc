// Every folder samples/<kind>/<name>/ holding input.* and expected.txt is a
// test: it must come out of `sach check` unchanged — sach's output equals
// expected.txt byte for byte, except for `url:` and `site:` lines the labels
// do not record. Adding a folder adds a test (and a ctest entry).
#include <doctest/doctest.h>

#include "sach/check.h"
#include "test_support.h"

TEST_CASE("samples: every sample folder cleans to its expected.txt") {
  // The same comparison `sach check` makes, so the test and the tool agree.
  std::vector<sach::SampleCheck> results = sach::CheckSamples(SACH_SOURCE_DIR "/samples", TestRules());
  REQUIRE(results.size() >= 5);  // the five dumps at least
  for (auto& r : results) {
    SUBCASE(r.name.c_str()) {
      REQUIRE_MESSAGE(r.status != sach::SampleCheck::kFailed, r.name << ": " << r.error);
      CHECK_MESSAGE(r.status == sach::SampleCheck::kUnchanged, r.name << ":\n" << sach::UnifiedDiff(r.expected, r.got));
    }
  }
}
