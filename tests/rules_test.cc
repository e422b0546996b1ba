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
  // A trailing ellipsis or full stop is no part of the heading.
  for (const char* h : {"You might also like...", "You Might Also Like\u2026", "Tin liên quan."}) {
    CAPTURE(h);
    CHECK(v.FindMarker(h) != nullptr);
  }
  // Share bars glued together by a scraper.
  REQUIRE(v.FindMarker("Chia sẻFacebook") != nullptr);
  CHECK(v.FindMarker("Chia sẻFacebook")->kind == sach::Concept::kShare);
  CHECK(v.FindMarker("In") != nullptr);
  CHECK(v.FindMarker("Inox") == nullptr);
  CHECK(v.FindMarker("In ấn tài liệu") == nullptr);
  // A list item's bullet, as markdown and text browsers print it.
  for (const char* item : {"* Facebook", "   + Twitter", "o Email", "\u2022 Chia sẻ", "- Tin liên quan"}) {
    CAPTURE(item);
    CHECK(v.FindMarker(item) != nullptr);
  }
  CHECK(v.FindMarker("* Inox") == nullptr);
  // A button's brackets: "[ 167 comments ]", "(Print)"; not a bracketed aside.
  REQUIRE(v.FindMarker("[ 167 comments ]") != nullptr);
  CHECK(v.FindMarker("[ 167 comments ]")->kind == sach::Concept::kComment);
  CHECK(v.FindMarker("(Print)") != nullptr);
  CHECK(v.FindMarker("(Print) and (Share)") == nullptr);
  CHECK(v.FindMarker("[Print the form]") == nullptr);
}

TEST_CASE("rules: a marker with its count matches, a count in other words does not") {
  const sach::Vocabulary& v = TestVocab();
  for (const char* counted : {"109 Comments", "Comments (12)", "Comments 3", "Bình luận (0)", "1,204 comments",
                              "15 Replies to \u201cOpen-sourcing the CAD files\u201d", "12 thoughts on \"A post\""}) {
    CAPTURE(counted);
    REQUIRE(v.FindMarker(counted) != nullptr);
    CHECK(v.FindMarker(counted)->kind == sach::Concept::kComment);
  }
  CHECK(v.FindMarker("Comments ()") == nullptr);
  CHECK(v.FindMarker("Comments (many)") == nullptr);
  CHECK(v.FindMarker("109 Comments on the budget were read out") == nullptr);
  CHECK(v.FindMarker("3 Bình luận viên") == nullptr);
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

TEST_CASE("rules: a glued share bar is read word by word, the longest share word of each first letter first") {
  RulesDir d("[markers]\nshare = [\"Chia sẻ\", \"Zalo\", \"Chia sẻ bài viết\", \"Copy link\", \"Chia\"]\n");
  auto r = sach::Rules::Load(d.dir.string());
  REQUIRE(r.ok());
  const sach::Vocabulary& v = r->Default();
  for (const char* bar : {"Chia sẻ bài viếtZaloCopy link", "ZaloChia sẻ", "Copy link | Chia sẻ bài viết", "ChiaZalo"}) {
    CAPTURE(bar);
    REQUIRE(v.FindMarker(bar) != nullptr);
    CHECK(v.FindMarker(bar)->kind == sach::Concept::kShare);
  }
  CHECK(v.FindMarker("ZaloChia sẻ")->phrase == "Zalo");  // the bar's first word names it
  CHECK(v.FindMarker("Chia sẻ bài viếtZalo")->phrase == "Chia sẻ bài viết");
  for (const char* line : {"Chia sẻ bàiZalo", "ZaloCopy", "Zalo Chia tay", "Copy linkx"}) {
    CAPTURE(line);
    CHECK(v.FindMarker(line) == nullptr);
  }
}

TEST_CASE("rules: a fingerprint line is found in any case and behind list marks, its first letter read unfolded") {
  RulesDir d("", "[site]\nname = \"ex\"\nfingerprint = [\"Góc nhìn\", \"...Tin đọc nhiều\", \"Ưu đãi\"]\n");
  auto r = sach::Rules::Load(d.dir.string());
  REQUIRE(r.ok());
  CHECK(r->For("", "## GÓC NHÌN\n* tin đọc nhiều\n").site.empty());  // "...": the key keeps its dots
  CHECK(r->For("", "## GÓC NHÌN\n* ...TIN ĐỌC NHIỀU:\n").site == "ex");
  CHECK(r->For("", "> góc  nhìn.\n\u00a0ưu ĐÃI\n").site == "ex");  // a first NBSP is folded away
  CHECK(r->For("", "- [Góc nhìn](https://ex.vn/a)\n+ ƯU ĐÃI\n").site == "ex");
  CHECK(r->For("", "Góc nhìn khác\nGóc\nƯu\n").site.empty());  // the same first letters, other lines
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
  REQUIRE(v.function_words.Contains("the"));
  CHECK((v.function_words.Find("the") & lang("en")) != 0);
  CHECK((v.function_words.Find("của") & lang("vi")) != 0);
  CHECK((v.function_words.Find("của") & lang("en")) == 0);
  CHECK_FALSE(v.function_words.Contains("tháng"));  // a content word
  RulesDir two("[function_words]\nen = [\"In\", \"of\"]\nnl = [\"in\", \"de\"]\n");
  auto r = sach::Rules::Load(two.dir.string());
  REQUIRE(r.ok());
  const auto& words = r->Default().function_words;
  CHECK(words.Find("in") == 3u);  // folded: "In" and "in" are one word
  CHECK(words.Find("de") == 2u);
  CHECK(words.size() == 3u);
  std::string many = "[function_words]\n";
  for (int i = 0; i <= 32; ++i) many.append("l").append(std::to_string(i)).append(" = [\"w\"]\n");
  CHECK(Contains(RulesDir(many).Error(), "languages in [function_words]"));
}

namespace {

// `Rules::Lint` of a RulesDir: every problem, one line each.
std::vector<std::string> Lint(const RulesDir& r) { return sach::Rules::Lint(r.dir.string()); }

bool AnyHolds(const std::vector<std::string>& lines, const std::string& part) {
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return Contains(l, part); });
}

}  // namespace

TEST_CASE("rules lint: every problem of one file is reported, not only the first, each with its line") {
  RulesDir r("colour = \"red\"\n"                      // 1: unknown key
             "timezone = \"ICT\"\n"                    // 2: bad offset
             "[markers]\n"                             // 3
             "relatd = [\"Tin liên quan\"]\n"          // 4: unknown concept
             "share = [\"In\", \"\", 3]\n"             // 5: an empty phrase and a number
             "[date]\n"                                // 6
             "lines = ['(?<y>\\d{4}', '\\d{4}']\n"     // 7: bad regex, no named groups
             "[html.classes]\n"                        // 8
             "nav = [\"menu bar\"]\n",                 // 9: a class word with a space
             "[site]\nhosts = [\"example.vn\"]\ncolour = 1\n[html]\ndrop = [\"a ~ b\"]\n");
  const std::vector<std::string> problems = Lint(r);
  const std::string def = (r.dir / "default.toml").string() + ":";
  CHECK(AnyHolds(problems, def + "1: unknown key 'colour'"));
  CHECK(AnyHolds(problems, def + "2: timezone"));
  CHECK(AnyHolds(problems, def + "4: unknown marker concept 'relatd'"));
  CHECK(AnyHolds(problems, def + "5: empty phrase"));
  CHECK(AnyHolds(problems, def + "5: expected a string"));
  CHECK(AnyHolds(problems, def + "7: bad regex"));
  CHECK(AnyHolds(problems, def + "7: a date shape needs named groups"));
  CHECK(AnyHolds(problems, def + "9: a class word has no spaces"));
  // The site file's own problems come after, on the default rules as far as they loaded.
  const std::string site = (r.dir / "sites" / "example.vn.toml").string() + ":";
  CHECK(AnyHolds(problems, site + "3: unknown key 'colour' in [site]"));
  CHECK(AnyHolds(problems, site + "5: "));
  CHECK(problems.size() == 10);
  // Loading stops at the first, as it always did.
  CHECK(Contains(r.Error(), def + "1: unknown key 'colour'"));
}

TEST_CASE("rules: a marker written with {name} matches the phrase and a short name after it") {
  const sach::Vocabulary& v = TestVocab();
  for (const char* named : {"More from Eduard Kovacs", "View all posts by Alli Miles", "More articles from CFR",
                            "Read More By Kathryn Giuffrida >", "MORE FROM SewCanShe:"}) {
    CAPTURE(named);
    REQUIRE(v.FindMarker(named) != nullptr);
    CHECK(v.FindMarker(named)->kind == sach::Concept::kRelated);
  }
  // The phrase alone is its own entry; a sentence or a long line after it is no name.
  CHECK(v.FindMarker("More from") != nullptr);
  CHECK(v.FindMarker("More from Cornell on climate change and gardening") == nullptr);
  CHECK(v.FindMarker("More by luck than by good judgement, the plan worked.") == nullptr);
  CHECK(v.FindMarker("Tin liên quan Eduard Kovacs") == nullptr);
}

TEST_CASE("rules lint: a marker concept or entry that does nothing is an error") {
  RulesDir r("[markers]\n"
             "nav = []\n"                                   // 2: an empty list
             "content = [\"Nội dung\"]\n"                   // 3: a class/id concept, no marker
             "related = [\"Tin liên quan\", \"Xem thêm\"]\n"  // 4
             "tags = [\"tin liên quan:\"]\n"                // 5: the related phrase again, another concept
             "share = [\"In\", \"  in \", \":\"]\n"         // 6: "In" twice; a colon alone never matches
             "[html.roles]\n"                               // 7
             "caption = [\"figure\"]\n"                     // 8: roles of this concept are never read
             "[html.classes]\n"                             // 9
             "afterword = [\"author-box\"]\n",              // 10: a marker concept only
             "[site]\nhosts = [\"example.vn\"]\n[markers]\nrelated = [\"Xem thêm\"]\nnav = [\"Xem thêm\"]\n");
  const std::vector<std::string> problems = Lint(r);
  const std::string def = (r.dir / "default.toml").string() + ":";
  CHECK(AnyHolds(problems, def + "2: [markers] nav is empty: it does nothing"));
  CHECK(AnyHolds(problems, def + "3: marker concept 'content' is a class/id concept"));
  CHECK(AnyHolds(problems, def + "5: phrase \"tin liên quan:\" is already a related marker (" + def + "4)"));
  CHECK(AnyHolds(problems, def + "6: phrase \"  in \" is already a share marker (" + def + "6): this entry does nothing"));
  CHECK(AnyHolds(problems, def + "6: phrase \":\" can never match"));
  CHECK(AnyHolds(problems, def + "8: role concept 'caption' does nothing"));
  CHECK(AnyHolds(problems, def + "10: 'afterword' is a [markers] concept only"));
  // A site file repeating a default phrase as the same concept adds nothing;
  // giving it another concept is how a site overrides the default, and is fine.
  const std::string site = (r.dir / "sites" / "example.vn.toml").string() + ":";
  CHECK(AnyHolds(problems, site + "4: phrase \"Xem thêm\" is already a related marker (" + def + "4)"));
  CHECK_FALSE(AnyHolds(problems, site + "5:"));
  CHECK(problems.size() == 8);
}

TEST_CASE("rules lint: a {name} marker with nothing before its name, or given twice, is an error") {
  RulesDir r("[markers]\n"
             "related = [\"{name}\", \"More from {name}\", \"more FROM {name}\"]\n",  // 2
             "");
  const std::vector<std::string> problems = Lint(r);
  const std::string def = (r.dir / "default.toml").string() + ":";
  CHECK(AnyHolds(problems, def + "2: phrase \"{name}\" has nothing before its name"));
  CHECK(AnyHolds(problems, def + "2: phrase \"more FROM {name}\" is already a related marker"));
  CHECK(problems.size() == 2);
}
