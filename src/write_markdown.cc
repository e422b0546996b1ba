// Write stage, markdown: the article as a markdown document, its structure
// (Article::shapes) kept and its text never read as markup it is not.
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "sach/write.h"

namespace sach {
namespace {

// Characters that start markdown structure at the start of a line: heading,
// quote, list item, thematic break / setext underline, table, code fence, HTML.
constexpr std::string_view kLineStarters = "#>-+*=_|`~<";

// The text with what would start structure escaped: "# a" -> "\# a",
// "1. a" -> "1\. a" (a number is a list item only before ". " or ") ").
std::string EscapeLineStart(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  const bool marker = digits > 0 && digits < text.size() && (text[digits] == '.' || text[digits] == ')') &&
                      (digits + 1 == text.size() || text[digits + 1] == ' ');
  const bool starter = !text.empty() && kLineStarters.find(text.front()) != std::string_view::npos;
  const std::size_t at = marker ? digits : 0;  // where the backslash goes
  std::string out(text.substr(0, at));
  if (marker || starter) out += '\\';
  out.append(text.substr(at));
  return out;
}

// A cell of a table row: pipes escaped, line breaks folded to a space.
std::string Cell(std::string_view cell) {
  std::string out;
  for (char c : cell) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

std::vector<std::string> SplitCells(std::string_view row) {
  std::vector<std::string> cells;
  for (std::size_t at = 0;;) {
    std::size_t tab = row.find('\t', at);
    cells.push_back(Cell(row.substr(at, tab == std::string_view::npos ? std::string_view::npos : tab - at)));
    if (tab == std::string_view::npos) return cells;
    at = tab + 1;
  }
}

void AppendRow(std::string& out, const std::vector<std::string>& cells, std::size_t columns) {
  out += '|';
  for (std::size_t i = 0; i < columns; ++i) {
    out += ' ';
    out += i < cells.size() ? cells[i] : std::string();
    out += " |";
  }
  out += '\n';
}

// The rows [from, to) as one table, the first its header (GitHub's tables
// need one); rows with fewer cells are padded.
void AppendTable(std::string& out, const std::vector<std::string>& rows, std::size_t from, std::size_t to) {
  std::vector<std::vector<std::string>> cells;
  std::size_t columns = 0;
  for (std::size_t i = from; i < to; ++i) {
    cells.push_back(SplitCells(rows[i]));
    columns = std::max(columns, cells.back().size());
  }
  AppendRow(out, cells[0], columns);
  AppendRow(out, std::vector<std::string>(columns, "---"), columns);
  for (std::size_t i = 1; i < cells.size(); ++i) AppendRow(out, cells[i], columns);
}

// A fence longer than any run of backticks inside, so the code cannot close it.
void AppendCode(std::string& out, std::string_view code) {
  std::size_t run = 0, longest = 0;
  for (char c : code) longest = std::max(longest, run = c == '`' ? run + 1 : 0);
  const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
  out.append(fence).append("\n").append(code).append("\n").append(fence).append("\n");
}

}  // namespace

std::string FormatMarkdown(const Article& a) {
  std::string out = FormatFrontMatter(a.meta);
  if (!a.meta.title.empty()) out.append("\n# ").append(a.meta.title).append("\n");
  const std::vector<std::string>& text = a.paragraphs;
  auto shape = [&](std::size_t i) { return i < a.shapes.size() ? a.shapes[i] : Shape{}; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const Shape s = shape(i);
    // A list is tight: its items follow one another without a blank line.
    if (!(s.kind == Shape::kListItem && i > 0 && shape(i - 1).kind == Shape::kListItem)) out += '\n';
    switch (s.kind) {
      case Shape::kHeading:
        // "#" is the title's: the body's headings start at "##".
        out.append(std::clamp<int>(s.level, 2, 6), '#').append(" ").append(text[i]).append("\n");
        break;
      case Shape::kListItem:
        out.append(s.ordinal ? std::to_string(s.ordinal) + ". " : std::string("- "));
        out.append(EscapeLineStart(text[i])).append("\n");
        break;
      case Shape::kQuote: out.append("> ").append(EscapeLineStart(text[i])).append("\n"); break;
      case Shape::kCode: AppendCode(out, text[i]); break;
      case Shape::kTableRow: {
        std::size_t end = i + 1;
        while (end < text.size() && shape(end).kind == Shape::kTableRow && !shape(end).first_row) ++end;
        AppendTable(out, text, i, end);
        i = end - 1;
        break;
      }
      case Shape::kParagraph: out.append(EscapeLineStart(text[i])).append("\n"); break;
    }
  }
  return out;
}

}  // namespace sach
