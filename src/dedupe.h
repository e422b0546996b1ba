// Dedupe stage: captions printed twice (an image's alt text, then its visible
// caption) and paragraphs repeated word for word. The same measure serves text
// dumps and HTML. Usage:
//   switch (CompareCaptions(alt, caption)) { case CaptionPair::kKeepSecond: ... }
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sach {

// Of words `a` and `b` (lower-cased), the length of their longest common
// subsequence divided by the length of the shorter: 1.0 when the shorter one's
// words all appear, in order, in the longer one. Word order is kept on purpose:
// "A gives B a gift" and "B gives A a gift" are different captions.
double OrderedContainment(const std::vector<std::string>& a, const std::vector<std::string>& b);

enum class CaptionPair {
  kDifferent,   // two different texts: keep both
  kKeepFirst,   // the same words (up to an acronym spelled out): keep the first
  kKeepSecond,  // a reworded or fuller second line: keep the visible caption, the second
};

// Decides whether `first` and `second` (adjacent lines) are one caption twice.
CaptionPair CompareCaptions(std::string_view first, std::string_view second);

// Whether lines of these many words can be one caption twice (both captions'
// length, neither much longer): CompareCaptions says kDifferent otherwise,
// unless their words are the same. Lets a caller skip the comparison.
bool MayBeOneCaption(std::size_t words_a, std::size_t words_b);

// Key under which two paragraphs count as the same text: words folded,
// punctuation and spacing ignored.
std::string DedupeKey(std::string_view paragraph);

}  // namespace sach
