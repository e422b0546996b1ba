// Text primitives over UTF-8, built on ICU's character properties.
#include "text.h"

#include <unicode/uchar.h>
#include <unicode/ucasemap.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <memory>

#include "tunables.h"

namespace sach {
namespace {

// Decodes the code point at s[i], advancing i; invalid bytes yield U+FFFD.
inline UChar32 Next(std::string_view s, std::size_t& i) {
  UChar32 c;
  int32_t len = static_cast<int32_t>(s.size());
  int32_t pos = static_cast<int32_t>(i);
  U8_NEXT_OR_FFFD(reinterpret_cast<const uint8_t*>(s.data()), pos, len, c);
  i = static_cast<std::size_t>(pos);
  return c;
}

// Where the run of printable ASCII (no white space) starting at s[i] ends.
std::size_t PrintableAsciiEnd(std::string_view s, std::size_t i) {
  while (i < s.size() && static_cast<unsigned char>(s[i]) > ' ' && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

bool IsSpace(UChar32 c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');  // ICU's White_Space in ASCII
  // Letters of the Latin blocks (Vietnamese, most European text) are never
  // white space: no ICU lookup for them.
  if ((c >= 0xC0 && c < 0x1680) || (c >= 0x1E00 && c <= 0x1EFF)) return false;
  // u_isUWhiteSpace covers NBSP and U+2000..; zero-width space and BOM are not
  // white space to ICU but scrapers leave them where spaces were.
  return u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF;
}

// ASCII letters, digits and '_' (std::isalnum asks the C locale per call).
constexpr std::array<bool, 0x80> kAsciiWord = [] {
  std::array<bool, 0x80> t{};
  for (int c = 0; c < 0x80; ++c)
    t[static_cast<std::size_t>(c)] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  return t;
}();

bool IsWordChar(UChar32 c) {
  // Letters, digits and combining marks: what Python's \w matches, which is
  // what the evaluation tokenises with. Most text is ASCII: no ICU lookup.
  if (c < 0x80) return kAsciiWord[static_cast<std::size_t>(c)];
  // Latin letters with diacritics (Latin-1 to Extended-B, Latin Extended
  // Additional: all of Vietnamese) and the combining diacritics are word
  // characters; × and ÷ are not.
  if (c >= 0xC0 && c <= 0x24F) return c != 0xD7 && c != 0xF7;
  if ((c >= 0x300 && c <= 0x36F) || (c >= 0x1E00 && c <= 0x1EFF)) return true;
  return u_hasBinaryProperty(c, UCHAR_ALPHABETIC) || u_isdigit(c) ||
         (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0 || c == '_';
}

}  // namespace

std::string FoldSpace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b > ' ' && b < 0x80) {  // a run of printable ASCII: copied at once
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      const std::size_t end = PrintableAsciiEnd(s, i);
      out.append(s.data() + i, end - i);
      i = end;
      continue;
    }
    if (b < 0x80) {  // ASCII white space and control characters
      ++i;
      if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v') {
        pending_space = true;
        continue;
      }
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      out.push_back(static_cast<char>(b));
      continue;
    }
    std::size_t start = i;
    UChar32 c = Next(s, i);
    if (IsSpace(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out.append(s.substr(start, i - start));
  }
  return out;
}

namespace {

// Whether TidySpace would return `s` as it is: no white space at either end,
// and none between words but single plain spaces (most lines of a dump once
// their indent is off). Non-ASCII characters are read as TidySpace reads them.
bool AlreadyTidy(std::string_view s) {
  bool after_space = true;  // a space first is no tidy line
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b > ' ' && b < 0x80) {
      ++i;
      after_space = false;
    } else if (b == ' ') {
      if (after_space) return false;
      ++i;
      after_space = true;
    } else if (b < 0x80 || IsSpace(Next(s, i))) {  // tabs and controls: the slow path's
      return false;
    } else {
      after_space = false;
    }
  }
  return !after_space || s.empty();
}

}  // namespace

std::string TidySpace(std::string_view s) {
  // An indent and trailing spaces aside, most lines need no tidying: copied at once.
  std::string_view inner = s;
  while (!inner.empty() && inner.front() == ' ') inner.remove_prefix(1);
  while (!inner.empty() && inner.back() == ' ') inner.remove_suffix(1);
  if (AlreadyTidy(inner)) return std::string(inner);
  return TidySpaceByChar(s);
}

std::string TidySpaceByChar(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::string_view run;  // the pending white space, as printed
  std::size_t run_chars = 0;
  bool run_plain = true;  // only one character, and not a tab or newline
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b > ' ' && b < 0x80 && run_chars == 0) {  // ASCII inside a word: the run copied as is
      const std::size_t end = PrintableAsciiEnd(s, i);
      out.append(s.data() + i, end - i);
      i = end;
      continue;
    }
    std::size_t start = i;
    UChar32 c = b == ' ' ? (++i, UChar32{' '}) : Next(s, i);  // a plain space: no decoding
    if (IsSpace(c)) {
      if (run_chars == 0) run = s.substr(start, i - start);
      ++run_chars;
      run_plain = run_chars == 1 && c != '\t' && c != '\n' && c != '\r' && c != 0x200B && c != 0xFEFF;
      continue;
    }
    if (run_chars && !out.empty()) {
      if (run_plain) out.append(run);
      else out.push_back(' ');
    }
    run_chars = 0;
    out.append(s.substr(start, i - start));
  }
  return out;
}

bool IsBlank(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (!IsSpace(Next(s, i))) return false;
  }
  return true;
}

namespace {

// ICU's full case fold of a UTF-8 string.
std::string IcuFold(std::string_view s) {
  // ucasemap_utf8FoldCase works on UTF-8 directly; a fold never grows a
  // string more than 3x. One case map per thread: opening one resolves a
  // locale, which costs more than folding a line.
  UErrorCode status = U_ZERO_ERROR;
  thread_local std::unique_ptr<UCaseMap, decltype(&ucasemap_close)> map(
      ucasemap_open(nullptr, U_FOLD_CASE_DEFAULT, &status), &ucasemap_close);
  if (!map) return std::string(s);
  std::string out(s.size() * 3 + 4, '\0');
  int32_t n = ucasemap_utf8FoldCase(map.get(), out.data(), static_cast<int32_t>(out.size()),
                                    s.data(), static_cast<int32_t>(s.size()), &status);
  if (U_FAILURE(status)) return std::string(s);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// The fold of every code point below kFoldTableSize (Latin with all of
// Vietnamese, Greek, Cyrillic, and General Punctuation: curly quotes, dashes
// and the ellipsis are in most English lines), asked of ICU once: folding is
// per code point, so a line of them folds by table. 0 marks one whose fold is
// several code points ("ß" -> "ss"): a line holding it goes to ICU.
constexpr UChar32 kFoldTableSize = 0x2070;
struct FoldTable {
  std::array<UChar32, kFoldTableSize> to{};
  FoldTable() {
    for (UChar32 c = 0; c < kFoldTableSize; ++c) {
      char buf[4];
      int32_t len = 0;
      U8_APPEND_UNSAFE(buf, len, c);
      const std::string f = IcuFold(std::string_view(buf, static_cast<std::size_t>(len)));
      int32_t at = 0;
      UChar32 folded;
      U8_NEXT_OR_FFFD(reinterpret_cast<const uint8_t*>(f.data()), at, static_cast<int32_t>(f.size()), folded);
      to[static_cast<std::size_t>(c)] = at == static_cast<int32_t>(f.size()) ? folded : 0;
    }
  }
  // The fold of `c`; 0 when the table has none (the caller then asks ICU
  // for the whole text, as FoldCase does).
  UChar32 Of(UChar32 c) const { return c > 0 && c < kFoldTableSize ? to[static_cast<std::size_t>(c)] : 0; }
};

// Made on first use; each fold asks for it once, not once a character.
const FoldTable& Folds() {
  static const FoldTable table;
  return table;
}

// AppendUtf8, inlined into the folds' loops.
inline void PutUtf8(std::string& out, UChar32 c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
    return;
  }
  char buf[U8_MAX_LENGTH];
  int32_t len = 0;
  U8_APPEND_UNSAFE(buf, len, c);
  out.append(buf, static_cast<std::size_t>(len));
}


}  // namespace

std::string FoldCase(std::string_view s) {
  // ASCII folds to lower case: no ICU call for most lines of most pages.
  if (std::all_of(s.begin(), s.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; })) {
    std::string out(s);
    for (char& ch : out)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + ('a' - 'A'));
    return out;
  }
  const FoldTable& folds = Folds();
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const UChar32 c = Next(s, i);
    const UChar32 f = folds.Of(c);
    if (f == 0 && c != 0) return IcuFold(s);  // outside the table, or folds to several
    PutUtf8(out, f);
  }
  return out;
}

std::string FoldSpaceAndCase(std::string_view s) {
  const FoldTable& folds = Folds();
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      if (b == ' ' || (b >= '\t' && b <= '\r')) {
        pending_space = true;
        continue;
      }
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      out.push_back(b >= 'A' && b <= 'Z' ? static_cast<char>(b + ('a' - 'A')) : static_cast<char>(b));
      continue;
    }
    const UChar32 c = Next(s, i);
    if (IsSpace(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    const UChar32 f = folds.Of(c);
    if (f == 0) return FoldCase(FoldSpace(s));
    PutUtf8(out, f);
  }
  return out;
}

std::vector<std::string> RawWords(std::string_view s) {
  std::vector<std::string> words;
  std::size_t word = std::string_view::npos;  // where the current word starts
  for (std::size_t i = 0; i < s.size();) {
    std::size_t start = i;
    UChar32 c = Next(s, i);
    if (IsWordChar(c)) {
      if (word == std::string_view::npos) word = start;
    } else if (word != std::string_view::npos) {
      words.emplace_back(s.substr(word, start - word));
      word = std::string_view::npos;
    }
  }
  if (word != std::string_view::npos) words.emplace_back(s.substr(word));
  return words;
}

std::string JoinedWords(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool in_word = false;
  for (std::size_t i = 0; i < s.size();) {
    if (const auto b = static_cast<unsigned char>(s[i]); b < 0x80) {  // ASCII: no decoding
      ++i;
      if (kAsciiWord[b]) {
        if (!in_word && !out.empty()) out.push_back(' ');
        out.push_back(static_cast<char>(b));
        in_word = true;
      } else {
        in_word = false;
      }
      continue;
    }
    std::size_t start = i;
    UChar32 c = Next(s, i);
    if (IsWordChar(c)) {
      if (!in_word && !out.empty()) out.push_back(' ');
      out.append(s.substr(start, i - start));
      in_word = true;
    } else {
      in_word = false;
    }
  }
  return out;
}

namespace {

// FoldedJoinedWords of a text beyond ASCII: folded by table as its words are
// joined, one pass (a character counts as a word's by its fold, as when the
// text is folded first); ICU folds the whole text when the table cannot.
std::string FoldedJoinedWordsBeyondAscii(std::string_view s) {
  const FoldTable& folds = Folds();
  // Written through a pointer, cut to size: a fold grows a letter by half at
  // most (two bytes to three), and a joining space stands for a separator.
  std::string out(2 * s.size(), '\0');
  auto* o = reinterpret_cast<uint8_t*>(out.data());
  const auto* const begin = o;
  bool in_word = false;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    UChar32 f;
    if (b != 0 && b < 0x80) {  // ASCII folds to lower case (NUL goes to ICU, as the table says)
      ++i;
      f = b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    } else if ((f = folds.Of(Next(s, i))) == 0) {
      return JoinedWords(FoldCase(s));
    }
    if (!IsWordChar(f)) {
      in_word = false;
      continue;
    }
    if (!in_word && o != begin) *o++ = ' ';
    in_word = true;
    int32_t len = 0;
    U8_APPEND_UNSAFE(o, len, f);
    o += len;
  }
  out.resize(static_cast<std::size_t>(o - begin));
  return out;
}

}  // namespace

std::string FoldedJoinedWords(std::string_view s) {
  if (!std::all_of(s.begin(), s.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; }))
    return FoldedJoinedWordsBeyondAscii(s);
  // Never longer than the line: written through a pointer, cut to size.
  std::string out(s.size(), '\0');
  char* o = out.data();
  bool in_word = false;
  for (char ch : s) {
    if (kAsciiWord[static_cast<unsigned char>(ch)]) {
      if (!in_word && o != out.data()) *o++ = ' ';
      *o++ = ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + ('a' - 'A')) : ch;
      in_word = true;
    } else {
      in_word = false;
    }
  }
  out.resize(static_cast<std::size_t>(o - out.data()));
  return out;
}

std::vector<std::string> Words(std::string_view s) {
  // One folding call for the line, not one per word: folding keeps letters
  // letters, so the words of the folded line are the folded words.
  return RawWords(FoldCase(s));
}

std::size_t CharCount(std::string_view s) {
  std::size_t n = 0;
  for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return n;
}

// A list item's text without its bullet, as markdown and text browsers print
// it ("* Facebook", "+ Twitter", "o Email", "• Share", "- Print").
std::string_view WithoutBullet(std::string_view line) {
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  // Most lines open with none of the first bytes of the bullets and brackets below.
  if (line.empty() || std::string_view("*+-o\xE2\xC2[(").find(line.front()) == std::string_view::npos) return line;
  for (std::string_view b : {"* ", "+ ", "- ", "o ", "\u2022 ", "\u00b7 "})
    if (line.size() > b.size() && line.substr(0, b.size()) == b) return line.substr(b.size());
  // A button's brackets around it: "[ 167 comments ]", "(Print)".
  if (line.size() > 2 && ((line.front() == '[' && line.back() == ']') || (line.front() == '(' && line.back() == ')')) &&
      line.find_first_of("[]()", 1) == line.size() - 1) {
    line = line.substr(1, line.size() - 2);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
  }
  return line;
}

namespace {

bool WordByte(unsigned char b) {
  return b >= 0x80 || (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
}

// One space-separated token is a word: letters, digits and a word's inner
// marks, with what may stand before and after one.
bool WordToken(std::string_view t) {
  // A style sheet's class (".products-footer"): no word opens with a dot.
  if (t.size() > 1 && t.front() == '.' && std::isalpha(static_cast<unsigned char>(t[1]))) return false;
  while (!t.empty() && std::string_view("([{\"'*<").find(t.front()) != std::string_view::npos) t.remove_prefix(1);
  while (!t.empty() && std::string_view(")]}\"'.,;:!?%*>").find(t.back()) != std::string_view::npos) t.remove_suffix(1);
  // Scripts written without spaces (Chinese, Japanese, Thai) run a sentence
  // as one token: only a token of ASCII alone is too long for a word.
  if (t.size() > tunables::kMaxWordTokenBytes &&
      std::none_of(t.begin(), t.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
    return false;
  return std::all_of(t.begin(), t.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return WordByte(b) || b == '-' || b == '\'' || b == '.' || b == '&' || b == '/';
  });
}

bool WebAddress(std::string_view t) {
  while (!t.empty() && (t.front() == '(' || t.front() == '<' || t.front() == '"')) t.remove_prefix(1);
  return t.rfind("http://", 0) == 0 || t.rfind("https://", 0) == 0 || t.rfind("www.", 0) == 0;
}

double Ratio(std::size_t part, std::size_t whole, double none) {
  return whole ? static_cast<double>(part) / static_cast<double>(whole) : none;
}

}  // namespace

CharMix MixOf(std::string_view s) {
  std::size_t visible = 0, symbols = 0, marks = 0;  // code points
  std::size_t token_bytes = 0, word_bytes = 0;      // web addresses aside
  for (std::size_t i = 0; i < s.size();) {
    while (i < s.size() && static_cast<unsigned char>(s[i]) <= ' ') ++i;
    const std::size_t from = i;
    for (; i < s.size() && static_cast<unsigned char>(s[i]) > ' '; ++i) {
      const auto b = static_cast<unsigned char>(s[i]);
      if (b >= 0x80) {
        visible += (b & 0xC0) != 0x80;
      } else if (b != 0x7F) {
        ++visible;
        symbols += !WordByte(b);
        marks += b == '{' || b == '}' || b == ';' || b == '=';
      }
    }
    const std::string_view t = s.substr(from, i - from);
    if (t.empty() || WebAddress(t)) continue;
    token_bytes += t.size();
    if (WordToken(t)) word_bytes += t.size();
  }
  return {Ratio(symbols, visible, 0.0), Ratio(marks, visible, 0.0), Ratio(word_bytes, token_bytes, 1.0)};
}

bool RuleLine(std::string_view line) {
  std::size_t marks = 0;
  for (int32_t at = 0, n = static_cast<int32_t>(line.size()); at < n;) {
    UChar32 c;
    U8_NEXT(line.data(), at, n, c);
    if (c == ' ') continue;
    const bool ascii = c == '_' || c == '-' || c == '=' || c == '*' || c == '~';
    const bool drawn = (c >= 0x2500 && c <= 0x257F) || (c >= 0x2013 && c <= 0x2015) || c == 0xFFFD || c < 0;
    if (!ascii && !drawn) return false;
    ++marks;
  }
  return marks >= tunables::kMinRuleChars;
}

std::size_t Columns(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0xE1) {  // below U+1000: no wide characters (and no ICU lookup)
      n += (b & 0xC0) != 0x80;
      ++i;
      continue;
    }
    const UChar32 c = Next(s, i);
    ++n;
    if (c >= 0x1100 && !(c >= 0x1E00 && c <= 0x1EFF)) {  // Vietnamese letters are narrow
      const int w = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
      n += w == U_EA_WIDE || w == U_EA_FULLWIDTH;
    }
  }
  return n;
}

bool StartsUpper(std::string_view w) {
  for (std::size_t i = 0; i < w.size();) {
    UChar32 c = Next(w, i);
    if (u_isalpha(c)) return u_isupper(c) || u_istitle(c);
  }
  return false;
}

bool StartsLower(std::string_view w) {
  std::size_t i = 0;
  return !w.empty() && u_islower(Next(w, i));
}

bool IsAllUpper(std::string_view w) {
  int letters = 0;
  for (std::size_t i = 0; i < w.size();) {
    UChar32 c = Next(w, i);
    if (!u_isalpha(c)) continue;
    if (!u_isupper(c)) return false;
    ++letters;
  }
  return letters >= 2;
}

bool EndsSentence(std::string_view s) {
  // Walk back over closing quotes and brackets, then look for . ! ? …
  std::size_t i = s.size();
  while (i > 0) {
    std::size_t j = i;
    U8_BACK_1(reinterpret_cast<const uint8_t*>(s.data()), 0, j);
    std::size_t k = j;
    UChar32 c = Next(s, k);
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
        c == 0xBB || c == 0x300D || c == 0x300F || IsSpace(c)) {  // 」』 close CJK quotes
      i = j;
      continue;
    }
    // CJK full stops and full-width marks end Chinese and Japanese sentences.
    return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002 || c == 0xFF01 || c == 0xFF1F ||
           c == 0xFF0E;
  }
  return false;
}

bool EndsInEllipsis(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == ']' || s.back() == ')')) s.remove_suffix(1);
  auto ends = [&](std::string_view tail) { return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail; };
  return ends("\u2026") || ends("...");
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  return out;
}

bool EndsWithDash(std::string_view t) {
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\n' || t.back() == '\r')) t.remove_suffix(1);
  if (t.empty()) return false;
  return t.back() == '-' || (t.size() >= 3 && (t.substr(t.size() - 3) == "\u2013" || t.substr(t.size() - 3) == "\u2014"));
}

bool EndsWithSeparateDash(std::string_view t) {
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  if (!EndsWithDash(t)) return false;
  t.remove_suffix(t.back() == '-' ? 1 : 3);
  return t.empty() || t.back() == ' ';
}

std::string Clipped(std::string_view text, std::size_t bytes) {
  std::string s(text);
  for (char& c : s)
    if (c == '\n' || c == '\t') c = ' ';
  if (s.size() <= bytes) return s;
  std::size_t cut = s.rfind(' ', bytes);
  if (cut == std::string::npos || cut == 0) {
    cut = bytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  }
  return s.substr(0, cut) + " …";
}

std::string Printable(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  const auto* p = reinterpret_cast<const uint8_t*>(name.data());
  const auto n = static_cast<int32_t>(name.size());
  for (int32_t pos = 0; pos < n;) {
    int32_t start = pos;
    UChar32 c;
    U8_NEXT(p, pos, n, c);
    if (c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0)) {
      out.append(name.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(pos - start)));
      continue;
    }
    // Invalid bytes and C0/C1 controls, byte by byte.
    for (int32_t i = start; i < pos; ++i) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", p[i]);
      out += buf;
    }
  }
  return out;
}

std::string AsciiRuns(std::string_view s, std::string_view also) {
  std::string out;
  out.reserve(s.size());
  bool sep = false;
  for (char ch : s) {
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || also.find(c) != std::string_view::npos) {
      if (sep && !out.empty()) out += '-';
      sep = false;
      out += c;
    } else {
      sep = true;
    }
  }
  return out;
}

void AppendUtf8(std::string& out, char32_t cp) { PutUtf8(out, static_cast<UChar32>(cp)); }

}  // namespace sach
