// Text primitives shared by the stages: whitespace folding, case folding and
// word tokens over NFC UTF-8. Usage:
//   std::string line = FoldSpace(raw);          // NBSP and runs of spaces -> one space
//   std::vector<std::string> w = Words(line);   // lower-cased \w+ words
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sach {

// Collapses every run of Unicode white space (NBSP, tabs, U+2000..U+200B ...)
// to one ASCII space and trims both ends.
std::string FoldSpace(std::string_view s);

// Trims white space at both ends and turns runs of it (and tabs) into one
// space, but keeps a single non-breaking space between words as printed
// ("bà\u00a0Josephine"): dumps are kept verbatim where that is harmless.
std::string TidySpace(std::string_view s);
// TidySpace character by character, without its fast path for lines that
// need no tidying: what tests compare that fast path with.
std::string TidySpaceByChar(std::string_view s);

// ASCII letters lower-cased, other bytes kept: for tag, attribute and
// charset names, which are ASCII.
std::string AsciiLower(std::string_view s);
// Ends (trailing white space aside) in a hyphen, en dash or em dash: the
// "(VTC News) -" dateline printed before a lead.
bool EndsWithDash(std::string_view s);
// "(VTC News) -", "HANOI —": the dash stands apart from the words (a dateline);
// one glued to a word ("A-", a font-size button) does not count.
bool EndsWithSeparateDash(std::string_view s);
// True when the line holds only white space (including NBSP and zero-width space).
bool IsBlank(std::string_view s);

// A name (a file, a URL, a sample folder) as one printable line of valid
// UTF-8: control characters and bytes that are not UTF-8 become \xNN, so a
// hostile file name cannot split an error line or a terminal's state.
std::string Printable(std::string_view name);

// `s` on one line (newlines and tabs as spaces), cut after the last whole
// word within `bytes` with " …" added when longer (a word cut in two reads as
// another word); one longer word is cut at a character boundary.
std::string Clipped(std::string_view s, std::size_t bytes);

// Appends code point `cp` (at most U+10FFFF) as UTF-8: what a character
// reference or an escape ("&#7841;", "\u1ea1") stands for.
void AppendUtf8(std::string& out, char32_t cp);

// The runs of ASCII letters, digits and `also` characters in `s`, lower-cased
// and joined by single '-' (no leading or trailing '-'): file names made from
// URLs, which can then hold nothing that leaves a folder or breaks a line.
std::string AsciiRuns(std::string_view s, std::string_view also = {});

// Full Unicode case folding (ICU), for case-insensitive phrase matching.
std::string FoldCase(std::string_view s);
// FoldCase(FoldSpace(s)), in one pass when s folds by table.
std::string FoldSpaceAndCase(std::string_view s);

// Lower-cased word tokens (letters, digits, marks), NFC in, NFC out.
std::vector<std::string> Words(std::string_view s);

// Words as printed (case kept), for name and acronym checks.
std::vector<std::string> RawWords(std::string_view s);

// RawWords joined by one space, without a vector of them.
std::string JoinedWords(std::string_view s);

// JoinedWords(FoldCase(s)), in one pass when s is ASCII.
std::string FoldedJoinedWords(std::string_view s);

// A list item's text without its bullet ("* ", "- ", "o ", "• ") as markdown
// and text browsers print it, or a button's text without its brackets
// ("[ 167 comments ]", "(Print)").
std::string_view WithoutBullet(std::string_view line);

// What a text's characters are, as shares of its visible characters:
// - symbols: ASCII punctuation or symbols; a few hundredths in prose, a third
//   and more in code, JSON and lists of addresses (other scripts' characters
//   count as letters);
// - code: the marks a program opens blocks, ends statements and assigns with
//   ('{', '}', ';', '='); none in prose, a few hundredths in a script however
//   wordy its strings;
// - words (web addresses aside): in tokens of letters, digits and a word's
//   inner marks ("don't", "U.S.", "e-mail", "R&D", "and/or"), quoted,
//   bracketed or followed by punctuation, under kMaxWordTokenBytes; near 1 in
//   prose of any script, a tenth or less in JSON and minified code.
struct CharMix {
  double symbols = 0, code = 0, words = 1;
};
CharMix MixOf(std::string_view s);

// A rule drawn in characters: ASCII ("_____", "-----") or a browser's box
// drawing and dashes (elinks' "═══", w3m's "━━━"), which a dumper may cut
// inside a character (U+FFFD at its end). At least kMinRuleChars of them.
bool RuleLine(std::string_view line);

// Columns the text takes: code points, the East Asian wide ones (CJK
// ideographs, kana, Hangul) twice. A line of Chinese or Japanese carries in
// 40 characters what a Latin line carries in 80: lengths compare in columns.
std::size_t Columns(std::string_view s);

// Number of code points.
std::size_t CharCount(std::string_view s);

// True when the first letter of w is upper case.
bool StartsUpper(std::string_view w);
// The first code point is a lower-case letter: a line that goes on a sentence.
bool StartsLower(std::string_view w);

// True when w has at least two letters and all of its letters are upper case.
bool IsAllUpper(std::string_view w);

// Ends like a sentence: . ! ? … (and CJK 。！？) optionally followed by closing
// quotes/brackets.
bool EndsSentence(std::string_view s);

// Ends in an ellipsis ("..." or "…", also bracketed: "[…]"), as a teaser's
// cut excerpt does; an ellipsis inside closing quotes is speech, not a cut.
bool EndsInEllipsis(std::string_view s);

}  // namespace sach
