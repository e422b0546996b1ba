// Every folder samples/<kind>/<name>/ holding input.* and expected.txt is a
// test: it must come out of `sach check` unchanged — sach's output equals
// expected.txt byte for byte, except for `url:` and `site:` lines the labels
// do not record. Adding a folder adds a test (and a ctest entry, which sets
// SACH_SAMPLE to the folder's name so it cleans that sample alone).
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "sach/check.h"
#include "test_support.h"

TEST_CASE("samples: every sample folder cleans to its expected.txt") {
  const char* only = std::getenv("SACH_SAMPLE");
  std::vector<std::string> dirs = sach::FindSamples(SACH_SOURCE_DIR "/samples");
  REQUIRE(dirs.size() >= 5);  // the five dumps at least
  int checked = 0;
  for (const std::string& dir : dirs) {
    std::filesystem::path d(dir);
    if (only && *only && d.parent_path().filename().string() + "/" + d.filename().string() != only) continue;
    // The same comparison `sach check` makes, so the test and the tool agree.
    sach::SampleCheck r = sach::CheckSample(dir, TestRules());
    ++checked;
    CAPTURE(r.name);
    REQUIRE_MESSAGE(r.status != sach::SampleCheck::kFailed, r.name << ": " << r.error);
    CHECK_MESSAGE(r.status == sach::SampleCheck::kUnchanged, r.name << ":\n" << sach::UnifiedDiff(r.expected, r.got));
  }
  CHECK_MESSAGE(checked > 0, "SACH_SAMPLE names no sample folder: " << (only ? only : ""));
}
