// Metadata lines: title, byline, source and agency lines, read the same way
// in dumps and on pages. Vocabulary comes from rules/.
#include "meta_lines.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "text.h"
#include "tunables.h"

namespace sach {
namespace {

// `line` starts with the folded `prefix` at a word boundary: returns the rest.
std::optional<std::string_view> StripPrefix(std::string_view line, std::string_view folded_line,
                                            std::string_view prefix) {
  if (folded_line.substr(0, prefix.size()) != prefix) return std::nullopt;
  // Find where the prefix ends in the original: fold growing heads of it
  // (folding may change byte lengths, e.g. for "ẞ").
  std::size_t cut = std::string_view::npos;
  for (std::size_t k = 1; k <= line.size(); ++k) {
    if (k < line.size() && (static_cast<unsigned char>(line[k]) & 0xC0) == 0x80) continue;
    std::string head = FoldCase(line.substr(0, k));
    if (head.size() >= prefix.size()) {
      if (head == prefix) cut = k;
      break;
    }
  }
  if (cut == std::string_view::npos) return std::nullopt;
  std::string_view rest = line.substr(cut);
  // "Theodore" is not "Theo" + name; "ByRhonda Krause" is "By" glued to a
  // name (a dumper dropped the space): a lower-case letter, then a capital.
  const bool glued = !rest.empty() && rest.front() >= 'A' && rest.front() <= 'Z' && line[cut - 1] >= 'a' &&
                     line[cut - 1] <= 'z';
  if (!rest.empty() && prefix.back() != ':' && rest.front() != ' ' && rest.front() != ':' && !glued)
    return std::nullopt;
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == ':')) rest.remove_prefix(1);
  return rest;
}

bool IsInitials(std::string_view w) {
  // "P.Y", "N.A.", "T.H" — initials joined by dots.
  if (w.size() < 2) return false;
  bool dot = false;
  for (char c : w) {
    if (c == '.') dot = true;
    else if (!(c >= 'A' && c <= 'Z') && static_cast<unsigned char>(c) < 0x80) return false;
  }
  return dot && StartsUpper(w);
}

// Each name part is capitalised Vietnamese syllables ("Nguyễn Anh") or
// initials ("P.Y"); parts are joined by " - ", " – ", ", " or " và ".
bool LooksLikeNames(std::string_view s) {
  if (s.empty() || CharCount(s) > tunables::kMaxBylineChars) return false;
  std::size_t words = 0;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find(' ', start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view w = s.substr(start, end - start);
    start = end + 1;
    if (w.empty()) continue;
    if (w == "-" || w == "–" || w == "và" || w == "&") continue;
    if (w.back() == ',') w.remove_suffix(1);
    if (w.empty()) return false;
    ++words;
    if (IsInitials(w)) continue;
    if (!StartsUpper(w)) return false;
    // A name syllable is letters only (a hyphen joins foreign names).
    for (char c : w)
      if ((c >= '0' && c <= '9') || c == ':' || c == '.' || c == '?' || c == '!' || c == '"')
        return false;
  }
  return words >= 1 && words <= tunables::kMaxBylineWords;
}

// `phrase` occurs in `text` starting at a word boundary (both folded).
bool ContainsPhrase(std::string_view text, std::string_view phrase) {
  for (std::size_t i = text.find(phrase); i != std::string_view::npos; i = text.find(phrase, i + 1)) {
    if (i == 0) return true;
    unsigned char before = static_cast<unsigned char>(text[i - 1]);
    if (before < 0x80 && !std::isalnum(before)) return true;
  }
  return false;
}

// `names` without a label printed before or after them ("Author", "Full
// bio"): whole words, case folded.
std::string CutLabels(std::string names, const Vocabulary& v) {
  for (bool cut = true; cut && !names.empty();) {
    cut = false;
    std::string folded = FoldCase(names);
    for (const std::string& label : v.byline_labels) {
      if (folded == label) return {};
      if (auto rest = StripPrefix(names, folded, label); rest && !rest->empty()) {
        names = FoldSpace(*rest);
        cut = true;
      } else if (folded.size() > label.size() + 1 && folded[folded.size() - label.size() - 1] == ' ' &&
                 folded.compare(folded.size() - label.size(), label.size(), label) == 0) {
        names = FoldSpace(names.substr(0, names.size() - label.size()));  // ASCII labels: same length folded
        cut = true;
      }
      if (cut) break;
    }
    while (!names.empty() && (names.back() == ',' || names.back() == ':')) names.pop_back();
  }
  return names;
}

// `line` without a byline prefix ("By", "Bài:").
std::string WithoutBylinePrefix(const std::string& line, const Vocabulary& v) {
  std::string folded = FoldCase(line);
  for (auto& p : v.byline_prefixes)
    if (auto rest = StripPrefix(line, folded, p)) return std::string(*rest);
  return line;
}

}  // namespace

std::string AuthorName(std::string_view raw, const Vocabulary& v) {
  return CutLabels(WithoutBylinePrefix(FoldSpace(raw), v), v);
}

std::optional<Byline> ParseByline(std::string_view raw, const Vocabulary& v) {
  std::string line = FoldSpace(raw);
  if (line.empty() || CharCount(line) > tunables::kMaxBylineChars + 20) return std::nullopt;
  Byline b;
  // "Tâm Hằng (TTXVN)", "Tâm Hằng/TTXVN", "Tâm Hằng - TTXVN": an agency credit.
  std::string n = WithoutBylinePrefix(line, v);
  for (auto& agency : v.agencies) {
    for (std::string form : {"(" + agency + ")", "/" + agency, "- " + agency, "– " + agency}) {
      if (n.size() > form.size() && n.compare(n.size() - form.size(), form.size(), form) == 0) {
        b.source = agency;
        n = FoldSpace(n.substr(0, n.size() - form.size()));
        break;
      }
    }
    if (!b.source.empty()) break;
  }
  n = CutLabels(std::move(n), v);
  if (!LooksLikeNames(n)) return std::nullopt;
  b.author = n;
  return b;
}

bool OnlyNames(std::string_view line, const Vocabulary& v) {
  auto by = ParseByline(line, v);
  return by && by->source.empty() && by->author == line;
}

// A separator left before the date or role that followed: "Jane Doe |".
static void TrimTrailingSeparators(std::string& line) {
  for (std::string_view sep : {":", ",", "|", " -", "–", "·", "•", " "})
    while (line.size() > sep.size() && line.compare(line.size() - sep.size(), sep.size(), sep) == 0)
      line.resize(line.size() - sep.size());
}

std::optional<std::string> ParsePrefixedByline(std::string_view raw, const Vocabulary& v) {
  std::string line = FoldSpace(raw);
  if (line.empty() || CharCount(line) > tunables::kMaxBylineChars + 20) return std::nullopt;
  TrimTrailingSeparators(line);
  std::string names = CutLabels(WithoutBylinePrefix(line, v), v);
  if (names.size() == line.size()) return std::nullopt;  // neither prefix nor label
  TrimTrailingSeparators(names);  // "Jane Doe | Author": the label cut leaves the bar
  if (!LooksLikeNames(names)) return std::nullopt;
  return names;
}

bool IsBylineLabel(std::string_view raw, const Vocabulary& v) {
  std::string line = FoldSpace(raw);
  while (!line.empty() && (line.back() == ':' || line.back() == ',')) line.pop_back();
  if (Words(line).empty() || CharCount(line) > tunables::kMaxBylineChars) return false;
  std::string folded = FoldCase(line);
  for (auto& p : v.byline_prefixes) {
    std::string_view bare = p;
    while (!bare.empty() && bare.back() == ':') bare.remove_suffix(1);
    if (folded == bare) return true;
  }
  return CutLabels(line, v).empty();
}

std::optional<std::string> ParseSourceLine(std::string_view raw, const Vocabulary& v) {
  std::string line = FoldSpace(raw);
  std::string folded = FoldCase(line);
  for (auto& p : v.source_prefixes) {
    auto rest = StripPrefix(line, folded, p);
    if (!rest || rest->empty()) continue;
    std::string name = FoldSpace(*rest);
    // An outlet's name: a few words, no sentence, no clause.
    if (RawWords(name).size() > tunables::kMaxSourceWords) return std::nullopt;
    if (name.find(", ") != std::string::npos || EndsSentence(name + " ")) {
      if (!(name.size() > 3 && name.compare(name.size() - 3, 3, ".VN") == 0) &&
          !(name.size() > 3 && name.compare(name.size() - 3, 3, ".vn") == 0))
        return std::nullopt;
    }
    if (!StartsUpper(name)) return std::nullopt;
    return name;
  }
  return std::nullopt;
}

bool HasCaptionMarker(std::string_view line, const Vocabulary& v) {
  std::string folded = FoldCase(line);
  for (auto& m : v.caption_markers)
    if (ContainsPhrase(folded, m)) return true;
  return false;
}

// "Sakib Ali/Hindustan Times/Getty Images", "(Reed Saxon / Associated
// Press)": a few words that end in a photo agency after a separator. An
// agency alone ("TTXVN") is the article's source line, not a credit.
// `line` is folded.
static bool EndsInAgency(std::string_view line, const Vocabulary& v) {
  while (!line.empty() && (line.back() == ')' || line.back() == ']' || line.back() == ' ')) line.remove_suffix(1);
  if (Words(line).size() > tunables::kMaxCreditWords) return false;
  for (auto& a : v.photo_agencies) {
    if (line.size() < a.size() || line.compare(line.size() - a.size(), a.size(), a) != 0) continue;
    std::string_view before = line.substr(0, line.size() - a.size());
    while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
    if (before.empty()) return false;
    const char sep = before.back();
    if (sep == '/' || sep == '|' || sep == ',' || sep == ';') return true;
    if (before.size() >= 4 && before.compare(before.size() - 4, 4, " via") == 0) return true;
  }
  return false;
}

bool IsCreditLine(std::string_view raw, const Vocabulary& v) {
  std::string folded = FoldSpaceAndCase(raw);
  std::string_view line = folded;
  while (!line.empty() && (line.front() == '(' || line.front() == '[')) line.remove_prefix(1);
  for (auto& m : v.caption_markers) {
    if (line.compare(0, m.size(), m) != 0) continue;
    const std::size_t words = Words(line.substr(m.size())).size();
    return words >= 1 && words <= tunables::kMaxCreditWords;
  }
  return EndsInAgency(line, v);
}

bool LooksLikeTitle(std::string_view raw, const Vocabulary& v) {
  std::string line = FoldSpace(raw);
  if (line.empty() || CharCount(line) > tunables::kMaxTitleChars) return false;
  if (v.FindMarker(line) || v.MatchDateLine(line)) return false;
  if (HasCaptionMarker(line, v)) return false;
  // Headlines do not end in a full stop and hold at most one sentence.
  if (!line.empty() && line.back() == '.' && !(line.size() > 3 && line.ends_with("..."))) return false;
  for (std::size_t i = line.find(". "); i != std::string::npos; i = line.find(". ", i + 2)) {
    // After a word of one or two letters the stop is an abbreviation's
    // ("vs. Private", "Dr. Jones", "St. Louis"), not a sentence's end.
    const std::size_t word = line.find_last_of(' ', i);
    if (i - (word == std::string::npos ? 0 : word + 1) <= 2) continue;
    std::string_view after = std::string_view(line).substr(i + 2);
    if (StartsUpper(after.substr(0, after.find(' ')))) return false;
  }
  return RawWords(line).size() >= 2;
}

std::optional<std::string> ParseAgencyLine(std::string_view line, const Vocabulary& v) {
  std::string s = FoldSpace(line);
  if (s.size() < 3 || s.front() != '(' || s.back() != ')') return std::nullopt;
  std::string inner = FoldSpace(s.substr(1, s.size() - 2));
  for (auto& a : v.agencies)
    if (inner == a) return inner;
  return std::nullopt;
}

// `line` holds `name` as whole words (case folded).
bool HoldsName(const std::string& line, const std::string& name) {
  auto words = [](const std::string& s) {  // split at spaces: "Reyes-Ortiz" is not "Reyes"
    std::vector<std::string> w;
    std::string folded = FoldCase(s);
    for (std::size_t at = 0; at < folded.size();) {
      std::size_t space = std::min(folded.find(' ', at), folded.size());
      std::string x = folded.substr(at, space - at);
      at = space + 1;
      while (!x.empty() && (x.back() == ',' || x.back() == ';' || x.back() == ':')) x.pop_back();
      if (!x.empty()) w.push_back(std::move(x));
    }
    return w;
  };
  std::vector<std::string> l = words(line), n = words(name);
  if (n.empty() || n.size() > l.size()) return false;
  return std::search(l.begin(), l.end(), n.begin(), n.end()) != l.end();
}

}  // namespace sach
