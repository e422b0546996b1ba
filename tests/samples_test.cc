// Every folder samples/<kind>/<name>/ holding input.* and expected.txt is a
// test: it must come out of `sach check` unchanged — sach's output equals
// expected.txt byte for byte, except for `url:` and `site:` lines the labels
// do not record. Adding a folder adds a test (and a ctest entry, which sets
// SACH_SAMPLE to the folder's name so it cleans that sample alone).
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include "check.h"
#include "sach/clean.h"
#include "test_support.h"

TEST_CASE("samples: every sample folder cleans to its expected.txt") {
  const char* only = std::getenv("SACH_SAMPLE");
  std::vector<std::string> dirs = sach::FindSamples(SACH_SOURCE_DIR "/samples");
  REQUIRE(dirs.size() >= 5);  // the five dumps at least
  int checked = 0;
  for (const std::string& dir : dirs) {
    if (only && *only && sach::SampleName(dir) != only) continue;
    // The same comparison `sach check` makes, so the test and the tool agree.
    sach::SampleCheck r = sach::CheckSample(dir, TestRules());
    ++checked;
    CAPTURE(r.name);
    REQUIRE_MESSAGE(r.status != sach::SampleCheck::kFailed, r.name << ": " << r.error);
    CHECK_MESSAGE(r.status == sach::SampleCheck::kUnchanged, r.name << ":\n" << sach::UnifiedDiff(r.expected, r.got));
  }
  CHECK_MESSAGE(checked > 0, "SACH_SAMPLE names no sample folder: " << (only ? only : ""));
}

TEST_CASE("samples: --no-captions keeps every body paragraph, it drops photo captions only") {
  for (const std::string& dir : sach::FindSamples(SACH_SOURCE_DIR "/samples")) {
    std::filesystem::path input = std::filesystem::path(dir) / "input.html";
    if (!std::filesystem::exists(input)) continue;  // captions are an HTML matter
    CAPTURE(dir);
    sach::Document doc{input.string(), Slurp(input), {}, {}};
    auto with = sach::Clean(doc, TestRules());
    sach::Trace trace;
    sach::CleanOptions off;
    off.captions = false;
    auto without = sach::Clean(doc, TestRules(), &trace, off);
    REQUIRE(with.ok());
    REQUIRE(without.ok());
    std::set<std::string> dropped_captions;
    for (const sach::Decision& d : trace.blocks)
      if (!d.kept && d.why == "caption (--no-captions)") dropped_captions.insert(d.text);
    std::set<std::string> kept(without->article.paragraphs.begin(), without->article.paragraphs.end());
    for (const std::string& p : with->article.paragraphs)
      if (!kept.count(p)) CHECK_MESSAGE(dropped_captions.count(p), "lost without being a caption: " << p);
    // A class word of one site (vtcnews's "expNoEdit" wraps its paragraphs) is no caption word.
    if (dir.find("vtcnews") != std::string::npos) CHECK(without->article.paragraphs == with->article.paragraphs);
  }
}
