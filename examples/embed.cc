// Embedding sach: load the rules once, clean pages with them, write the
// article. Build it against an installed sach (examples/CMakeLists.txt, or
// `c++ -std=c++20 embed.cc $(pkg-config --static --cflags --libs sach)`), then
//   embed PAGE.html [RULES_DIR]
// prints the cleaned article as `sach clean` would.
#include <sach/sach.h>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: embed PAGE [RULES_DIR]\n";
    return 2;
  }
  // One Rules for the whole program: read-only after Load, so any number of
  // threads may Clean with it at once.
  sach::Result<sach::Rules> rules = sach::Rules::Load(argc == 3 ? argv[2] : sach::DefaultRulesDir());
  if (!rules) {
    std::cerr << "rules: " << rules.error().message << "\n";
    return 2;
  }
  sach::Result<std::string> bytes = sach::ReadInput(argv[1]);  // gunzips .gz
  if (!bytes) {
    std::cerr << argv[1] << ": " << bytes.error().message << "\n";
    return 1;
  }
  sach::Document doc;
  doc.name = argv[1];
  doc.bytes = std::move(*bytes);
  sach::Result<sach::Cleaned> cleaned = sach::Clean(doc, *rules);
  if (!cleaned) {
    std::cerr << argv[1] << ": " << cleaned.error().message << "\n";
    return 1;
  }
  std::cout << sach::FormatText(cleaned->article);
  return 0;
}
