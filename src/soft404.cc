// Soft 404 detection: a stage after extraction, before an article is accepted.
#include "soft404.h"

#include "text.h"
#include "tunables.h"

namespace sach {
namespace {

std::size_t CountWords(std::string_view s) {
  std::size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\n' || c == '\t';
    n += !space && !in_word;
    in_word = !space;
  }
  return n;
}

const std::string* Holds(const std::string& text, const Vocabulary& v) {
  if (text.empty()) return nullptr;
  const std::string folded = FoldSpaceAndCase(text);
  for (const std::string& phrase : v.not_found)
    if (folded.find(phrase) != std::string::npos) return &phrase;
  return nullptr;
}

}  // namespace

std::optional<std::string> NotFoundPhrase(const Article& a, const Vocabulary& v) {
  if (v.not_found.empty()) return std::nullopt;
  std::size_t words = 0;
  for (const std::string& p : a.paragraphs)
    if ((words += CountWords(p)) > tunables::kSoft404MaxWords) return std::nullopt;
  if (const std::string* hit = Holds(a.meta.title, v)) return *hit;
  for (const std::string& p : a.paragraphs)
    if (const std::string* hit = Holds(p, v)) return *hit;
  return std::nullopt;
}

}  // namespace sach
