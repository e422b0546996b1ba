// Region stage: one kind per line, then the highest-weighing run of lines.
#include "region.h"

#include <algorithm>

#include "tunables.h"

namespace sach {

std::string_view LineKindName(LineKind k) {
  switch (k) {
    case LineKind::kProse: return "prose";
    case LineKind::kWeakProse: return "weak prose";
    case LineKind::kShort: return "short line";
    case LineKind::kPlain: return "plain line";
    case LineKind::kNoise: return "noise";
  }
  return "?";
}

namespace {

using namespace tunables;

double Share(std::size_t part, std::size_t whole) {
  return whole ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

bool IsNoise(const DumpLine& l) {
  return l.marker || LinkNoise(l) || (l.repeats > 1 && l.words < kRepeatedLineMaxWords);
}

// The share of function words a prose line of this dump holds, and its
// weak-prose floor: scaled down where the dump's own sentences hold fewer
// (Vietnamese counts syllables, so its share runs lower than English's).
struct Thresholds {
  double prose = kProseFunctionShare, weak = kWeakProseFunctionShare;
};

Thresholds ThresholdsOf(const std::vector<DumpLine>& lines) {
  std::size_t words = 0, fw = 0;
  for (const DumpLine& l : lines)
    if (l.words >= kProseMinWords && l.ends_sentence) words += l.words, fw += l.function_words;
  Thresholds t;
  if (words == 0) return t;
  const double share = Share(fw, words);
  t.prose = std::min(t.prose, share * kProseShareOfSentences);
  t.weak = std::min(t.weak, share * kWeakShareOfSentences);
  return t;
}

LineKind Classify(const DumpLine& l, bool language_known, const Thresholds& t) {
  if (IsNoise(l)) return LineKind::kNoise;
  if (l.chars < kShortLineChars) return LineKind::kShort;
  // A cut excerpt ("Many people dream of…") is a teaser of another page:
  // in the wcxb-dev dumps' read half, 231 such lines stood outside the
  // article and 68 inside; costing them keeps teaser lists out of the run.
  if (l.truncated) return LineKind::kPlain;
  const double fw = Share(l.function_words, l.words);
  const bool sentence = l.ends_sentence || l.chars > kProseMinChars;
  if (!language_known) return sentence ? LineKind::kProse : LineKind::kWeakProse;
  if (fw >= t.prose && l.words >= kProseMinWords && sentence) return LineKind::kProse;
  if (fw >= t.weak || l.chars >= kLongLineChars || l.ends_sentence) return LineKind::kWeakProse;
  return LineKind::kPlain;
}

double Weight(LineKind k, const DumpLine& l) {
  const double chars = static_cast<double>(l.chars);
  switch (k) {
    case LineKind::kProse: return chars;
    // Weak prose without a sentence end (a headline, a list item) neither
    // adds nor costs: a list of headlines adds nothing to a run, a subheading
    // inside an article does not split it. A caption counts: it is the article's.
    case LineKind::kWeakProse: return l.ends_sentence || l.caption ? chars * kWeakProseWeight : 0.0;
    case LineKind::kShort: return -kShortLineCost;
    case LineKind::kPlain:
    case LineKind::kNoise: return -std::max(kNoiseMinCost, chars * kNoiseCostPerChar);
  }
  return 0;
}

}  // namespace

bool LinkNoise(const DumpLine& l) { return Share(l.link_chars, l.chars) > kMaxLinkShare; }

Region FindRegion(const std::vector<DumpLine>& lines, bool language_known) {
  Region r;
  r.kinds.reserve(lines.size());
  const Thresholds t = ThresholdsOf(lines);
  for (const DumpLine& l : lines) r.kinds.push_back(Classify(l, language_known, t));
  // The run of highest total weight (Kadane): one pass. The page's first
  // prose line weighs more: an article comes before its related teasers.
  double best = 0, run = 0;
  std::size_t start = 0;
  bool first_prose = true;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (run <= 0) run = 0, start = i;
    double w = Weight(r.kinds[i], lines[i]);
    if (first_prose && r.kinds[i] == LineKind::kProse) w *= kFirstProseBonus, first_prose = false;
    run += w;
    if (run > best) best = run, r.begin = start, r.end = i + 1, r.found = true;
  }
  if (!r.found) r.begin = 0, r.end = lines.size();
  return r;
}

}  // namespace sach
