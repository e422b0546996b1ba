// Dump stage. A dump is read as lines; blank lines separate blocks. What only
// a dump needs happens here: markdown to text, a scraper's date field glued
// to the first line, the article region of a whole-page dump (region.cc) and
// the title, date and byline just above it. The rest — the end of the
// article, date lines, the byline and source of its tail, captions printed
// twice, repeated paragraphs — is the line stage's (lines.cc), which an HTML
// page's blocks go through too. Every line's fate is recorded for `sach explain`.
#include "dump.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "dedupe.h"
#include "front_matter.h"
#include "lines.h"
#include "meta_lines.h"
#include "metadata.h"
#include "region.h"
#include "text.h"
#include "tunables.h"
#include "wrap.h"

namespace sach {
namespace {

// A markdown dump (as crawlers that convert pages save them): inline links,
// or an H1 heading as its first line. A "# " line further down alone is no
// sign: code and shell listings print comments so, in any dump. A dump that
// opens with a tag is markdown keeping the page's raw HTML (DetectKind took
// it for a dump for its markdown).
bool IsMarkdown(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  return text.rfind("# ", 0) == 0 || text.find("](http") != std::string_view::npos ||
         text.find("](/") != std::string_view::npos || (first != std::string_view::npos && text[first] == '<');
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
// `writer` (when given, with `v`) gets the text of the first link to a
// writer's page ([byline] paths).
std::string MarkdownLine(std::string_view line, bool& only_links, int& heading, std::size_t& link_chars,
                         const Vocabulary* v = nullptr, std::string* writer = nullptr) {
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
  // Only these bytes can open a link, an image, an escape or emphasis.
  auto plain = [](char c) { return c != '!' && c != '[' && c != '\\' && c != '*' && c != '_'; };
  while (i < line.size()) {
    if (plain(line[i])) {  // a run of text: copied at once
      const std::size_t from = i;
      for (; i < line.size() && plain(line[i]); ++i) text_chars += line[i] != ' ';
      out.append(line.data() + from, i - from);
      continue;
    }
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
            if (writer && writer->empty() && v->LinksToWriter(line.substr(close + 2, end - close - 2)))
              *writer = FoldSpace(inner);
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

// The length of the image a text browser shows by its file name at the
// start of `line` ("[hero-1200x630.jpg?w=640]", "[jiFgl7LHh4HHIh2kHaft40bM…]"
// for a name with no extension), 0 when the line starts otherwise. A
// bracketed word ("[1]", "[city]") is a reference or an alt text, no file.
std::size_t ImageNameLength(std::string_view line) {
  if (line.size() < 3 || line.front() != '[') return 0;
  const std::size_t close = line.find(']');
  if (close == std::string_view::npos) return 0;
  std::string_view name = line.substr(1, close - 1);
  if (name.find_first_of(" [") != std::string_view::npos) return 0;
  if (name.size() >= tunables::kMinFileTokenChars) return close + 1;
  name = name.substr(0, name.find('?'));  // "photo.jpg?width=640": the query is no name
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return 0;
  const std::string_view ext = name.substr(dot + 1);  // "jpg", "webp": letters, a file's
  const bool file = ext.size() >= 2 && ext.size() <= 4 &&
                    std::all_of(ext.begin(), ext.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
  return file ? close + 1 : 0;
}

// Only lynx's marks of inserted or deleted text with nothing between them
// (an ad slot's empty <ins>: "[INS: :INS]").
bool EmptyEditMarks(std::string_view line) {
  bool mark = false;
  while (!line.empty()) {
    if (line.front() == ' ') { line.remove_prefix(1); continue; }
    bool found = false;
    for (std::string_view w : {"[INS:", ":INS]", "[DEL:", ":DEL]"})
      if (line.substr(0, w.size()) == w) line.remove_prefix(w.size()), found = mark = true;
    if (!found) return false;
  }
  return mark;
}

// Only a tag that does not close on its line (a page cut off inside it, a
// converter's raw markup: "[ <img src=\"https://…"): markup, no text.
bool CutOffTag(std::string_view line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '[')) line.remove_prefix(1);
  return line.size() >= 2 && line.front() == '<' && std::isalpha(static_cast<unsigned char>(line[1])) &&
         line.find('>') == std::string_view::npos;
}

// A JSON object or array on one line ("{\"@context\":…}", a page's JSON-LD a
// dumper printed), however much prose its strings hold.
bool JsonLine(std::string_view line) {
  if (line.size() < 2) return false;
  const char open = line.front(), close = line.back();
  return ((open == '{' && close == '}') || (open == '[' && close == ']')) && line.find("\":") != std::string_view::npos;
}

// A text browser's rendering of what is no text (lynx's form of it; w3m's
// is alike): a rule ("_____", a markdown table's "---|---"), a button ("(BUTTON) Subscribe"), a frame
// ("IFRAME: https://…"), a check box ("[x] Necessary"), an image shown by
// its file name ("* [hero-1200x630.jpg]"), an empty ad slot or a tag cut
// off. Syntax of the dump's format, as markdown's is: no words of any page.
bool BrowserWidget(std::string_view line) {
  if (RuleLine(line)) return true;
  if (EmptyEditMarks(line) || CutOffTag(line)) return true;
  // A markdown table's rule under its head row ("---|---", "|:--|--:|").
  if (line.find("---") != std::string_view::npos && line.find('|') != std::string_view::npos &&
      line.find_first_not_of("-|: ") == std::string_view::npos)
    return true;
  for (std::string_view w : {"(BUTTON)", "IFRAME:", "[x] ", "[X] ", "[ ] "})
    if (line.substr(0, w.size()) == w) return true;
  if (line.substr(0, 2) == "* ") line.remove_prefix(2);
  return line.size() >= 3 && line.front() == '[' && ImageNameLength(line) == line.size();
}

// A text browser breaks a paragraph longer than its widest line (lynx:
// about 1000 bytes whatever -width says) or its width: the next line of the
// same block that starts in lower case at the same indent, after a long line
// that ends no sentence, goes on the same paragraph.
bool WrapsOn(const std::vector<Line>& lines, std::size_t block, std::string_view next, bool same_indent) {
  if (!same_indent || lines.empty() || lines.back().block != block || lines.back().heading) return false;
  const std::string& prev = lines.back().text;
  return StartsLower(next) && !EndsSentence(prev) && CharCount(prev) >= tunables::kWrappedLineMinChars;
}

// A markdown row that is only a link to a writer's page ("[Jane Doe](/author/jd)"):
// no text, but the author's name; `at` is where it stood among the lines.
struct WriterLink {
  std::size_t at = 0, origin = 0;
  std::string name;
};

// A markdown line without the raw HTML a converter left in it (pandoc's gfm
// keeps "<div class=…>", "<a href=…>@jdoe</a>", "<img …>" it cannot say):
// tags and comments go, the text between them stays; inside `code spans`
// nothing goes. `in_tag` carries a tag that runs on over the next lines.
std::string WithoutTags(std::string_view line, bool& in_tag) {
  std::string out;
  out.reserve(line.size());
  // Converters write tag names in lower case; "<The Palace>" is a title in angle quotes.
  auto alpha = [&](std::size_t k) { return k < line.size() && line[k] >= 'a' && line[k] <= 'z'; };
  bool code = false;
  for (std::size_t i = 0; i < line.size();) {
    if (in_tag) {
      const std::size_t end = line.find('>', i);
      if (end == std::string_view::npos) return out;
      in_tag = false, i = end + 1;
      continue;
    }
    const char c = line[i];
    if (c == '`') code = !code;
    if (!code && c == '<' && (alpha(i + 1) || line.substr(i + 1, 3) == "!--" || (line.substr(i + 1, 1) == "/" && alpha(i + 2)))) {
      std::size_t name_end = i + 1;
      while (name_end < line.size() && (alpha(name_end) || std::isdigit(static_cast<unsigned char>(line[name_end])) ||
                                        line[name_end] == '/' || line[name_end] == '-' || line[name_end] == '!'))
        ++name_end;
      // A tag's name ends in a space, '>' or the line's end ("x <y then" is text);
      // one left open runs on only when it holds an attribute ("<a href=\"…").
      const bool named = name_end == line.size() || line[name_end] == ' ' || line[name_end] == '>';
      const std::string_view rest = line.substr(i);
      const std::size_t end = line.find('>', name_end);
      if (named && end != std::string_view::npos) {
        i = end + 1;
        continue;
      }
      if (named && (rest.find("=\"") != std::string_view::npos || rest.find("='") != std::string_view::npos)) {
        in_tag = true;
        return out;
      }
    }
    out.push_back(c), ++i;
  }
  return out;
}

// Images as a plain-text converter shows them (pandoc: "[alt text]", "[]"
// for none): an empty pair is nothing; a line that is one pair of brackets
// round words is the image's alt text, printed bare as other dumpers do.
// `only_images`: the line held empty pairs alone (it is kept as it was).
std::string ImageBrackets(const std::string& line, bool& only_images) {
  only_images = false;
  std::string out;
  if (line.find("[]") != std::string::npos) {
    out.reserve(line.size());
    for (std::size_t i = 0; i < line.size(); ++i) {
      const bool edge_before = i == 0 || line[i - 1] == ' ';
      if (line.compare(i, 2, "[]") == 0 && edge_before && (i + 2 == line.size() || line[i + 2] == ' ')) {
        ++i;
        continue;
      }
      out.push_back(line[i]);
    }
    out = TidySpace(out);
    if (out.empty()) {
      only_images = true;
      return line;
    }
  } else {
    out = line;
  }
  if (out.size() > 2 && out.front() == '[' && out.back() == ']' && out.find_first_of("[]", 1) == out.size() - 1 &&
      static_cast<std::size_t>(std::count(out.begin(), out.end(), ' ')) + 1 >= tunables::kMinBracketedAltWords)
    out = out.substr(1, out.size() - 2);
  return out;
}

// The bytes `token` opens with that are a web address in brackets, a link's
// target as html-to-text prints it after the link's text ("Tech
// [https://…/tech/]", "[/about]", "[#top]"), or an image's before the text it
// is glued to ("[data:image/png;base64,…]Escalon"); 0 when it is none.
// What follows the bracket stays ("today [/contact].").
std::size_t LinkTargetBytes(std::string_view token) {
  const std::size_t close = token.find(']');
  if (token.size() < 3 || token.front() != '[' || close == std::string_view::npos || close < 2) return 0;
  const std::size_t end = close + 1;
  const std::string_view s = token.substr(1, close - 1);
  if (s.front() == '/' || s.front() == '#') return end;
  // A scheme: a letter, then letters, digits, '+', '-' or '.', then ':' and more.
  std::size_t i = 0;
  while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '+' || s[i] == '-' || s[i] == '.')) ++i;
  const bool scheme = i > 0 && std::isalpha(static_cast<unsigned char>(s.front())) && i + 1 < s.size() && s[i] == ':';
  return scheme ? end : 0;
}

// A text browser's reference number glued before a link's text (lynx and
// elinks without -nolist: "[27]electric Gran Turismo"): its bytes, 0 when the
// token opens otherwise. A bare "[1]" is a footnote's, and stays.
std::size_t ReferenceMarkBytes(std::string_view token) {
  if (token.size() < 4 || token.front() != '[') return 0;
  std::size_t i = 1;
  while (i < token.size() && std::isdigit(static_cast<unsigned char>(token[i]))) ++i;
  if (i == 1 || i + 1 >= token.size() || token[i] != ']') return 0;
  const auto next = static_cast<unsigned char>(token[i + 1]);  // a word's first letter ("[1]," is a footnote's)
  return std::isalnum(next) || next >= 0x80 ? i + 1 : 0;
}

// The line without its links' bracketed targets and reference numbers. The
// words just before a target (kBracketLinkWords at most, back to the previous
// target), or just after a reference number, were its link's text: their
// characters add to `link_chars`. `only_targets`: the line held targets and
// nothing else (an image's address alone).
std::string WithoutLinkTargets(const std::string& line, std::size_t& link_chars, bool& only_targets) {
  std::string out;
  out.reserve(line.size());
  std::size_t targets = 0, link_ahead = 0;
  std::vector<std::size_t> word_chars;  // of the words since the last target
  for (std::size_t i = 0; i < line.size();) {
    const std::size_t end = std::min(line.find(' ', i), line.size());
    std::string_view token = std::string_view(line).substr(i, end - i);
    i = end + 1;
    std::string_view rest = token;
    for (std::size_t n; (n = LinkTargetBytes(rest)) > 0;) {
      rest.remove_prefix(n);
      ++targets;
      for (std::size_t k = 0; k < std::min(word_chars.size(), tunables::kBracketLinkWords); ++k)
        link_chars += word_chars[word_chars.size() - 1 - k];
      word_chars.clear();
    }
    if (rest.size() < token.size() && (rest.empty() || std::ispunct(static_cast<unsigned char>(rest.front())))) {
      out.append(rest);  // the sentence's punctuation after the target
      continue;
    }
    token = rest;
    if (const std::size_t n = ReferenceMarkBytes(token)) token.remove_prefix(n), link_ahead = tunables::kBracketLinkWords;
    if (token.empty()) continue;
    if (!out.empty()) out += ' ';
    out.append(token);
    const std::size_t chars = CharCount(token);
    word_chars.push_back(chars);
    if (link_ahead > 0) link_chars += chars, --link_ahead;
  }
  only_targets = targets > 0 && WithoutBullet(out).empty();
  return out;
}

// `text`'s lines, numbered from `first_line` + 1; rows that are only a link
// to a writer's page ([byline] paths) go to `writers`.
std::vector<Line> SplitLines(std::string_view text, std::size_t first_line, const Vocabulary& v,
                             std::vector<WriterLink>& writers) {
  const bool markdown = IsMarkdown(text);
  const std::size_t wrap_width = WrapWidth(text);
  std::string joined;  // a wrapped paragraph's lines, put back together
  std::vector<Line> lines;
  std::size_t line_no = first_line, block = 0, start = 0;
  std::size_t indent = 0;  // of the last line kept
  bool in_tag = false, fenced = false;  // markdown: inside a raw HTML tag, a ``` code block
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(start, end - start);
    start = end + 1;
    const std::size_t origin = ++line_no;
    if (wrap_width > 0 && !fenced) {
      // The paragraph's next lines, while each goes on the one before it.
      std::string_view last = raw;
      for (std::size_t next_end; end < text.size(); end = next_end, start = end + 1) {
        next_end = text.find('\n', start);
        if (next_end == std::string_view::npos) next_end = text.size();
        const std::string_view next = text.substr(start, next_end - start);
        const bool link_goes_on = markdown && OpensLink(last) && next.find("](") != std::string_view::npos;
        if (!link_goes_on && !Continues(last, next, wrap_width)) break;
        if (last.data() == raw.data()) joined.assign(raw);
        JoinWrapped(joined, next);
        last = next, raw = joined, ++line_no;
      }
    }
    // Lines of only white space or NBSP are noise that separates blocks.
    std::string folded = TidySpace(raw);
    bool only_links = false;
    int heading = 0;
    std::size_t link_chars = 0;
    if (markdown && folded.rfind("```", 0) == 0) fenced = !fenced;
    if (markdown && !fenced && (in_tag || folded.find('<') != std::string::npos)) {
      folded = TidySpace(WithoutTags(folded, in_tag));
      // What a tag leaves of a line with no word ("[ <img src=…" gives "[") is none.
      if (std::none_of(folded.begin(), folded.end(),
                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); }))
        folded.clear();
    }
    if (markdown && !folded.empty()) {
      std::string writer;
      folded = TidySpace(MarkdownLine(folded, only_links, heading, link_chars, &v, &writer));
      if (only_links && !writer.empty()) writers.push_back({lines.size(), origin, std::move(writer)});
      // A horizontal rule is not text. A row of menu links is not either, but
      // it stays a line, dropped once the region is found: a menu or a
      // teaser's linked headline between two runs of prose parts them.
      if (folded.find_first_not_of("*-_ ") == std::string::npos) folded.clear();
    }
    if (BrowserWidget(folded)) folded.clear();
    // "[dell-g315.jpg?w=640] Use code 50OFF": the image before a line's text.
    for (std::size_t n; (n = ImageNameLength(folded)) > 0 && n < folded.size();) folded = TidySpace(folded.substr(n));
    bool only_images = false;
    if (folded.find('[') != std::string::npos) {
      bool only_targets = false;
      folded = WithoutLinkTargets(folded, link_chars, only_targets);
      if (only_targets) folded.clear();
      else if (!markdown) folded = ImageBrackets(folded, only_images);
    }
    if (folded.empty()) {
      ++block;
    } else if (!only_links && !only_images && WrapsOn(lines, block, folded, raw.find_first_not_of(' ') == indent)) {
      lines.back().text += ' ';
      lines.back().text += folded;
      lines.back().link_chars += static_cast<std::uint32_t>(link_chars);
    } else {
      indent = raw.find_first_not_of(' ');
      Line l;
      l.text = std::move(folded);
      l.origin = origin;
      l.block = block;
      l.heading = heading;
      l.link_chars = static_cast<std::uint32_t>(link_chars);
      l.link_row = only_links || only_images;
      lines.push_back(std::move(l));
    }
    if (end == text.size()) break;
  }
  return lines;
}

class DumpCleaner {
 public:
  DumpCleaner(std::string_view text, const Vocabulary& v)
      : v_(v),
        front_(ReadFrontMatter(text)),
        u_(front_ ? SplitLines(text.substr(front_->body), front_->lines, v, writers_)
                  : SplitLines(text, 0, v, writers_)),
        header_(u_.size(), false),
        trailer_(u_.size(), false) {}

  Article Run(Trace* trace) {
    LiftFrontMatter();
    LiftDatePrefix();
    ClassifyLines(u_, v_);
    KeepArticleRegion();
    date_line_ = region_ ? DateNearestRegion() : std::nullopt;
    DropImageDescriptions();
    LiftTitle();
    CaseTitleAsPrinted();
    DropHeader();
    if (region_) LiftNearbyByline();
    if (region_) LiftBareByline();
    if (region_) LiftWriterLink();
    if (region_ && (!date_line_ || *date_line_ >= region_->second)) LiftDateInHeader();
    LineContext cx{v_, a_.meta, &origins_, /*numbered=*/true, date_line_};
    CleanLines(u_, cx);
    if (region_ && a_.meta.date.empty()) LiftDateUnderTitle();
    if (byline_line_ && a_.meta.date.empty()) LiftDateInByline();
    DropTrailer();
    if (!front_dated_) a_.meta.date = v_.InZone(std::move(a_.meta.date), LocalTime());

    for (auto& u : u_)
      if (u.kept) a_.paragraphs.push_back(u.text);
    if (trace) {
      // Rows of only links are markdown syntax for a menu, as a blank line is none.
      for (auto& u : u_)
        if (!u.link_row) trace->blocks.push_back({u.origin, u.text, u.kept, u.why, 0, {}, u.run});
      trace->origins = std::move(origins_);
    }
    return std::move(a_);
  }

 private:
  // Dropped for a reason a whole run of lines shares, and no other.
  static void DropInRun(Line& u, const std::string& reason) { DropLine(u, reason, reason); }

  void SetMeta(std::string& field, std::string value, const char* key, std::string origin) {
    if (!field.empty() || value.empty()) return;
    field = std::move(value);
    origins_.emplace_back(key, std::move(origin));
  }

  // A front matter's fields are the file's own word on its metadata: sach's
  // output cleaned again comes back as it was.
  void LiftFrontMatter() {
    if (!front_) return;
    const std::string from = "line 1: front matter";
    SetMeta(a_.meta.title, front_->Get("title"), "title", from);
    if (auto d = NormalizeDate(front_->Get("date"), v_)) SetMeta(a_.meta.date, *d, "date", from);
    front_dated_ = !a_.meta.date.empty();
    SetMeta(a_.meta.author, front_->Get("author"), "author", from);
    SetMeta(a_.meta.author, front_->Get("authors"), "author", from);
    SetMeta(a_.meta.source, front_->Get("source"), "source", from);
    SetMeta(a_.meta.url, front_->Get("url"), "url", from);
    SetMeta(a_.meta.site, front_->Get("site"), "site", from);
  }

  // " date 2023-02 Text…": a scraper's date field glued to the first line.
  void LiftDatePrefix() {
    if (u_.empty()) return;
    Line& first = u_.front();
    auto d = v_.MatchDatePrefix(first.text);
    if (!d) return;
    SetMeta(a_.meta.date, d->iso, "date", "line " + std::to_string(first.origin) + ": date field (" + d->origin + ")");
    first.text = d->rest;
    if (first.text.empty()) DropLine(first, "date field -> metadata");
  }

  // A line's words without a trailing counter: a template that printed a
  // headline once per photo ("Title - 1", "Title - 2") printed one line again.
  // A short label with a number ("Price: 75") is data, not a template.
  static std::string_view Shape(std::string_view key) {
    const std::size_t end = key.find_last_not_of("0123456789 ");
    if (end == std::string_view::npos || end + 1 == key.size()) return key;
    std::string_view shape = key.substr(0, end + 1);
    const auto words = static_cast<std::size_t>(std::count(shape.begin(), shape.end(), ' ')) + 1;
    return words >= tunables::kCounterShapeMinWords ? shape : key;
  }

  // The dump's language (DetectLanguage) is `lang` ("vi").
  bool WrittenIn(std::string_view lang) const {
    return language_ >= 0 && v_.function_languages[static_cast<std::size_t>(language_)] == lang;
  }

  // Printed times are in the rules' zone (Vocabulary::InZone) in a dump ruled
  // by a site file, in the rules' language or in none told.
  bool LocalTime() const { return !v_.site.empty() || language_ < 0 || WrittenIn(v_.language); }

  // The dump's language is one of [byline] word_names.
  bool NamesAreWords() const {
    return std::any_of(v_.word_name_languages.begin(), v_.word_name_languages.end(),
                       [&](const std::string& lang) { return WrittenIn(lang); });
  }

  // The dump's language: the one whose function words its words hold most
  // of, when they hold enough of them to tell; else none (-1).
  int DetectLanguage(const std::vector<std::size_t>& hits_per_lang) const {
    std::size_t words = 0;
    for (auto& u : u_) words += u.words;
    return v_.KnownLanguage(hits_per_lang, words);
  }

  // The line features of the region stage, in the dump's language.
  std::vector<DumpLine> LineFeatures() {
    std::vector<std::size_t> hits(v_.function_languages.size(), 0);
    std::vector<std::uint32_t> masks;  // per word of every unit, in order
    shapes_.reserve(u_.size());
    masks.reserve(u_.size() * tunables::kReserveWordsPerLine);
    for (auto& u : u_) shapes_.push_back(Shape(u.key));
    NumberShapes();
    CountShapes(0, u_.size(), shape_repeats_);
    for (const Line& u : u_) v_.function_words.Tally(u.key, hits, &masks);
    const int lang = DetectLanguage(hits);
    language_ = lang;
    std::vector<DumpLine> lines;
    lines.reserve(u_.size());
    std::size_t w = 0;
    for (auto& u : u_) {
      DumpLine l;
      l.chars = Columns(u.text);  // wide CJK characters count twice
      l.words = u.words;
      for (std::size_t k = 0; k < u.words && w < masks.size(); ++k, ++w)
        if (lang >= 0) l.function_words += (masks[w] >> lang) & 1u;
      l.link_chars = u.link_chars;
      l.repeats = shape_repeats_[shape_ids_[lines.size()]];
      l.ends_sentence = EndsSentence(u.text);
      l.caption = !l.ends_sentence && l.chars >= tunables::kShortLineChars && HasCaptionMarker(u.text, v_);
      l.marker = u.marker != nullptr;
      l.doubled = u.doubled;
      l.truncated = EndsInEllipsis(u.text);
      l.symbolic = Symbolic(u.text, l, lang >= 0);
      l.day = u.day;
      lines.push_back(l);
    }
    return lines;
  }

  // A long line of code or data, not prose: a JSON object or array, or
  // (unless it holds the dump's function words as prose does) a line mostly
  // of symbols, of a program's marks, or of tokens no word is. Read whole: a
  // converter may glue a page's title to its scripts.
  static bool Symbolic(std::string_view text, const DumpLine& l, bool language_known) {
    if (l.chars <= tunables::kProseMinChars) return false;
    if (JsonLine(text)) return true;
    if (language_known && l.words >= tunables::kProseMinWords &&
        static_cast<double>(l.function_words) >= tunables::kProseFunctionShare * static_cast<double>(l.words))
      return false;
    const CharMix mix = MixOf(text);
    return mix.symbols > tunables::kMaxProseSymbolShare || mix.code > tunables::kMaxProseCodeShare ||
           mix.words < tunables::kMinProseWordShare;
  }

  // A whole-page dump holds menus above the article and sidebars and footers
  // below it: only the article region stays, with the few lines just above
  // it (title, date, byline) held for the header steps. Inside the region,
  // link rows and lines printed again elsewhere go.
  void KeepArticleRegion() {
    std::vector<DumpLine> lines = LineFeatures();
    Region r = FindRegion(lines, language_ >= 0);
    // Rows of only links weighed as noise for the region; now they go.
    for (Line& u : u_)
      if (u.link_row) DropLine(u, "a row of only links: navigation (built in)");
    if (!r.found) return;
    region_ = {r.begin, r.end};
    lead_words_ = LeadWords();
    // The region is the run of lines weighing most: prose for, short lines
    // and noise against (region.cc; the tunables named are its main weights).
    const std::string span = " (lines " + std::to_string(u_[r.begin].origin) + "-" +
                             std::to_string(u_[r.end - 1].origin) + ": the run weighing most, kShortLineCost, kNoiseCostPerChar" +
                             (r.list_cut ? ", up to a list of dated teasers, kMinListDates)" : ")");
    const std::size_t header = r.begin > tunables::kDumpHeaderLines ? r.begin - tunables::kDumpHeaderLines : 0;
    std::size_t trailer = r.end;
    while (trailer < u_.size() && trailer < r.end + tunables::kDumpTrailerLines && MayBeMeta(trailer)) ++trailer;
    const std::string before = "before the article region" + span, after = "after the article region" + span;
    // Copies of each line's shape inside the region: a line repeated only
    // there ("Pros", "Cons", "Yes" in a table) is the article's own.
    std::vector<std::size_t> inside;
    CountShapes(r.begin, r.end, inside);
    for (std::size_t i = 0; i < u_.size(); ++i) {
      Line& u = u_[i];
      if (u.link_row) continue;
      if (i < r.begin) {
        header_[i] = i >= header && MayBeMeta(i);
        if (!header_[i]) DropLine(u, Outside(u, before), before);
      } else if (i >= r.end) {
        trailer_[i] = i < trailer;
        if (!trailer_[i]) DropLine(u, Outside(u, after), after);
      } else if (CodeBlob(lines[i])) {
        DropLine(u, "code or data inside the article region (symbolic, kCodeBlobChars or longer)");
      } else if (r.kinds[i] == LineKind::kNoise && !u.marker && !u.is_date &&
                 !RepeatedOnlyInside(i, lines[i], inside)) {
        DropLine(u, std::string(LineKindName(r.kinds[i])) +
                        " inside the article region (links over kMaxLinkShare of it, or under kRepeatedLineMaxWords "
                        "words and printed again elsewhere)");
      }
    }
  }

  // Dumpers print an image's alt text where the image was: a line opening
  // as the rules' image descriptions do ("Headshot of", "Photo of") is one.
  // An alt text that only labels its image ("Chú thích ảnh") goes; a text
  // browser prints it before the caption on one line: there it is cut off.
  void DropImageDescriptions() {
    for (Line& u : u_) {
      if (!u.kept) continue;
      if (const Vocabulary::Opening* o = Vocabulary::FindOpening(v_.image_descriptions, u.key)) {
        DropLine(u, "an image's alt text, opening \"" + o->phrase + "\" (" + o->origin + ")");
      } else if (const Vocabulary::Opening* l = Vocabulary::FindOpening(v_.image_labels, u.key)) {
        if (u.key.size() == l->key.size()) DropLine(u, "an image's label (" + l->origin + ")");
        else CutLabel(u, *l);
      }
    }
  }

  // The line without the label's words in front (the label as printed,
  // matched by its folded words).
  void CutLabel(Line& u, const Vocabulary::Opening& label) {
    std::size_t at = 0, words = CountWords(label.key);
    for (std::size_t w = 0; w < words && at < u.text.size(); ++w) {
      at = u.text.find(' ', at);
      if (at == std::string::npos) return;
      ++at;
    }
    u.text = u.text.substr(at);
    u.key = DedupeKey(u.text);
    u.chars = static_cast<std::uint32_t>(CharCount(u.text));
    u.words = CountWords(u.key);
  }

  // Each line's shape numbered, one number a shape: shapes are hashed once,
  // then counted by number.
  void NumberShapes() {
    std::unordered_map<std::string_view, std::uint32_t> ids;
    ids.reserve(shapes_.size());
    shape_ids_.reserve(shapes_.size());
    for (std::string_view s : shapes_)
      shape_ids_.push_back(ids.emplace(s, static_cast<std::uint32_t>(ids.size())).first->second);
    shape_kinds_ = ids.size();
  }

  // Printings of each line shape (by number) among lines [begin, end); a
  // line printed twice in a row is a caption twice (the dedupe step's
  // case): only separate printings count.
  void CountShapes(std::size_t begin, std::size_t end, std::vector<std::size_t>& out) const {
    out.assign(shape_kinds_, 0);
    for (std::size_t i = begin; i < end; ++i)
      if (i == begin || u_[i - 1].key != u_[i].key) ++out[shape_ids_[i]];
  }

  // Noise only for being printed again, every copy inside the region.
  bool RepeatedOnlyInside(std::size_t i, const DumpLine& l, const std::vector<std::size_t>& inside) const {
    if (LinkNoise(l) || l.words > tunables::kRepeatedLabelMaxWords) return false;
    const std::size_t copies = inside[shape_ids_[i]];
    return copies > 0 && copies >= shape_repeats_[shape_ids_[i]];
  }

  // Why a line outside the region goes: its boilerplate phrase says most.
  static std::string Outside(const Line& u, std::string where) {
    return u.marker ? Quote(*u.marker) + ", " + where : where;
  }

  // A line beside the region that may carry metadata: no boilerplate phrase,
  // not a row of links.
  bool MayBeMeta(std::size_t i) const {
    const Line& u = u_[i];
    if (u.marker) return false;
    // "By [Jane Smith](/authors/js)": a byline's names are often a link.
    return static_cast<double>(u.link_chars) <= tunables::kMaxLinkShare * static_cast<double>(u.chars) ||
           ParsePrefixedByline(u.text, v_).has_value();
  }

  // Lines beside the region that the header and tail steps did not take
  // (dates aside: the date step reads them) are the page's, not the article's.
  // A byline that says it is one ("By Jane Smith") may sit there too.
  void DropHeader() {
    for (std::size_t i = 0; i < u_.size(); ++i) {
      Line& u = u_[i];
      if (!header_[i] || !u.kept || u.is_date) continue;
      if (auto names = ParsePrefixedByline(u.text, v_); names && a_.meta.author.empty()) {
        SetMeta(a_.meta.author, *names, "author", "line " + std::to_string(u.origin) + ": byline above the article");
        DropLine(u, "byline -> metadata");
        continue;
      }
      const bool before_text = i + 1 < u_.size() && (IsLead(i + 1) || (region_ && i + 1 == region_->first));
      if (IsLead(i) || (before_text && EndsWithSeparateDash(u.text) && u.chars <= tunables::kMaxDatelineChars))
        continue;  // the article's lead (and its "(VTC News) -" above it or above the region's first line)
      DropInRun(u, "above the article region, not its title, byline or date (kDumpHeaderLines " +
                       std::to_string(tunables::kDumpHeaderLines) + ")");
    }
  }

  // A header line that is a sentence of some length, printed once: a lead.
  bool IsLead(std::size_t i) const {
    const Line& u = u_[i];
    return header_[i] && u.kept && u.words >= tunables::kProseMinWords && EndsSentence(u.text) &&
           shape_repeats_.at(shape_ids_.at(i)) < 2;
  }
  void DropTrailer() {
    for (std::size_t i = 0; i < u_.size(); ++i)
      if (trailer_[i])
        DropInRun(u_[i], "below the article region, not its byline or source (kDumpTrailerLines " +
                             std::to_string(tunables::kDumpTrailerLines) + ")");
  }

  std::optional<std::size_t> FirstKept(std::size_t from = 0) const {
    for (std::size_t i = from; i < u_.size(); ++i)
      if (u_[i].kept) return i;
    return std::nullopt;
  }

  void LiftTitle() {
    // A markdown dump names its title with the first top-level heading; the
    // site menus printed above it are not the article.
    // A first heading that shares no word with the article's text is a
    // section's ("THỜI SỰ > Cần Thơ") when a header line does share some.
    for (std::size_t h = 0; h < u_.size(); ++h) {
      if (u_[h].heading != 1 || u_[h].marker || u_[h].link_row || IsBreadcrumb(u_[h])) continue;
      // Below the article region, a top-level heading is a section's of the page.
      if (h + 1 >= u_.size() || (region_ && h >= region_->second)) break;
      if (region_ && SharedWords(u_[h].key) == 0) {
        auto t = HeaderTitle();
        if (t && SharedWords(u_[*t].key) > 0) break;
      }
      const std::string before =
          "before the title heading (line " + std::to_string(u_[h].origin) + "): a markdown page's chrome (built in)";
      for (std::size_t k = 0; k < h; ++k) DropInRun(u_[k], before);
      SetMeta(a_.meta.title, u_[h].text, "title", "line " + std::to_string(u_[h].origin) + ": first heading");
      DropLine(u_[h], "title -> metadata");
      title_line_ = h;
      return;
    }
    auto i = DateAnchoredTitle();
    if (!i) i = HeaderTitle();
    if (!i || SharedWords(u_[*i].key) < tunables::kFarTitleShare)
      if (auto far = FarTitle()) i = far;
    if (!i) i = LeadTitle();
    if (!i) i = FirstLineTitle();
    if (!i) return;
    Line& u = u_[*i];
    SetMeta(a_.meta.title, Uncounted(*i), "title", "line " + std::to_string(u.origin) + ": first line");
    DropLine(u, "title -> metadata");
    title_line_ = *i;
  }

  // A headline a converter printed in capitals (html-to-text's headings)
  // takes the case of the same words printed elsewhere in the dump: an
  // image's alt text, a share text, the page's title line.
  void CaseTitleAsPrinted() {
    std::string& title = a_.meta.title;
    // A word or two in capitals ("WEEKEND") is found inside too many lines.
    if (!IsAllUpper(title) || CountWords(title) < tunables::kMinRecasedTitleWords) return;
    const std::string folded = FoldCase(title);
    if (folded.size() != title.size()) return;  // offsets would not carry over
    for (const Line& u : u_) {
      if (u.text.size() < title.size() || IsAllUpper(u.text)) continue;
      const std::string line = FoldCase(u.text);
      const std::size_t at = line.find(folded);
      if (at == std::string::npos || line.size() != u.text.size()) continue;
      auto letter = [&](std::size_t k) { return std::isalnum(static_cast<unsigned char>(line[k])) || (line[k] & 0x80); };
      if ((at > 0 && letter(at - 1)) || (at + folded.size() < line.size() && letter(at + folded.size()))) continue;
      title = u.text.substr(at, title.size());
      for (auto& [key, origin] : origins_)
        if (key == "title") origin += ", cased as line " + std::to_string(u.origin) + " prints it";
      return;
    }
  }

  // "[THỜI SỰ](…) > [Cần Thơ](…)": links joined by a path separator are the
  // page's place in the site, however the site set them (a heading here).
  static bool IsBreadcrumb(const Line& u) {
    if (u.LinkDensity() <= tunables::kMaxLinkShare) return false;
    for (std::string_view sep : {" > ", " » ", " › ", " / "})
      if (u.text.find(sep) != std::string::npos) return true;
    return false;
  }

  // The first kept line, when it reads as a headline and is not the only line
  // (a lone line is a paragraph, not a title).
  std::optional<std::size_t> FirstLineTitle() const {
    auto i = FirstKept();
    if (!i || *i + 1 >= u_.size()) return std::nullopt;
    const Line& u = u_[*i];
    if (u.marker || u.is_date || !LooksLikeTitle(u.text, v_) || ParsePrefixedByline(u.text, v_)) return std::nullopt;
    // Above a whole page's article region, short lines are section labels.
    if (header_[*i] && u.words < tunables::kMinHeadlineWords) return std::nullopt;
    return i;
  }

  // Above a whole page's article region, the headline is the line that reads
  // as one (not a date, a byline or a source line, not a button: "Book a
  // demo") and shares most of its words with the article's text; of equals,
  // the nearest to the text. Pages print title, date, then buttons and section
  // labels ("Báo Tin Tức trên Google News") — or date, then title — so where a
  // date line sits just above the text, the lines above it count too.
  std::optional<std::size_t> HeaderTitle() const {
    if (!region_) return std::nullopt;
    const std::size_t begin = region_->first;
    std::size_t top = begin > tunables::kDumpHeaderLines ? begin - tunables::kDumpHeaderLines : 0;
    for (std::size_t i = begin; i-- > top;)
      if (u_[i].is_date) {
        top = i > tunables::kDumpHeaderLines ? i - tunables::kDumpHeaderLines : 0;
        break;
      }
    std::optional<std::size_t> best;
    double best_share = -1;
    for (std::size_t i = begin; i-- > top;) {
      if (!MayBeHeadline(i)) continue;
      const double share = SharedWords(u_[i].key);
      if (share > best_share) best_share = share, best = i;
    }
    return best;
  }

  // A line that may be the headline above a whole page's article region:
  // no date, byline or source line, not a button ("Book a demo": five
  // words at least), reading as a headline.
  bool MayBeHeadline(std::size_t i) const {
    const Line& u = u_[i];
    if (u.is_date || !MayBeMeta(i) || u.words < tunables::kMinHeadlineWords) return false;
    return LooksLikeTitle(Uncounted(i), v_) && !ParsePrefixedByline(u.text, v_) && !ParseSourceLine(u.text, v_);
  }

  // Pages print the headline right above its date and byline: the nearest
  // line above the article's date line (DateNearestRegion, when it is above
  // the text or among its first kDateAnchorLines) that reads as a headline
  // and names something the article's first lines name.
  std::optional<std::size_t> DateAnchoredTitle() const {
    const std::optional<std::size_t>& date = date_line_;
    if (!region_ || !date || *date + tunables::kFarTitleLines < region_->first ||
        *date >= region_->first + tunables::kDateAnchorLines)
      return std::nullopt;
    const std::size_t top = *date > tunables::kDumpHeaderLines ? *date - tunables::kDumpHeaderLines : 0;
    for (std::size_t i = *date; i-- > top;)
      if (MayBeHeadline(i) && SharedWords(u_[i].key) > 0) return i;
    return std::nullopt;
  }

  // A headline set further above the text than the header lines (a table
  // of contents, an author box or a summary between them): the line above
  // them that reads as one and names most of what the article's first lines
  // name; of equals, the nearest to the text.
  std::optional<std::size_t> FarTitle() const {
    if (!region_) return std::nullopt;
    const std::size_t begin = region_->first;
    const std::size_t top = begin > tunables::kFarTitleLines ? begin - tunables::kFarTitleLines : 0;
    std::optional<std::size_t> best;
    double best_share = tunables::kFarTitleShare;
    for (std::size_t i = begin; i-- > top;) {
      if (!MayBeHeadline(i)) continue;
      const double share = SharedWords(u_[i].key);
      if (share > best_share) best_share = share, best = i;
    }
    return best;
  }

  // With no headline above the article region, one among its first lines
  // (a disclosure set above the headline): the first there that reads as a
  // headline and names what the lines after it name, not what the lines
  // above it name (under a lead that names it, a line is a subheading).
  std::optional<std::size_t> LeadTitle() const {
    if (!region_ || !a_.meta.title.empty()) return std::nullopt;  // a front matter's title: its lines are text
    const std::size_t first = region_->first, end = std::min(region_->second, first + tunables::kTitleLeadLines);
    for (std::size_t i = first; i < end; ++i) {
      if (!u_[i].kept || !MayBeHeadline(i)) continue;
      const std::string& key = u_[i].key;
      const double below = ShareIn(key, WordsOf(i + 1, i + 1 + tunables::kTitleLeadLines));
      if (below >= tunables::kFarTitleShare && ShareIn(key, WordsOf(first, i)) < tunables::kFarTitleShare) return i;
    }
    return std::nullopt;
  }

  // The content words (no function words) of lines [from, to).
  std::unordered_set<std::string_view> WordsOf(std::size_t from, std::size_t to) const {
    std::unordered_set<std::string_view> words;
    for (std::size_t j = from; j < std::min(u_.size(), to); ++j)
      ForWords(u_[j].key, [&](std::string_view w) { words.insert(w); });
    return words;
  }

  // The content words of the article region's first lines.
  std::unordered_set<std::string_view> LeadWords() const {
    return WordsOf(region_->first, std::min(region_->second, region_->first + tunables::kTitleLeadLines));
  }

  // The share of `key`'s content words that `words` holds.
  double ShareIn(std::string_view key, const std::unordered_set<std::string_view>& words) const {
    std::size_t n = 0, shared = 0;
    ForWords(key, [&](std::string_view w) { ++n, shared += words.count(w); });
    return n ? static_cast<double>(shared) / static_cast<double>(n) : 0.0;
  }

  // The share of `key`'s content words that the article's first lines hold.
  double SharedWords(const std::string& key) const { return ShareIn(key, lead_words_); }

  // Calls f on each word of a key that is not a function word.
  template <class F>
  void ForWords(std::string_view key, F f) const {
    AnyWord(key, [&](std::string_view w) {
      if (!v_.function_words.Contains(w)) f(w);
      return false;
    });
  }

  // A headline printed once per photo as alt text ("<title> - 1", "- 2"):
  // the text without its counter.
  std::string Uncounted(std::size_t i) const {
    const Line& u = u_[i];
    if (shapes_.empty() || shapes_[i] == u.key || shape_repeats_.at(shape_ids_.at(i)) < 2) return u.text;
    std::string t = u.text;
    while (!t.empty() && (std::isdigit(static_cast<unsigned char>(t.back())) || t.back() == ' ')) t.pop_back();
    while (!t.empty() && (t.back() == '-' || t.back() == '|' || t.back() == ':' || t.back() == ' ')) t.pop_back();
    return t;
  }

  // A byline that says it is one ("By Jane Doe", "Written by A and B") near
  // the article region's start, above it (past the header lines: a share
  // row, a photo, a summary box between) or among its first lines; the
  // nearest one is the article's.
  void LiftNearbyByline() {
    if (!a_.meta.author.empty()) return;
    const std::size_t begin = region_->first, reach = tunables::kBylineSearchLines;
    for (std::size_t d = 1; d <= reach; ++d) {
      for (std::size_t i : {begin - std::min(d, begin), begin + d - 1}) {
        if (i >= u_.size() || (i < begin && d > begin) || u_[i].marker) continue;
        if (auto names = PrefixedBylineHead(u_[i].text)) {
          SetMeta(a_.meta.author, *names, "author", "line " + std::to_string(u_[i].origin) + ": byline near the article");
          DropLine(u_[i], "byline -> metadata");
          byline_line_ = i;
          return;
        }
      }
    }
  }

  // The lines under the headline that may hold its byline and date run
  // from the title line to here: a header's few lines, never past the
  // article's first lines.
  std::size_t UnderTitleEnd() const {
    return std::min({u_.size(), *title_line_ + 1 + tunables::kDumpHeaderLines, region_->first + tunables::kTitleLeadLines});
  }

  // A line saying it is a byline, or its first part before a separator
  // when the line goes on with the date or a reviewer ("By Jane Doe –
  // Updated Sep 9, 2025 | Fact-checked by Lee Park").
  // A list item's bullet goes first ("* by Jane Doe"); a date glued to the
  // last name ("By Jane DoePublished: Jan 29, 2025") is a separator too.
  std::optional<std::string> PrefixedBylineHead(const std::string& line) const {
    const std::string text(WithoutBullet(line));
    if (auto names = ParsePrefixedByline(text, v_)) return names;
    std::size_t cut = std::string::npos;
    for (std::string_view sep : {" | ", " – ", " — ", " · ", " • "}) cut = std::min(cut, text.find(sep));
    cut = std::min(cut, GluedDate(text));
    if (cut == std::string::npos) return std::nullopt;
    return ParsePrefixedByline(text.substr(0, cut), v_);
  }

  // Where a word runs on into a capitalised one that starts a date or its
  // label ("DoePublished: Jan 29, 2025", "DoeJan 29, 2025"), or npos.
  // Only a byline's length is read: the names before the join are short.
  std::size_t GluedDate(const std::string& text) const {
    const std::size_t reach = std::min(text.size(), tunables::kMaxBylineChars);
    for (std::size_t i = 1; i + 1 < reach; ++i)
      if (std::islower(static_cast<unsigned char>(text[i - 1])) && std::isupper(static_cast<unsigned char>(text[i])) &&
          v_.FindDate(text.substr(i, tunables::kMaxDateLineChars)))
        return i;
    return std::string::npos;
  }

  // A line of names just under the headline ("Kelia Losa Reinoso", between
  // the title and the date or the text): pages print the writer there
  // without "By". A few capitalised words, none a function word, none
  // printed in lower case anywhere in the dump: labels and buttons ("Key
  // Takeaways", "Email Address", "Show Caption") are common words a page
  // also prints in its sentences; names are not. Not a heading. In a
  // language whose names are everyday words ([byline] word_names), the
  // line's place between the headline and the date line tells instead.
  void LiftBareByline() {
    if (!a_.meta.author.empty() || !title_line_) return;
    std::optional<std::unordered_set<std::string_view>> lower;  // read when a line comes that far
    const std::size_t end = UnderTitleEnd();
    for (std::size_t i = *title_line_ + 1; i < end; ++i) {
      Line& u = u_[i];
      if (u.marker || u.is_date || u.heading || u.words < 2 || u.words > tunables::kMaxBareBylineWords) continue;
      if (u.LinkDensity() > tunables::kMaxLinkShare) continue;
      auto by = ParseByline(u.text, v_);
      if (!by || !by->source.empty() || !OnlyNameCharacters(by->author)) continue;
      if (!(NamesAreWords() && date_line_ && i < *date_line_ && EveryWordCapitalised(u.text))) {
        if (AnyWord(u.key, [&](std::string_view w) { return v_.function_words.Contains(w); })) continue;
        if (!lower) lower = LowerCaseWords();
        if (AnyWord(u.key, [&](std::string_view w) { return lower->count(w) > 0; })) continue;
      }
      SetMeta(a_.meta.author, by->author, "author", "line " + std::to_string(u.origin) + ": names under the headline");
      DropLine(u, "byline -> metadata");
      return;
    }
  }

  // A markdown row that is only a link to a writer's page, nearest the
  // headline (or the article's start) and within kBylineSearchLines of it,
  // names the author when no byline did.
  void LiftWriterLink() {
    if (!a_.meta.author.empty()) return;
    const std::size_t anchor = title_line_ ? *title_line_ : region_->first;
    const WriterLink* best = nullptr;
    std::size_t best_gap = tunables::kBylineSearchLines + 1;
    for (const WriterLink& w : writers_) {
      const std::size_t gap = w.at > anchor ? w.at - anchor : anchor - w.at;
      if (gap < best_gap && OnlyNames(w.name, v_)) best = &w, best_gap = gap;
    }
    if (best)
      SetMeta(a_.meta.author, best->name, "author",
              "line " + std::to_string(best->origin) + ": link to the writer's page ([byline] paths)");
  }

  // Every word starts with a capital letter ("Giáp Công - Phạm Bằng").
  static bool EveryWordCapitalised(std::string_view line) {
    const std::vector<std::string> words = RawWords(line);
    return !words.empty() && std::all_of(words.begin(), words.end(), [](const std::string& w) { return StartsUpper(w); });
  }

  // Letters, spaces, dots, apostrophes and hyphens inside words: a name's.
  // A comma lists places and things ("Florida, United States"); brackets
  // and a trailing dash set off a credit ("(VTC News) -").
  static bool OnlyNameCharacters(std::string_view names) {
    for (unsigned char c : names)
      if (c < 0x80 && !std::isalnum(c) && c != ' ' && c != '.' && c != '\'' && c != '-') return false;
    return !names.empty() && names.back() != '-';
  }

  // Every word the dump prints in lower case (ASCII-initial words, as is).
  std::unordered_set<std::string_view> LowerCaseWords() const {
    std::unordered_set<std::string_view> words;
    for (const Line& u : u_)
      for (std::size_t at = 0; at < u.text.size();) {
        const std::size_t sp = std::min(u.text.find(' ', at), u.text.size());
        std::string_view w = std::string_view(u.text).substr(at, sp - at);
        while (!w.empty() && !std::isalnum(static_cast<unsigned char>(w.back())) &&
               static_cast<unsigned char>(w.back()) < 0x80)
          w.remove_suffix(1);
        if (!w.empty() && w.front() >= 'a' && w.front() <= 'z') words.insert(w);
        at = sp + 1;
      }
    return words;
  }

  // Some word of `key` (space-separated) satisfies `pred`.
  template <class P>
  static bool AnyWord(std::string_view key, P pred) {
    for (std::size_t at = 0; at < key.size();) {
      const std::size_t sp = std::min(key.find(' ', at), key.size());
      if (pred(key.substr(at, sp - at))) return true;
      at = sp + 1;
    }
    return false;
  }

  // No date line above or in the region: a date inside a short line just
  // above it ("Đầu TưThứ Tư, 24/12/2025 09:30", a section label glued to it).
  void LiftDateInHeader() {
    for (std::size_t i = region_->first; i-- > 0 && i + tunables::kDumpHeaderLines >= region_->first;) {
      if (u_[i].chars > tunables::kMaxDateLineChars) continue;
      // The label may be glued to the date's first word ("TưThứ Tư"): the
      // date is looked for from each word of the line on.
      const std::string& t = u_[i].text;
      for (std::size_t at = 0; at != std::string::npos; at = t.find(' ', at + 1)) {
        if (auto d = v_.FindDate(std::string_view(t).substr(at))) {
          SetMeta(a_.meta.date, d->iso, "date",
                  "line " + std::to_string(u_[i].origin) + ": date in a line above the article (" + d->origin + ")");
          return;
        }
      }
    }
  }

  // No date line anywhere near: the date printed inside a line under the
  // headline, among the byline's words ("By Jane Doe – Updated Sep 9, 2025
  // at 1:00 PM | Fact-checked by ...", "By Jane DoePublished: Jun 25, 2025").
  void LiftDateUnderTitle() {
    if (!title_line_) return;
    const std::size_t end = UnderTitleEnd();
    for (std::size_t i = *title_line_ + 1; i < end; ++i) {
      if (u_[i].text.size() <= 4 * tunables::kMaxBylineChars && TakeDateIn(u_[i], "date in a line under the headline"))
        return;
    }
  }

  // The date printed inside line u, when it holds one: the article's (`what` says why).
  bool TakeDateIn(const Line& u, const char* what) {
    auto d = v_.FindDate(u.text);
    if (d)
      SetMeta(a_.meta.date, d->iso, "date", "line " + std::to_string(u.origin) + ": " + what + " (" + d->origin + ")");
    return d.has_value();
  }

  // With no date line or date under the headline, the date the byline
  // prints after the names ("By Jane Doe – Updated Sep 9, 2025").
  void LiftDateInByline() { TakeDateIn(u_[*byline_line_], "date in the byline"); }

  // In a whole-page dump, the article's date line is the one nearest to the
  // article region's start (a dateline a few rows above the text, or just
  // inside it); when none is above or inside, the nearest below it ("Last
  // updated ..."). The line stage takes it.
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

  const Vocabulary& v_;
  std::optional<FrontMatter> front_;
  std::vector<WriterLink> writers_;  // filled with u_
  std::vector<Line> u_;
  std::optional<std::size_t> title_line_;  // the line the title came from, when one did
  std::optional<std::size_t> date_line_;   // the article's date line (DateNearestRegion), when a region has one
  std::optional<std::size_t> byline_line_; // the line the author came from, when a prefixed byline near the article
  std::vector<bool> header_;   // just above the article region: title, date, byline
  std::vector<bool> trailer_;  // just below it: byline, source
  Article a_;
  std::optional<std::pair<std::size_t, std::size_t>> region_;  // the article region's lines [first, second)
  int language_ = -1;          // the dump's language (DetectLanguage): function_languages[language_]
  bool front_dated_ = false;  // a front matter's date is the file's own word: no zone added
  // Each line's words without a trailing counter (Shape; views into the
  // lines' keys), its number, and how many lines of the dump have each.
  std::vector<std::string_view> shapes_;
  std::vector<std::uint32_t> shape_ids_;
  std::size_t shape_kinds_ = 0;
  std::vector<std::size_t> shape_repeats_;  // by shape number
  // The content words of the region's first lines (views into their keys),
  // which the headline shares.
  std::unordered_set<std::string_view> lead_words_;
  std::vector<std::pair<std::string, std::string>> origins_;
};

}  // namespace

std::string MarkdownText(std::string_view line) {
  bool only_links = false;
  int heading = 0;
  std::size_t link_chars = 0;
  return MarkdownLine(line, only_links, heading, link_chars);
}

Article CleanDump(std::string_view text, const Vocabulary& v, Trace* trace) {
  return DumpCleaner(text, v).Run(trace);
}

}  // namespace sach
