// Every folder samples/<kind>/<name>/ holding input.* and expected.txt is a
// test: sach's output must equal expected.txt byte for byte, except that it
// may add `url:` and `site:` lines the labels do not record (a page names its
// own canonical URL and site). Adding a folder adds a test.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sach/check.h"
#include "sach/clean.h"
#include "sach/write.h"

namespace fs = std::filesystem;

namespace {

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string line; std::getline(ss, line);) out.push_back(line);
  return out;
}

// The first line where the two differ, for a readable failure.
std::string FirstDifference(const std::string& want, const std::string& got) {
  auto w = Lines(want), g = Lines(got);
  for (std::size_t i = 0; i < std::max(w.size(), g.size()); ++i) {
    std::string a = i < w.size() ? w[i] : "<end>", b = i < g.size() ? g[i] : "<end>";
    if (a != b) return "line " + std::to_string(i + 1) + "\n  expected: " + a + "\n  got:      " + b;
  }
  return "trailing bytes differ";
}

}  // namespace

TEST_CASE("samples: every sample folder cleans to its expected.txt") {
  auto rules = sach::Rules::Load(SACH_SOURCE_DIR "/rules");
  REQUIRE_MESSAGE(rules.ok(), (rules.ok() ? "" : rules.error().message));
  std::vector<fs::path> dirs;
  for (auto& kind : fs::directory_iterator(SACH_SOURCE_DIR "/samples"))
    if (kind.is_directory())
      for (auto& d : fs::directory_iterator(kind.path()))
        if (fs::exists(d.path() / "expected.txt")) dirs.push_back(d.path());
  std::sort(dirs.begin(), dirs.end());
  REQUIRE(dirs.size() >= 5);  // the five dumps at least

  for (auto& dir : dirs) {
    fs::path input;
    for (auto& f : fs::directory_iterator(dir))
      if (f.path().filename().string().rfind("input.", 0) == 0) input = f.path();
    std::string name = dir.parent_path().filename().string() + "/" + dir.filename().string();
    SUBCASE(name.c_str()) {
      REQUIRE_MESSAGE(!input.empty(), name << ": no input.* file");
      sach::Document doc{input.string(), Slurp(input), {}, {}};
      auto cleaned = sach::Clean(doc, *rules);
      REQUIRE_MESSAGE(cleaned.ok(), name << ": " << (cleaned.ok() ? "" : cleaned.error().message));
      std::string want = Slurp(dir / "expected.txt");
      std::string got = sach::Comparable(sach::FormatText(cleaned->article), want);
      CHECK_MESSAGE(got == want, name << ": " << FirstDifference(want, got));
    }
  }
}
