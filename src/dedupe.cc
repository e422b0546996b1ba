// Dedupe stage: near-duplicate captions and repeated paragraphs.
#include "dedupe.h"

#include <algorithm>

#include "text.h"
#include "tunables.h"

namespace sach {
namespace {

// First code point of a word, as a string (words are already case-folded).
std::string_view Initial(std::string_view w) {
  std::size_t n = 1;
  while (n < w.size() && (static_cast<unsigned char>(w[n]) & 0xC0) == 0x80) ++n;
  return w.substr(0, n);
}

// Splits a folded acronym ("gghb", "đhqg") into its code points.
std::vector<std::string_view> Letters(std::string_view w) {
  std::vector<std::string_view> out;
  while (!w.empty()) {
    std::string_view c = Initial(w);
    out.push_back(c);
    w.remove_prefix(c.size());
  }
  return out;
}

// Where `a` abbreviates words that `b` spells out ("GGHB" / "gìn giữ hoà
// bình"), replaces the acronym in `a` by those words, so that the two compare
// as the same text. Only acronyms absent from `b`, only runs of words absent
// from `a`.
void ExpandAcronyms(const std::vector<std::string>& raw_a, std::vector<std::string>& a,
                    const std::vector<std::string>& b) {
  for (std::size_t i = a.size(); i-- > 0;) {
    if (!IsAllUpper(raw_a[i]) || std::find(b.begin(), b.end(), a[i]) != b.end()) continue;
    std::vector<std::string_view> letters = Letters(a[i]);
    if (letters.size() < 2 || letters.size() > 8 || letters.size() > b.size()) continue;
    for (std::size_t j = 0; j + letters.size() <= b.size(); ++j) {
      bool match = true;
      for (std::size_t k = 0; k < letters.size() && match; ++k)
        match = Initial(b[j + k]) == letters[k] &&
                std::find(a.begin(), a.end(), b[j + k]) == a.end();
      if (!match) continue;
      a.erase(a.begin() + static_cast<std::ptrdiff_t>(i));
      a.insert(a.begin() + static_cast<std::ptrdiff_t>(i), b.begin() + static_cast<std::ptrdiff_t>(j),
               b.begin() + static_cast<std::ptrdiff_t>(j + letters.size()));
      break;
    }
  }
}

}  // namespace

double OrderedContainment(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return 0.0;
  // Classic LCS with two rows; captions are short, so O(n*m) is cheap.
  std::vector<std::size_t> prev(b.size() + 1, 0), cur(b.size() + 1, 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
    std::swap(prev, cur);
  }
  return static_cast<double>(prev[b.size()]) / static_cast<double>(std::min(a.size(), b.size()));
}

bool MayBeOneCaption(std::size_t words_a, std::size_t words_b) {
  const std::size_t shorter = std::min(words_a, words_b), longer = std::max(words_a, words_b);
  if (shorter < tunables::kCaptionMinWords || longer > tunables::kMaxCaptionWords) return false;  // paragraphs
  return static_cast<double>(longer) / static_cast<double>(shorter) <= tunables::kCaptionMaxLengthRatio;
}

CaptionPair CompareCaptions(std::string_view first, std::string_view second) {
  std::vector<std::string> a = Words(first), b = Words(second);
  if (a.empty() || b.empty()) return CaptionPair::kDifferent;
  if (a == b) return CaptionPair::kKeepFirst;
  if (!MayBeOneCaption(a.size(), b.size())) return CaptionPair::kDifferent;
  if (OrderedContainment(a, b) < tunables::kCaptionContainment) return CaptionPair::kDifferent;
  // Same caption. If one only abbreviates what the other spells out, they say
  // the same thing and the first stands; otherwise the second (the visible
  // caption, usually the fuller one) is kept.
  std::vector<std::string> raw_a = RawWords(first), raw_b = RawWords(second);
  std::vector<std::string> xa = a, xb = b;
  ExpandAcronyms(raw_a, xa, b);
  ExpandAcronyms(raw_b, xb, a);
  return xa == b || xb == a ? CaptionPair::kKeepFirst : CaptionPair::kKeepSecond;
}

std::string DedupeKey(std::string_view paragraph) { return FoldedJoinedWords(paragraph); }

}  // namespace sach
