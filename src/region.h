// Region stage: where the article sits in a whole-page text dump, found from
// what each line looks like (length, share of function words, sentence ends,
// link text, repetition) with no markup. Each line gets a kind; the article is
// the run of lines whose weights sum highest: prose weighs its length, short
// lines and noise cost, so short lines between paragraphs (subheadings,
// captions, list items) stay while a menu above and a footer below do not.
// Usage:
//   Region r = FindRegion(lines);   // r.begin, r.end: [begin, end) of lines
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

namespace sach {

// What the region finder needs of one line of a dump.
struct DumpLine {
  std::size_t chars = 0;           // code points
  std::size_t words = 0;
  std::size_t function_words = 0;  // words in the dump's language's [function_words]
  std::size_t link_chars = 0;      // code points inside link texts (markdown)
  std::size_t repeats = 1;         // lines of the dump with the same words, this one included
  bool ends_sentence = false;
  bool caption = false;            // holds a photo-credit marker ("Ảnh:"): a caption
  bool marker = false;             // a boilerplate phrase of the rules
  bool doubled = false;            // one phrase printed twice: an image's alt text and title
  bool truncated = false;          // ends in an ellipsis: a teaser's cut excerpt
  bool symbolic = false;           // a long line mostly of symbols: code, JSON, a list of addresses
  std::uint32_t day = 0;           // the whole line is the date of this day (yyyymmdd)
};

enum class LineKind {
  kProse,      // a paragraph
  kWeakProse,  // a headline, a caption, a terse sentence, a table row
  kShort,      // a menu item, a button, a subheading, a list item
  kPlain,      // a line with few function words, a teaser's cut excerpt: a headline list, a caption
  kNoise,      // links, a line printed again, a rule's boilerplate phrase
};
std::string_view LineKindName(LineKind k);

struct Region {
  std::size_t begin = 0, end = 0;  // the article: lines [begin, end)
  std::vector<LineKind> kinds;     // one per line
  bool found = false;              // false: no line reads as prose
  bool list_cut = false;           // ended before a list of dated teasers inside the run
};

// Noise for its links: link text over kMaxLinkShare of the line.
bool LinkNoise(const DumpLine& l);

// A script or a JSON blob a dumper printed as one line: a symbolic line of
// kCodeBlobChars or more. It weighs nothing, as code does (an article may
// show a listing), but is no text of the article.
bool CodeBlob(const DumpLine& l);

// `language_known`: the dump's words are of a language [function_words]
// lists; when not, lines are judged by length and punctuation alone.
Region FindRegion(const std::vector<DumpLine>& lines, bool language_known);

}  // namespace sach
