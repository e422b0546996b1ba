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
  return l.marker || l.doubled || LinkNoise(l) || (l.repeats > 1 && l.words < kRepeatedLineMaxWords);
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
  // Code or data (a script's JSON a dumper printed): weighs nothing either
  // way, so it neither makes a region of its own nor splits an article
  // that shows a listing.
  if (l.symbolic) return LineKind::kWeakProse;
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
    case LineKind::kWeakProse:
      return (l.ends_sentence || l.caption) && !l.symbolic ? chars * kWeakProseWeight : 0.0;
    case LineKind::kShort: return -kShortLineCost;
    case LineKind::kPlain:
    case LineKind::kNoise: return -std::max(kNoiseMinCost, chars * kNoiseCostPerChar);
  }
  return 0;
}

// The lines of a teaser's record above its date (picture, headline,
// author), for the list whose dates stand at `dates` from index k on, one
// every `period` lines. Kinds repeat from record to record, so the lines
// before the first date that repeat the lines a period later may be the
// first record's, or the article's last lines looking like a record's last;
// where the list ends tells: the record's lines under its date are those
// after the last date that repeat the lines a period before them.
std::size_t RecordLinesAbove(const std::vector<LineKind>& kinds, const std::vector<std::size_t>& dates, std::size_t k,
                             std::size_t period, std::size_t begin) {
  std::size_t last = k;
  while (last + 1 < dates.size() && dates[last + 1] - dates[last] == period) ++last;
  std::size_t below = 0;
  for (std::size_t at = dates[last] + 1; below + 1 < period && at < kinds.size() && kinds[at] == kinds[at - period]; ++at)
    ++below;
  const std::size_t d = dates[k];
  std::size_t above = 0;
  while (above + below + 1 < period && d - above > begin && kinds[d - above - 1] == kinds[d + period - above - 1])
    ++above;
  return above;
}

// A list of teasers under the article (headline, author, date, summary,
// again and again) reads as prose: its summaries are sentences. Date lines
// at one spacing, kMinListDates of them, not running forward (lists of posts
// run newest first, popular ones in no order; a timeline or a list of events
// runs forward), give it away; the region ends
// where the first record starts (the list's heading, if any, stays: a table
// of short lines may come just before it). A region
// that is nothing but the list stays whole (an archive page's text is it).
void CutDatedList(const std::vector<DumpLine>& lines, Region& r) {
  std::vector<std::size_t> dates;
  for (std::size_t i = r.begin + 1; i < r.end; ++i)
    if (lines[i].day) dates.push_back(i);
  for (std::size_t k = 0; k + kMinListDates <= dates.size(); ++k) {
    const std::size_t period = dates[k + 1] - dates[k];
    if (period < kMinRecordLines || period > kMaxRecordLines) continue;
    bool regular = true;
    bool back = false, forth = false;  // a day before, after its predecessor
    for (std::size_t j = k; j + 1 < k + kMinListDates && regular; ++j) {
      regular = dates[j + 1] - dates[j] == period;
      back = back || lines[dates[j + 1]].day < lines[dates[j]].day;
      forth = forth || lines[dates[j + 1]].day > lines[dates[j]].day;
    }
    if (!regular || (forth && !back)) continue;  // running forward: a timeline
    const std::size_t end = dates[k] - RecordLinesAbove(r.kinds, dates, k, period, r.begin);
    if (std::any_of(r.kinds.begin() + static_cast<std::ptrdiff_t>(r.begin), r.kinds.begin() + static_cast<std::ptrdiff_t>(end),
                    [](LineKind kind) { return kind == LineKind::kProse; }))
      r.end = end, r.list_cut = true;
    return;
  }
}

}  // namespace

bool CodeBlob(const DumpLine& l) { return l.symbolic && l.chars >= kCodeBlobChars; }

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
  else CutDatedList(lines, r);
  return r;
}

}  // namespace sach
