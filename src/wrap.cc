// Wrap stage of a dump (see wrap.h).
#include "wrap.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "text.h"
#include "tunables.h"

namespace sach {
namespace {

using namespace tunables;

std::size_t Indent(std::string_view s) {
  const std::size_t i = s.find_first_not_of(' ');
  return i == std::string_view::npos ? s.size() : i;
}

std::string_view TrimEnd(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The width of the list bullet `s` opens with ("* ", "- ", "+ ", "• ", "1. ",
// "12) "), 0 when it opens with none.
std::size_t BulletWidth(std::string_view s) {
  for (std::string_view b : {"* ", "- ", "+ ", "\u2022 "})
    if (s.substr(0, b.size()) == b) return b == "\u2022 " ? 2 : b.size();
  std::size_t d = 0;
  while (d < s.size() && d < 3 && s[d] >= '0' && s[d] <= '9') ++d;
  if (d > 0 && d + 1 < s.size() && (s[d] == '.' || s[d] == ')') && s[d + 1] == ' ') return d + 2;
  return 0;
}

// A line (after its indent) that stands alone: a heading, a table row, a
// rule. Converters wrap nothing into it nor it into the line above.
bool StandsAlone(std::string_view s) {
  return (!s.empty() && (s.front() == '#' || s.front() == '|')) || RuleLine(s);
}

// A line that starts a block of its own: a list item, or one that stands alone.
bool StartsBlock(std::string_view s) { return BulletWidth(s) > 0 || StandsAlone(s); }

// The bytes of the first UTF-8 character of `s`.
std::size_t FirstCharBytes(std::string_view s) {
  int32_t at = 0;
  if (!s.empty()) U8_FWD_1(s.data(), at, static_cast<int32_t>(s.size()));
  return static_cast<std::size_t>(at);
}

}  // namespace

std::size_t WrapWidth(std::string_view text) {
  // Per width: lines with a space (a converter could have broken them), and
  // lines of several words that start no block (prose a wrapping converter
  // would have broken); wider lines counted in the last slot.
  const std::size_t cap = kMaxWrapWidth + kWrapSlack + 1;
  std::vector<std::size_t> breakable(cap + 1, 0), prose(cap + 1, 0);
  std::size_t wide = 0;  // lines of kMinWrappedColumns or more
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = TrimEnd(text.substr(start, end - start));
    start = end + 1;
    const std::size_t indent = Indent(line);
    const std::string_view body = line.substr(indent);
    // One pass: code points, spaces, and whether a wide character may be
    // there (only a lead byte from 0xE1 on starts one).
    std::size_t chars = indent, spaces = 0;
    bool may_be_wide = false;
    for (char c : body) {
      const auto b = static_cast<unsigned char>(c);
      chars += (b & 0xC0) != 0x80;
      spaces += b == ' ';
      may_be_wide = may_be_wide || b >= 0xE1;
    }
    // Chinese and Japanese prose has no spaces: wide characters tell it.
    const std::size_t columns = may_be_wide ? Columns(line) : chars;
    const bool cjk = columns > chars;
    if (spaces == 0 && !cjk) continue;
    const std::size_t w = std::min(columns, cap);
    ++breakable[w];
    wide += w >= kMinWrappedColumns;
    if ((spaces >= kWrapProseSpaces || cjk) && !StartsBlock(body)) ++prose[w];
  }
  // The width most lines end just short of, with few lines just past it.
  std::size_t best = 0, best_near = 0;
  for (std::size_t w = kMinWrapWidth; w <= kMaxWrapWidth; ++w) {
    std::size_t near = 0, past = 0;
    for (std::size_t k = w - kWrapSlack; k <= w; ++k) near += breakable[k];
    for (std::size_t k = w + 1; k <= w + kWrapSlack; ++k) past += breakable[k];
    if (past * kWrapNearPerPast <= near && near > best_near) best = w, best_near = near;
  }
  if (best_near < kMinWrappedLines || best_near * kWrapWideShare < wide) return 0;
  while (breakable[best] == 0) --best;  // the widest line there: the width itself
  // Prose wider than the width: the dump was not wrapped there.
  std::size_t over = 0;
  for (std::size_t k = best + kWrapSlack + 1; k <= cap; ++k) over += prose[k];
  return over * kWrapNearPerPast <= best_near ? best : 0;
}

bool Continues(std::string_view line, std::string_view next, std::size_t width) {
  const std::string_view a = TrimEnd(line), b = TrimEnd(next);
  const std::size_t ia = Indent(a), ib = Indent(b);
  const std::string_view body_a = a.substr(ia), body_b = b.substr(ib);
  if (body_a.empty() || body_b.empty() || StartsBlock(body_b)) return false;
  if (StandsAlone(body_a)) return false;
  // Under a list item, its text's column; else the same indent.
  if (ib != ia && ib != ia + BulletWidth(body_a)) return false;
  // The next word did not fit: a break. (A line that ended short broke for
  // a long word: a web address.)
  std::string_view rest = body_b;
  if (body_a.front() == '>' && rest.substr(0, 2) == "> ") rest.remove_prefix(2);  // a quote's every line
  std::string_view word = rest.substr(0, rest.find(' '));
  // Chinese and Japanese break between any two characters: the first one.
  if (std::size_t first = FirstCharBytes(word); Columns(word.substr(0, first)) > 1) word = word.substr(0, first);
  return Columns(a) + 1 + Columns(word) + kWrapFitSlack > width;
}

bool OpensLink(std::string_view line) {
  int open = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\') ++i;
    else if (line[i] == '[') ++open;
    else if (line[i] == ']' && open > 0) --open;
  }
  return open > 0;
}

void JoinWrapped(std::string& line, std::string_view next) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
  next = TrimEnd(next);
  next.remove_prefix(Indent(next));
  // A quote's every line carries its mark ("> "); the paragraph keeps one.
  if (next.substr(0, 2) == "> " && line.substr(Indent(line), 1) == ">") next.remove_prefix(2);
  const bool hyphen_break = line.size() >= 2 && line.back() == '-' &&
                            (std::isalnum(static_cast<unsigned char>(line[line.size() - 2])) ||
                             (line[line.size() - 2] & 0x80));
  if (!hyphen_break) line += ' ';
  line.append(next);
}

}  // namespace sach
