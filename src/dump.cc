// Dump stage. A dump is read as lines ("units"); blank lines separate blocks.
// The cleaner lifts the header (leading date field, title, date line), finds
// where the article ends (the first boilerplate marker after which no real
// paragraph follows), lifts the byline and source from the article's tail,
// drops captions printed twice and repeated paragraphs. Every unit's fate is
// recorded for `sach explain`.
#include "dump.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "dedupe.h"
#include "meta_lines.h"
#include "region.h"
#include "text.h"
#include "sach/tunables.h"

namespace sach {
namespace {

struct Unit {
  std::string text;      // white space folded
  std::size_t line = 0;  // 1-based
  std::size_t block = 0; // blank-line separated block number
  bool kept = true;
  std::string why = "body";
  std::string run;  // the reason shared by a run of dropped lines (Decision::run)
  const Marker* marker = nullptr;
  bool is_date = false;
  int heading = 0;  // markdown heading level: 1 for "# Title", 3 for "### Tin liên quan"
  std::string key;        // DedupeKey: words folded, punctuation ignored
  std::size_t words = 0;
  std::size_t link_chars = 0;  // code points of markdown link text
  bool header = false;         // just above the article region: title, date, byline
  bool trailer = false;        // just below it: byline, source
};

// A markdown dump (as crawlers that convert pages save them): an H1 heading
// or inline links.
bool IsMarkdown(std::string_view text) {
  return text.rfind("# ", 0) == 0 || text.find("\n# ") != std::string_view::npos ||
         text.find("](http") != std::string_view::npos;
}

// A single `_` or `*` that opens or closes emphasis ("_(TTXVN)_", "*Note*"):
// one at a word's start or end. Not a list bullet ("* item"), not inside a
// word ("snake_case"), not an operator between spaces.
bool EmphasisMark(std::string_view line, std::size_t i) {
  const char c = line[i];
  if (c != '_' && c != '*') return false;
  auto word = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || (ch & 0x80); };
  const char prev = i > 0 ? line[i - 1] : ' ', next = i + 1 < line.size() ? line[i + 1] : ' ';
  if (prev == c || next == c) return false;
  const bool opens = !word(prev) && next != ' ';
  const bool closes = prev != ' ' && !word(next);
  return opens != closes;
}

// Markdown to text for one line: images go (their alt text is a file name or
// an icon's label), links keep their text, heading marks, emphasis and escapes
// go. `only_links` tells whether the line held nothing but links and images:
// a menu row.
std::string MarkdownLine(std::string_view line, bool& only_links, int& heading, std::size_t& link_chars) {
  std::string out;
  out.reserve(line.size());
  only_links = false;
  heading = 0;
  link_chars = 0;
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  if (line.substr(i, 1) == "#") {
    std::size_t j = i;
    while (j < line.size() && line[j] == '#') ++j;
    if (j < line.size() && line[j] == ' ') {
      heading = static_cast<int>(j - i);
      i = j + 1;
    }
  }
  std::size_t links = 0, text_chars = 0;
  // Finds the bracket closing the one at `open` (nesting and escapes honoured):
  // link texts may hold an image, link targets parentheses.
  auto closing = [&](std::size_t open, char l, char r) {
    int depth = 0;
    for (std::size_t k = open; k < line.size(); ++k) {
      if (line[k] == '\\') { ++k; continue; }
      if (line[k] == l) ++depth;
      else if (line[k] == r && --depth == 0) return k;
    }
    return std::string_view::npos;
  };
  while (i < line.size()) {
    bool image = line[i] == '!' && i + 1 < line.size() && line[i + 1] == '[';
    if (image || line[i] == '[') {
      std::size_t open = image ? i + 1 : i;
      std::size_t close = closing(open, '[', ']');
      if (close != std::string_view::npos && close + 1 < line.size() && line[close + 1] == '(') {
        std::size_t end = closing(close + 1, '(', ')');
        if (end != std::string_view::npos) {
          ++links;
          if (!image) {
            bool inner_only = false;
            int inner_heading = 0;
            std::size_t inner_links = 0;
            std::string inner =
                MarkdownLine(line.substr(open + 1, close - open - 1), inner_only, inner_heading, inner_links);
            link_chars += CharCount(FoldSpace(inner));
            out += inner;
          }
          i = end + 1;
          continue;
        }
      }
    }
    if (line[i] == '\\' && i + 1 < line.size() && std::ispunct(static_cast<unsigned char>(line[i + 1]))) {
      out.push_back(line[i + 1]);
      i += 2;
      ++text_chars;
      continue;
    }
    if (line.substr(i, 2) == "**" || line.substr(i, 2) == "__") {
      i += 2;
      continue;
    }
    if (EmphasisMark(line, i)) {
      ++i;
      continue;
    }
    if (line[i] != ' ') ++text_chars;
    out.push_back(line[i++]);
  }
  only_links = links > 0 && text_chars == 0;
  return out;
}

std::vector<Unit> SplitUnits(std::string_view text) {
  const bool markdown = IsMarkdown(text);
  std::vector<Unit> units;
  std::size_t line_no = 0, block = 0, start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    // Lines of only white space or NBSP are noise that separates blocks.
    std::string folded = TidySpace(raw);
    bool only_links = false;
    int heading = 0;
    std::size_t link_chars = 0;
    if (markdown && !folded.empty()) {
      folded = TidySpace(MarkdownLine(folded, only_links, heading, link_chars));
      // A horizontal rule or a row of menu links is not text.
      if (only_links || folded.find_first_not_of("*-_ ") == std::string::npos) folded.clear();
    }
    if (folded.empty()) {
      ++block;
    } else {
      Unit u;
      u.text = std::move(folded);
      u.line = line_no;
      u.block = block;
      u.heading = heading;
      u.link_chars = link_chars;
      units.push_back(std::move(u));
    }
    if (end == text.size()) break;
  }
  return units;
}

std::string Quote(const Marker& m) {
  return std::string(ConceptName(m.kind)) + " marker \"" + m.phrase + "\" (" + m.origin + ")";
}

class DumpCleaner {
 public:
  DumpCleaner(std::string_view text, const Vocabulary& v) : v_(v), u_(SplitUnits(text)) {}

  Article Run(Trace* trace) {
    LiftDatePrefix();
    Classify();
    KeepArticleRegion();
    LiftTitle();
    DropHeader();
    CutAtArticleEnd();
    LiftDate();  // after the cut: dates in related lists are not the article's
    LiftTail();
    DropTrailer();
    DropDuplicateCaptions();
    DropRepeatedParagraphs();

    for (auto& u : u_)
      if (u.kept) a_.paragraphs.push_back(u.text);
    if (trace) {
      for (auto& u : u_) trace->blocks.push_back({u.line, u.text, u.kept, u.why, 0, u.run});
      trace->origins = std::move(origins_);
    }
    return std::move(a_);
  }

 private:
  void Drop(Unit& u, std::string why, const std::string& run = {}) {
    if (!u.kept) return;
    u.kept = false;
    u.why = std::move(why);
    u.run = run;
  }
  // Dropped for a reason a whole run of lines shares, and no other.
  void DropInRun(Unit& u, const std::string& reason) { Drop(u, reason, reason); }

  void SetMeta(std::string& field, std::string value, const char* key, std::string origin) {
    if (!field.empty() || value.empty()) return;
    field = std::move(value);
    origins_.emplace_back(key, std::move(origin));
  }

  // " date 2023-02 Text…": a scraper's date field glued to the first line.
  void LiftDatePrefix() {
    if (u_.empty()) return;
    Unit& first = u_.front();
    auto d = v_.MatchDatePrefix(first.text);
    if (!d) return;
    SetMeta(a_.meta.date, d->iso, "date", "line " + std::to_string(first.line) + ": date field (" + d->origin + ")");
    first.text = d->rest;
    if (first.text.empty()) Drop(first, "date field -> metadata");
  }

  // Everything later steps ask of a unit, computed once.
  void Classify() {
    for (auto& u : u_) {
      u.marker = v_.FindMarker(u.text);
      if (!u.marker) u.is_date = v_.MatchDateLine(u.text).has_value();
      u.key = DedupeKey(u.text);
      u.words = static_cast<std::size_t>(std::count(u.key.begin(), u.key.end(), ' ')) + !u.key.empty();
    }
  }

  // A line's words without a trailing counter: a template that printed a
  // headline once per photo ("Title - 1", "Title - 2") printed one line again.
  // A short label with a number ("Price: 75") is data, not a template.
  static std::string Shape(const std::string& key) {
    const std::size_t end = key.find_last_not_of("0123456789 ");
    if (end == std::string::npos || end + 1 == key.size()) return key;
    std::string shape = key.substr(0, end + 1);
    const auto words = static_cast<std::size_t>(std::count(shape.begin(), shape.end(), ' ')) + 1;
    return words >= tunables::kCounterShapeMinWords ? shape : key;
  }

  // The dump's language: the one whose function words its words hold most
  // of, when they hold enough of them to tell; else none (-1).
  int DetectLanguage(const std::vector<std::size_t>& hits_per_lang) const {
    std::size_t words = 0;
    for (auto& u : u_) words += u.words;
    auto best = std::max_element(hits_per_lang.begin(), hits_per_lang.end());
    if (best == hits_per_lang.end() || static_cast<double>(*best) < tunables::kKnownLanguageShare * words) return -1;
    return static_cast<int>(best - hits_per_lang.begin());
  }

  // The line features of the region stage, in the dump's language.
  std::vector<DumpLine> LineFeatures(bool& language_known) const {
    const std::size_t n_langs = v_.function_languages.size();
    std::vector<std::size_t> hits(n_langs, 0);
    std::vector<std::uint32_t> masks;  // per word of every unit, in order
    // A line printed twice in a row is a caption twice (the dedupe step's
    // case); only separate printings count as repeats.
    std::unordered_map<std::string, std::size_t> repeats;
    std::vector<std::string> shapes;
    shapes.reserve(u_.size());
    for (auto& u : u_) shapes.push_back(Shape(u.key));
    for (std::size_t i = 0; i < u_.size(); ++i) {
      const Unit& u = u_[i];
      if (i == 0 || u_[i - 1].key != u.key) ++repeats[shapes[i]];
      std::size_t at = 0;
      while (at < u.key.size()) {
        std::size_t sp = std::min(u.key.find(' ', at), u.key.size());
        auto it = v_.function_words.find(std::string_view(u.key).substr(at, sp - at));
        std::uint32_t m = it == v_.function_words.end() ? 0 : it->second;
        masks.push_back(m);
        for (std::size_t l = 0; l < n_langs; ++l) hits[l] += (m >> l) & 1u;
        at = sp + 1;
      }
    }
    const int lang = DetectLanguage(hits);
    language_known = lang >= 0;
    std::vector<DumpLine> lines;
    lines.reserve(u_.size());
    std::size_t w = 0;
    for (auto& u : u_) {
      DumpLine l;
      l.chars = CharCount(u.text);
      l.words = u.words;
      for (std::size_t k = 0; k < u.words && w < masks.size(); ++k, ++w)
        if (lang >= 0) l.function_words += (masks[w] >> lang) & 1u;
      l.link_chars = u.link_chars;
      l.repeats = repeats[shapes[lines.size()]];
      l.ends_sentence = EndsSentence(u.text);
      l.caption = !l.ends_sentence && l.chars >= tunables::kShortLineChars && HasCaptionMarker(u.text, v_);
      l.marker = u.marker != nullptr;
      lines.push_back(l);
    }
    return lines;
  }

  // A whole-page dump holds menus above the article and sidebars and footers
  // below it: only the article region stays, with the few lines just above
  // it (title, date, byline) held for the header steps. Inside the region,
  // link rows and lines printed again elsewhere go.
  void KeepArticleRegion() {
    bool language_known = false;
    std::vector<DumpLine> lines = LineFeatures(language_known);
    Region r = FindRegion(lines, language_known);
    if (!r.found) return;
    region_ = {r.begin, r.end};
    const std::string span = " (lines " + std::to_string(u_[r.begin].line) + "-" +
                             std::to_string(u_[r.end - 1].line) + ")";
    const std::size_t header = r.begin > tunables::kDumpHeaderLines ? r.begin - tunables::kDumpHeaderLines : 0;
    std::size_t trailer = r.end;
    while (trailer < u_.size() && trailer < r.end + tunables::kDumpTrailerLines && MayBeMeta(trailer)) ++trailer;
    const std::string before = "before the article region" + span, after = "after the article region" + span;
    for (std::size_t i = 0; i < u_.size(); ++i) {
      Unit& u = u_[i];
      if (i < r.begin) {
        u.header = i >= header && MayBeMeta(i);
        if (!u.header) Drop(u, Outside(u, before), before);
      } else if (i >= r.end) {
        u.trailer = i < trailer;
        if (!u.trailer) Drop(u, Outside(u, after), after);
      } else if (r.kinds[i] == LineKind::kNoise && !u.marker && !u.is_date) {
        Drop(u, std::string(LineKindName(r.kinds[i])) + " inside the article region");
      }
    }
  }

  // Why a line outside the region goes: its boilerplate phrase says most.
  static std::string Outside(const Unit& u, std::string where) {
    return u.marker ? Quote(*u.marker) + ", " + where : where;
  }

  // A line beside the region that may carry metadata: no boilerplate phrase,
  // not a row of links.
  bool MayBeMeta(std::size_t i) const {
    const Unit& u = u_[i];
    if (u.marker) return false;
    // "By [Jane Smith](/authors/js)": a byline's names are often a link.
    return static_cast<double>(u.link_chars) <= tunables::kMaxLinkShare * static_cast<double>(CharCount(u.text)) ||
           ParsePrefixedByline(u.text, v_).has_value();
  }

  // Lines beside the region that the header and tail steps did not take
  // (dates aside: the date step reads them) are the page's, not the article's.
  // A byline that says it is one ("By Jane Smith") may sit there too.
  void DropHeader() {
    for (auto& u : u_) {
      if (!u.header || !u.kept || u.is_date) continue;
      if (auto names = ParsePrefixedByline(u.text, v_); names && a_.meta.author.empty()) {
        SetMeta(a_.meta.author, *names, "author", "line " + std::to_string(u.line) + ": byline above the article");
        Drop(u, "byline -> metadata");
        continue;
      }
      DropInRun(u, "above the article region, not its title, byline or date");
    }
  }
  void DropTrailer() {
    for (auto& u : u_)
      if (u.trailer) DropInRun(u, "below the article region, not its byline or source");
  }

  std::optional<std::size_t> FirstKept(std::size_t from = 0) const {
    for (std::size_t i = from; i < u_.size(); ++i)
      if (u_[i].kept) return i;
    return std::nullopt;
  }

  void LiftTitle() {
    // A markdown dump names its title with the first top-level heading; the
    // site menus printed above it are not the article.
    for (std::size_t h = 0; h < u_.size(); ++h) {
      if (u_[h].heading != 1 || u_[h].marker) continue;
      if (h + 1 >= u_.size()) break;
      const std::string before = "before the title heading (line " + std::to_string(u_[h].line) + ")";
      for (std::size_t k = 0; k < h; ++k) DropInRun(u_[k], before);
      SetMeta(a_.meta.title, u_[h].text, "title", "line " + std::to_string(u_[h].line) + ": first heading");
      Drop(u_[h], "title -> metadata");
      return;
    }
    auto i = HeaderTitle();
    if (!i) i = FirstLineTitle();
    if (!i) return;
    Unit& u = u_[*i];
    SetMeta(a_.meta.title, u.text, "title", "line " + std::to_string(u.line) + ": first line");
    Drop(u, "title -> metadata");
  }

  // The first kept line, when it reads as a headline and is not the only line
  // (a lone line is a paragraph, not a title).
  std::optional<std::size_t> FirstLineTitle() const {
    auto i = FirstKept();
    if (!i || *i + 1 >= u_.size()) return std::nullopt;
    const Unit& u = u_[*i];
    if (u.marker || u.is_date || !LooksLikeTitle(u.text, v_) || ParsePrefixedByline(u.text, v_)) return std::nullopt;
    return i;
  }

  // Above a whole page's article region, the headline is the line nearest
  // the text that reads as one: not a date, a byline or a source line, not a
  // button ("Book a demo"); the lines further up are the page's tickers and teasers.
  std::optional<std::size_t> HeaderTitle() const {
    if (!region_) return std::nullopt;
    for (std::size_t i = region_->first; i-- > 0 && u_[i].header;) {
      const Unit& u = u_[i];
      if (!u.kept || u.is_date || ParsePrefixedByline(u.text, v_) || ParseSourceLine(u.text, v_)) continue;
      if (LooksLikeTitle(u.text, v_) && u.words >= tunables::kMinHeadlineWords) return i;
    }
    return std::nullopt;
  }

  // The first date line is the article's date; later ones belong to lists.
  // In a whole-page dump, the date line nearest to the article region's start
  // (a dateline a few rows above the text, or just inside it); when none is
  // above or inside, the nearest below it ("Last updated ...").
  void LiftDate() {
    std::optional<std::size_t> pick = region_ ? DateNearestRegion() : std::nullopt;
    for (std::size_t i = 0; i < u_.size(); ++i) {
      Unit& u = u_[i];
      if (!u.is_date || !(u.kept || pick == i)) continue;
      if (!pick && u.kept) pick = i;
      if (pick == i) TakeDate(u);
      else Drop(u, "date line");
    }
  }

  void TakeDate(Unit& u) {
    auto d = v_.MatchDateLine(u.text);
    SetMeta(a_.meta.date, d->iso, "date", "line " + std::to_string(u.line) + ": date line (" + d->origin + ")");
    u.kept = false;  // also when the region had dropped it: it is metadata now
    u.why = "date -> metadata";
    u.run.clear();
  }

  std::optional<std::size_t> DateNearestRegion() const {
    const auto [begin, end] = *region_;
    std::optional<std::size_t> best;
    std::size_t best_gap = u_.size() * 2;
    for (std::size_t i = 0; i < u_.size(); ++i) {
      if (!u_[i].is_date) continue;
      // Below the region counts only after everything above or inside it.
      const std::size_t gap = i < begin ? begin - i : i < end ? i - begin : u_.size() + i - end;
      if (gap < best_gap) best_gap = gap, best = i;
    }
    return best;
  }

  bool SameText(std::size_t i, std::size_t j) const { return j < u_.size() && u_[i].key == u_[j].key; }

  // A unit after a marker that list structure accounts for: a marker or date
  // itself, a headline printed twice, a headline / time / teaser triple, or a
  // line of a widget box.
  bool Explained(std::size_t j) const {
    const Unit& u = u_[j];
    if (u.marker || u.is_date) return true;
    if ((j > 0 && SameText(j, j - 1)) || SameText(j, j + 1)) return true;
    if ((j > 0 && u_[j - 1].is_date) || (j + 1 < u_.size() && u_[j + 1].is_date)) return true;
    for (std::size_t k = j; k-- > 0 && u_[k].block == u.block;)
      if (u_[k].marker && u_[k].marker->kind == Concept::kWidget) return true;
    return false;
  }

  // A real paragraph: a sentence of some length that no list structure
  // explains. One after a marker means the marker heads a box inside the article.
  bool RealParagraph(std::size_t j) const {
    return u_[j].kept && u_[j].words >= tunables::kMinResumeWords && !Explained(j) && EndsSentence(u_[j].text);
  }

  void CutAtArticleEnd() {
    auto body = FirstKept();
    // resumes[i]: a real paragraph stands somewhere after unit i (one pass,
    // so many markers in a long dump stay linear).
    std::vector<bool> resumes(u_.size() + 1, false);
    for (std::size_t i = u_.size(); i-- > 0;) resumes[i] = resumes[i + 1] || (i + 1 < u_.size() && RealParagraph(i + 1));
    for (std::size_t i = 0; i < u_.size(); ++i) {
      Unit& u = u_[i];
      if (!u.marker || !u.kept) continue;
      if (!body || i < *body || resumes[i]) {
        // A box inside (or above) the article: drop the marker and what the
        // box's structure explains, up to the first line it does not.
        Drop(u, Quote(*u.marker));
        for (std::size_t j = i + 1; j < u_.size() && u_[j].kept && Explained(j) && !u_[j].marker; ++j)
          Drop(u_[j], "in the box under " + Quote(*u.marker));
        continue;
      }
      const std::string run = "after the end of the article (line " + std::to_string(u.line) + ": " + Quote(*u.marker) + ")";
      Drop(u, "end of article: " + Quote(*u.marker), run);
      for (std::size_t j = i + 1; j < u_.size(); ++j)
        DropInRun(u_[j], run);
      return;
    }
  }

  // The article's last lines may be its byline and credited source.
  void LiftTail() {
    for (int round = 0; round < 3; ++round) {
      std::optional<std::size_t> last;
      for (std::size_t i = u_.size(); i-- > 0;)
        if (u_[i].kept) { last = i; break; }
      if (!last || *last == FirstKept()) return;  // never take the only paragraph
      Unit& u = u_[*last];
      std::string where = "line " + std::to_string(u.line);
      if (auto s = ParseSourceLine(u.text, v_); s && a_.meta.source.empty()) {
        SetMeta(a_.meta.source, *s, "source", where + ": source line");
        Drop(u, "source -> metadata");
      } else if (auto b = ParseByline(u.text, v_); b && a_.meta.author.empty()) {
        SetMeta(a_.meta.author, b->author, "author", where + ": byline after the last paragraph");
        SetMeta(a_.meta.source, b->source, "source", where + ": agency in the byline");
        Drop(u, "byline -> metadata");
      } else {
        return;
      }
    }
  }

  // Adjacent lines (no blank between) that are one caption twice.
  void DropDuplicateCaptions() {
    auto i = FirstKept();
    while (i) {
      auto j = FirstKept(*i + 1);
      if (!j) return;
      Unit& a = u_[*i];
      Unit& b = u_[*j];
      if (b.line == a.line + 1) {
        switch (CompareCaptions(a.text, b.text)) {
          case CaptionPair::kKeepFirst:
            Drop(b, "duplicate of line " + std::to_string(a.line) + " (same caption)");
            i = FirstKept(*j + 1);
            continue;
          case CaptionPair::kKeepSecond:
            Drop(a, "duplicate of line " + std::to_string(b.line) + " (caption printed twice; visible one kept)");
            i = FirstKept(*j + 1);
            continue;
          case CaptionPair::kDifferent:
            break;
        }
      }
      i = j;
    }
  }

  // A paragraph printed again word for word (a sapo repeated as the first
  // body paragraph, the title repeated) is kept once.
  void DropRepeatedParagraphs() {
    std::unordered_set<std::string> seen;
    if (!a_.meta.title.empty()) seen.insert(DedupeKey(a_.meta.title));
    for (auto& u : u_) {
      if (!u.kept || u.key.empty()) continue;
      if (!seen.insert(u.key).second) Drop(u, "repeats an earlier paragraph");
    }
  }

  const Vocabulary& v_;
  std::vector<Unit> u_;
  Article a_;
  std::optional<std::pair<std::size_t, std::size_t>> region_;  // the article region's units [first, second)
  std::vector<std::pair<std::string, std::string>> origins_;
};

}  // namespace

Article CleanDump(std::string_view text, const Vocabulary& v, Trace* trace) {
  return DumpCleaner(text, v).Run(trace);
}

}  // namespace sach
