// Line stage: the steps both routes share once they hold the article as a
// list of lines — an HTML page's blocks (cleanup.cc) and a dump's lines
// (dump.cc) alike. Boilerplate markers and the boxes under them, the end of
// the article, link rows at its edges, the title printed again, date lines,
// the byline and credited source above and below the text, captions printed
// twice and repeated paragraphs. One order, one wording of each reason, so a
// line means the same on a page and in a dump of it. Usage:
//   std::vector<Line> lines = ...;            // text, origin, flags
//   LineContext cx{vocab, meta, &origins};    // cx.numbered for dumps
//   CleanLines(lines, cx);                    // clears Line::kept, sets why
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "metadata.h"  // Origins
#include "sach/article.h"
#include "vocabulary.h"

namespace sach {

struct Line {
  std::string text;          // NFC UTF-8, white space folded
  std::size_t origin = 0;    // a dump's 1-based input line, or an HTML block's element
  std::size_t block = 0;     // a dump's blank-line separated block (each HTML block its own)
  std::uint32_t chars = 0;       // code points of text
  std::uint32_t link_chars = 0;  // ...of them link text (HTML links, markdown's [text](url))
  int heading = 0;               // heading level (h1-h6, markdown's #), 0 for none
  bool caption = false;          // marked as a caption by its markup
  bool link_row = false;         // a dump's row of only links or images (markdown's, pandoc's "[]"): no text
  bool kept = true;
  std::string why = "body";  // why dropped or moved to metadata
  std::string run;           // the reason a whole run of dropped lines shares (Decision::run)

  // Set by ClassifyLines, read by every step.
  const Marker* marker = nullptr;  // a boilerplate phrase of the rules
  bool is_date = false;            // the whole line is a date
  bool doubled = false;            // one phrase printed twice: an image's alt text and title
  std::uint32_t day = 0;           // ...of this day (yyyymmdd), 0 when no day is named
  std::string key;                 // DedupeKey: words folded, punctuation ignored
  std::size_t words = 0;

  double LinkDensity() const { return chars ? static_cast<double>(link_chars) / chars : 0.0; }
};

struct LineContext {
  const Vocabulary& v;
  Metadata& meta;
  Origins* origins = nullptr;
  // Origins are input lines, named in reasons ("line 12: byline ..."); and
  // two lines are printed one under the other when their numbers follow.
  bool numbered = false;
  // The route's pick of the article's date line, when it knows better than
  // "the first one" (a dump's line nearest its article region).
  std::optional<std::size_t> date_line;
};

// Marker, date, key and words of every line; call before CleanLines (the
// dump's region stage reads them first).
void ClassifyLines(std::vector<Line>& lines, const Vocabulary& v);

// Runs the shared steps over lines ClassifyLines has classified.
void CleanLines(std::vector<Line>& lines, LineContext& cx);

// A marker as a reason names it: `share marker "In" (rules/default.toml:24)`.
std::string Quote(const Marker& m);

// Words of a DedupeKey (words joined by one space).
std::size_t CountWords(const std::string& key);

// Drops a line (a dropped line keeps its first reason).
void DropLine(Line& l, std::string why, std::string run = {});

}  // namespace sach
