// Rules: loading, every error kind with file:line, markers, site selection.
#include "vocabulary.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "test_support.h"

namespace fs = std::filesystem;

namespace {

// A scratch rules folder holding one default.toml (and optional site file).
struct RulesDir {
  fs::path dir;
  explicit RulesDir(const std::string& default_toml, const std::string& site_toml = "") {
    static int n = 0;
    dir = fs::temp_directory_path() / ("sach-rules-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    fs::create_directories(dir / "sites");
    std::ofstream(dir / "default.toml") << default_toml;
    if (!site_toml.empty()) std::ofstream(dir / "sites" / "example.vn.toml") << site_toml;
  }
  ~RulesDir() { fs::remove_all(dir); }
  std::string Error() {
    auto r = sach::Rules::Load(dir.string());
    return r ? "<loaded>" : r.error().message;
  }
};

bool Contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("rules: the bundled rules load") {
  CHECK(TestVocab().timezone == "+07:00");
  CHECK(TestRules().Sites().size() >= 1);
}

TEST_CASE("rules: broken files stop loading with file:line and what is wrong") {
  CHECK(Contains(RulesDir("timezone = \n").Error(), "default.toml:1:"));
  CHECK(Contains(RulesDir("\n\ncolour = \"red\"\n").Error(), "default.toml:3: unknown key 'colour'"));
  CHECK(Contains(RulesDir("[markers]\nrelatd = [\"Tin liên quan\"]\n").Error(),
                 "default.toml:2: unknown marker concept 'relatd'"));
  CHECK(Contains(RulesDir("[date]\nlines = [\n'(?<y>\\d{4}'\n]\n").Error(), "default.toml:3: bad regex"));
  CHECK(Contains(RulesDir("[date]\nlines = ['\\d{4}']\n").Error(), "needs named groups"));
  CHECK(Contains(RulesDir("timezone = \"ICT\"\n").Error(), "default.toml:1: timezone"));
  CHECK(Contains(RulesDir("[markers]\nshare = [\"\"]\n").Error(), "default.toml:2: empty phrase"));
  CHECK(Contains(RulesDir("", "[site]\nhost = [\"x.vn\"]\n").Error(), "example.vn.toml:2: unknown key 'host'"));
  fs::path missing = fs::temp_directory_path() / "sach-no-such-rules";
  auto r = sach::Rules::Load(missing.string());
  REQUIRE_FALSE(r.ok());
  CHECK(Contains(r.error().message, "default.toml: no such rules file"));
}

TEST_CASE("rules: markers match whole lines, ignoring case, spacing and a trailing colon") {
  const sach::Vocabulary& v = TestVocab();
  REQUIRE(v.FindMarker("Tin liên quan") != nullptr);
  CHECK(v.FindMarker("  TIN LIÊN QUAN: ")->kind == sach::Concept::kRelated);
  CHECK(v.FindMarker("Tin liên quan đến vụ án được công bố") == nullptr);
  // Share bars glued together by a scraper.
  REQUIRE(v.FindMarker("Chia sẻFacebook") != nullptr);
  CHECK(v.FindMarker("Chia sẻFacebook")->kind == sach::Concept::kShare);
  CHECK(v.FindMarker("In") != nullptr);
  CHECK(v.FindMarker("Inox") == nullptr);
  CHECK(v.FindMarker("In ấn tài liệu") == nullptr);
}

TEST_CASE("rules: a site is chosen by host, or by its fingerprint in a dump") {
  RulesDir d("[markers]\nrelated = [\"Tin liên quan\"]\n",
             "[site]\nname = \"example.vn\"\nhosts = [\"example.vn\"]\n"
             "fingerprint = [\"Góc nhìn\", \"Đường dây nóng\"]\n[markers]\nnav = [\"Góc nhìn\"]\n");
  auto r = sach::Rules::Load(d.dir.string());
  REQUIRE(r.ok());
  CHECK(r->For("https://www.example.vn/a.html", "").site == "example.vn");
  CHECK(r->For("https://notexample.vn/a.html", "").site.empty());
  CHECK(r->For("", "Bài\n\nGóc nhìn\nĐường dây nóng\n").site == "example.vn");
  CHECK(r->For("", "Bài\n\nGóc nhìn\n").site.empty());  // one fingerprint line is not enough
  // The site's phrases apply only to its pages.
  CHECK(r->For("https://example.vn/", "").FindMarker("Góc nhìn") != nullptr);
  CHECK(r->Default().FindMarker("Góc nhìn") == nullptr);
  CHECK(r->For("https://example.vn/", "").FindMarker("Tin liên quan") != nullptr);
}

TEST_CASE("rules: a months list must hold twelve lists") {
  auto dir = std::filesystem::temp_directory_path() / ("sach-months-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "default.toml") << "[date]\nmonths = [[\"jan\"], [\"feb\"]]\n";
  auto r = sach::Rules::Load(dir.string());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("twelve lists") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("rules: function words load per language, a word of two languages has both bits") {
  const sach::Vocabulary& v = TestVocab();
  auto lang = [&](const std::string& code) {
    auto at = std::find(v.function_languages.begin(), v.function_languages.end(), code);
    REQUIRE(at != v.function_languages.end());
    return 1u << (at - v.function_languages.begin());
  };
  REQUIRE(v.function_words.count("the") == 1);
  CHECK((v.function_words.at("the") & lang("en")) != 0);
  CHECK((v.function_words.at("của") & lang("vi")) != 0);
  CHECK((v.function_words.at("của") & lang("en")) == 0);
  RulesDir two("[function_words]\nen = [\"In\", \"of\"]\nnl = [\"in\", \"de\"]\n");
  auto r = sach::Rules::Load(two.dir.string());
  REQUIRE(r.ok());
  const auto& words = r->Default().function_words;
  CHECK(words.at("in") == 3u);  // folded: "In" and "in" are one word
  CHECK(words.at("de") == 2u);
  std::string many = "[function_words]\n";
  for (int i = 0; i <= 32; ++i) many += "l" + std::to_string(i) + " = [\"w\"]\n";
  CHECK(Contains(RulesDir(many).Error(), "languages in [function_words]"));
}
