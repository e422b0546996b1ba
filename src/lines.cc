// Line stage: the steps an HTML page's blocks and a dump's lines share.
#include "lines.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <unordered_map>

#include "dedupe.h"
#include "meta_lines.h"
#include "text.h"
#include "tunables.h"

namespace sach {

std::string Quote(const Marker& m) {
  return std::string(ConceptName(m.kind)) + " marker \"" + m.phrase + "\" (" + m.origin + ")";
}

std::size_t CountWords(const std::string& key) {
  return static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ')) + !key.empty();
}

void DropLine(Line& l, std::string why, std::string run) {
  if (!l.kept) return;
  l.kept = false;
  l.why = std::move(why);
  l.run = std::move(run);
}

namespace {

using namespace tunables;

// "Xem thêm: <a>Other story</a>", "Tags <a>a</a>, <a>b</a>": a marker
// heading glued to its links (its first few words, with or without a colon).
const Marker* MarkerBeforeColon(const Line& l, const Vocabulary& v) {
  const auto colon = l.text.find(':');
  return colon != std::string::npos && colon < kMaxMarkerColonBytes ? v.FindMarker(l.text.substr(0, colon)) : nullptr;
}

// "Theo dõi VietnamPlus", "Share this Story": a share phrase of two words or
// more and a name after it (capitalised: "Theo dõi sức khỏe" is a
// heading), the whole line a few words long: a button.
const Marker* FollowButton(const Line& l, const Vocabulary& v) {
  if (CountWords(l.key) > kMaxFollowButtonWords) return nullptr;
  std::array<Vocabulary::PrefixMarker, kMaxMarkerWords> prefixes;
  const std::size_t n = v.FindPrefixMarkers(l.text, prefixes);
  for (std::size_t words = 1; words < n; ++words) {  // one word ("Follow") is too little to tell
    const Marker* m = prefixes[words].marker;
    if (m && m->kind == Concept::kShare)
      return StartsUpper(std::string_view(l.text).substr(prefixes[words].end + 1)) ? m : nullptr;
  }
  return nullptr;
}

const Marker* FindLeadingMarker(const Line& l, const Vocabulary& v) {
  if (l.LinkDensity() < kMarkerLinkDensity) {
    // Unlinked (a dump of a page lost its links): a list's heading, a colon
    // and a headline, which ends no sentence ("Read more: How we did it").
    if (EndsSentence(l.text)) return nullptr;
    if (const Marker* m = MarkerBeforeColon(l, v); m && (m->kind == Concept::kRelated || m->kind == Concept::kTags))
      return m;
    return FollowButton(l, v);
  }
  std::array<Vocabulary::PrefixMarker, kMaxMarkerWords> prefixes;
  const std::size_t n = v.FindPrefixMarkers(l.text, prefixes);
  for (std::size_t i = 0; i < n; ++i)
    if (prefixes[i].marker) return prefixes[i].marker;
  return MarkerBeforeColon(l, v);
}

// "#bệnh viện bạch mai #báo động đỏ": a line of hashtags is a tag list,
// however the page named it. A markdown heading ("# Title") is no hashtag:
// a hashtag's "#" is glued to a letter.
const Marker* HashtagLine(const Line& l) {
  static const Marker kHashtags{Concept::kTags, "#tag #tag", "built in: a line of hashtags"};
  if (l.chars > kMaxHashtagLineChars || l.text.empty() || l.text[0] != '#') return nullptr;
  int tags = 0;
  for (std::size_t at = l.text.find('#'); at != std::string::npos; at = l.text.find('#', at + 1)) {
    const bool word_start = at == 0 || l.text[at - 1] == ' ';
    const unsigned char next = at + 1 < l.text.size() ? static_cast<unsigned char>(l.text[at + 1]) : ' ';
    if (!word_start || next == ' ' || next == '#' || std::isdigit(next) || std::ispunct(next)) return nullptr;
    ++tags;
  }
  return tags >= kMinHashtags ? &kHashtags : nullptr;
}

// "close-up of a camera close-up of a camera": a browser dump prints an
// image as its alt text and its title, one after the other on one line
// (each half an alt text's length: kMinDoubledWords to kMaxDoubledWords).
bool IsDoubled(const std::string& key, std::size_t words) {
  if (words < 2 * kMinDoubledWords || words > 2 * kMaxDoubledWords || words % 2 != 0) return false;
  std::size_t at = 0;
  for (std::size_t k = 0; k < words / 2; ++k) at = key.find(' ', at) + 1;
  return key.size() == 2 * at - 1 && key.compare(0, at - 1, key, at, at - 1) == 0;
}

// "2024-04-05..." -> 20240405; 0 for a month without its day ("2023-02").
std::uint32_t DayNumber(std::string_view iso) {
  if (iso.size() < 10) return 0;
  std::uint32_t n = 0;
  for (char c : iso.substr(0, 10))
    if (c >= '0' && c <= '9') n = n * 10 + static_cast<std::uint32_t>(c - '0');
  return n;
}

class LineStage {
 public:
  LineStage(std::vector<Line>& lines, LineContext& cx) : l_(lines), cx_(cx), v_(cx.v), m_(cx.meta) {}

  void Run() {
    DropNotices();
    JoinDatelines();
    DropTitle();
    DropMarkers();
    DropDoubled();
    TrimLinkedEdges();
    LiftDates();
    DropCredits();
    LiftHead();
    LiftTail();
    DropDuplicateCaptions();
    DropRepeated();
  }

 private:
  // Sets a metadata field not yet set, naming line `l` as where it was read.
  void Set(const Line& l, std::string& field, const std::string& value, const char* key, const std::string& from) {
    if (!field.empty() || value.empty()) return;
    field = value;
    if (cx_.origins) cx_.origins->emplace_back(key, Where(l) + from);
  }
  // Where a metadata value was read: "line 12: " in a dump, "" on a page.
  std::string Where(const Line& l) const { return cx_.numbered ? "line " + std::to_string(l.origin) + ": " : ""; }
  std::string Name(const Line& l) const {
    return (cx_.numbered ? "line " : "the block at #") + std::to_string(l.origin);
  }

  // The measure a linked edge line was dropped by.
  static std::string EdgeLinks(const Line& l) {
    char buf[80];
    std::snprintf(buf, sizeof buf, " (link density %.2f >= kEdgeLinkDensity %g)", l.LinkDensity(), kEdgeLinkDensity);
    return buf;
  }

  std::optional<std::size_t> Next(std::size_t from) const {
    for (std::size_t i = from; i < l_.size(); ++i)
      if (l_[i].kept) return i;
    return std::nullopt;
  }
  std::optional<std::size_t> Last() const {
    for (std::size_t i = l_.size(); i-- > 0;)
      if (l_[i].kept) return i;
    return std::nullopt;
  }

  // A cookie banner's or a form's consent text, wherever it is printed: it
  // goes first, so no later step takes it for a paragraph of the article.
  void DropNotices() {
    if (v_.notices.empty()) return;
    for (Line& l : l_)
      if (const Vocabulary::Opening* n = l.kept ? Vocabulary::FindOpening(v_.notices, l.key) : nullptr)
        DropLine(l, "a site notice, opening \"" + n->phrase + "\" (" + n->origin + ")");
  }

  // "(VTC News) -" on its own, then the lead: one paragraph.
  void JoinDatelines() {
    for (std::size_t i = 0; i + 1 < l_.size(); ++i) {
      Line& d = l_[i];
      Line& next = l_[i + 1];
      if (!d.kept || !next.kept || d.chars > kMaxDatelineChars || !EndsWithSeparateDash(d.text)) continue;
      next.text = d.text + " " + next.text;
      next.chars += d.chars + 1;
      next.key = DedupeKey(next.text);
      next.words = CountWords(next.key);
      DropLine(d, "dateline joined to the next paragraph (kMaxDatelineChars " + std::to_string(kMaxDatelineChars) +
                      ")");
    }
  }

  // The headline printed again inside the text is metadata, not body; so is
  // the headline with a photo counter, an image's alt text ("<title> - Ảnh 1").
  void DropTitle() {
    if (m_.title.empty()) return;
    const std::string key = DedupeKey(m_.title);
    const std::size_t chars = CharCount(m_.title);
    for (auto& l : l_) {
      if (!l.kept) continue;
      if ((l.heading || l.chars <= 2 * chars) && l.key == key) DropLine(l, "title again -> metadata");
      else if (IsCounted(l.key, key))
        DropLine(l, "title with a photo counter: an image's alt text (kMaxCounterWords " +
                        std::to_string(kMaxCounterWords) + ")");
    }
  }

  // `key` is `title` and a counter: one or two words after it, one a number.
  static bool IsCounted(std::string_view key, std::string_view title) {
    if (key.size() <= title.size() + 1 || key.compare(0, title.size(), title) != 0 || key[title.size()] != ' ')
      return false;
    const std::string_view rest = key.substr(title.size() + 1);
    const auto words = static_cast<std::size_t>(std::count(rest.begin(), rest.end(), ' ')) + 1;
    return words <= kMaxCounterWords && rest.find_first_of("0123456789") != std::string_view::npos;
  }

  // A line after a marker that list structure accounts for: a marker or date
  // itself, a headline printed twice, a headline / time / teaser triple, or a
  // line of a widget box; and a link row, under a marker that heads a list
  // ("Tin liên quan", "Tags") or when `links` says any link row counts.
  bool Explained(std::size_t j, bool links) const {
    const Line& l = l_[j];
    if (l.marker || l.is_date || (links && l.LinkDensity() >= kMarkerLinkDensity)) return true;
    const bool after_same = j > 0 && l_[j - 1].key == l.key;
    const bool before_same = j + 1 < l_.size() && l_[j + 1].key == l.key;
    if (after_same || before_same) return true;
    if ((j > 0 && l_[j - 1].is_date) || (j + 1 < l_.size() && l_[j + 1].is_date)) return true;
    for (std::size_t k = j; k-- > 0 && l_[k].block == l.block;)
      if (l_[k].marker && l_[k].marker->kind == Concept::kWidget) return true;
    return false;
  }

  // A real paragraph: a sentence of some length that no list structure
  // explains. One after a marker means the marker heads a box inside the article.
  bool RealParagraph(std::size_t j) const {
    return l_[j].kept && l_[j].words >= kMinResumeWords && !Explained(j, true) && EndsSentence(l_[j].text);
  }

  // A line printed right under a marker, a date or a byline: a share bar's
  // or a byline's comment count ("by Jane Doe / 0 Comments"), not a thread.
  bool InHeaderBar(std::size_t i) const {
    if (i == 0) return false;
    const Line& above = l_[i - 1];
    return above.marker || above.is_date || ParsePrefixedByline(above.text, v_);
  }

  // Does the marker at line i head what follows the article, whatever
  // follows it? A comment heading under the article's text does (the
  // paragraphs after it are readers'); an afterword (the author box, a
  // feedback prompt) does when less text follows it than stands above it.
  bool EndsArticle(std::size_t i, std::size_t words_above, std::size_t words_below) const {
    const Concept kind = l_[i].marker->kind;
    // Under a post's navigation ("Previous post", "Next post"), which blog
    // themes print after the text, a comment heading heads the thread
    // however short the post.
    if (kind == Concept::kComment && words_above > 0 && i > 0 && l_[i - 1].marker &&
        l_[i - 1].marker->kind == Concept::kNav)
      return true;
    if (words_above < kMinWordsAboveThread || InHeaderBar(i)) return false;
    return kind == Concept::kComment || (kind == Concept::kAfterword && words_below < words_above);
  }

  // A headline: a line of some words that ends no sentence and is neither a
  // marker, a date nor a heading of the page's markup.
  bool Headline(const Line& l) const {
    return l.kept && !l.marker && !l.is_date && !l.heading && l.words >= kMinHeadlineWords && !EndsSentence(l.text);
  }

  // Headlines printed right above a share bar inside the article, after its
  // text began (other articles' titles a site sets between the lead and the
  // share bar), kMinBoxHeadlines of them or more, go with the bar. (Above a
  // related list, such lines are the article's own table rows and items.)
  void DropHeadlinesAbove(std::size_t i) {
    std::size_t first = i;
    while (first > 0 && Headline(l_[first - 1])) --first;
    if (i - first < kMinBoxHeadlines) return;
    for (std::size_t j = first; j < i; ++j)
      DropLine(l_[j], "a headline right above the box of " + Quote(*l_[i].marker) + " (kMinBoxHeadlines " +
                          std::to_string(kMinBoxHeadlines) + ")");
  }

  // "Tin liên quan" and the links under it; share, print and tag bars. A
  // marker after which no real paragraph follows ends the article there; so
  // does a comment or afterword marker under the article's text (EndsArticle).
  void DropMarkers() {
    const auto body = Next(0);
    // resumes[i]: a real paragraph stands somewhere after line i; below[i]:
    // the words of those (one pass each, so many markers in a long dump stay
    // linear).
    std::vector<bool> real(l_.size() + 1, false), resumes(l_.size() + 1, false);
    std::vector<std::size_t> below(l_.size() + 1, 0);
    for (std::size_t i = 0; i < l_.size(); ++i) real[i] = RealParagraph(i);
    for (std::size_t i = l_.size(); i-- > 0;) {
      resumes[i] = resumes[i + 1] || real[i + 1];
      below[i] = below[i + 1] + (real[i + 1] ? l_[i + 1].words : 0);
    }
    std::size_t words_above = 0;  // words of the real paragraphs before line i
    for (std::size_t i = 0; i < l_.size(); words_above += real[i] ? l_[i].words : 0, ++i) {
      Line& l = l_[i];
      if (!l.marker || !l.kept) continue;
      if (!body || i == *body || (resumes[i] && !EndsArticle(i, words_above, below[i]))) {
        // A box inside (or above) the article: the marker and what the box's
        // structure explains, up to the first line it does not.
        DropLine(l, Quote(*l.marker));
        const bool list = l.marker->kind == Concept::kRelated || l.marker->kind == Concept::kTags;
        // Tags are never sentences: under a tags marker every line up to a
        // real paragraph is a tag, linked or (in a dump) not.
        // Under a related heading, other articles' headlines are its list.
        auto in_box = [&](std::size_t j) {
          if (l.marker->kind == Concept::kTags) return !real[j];
          return Explained(j, list) || (l.marker->kind == Concept::kRelated && Headline(l_[j]));
        };
        for (std::size_t j = i + 1; j < l_.size() && l_[j].kept && in_box(j) && !l_[j].marker; ++j)
          DropLine(l_[j], "in the box under " + Quote(*l.marker));
        if (words_above > 0 && l.marker->kind == Concept::kShare) DropHeadlinesAbove(i);
        continue;
      }
      const std::string run = "after the end of the article (" + Where(l) + Quote(*l.marker) + ")";
      DropLine(l, "end of article: " + Quote(*l.marker), run);
      for (std::size_t j = i + 1; j < l_.size(); ++j) DropLine(l_[j], run, run);
      return;
    }
  }

  // An image's alt text and title printed on one line is the image, not
  // text (its visible caption, if any, is printed on a line of its own).
  void DropDoubled() {
    for (Line& l : l_)
      if (l.kept && l.doubled) DropLine(l, "one phrase printed twice: an image's alt text and title (built in)");
  }

  // Links before the first line of text (breadcrumbs, topic labels) and after
  // the last one ("More stories" lists), and a heading with nothing under it.
  void TrimLinkedEdges() {
    for (auto i = Next(0); i && l_[*i].LinkDensity() >= kEdgeLinkDensity; i = Next(*i + 1))
      DropLine(l_[*i], "links before the article text" + EdgeLinks(l_[*i]));
    for (auto i = Last(); i && i != Next(0); i = Last()) {
      Line& l = l_[*i];
      if (l.LinkDensity() >= kEdgeLinkDensity) DropLine(l, "links after the article text" + EdgeLinks(l));
      else if (l.heading) DropLine(l, "heading with nothing under it (built in)");
      else break;
    }
  }

  // Lines that are only a date: the route's pick (else the first) gives the
  // date when markup did not; the others belong to lists.
  void LiftDates() {
    std::optional<std::size_t> pick = cx_.date_line;
    for (std::size_t i = 0; i < l_.size(); ++i) {
      Line& l = l_[i];
      if (!l.is_date || !(l.kept || pick == i)) continue;
      if (!pick) pick = i;
      if (pick != i) {
        DropLine(l, "date line (" + v_.MatchDateLine(l.text).value_or(DateMatch{}).origin +
                        "), not the one the article's date is read from");
        continue;
      }
      auto d = v_.MatchDateLine(l.text);
      // "05/09/2026" with its time on the next line ("13:30"): one date.
      if (auto t = Next(i + 1); t && l_[*t].chars <= kMaxTimeLineChars && d->iso.find('T') == std::string::npos) {
        auto both = v_.MatchDateLine(l.text + " " + l_[*t].text);
        if (both && both->iso.find('T') != std::string::npos) {
          d = both;
          DropLine(l_[*t], "the date line's time -> metadata");
        }
      }
      Set(l, m_.date, d->iso, "date", "date line (" + d->origin + ")");
      l.kept = false;  // also when the route had dropped it: it is metadata now
      l.why = "date -> metadata";
      l.run.clear();
    }
  }

  // A photo's credit printed alone (the caption, if any, elsewhere): not
  // the article's text, whatever the markup called it.
  void DropCredits() {
    for (Line& l : l_)
      // A credit is a marker of a word or three and kMaxCreditWords more:
      // longer lines need no folding and matching.
      if (l.kept && l.chars <= kMaxBylineChars && l.words <= 2 * kMaxCreditWords && IsCreditLine(l.text, v_))
        DropLine(l, "a photo credit alone (kMaxCreditWords " + std::to_string(kMaxCreditWords) + ")");
  }

  bool HasBylinePrefix(const std::string& text) const {
    const std::string f = FoldCase(text);
    for (auto& p : v_.byline_prefixes)
      if (f.compare(0, p.size(), p) == 0) return true;
    return false;
  }

  // A byline or source line before the first paragraph.
  void LiftHead() {
    for (int round = 0; round < kMaxHeadLines; ++round) {
      auto i = Next(0);
      if (!i) return;
      Line& l = l_[*i];
      if (l.heading || l.chars > kMaxBylineChars) return;
      // Without "By", a line of names is the byline when it holds the name
      // the markup gave ("Tom Krisher, AP Auto Writer" under JSON-LD's author).
      const bool markup_name = !m_.author.empty() && HoldsName(l.text, m_.author);
      if (!markup_name && !HasBylinePrefix(l.text)) return;
      auto by = ParseByline(l.text, v_);
      if (!by) return;
      Set(l, m_.author, by->author, "author", "byline above the article");
      Set(l, m_.source, by->source, "source", "agency in the byline");
      DropLine(l, "byline -> metadata");
    }
  }

  // One word, not initials ("Temas", "Contact", "Ingredients"; "P.Y" signs):
  // after the text, a section's or a menu's label far more often than a name.
  static bool LoneWord(const std::string& names) {
    return names.find(' ') == std::string::npos && names.find('.') == std::string::npos;
  }

  // "Sign up for our newsletter", "Follow us on Twitter": a short paragraph
  // asking the reader to do something for the site.
  bool CallToAction(const Line& l) const {
    if (l.words > kMaxCallToActionWords || v_.calls_to_action.empty()) return false;
    const std::string key = " " + l.key + " ";
    for (const Vocabulary::Opening& c : v_.calls_to_action)
      if (!c.key.empty() && key.find(" " + c.key + " ") != std::string::npos) return true;
    return false;
  }

  // The name line, the "Theo X" or "(TTXVN)" credit and a site's call to
  // action printed after the text (never the only paragraph).
  void LiftTail() {
    bool labels = false;  // a lone word came last: the name-like lines above it are labels too
    for (int round = 0; round < kMaxTailLines; ++round) {
      auto last = Last();
      if (!last || *last == *Next(0)) return;
      Line& l = l_[*last];
      if (l.heading) return;
      if (CallToAction(l)) {
        DropLine(l, "a call to action under the text ([promo] calls_to_action)");
        continue;
      }
      std::optional<std::string> s = ParseAgencyLine(l.text, v_);  // "(TTXVN/Vietnam+)"
      if (!s) s = ParseSourceLine(l.text, v_);                     // "Theo CHINHPHU.VN"
      if (s) {
        Set(l, m_.source, *s, "source", "source line after the article");
        DropLine(l, "source -> metadata");
      } else if (auto by = ParseByline(l.text, v_)) {
        if (labels || LoneWord(by->author)) {
          labels = true;
          DropLine(l, "a label after the article (a lone capitalised word under the text), no byline");
          continue;
        }
        Set(l, m_.author, by->author, "author", "byline after the article");
        Set(l, m_.source, by->source, "source", "agency in the byline");
        DropLine(l, "byline -> metadata");
      } else {
        return;
      }
    }
  }

  // Two lines that may be one caption twice: one is marked as a caption, or
  // a dump printed them one under the other.
  bool CaptionPairCandidate(const Line& a, const Line& b) const {
    // Lengths no caption pair has: the words need no comparing.
    if (a.key != b.key && !MayBeOneCaption(a.words, b.words)) return false;
    return a.caption || b.caption || (cx_.numbered && b.origin == a.origin + 1);
  }

  // One caption printed twice (an image's alt text or a caption paragraph
  // next to the visible caption): the visible one stays.
  void DropDuplicateCaptions() {
    char twice[48];
    std::snprintf(twice, sizeof twice, " (kCaptionContainment %g)", kCaptionContainment);
    const std::string kTwice = twice;
    auto i = Next(0);
    while (i) {
      auto j = Next(*i + 1);
      if (!j) return;
      Line& a = l_[*i];
      Line& b = l_[*j];
      if (CaptionPairCandidate(a, b)) {
        switch (CompareCaptions(a.text, b.text)) {
          case CaptionPair::kKeepFirst: DropLine(b, "caption printed twice: " + Name(a) + " kept" + kTwice); continue;
          case CaptionPair::kKeepSecond: DropLine(a, "caption printed twice: " + Name(b) + " kept" + kTwice); break;
          case CaptionPair::kDifferent: break;
        }
      }
      i = j;
    }
  }

  // A paragraph printed twice: dropped when the copy follows it at once (a
  // lead printed again as the body's first paragraph) or is long enough to
  // be prose. Short lines recur in real text ("Eat every 2-3 hours" on each
  // day of a plan, the same question to each guest) and stay.
  void DropRepeated() {
    struct First {
      const Line* line;  // the first copy
      std::size_t at;    // its place among the kept lines (then the last copy's)
    };
    std::unordered_map<std::string, First> seen;
    std::size_t kept = 0;
    for (auto& l : l_) {
      if (!l.kept || l.key.empty()) continue;
      auto [it, fresh] = seen.emplace(l.key, First{&l, kept});
      if (!fresh && (it->second.at + 1 == kept || l.chars >= kRepeatedParagraphChars)) {
        DropLine(l, "repeats " + Name(*it->second.line) + " (right after it, or kRepeatedParagraphChars " +
                        std::to_string(kRepeatedParagraphChars) + "+ chars)");
        continue;
      }
      it->second.at = kept++;
    }
  }

  std::vector<Line>& l_;
  LineContext& cx_;
  const Vocabulary& v_;
  Metadata& m_;
};

}  // namespace

void ClassifyLines(std::vector<Line>& lines, const Vocabulary& v) {
  for (auto& l : lines) {
    if (l.chars == 0) l.chars = static_cast<std::uint32_t>(CharCount(l.text));
    l.marker = v.FindMarker(l.text);
    if (!l.marker) l.marker = FindLeadingMarker(l, v);
    if (!l.marker) l.marker = HashtagLine(l);
    if (!l.marker && l.chars <= kMaxDateLineChars)
      if (auto d = v.MatchDateLine(l.text)) l.is_date = true, l.day = DayNumber(d->iso);
    l.key = DedupeKey(l.text);
    l.words = CountWords(l.key);
    l.doubled = IsDoubled(l.key, l.words);
  }
}

void CleanLines(std::vector<Line>& lines, LineContext& cx) { LineStage(lines, cx).Run(); }

}  // namespace sach
