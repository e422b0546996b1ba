// Loading rules/*.toml into immutable vocabularies, with file:line errors.
#include "url.h"
#include "vocabulary.h"

#include <toml++/toml.h>
#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <unordered_set>

#include "dedupe.h"
#include "dump.h"
#include "text.h"
#include "tunables.h"

namespace sach {
namespace fs = std::filesystem;

std::string_view ConceptName(Concept c) {
  switch (c) {
    case Concept::kRelated: return "related";
    case Concept::kShare: return "share";
    case Concept::kComment: return "comment";
    case Concept::kAfterword: return "afterword";
    case Concept::kSearch: return "search";
    case Concept::kNav: return "nav";
    case Concept::kFooter: return "footer";
    case Concept::kWidget: return "widget";
    case Concept::kTags: return "tags";
    case Concept::kAd: return "ad";
    case Concept::kCaption: return "caption";
    case Concept::kContent: return "content";
    case Concept::kByline: return "byline";
    case Concept::kLead: return "lead";
    case Concept::kBox: return "box";
    case Concept::kText: return "text";
    case Concept::kTemplate: return "template";
  }
  return "?";
}

namespace {

constexpr std::pair<std::string_view, Concept> kConcepts[] = {
    {"related", Concept::kRelated}, {"share", Concept::kShare},   {"comment", Concept::kComment},
    {"afterword", Concept::kAfterword},
    {"search", Concept::kSearch},   {"nav", Concept::kNav},       {"footer", Concept::kFooter},
    {"widget", Concept::kWidget},   {"tags", Concept::kTags},       {"ad", Concept::kAd},
    {"caption", Concept::kCaption}, {"content", Concept::kContent}, {"byline", Concept::kByline},
    {"lead", Concept::kLead},       {"box", Concept::kBox},
    {"text", Concept::kText},
};
constexpr const char* kConceptList =
    "related, share, comment, search, nav, footer, widget, tags, ad, caption, content, byline, lead, box, text";

const std::pair<std::string_view, Concept>* FindConcept(std::string_view name) {
  for (auto& c : kConcepts)
    if (c.first == name) return &c;
  return nullptr;
}

// The longest raw line whose folded form can be `key`: folding may shrink a
// line (spacing, case) but not by more than half plus a little.
std::size_t LongestLineFor(const std::string& key) { return 2 * key.size() + 16; }

// How a marker phrase says a name follows it ("More articles by {name}").
constexpr std::string_view kNamePlaceholder = "{name}";

// The normal form phrases are compared in: spacing folded, case folded, a
// trailing colon or ellipsis dropped ("Tin liên quan:", "You might also
// like..." are the same headings).
std::string_view WithoutTrailingStops(std::string_view key) {
  for (bool cut = true; cut && !key.empty();) {
    cut = key.back() == ':' || key.back() == ' ' || key.back() == '.';
    if (cut) key.remove_suffix(1);
    else if ((cut = key.ends_with("\u2026"))) key.remove_suffix(3);
  }
  return key;
}

std::string PhraseKey(std::string_view s) {
  std::string key = FoldSpaceAndCase(s);
  key.resize(WithoutTrailingStops(key).size());
  return key;
}

// A fingerprint line as dumps of every shape print it: a markdown or text
// browser's list, quote and heading marks ("* ", "## ", "> ") left out.
std::string_view WithoutListMarks(std::string_view s) {
  while (!s.empty() && std::string_view("#*-+> \t").find(s.front()) != std::string_view::npos) s.remove_prefix(1);
  return s;
}

std::string FingerprintKey(std::string_view s) { return PhraseKey(WithoutListMarks(s)); }

// Whether FingerprintKey(line) may start with one of `starts` (or be empty):
// a key starts with its line's first character folded, and a printable
// ASCII one folds to itself in lower case. Other first characters may.
bool MayStartFingerprint(std::string_view line, const std::bitset<256>& starts) {
  line = WithoutListMarks(line);
  if (line.empty()) return starts.all();
  const auto b = static_cast<unsigned char>(line.front());
  if (b <= ' ' || b >= 0x7F) return true;
  return starts.test(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
}

std::string Where(const std::string& file, const toml::node& node) {
  return file + ":" + std::to_string(node.source().begin.line);
}

// Concepts a [markers] phrase can stand for: what the line stage and the
// region read a marker's kind for (related and tags head lists, widget a box,
// share words glue into bars) or drop as boilerplate. The other concepts
// (caption, content, byline, lead, box, text) are class/id words only: as a
// phrase they would do nothing their name says.
bool IsMarkerConcept(Concept c) {
  switch (c) {
    case Concept::kRelated: case Concept::kShare: case Concept::kComment: case Concept::kAfterword:
    case Concept::kSearch: case Concept::kNav: case Concept::kFooter: case Concept::kWidget: case Concept::kTags:
    case Concept::kAd:
      return true;
    default:
      return false;
  }
}
constexpr const char* kMarkerConceptList = "related, share, comment, afterword, search, nav, footer, widget, tags, ad";

// Concepts an ARIA role can stand for: only boilerplate roles are read (they
// drop the element, src/prune.cc); a role of another concept does nothing.
bool IsRoleConcept(Concept c) {
  switch (c) {
    case Concept::kNav: case Concept::kRelated: case Concept::kComment: case Concept::kAd:
    case Concept::kFooter: case Concept::kWidget: case Concept::kSearch:
      return true;
    default:
      return false;
  }
}
constexpr const char* kRoleConceptList = "related, comment, search, nav, footer, widget, ad";

// Reads one rule file into `v`; `file` is the path shown in messages. Every
// problem is collected (`Problems()`), the loader going on past each with the
// next entry or key, so `rules lint` can name them all; loading fails at the
// first.
class Loader {
 public:
  Loader(std::string file, Vocabulary& v, const Vocabulary* base)
      : file_(std::move(file)), v_(v), base_(base) {}

  const std::vector<std::string>& Problems() const { return problems_; }

  // Top-level keys a rule file may have; `site` only in sites/*.toml.
  void File(const toml::table& root, SiteRules* site) {
    for (auto&& [key, node] : root) {
      std::string_view k = key.str();
      if (k == "timezone") {
        auto tz = node.value<std::string>();
        if (!tz || !ValidOffset(*tz)) Problem(node, "timezone must be an offset like \"+07:00\"");
        else v_.timezone = *tz;
      } else if (k == "language") {
        auto lang = node.value<std::string>();
        if (!lang || lang->empty()) Problem(node, "language must be a language tag like \"vi\"");
        else v_.language = AsciiLower(*lang);
      } else if (k == "site" && !site) {
        Problem(node, "unknown key 'site' ([site] belongs in a file under sites/)");
      } else if (const toml::table* t = Table(node, k)) {
        if (k == "markers") Markers(*t);
        else if (k == "byline" || k == "source" || k == "caption" || k == "date" || k == "not_found" ||
                 k == "notice" || k == "promo")
          Section(k, *t);
        else if (k == "html") Html(*t);
        else if (k == "function_words") FunctionWords(*t);
        else Site(*t, *site);
      }
    }
  }

 private:
  // The table of a known section, else null with the problem recorded.
  const toml::table* Table(const toml::node& node, std::string_view k) {
    static constexpr std::string_view kSections[] = {"markers", "byline", "source", "caption", "date",
                                                    "not_found", "notice", "promo", "html", "function_words", "site"};
    if (std::find(std::begin(kSections), std::end(kSections), k) == std::end(kSections)) {
      Problem(node, "unknown key '" + std::string(k) + "'");
      return nullptr;
    }
    if (!node.is_table()) Problem(node, "[" + std::string(k) + "] must be a table");
    return node.as_table();
  }

  void Problem(const toml::node& node, const std::string& what) { problems_.push_back(Where(file_, node) + ": " + what); }
  void Problem(const std::string& where, const std::string& what) { problems_.push_back(where + ": " + what); }

  // The strings of an array, each with its file:line; an entry that is no
  // string or is empty is a problem and left out.
  std::vector<std::pair<std::string, std::string>> Strings(const toml::node& node) {
    std::vector<std::pair<std::string, std::string>> out;
    const toml::array* arr = node.as_array();
    if (!arr) {
      Problem(node, "expected an array of strings");
      return out;
    }
    for (const toml::node& item : *arr) {
      auto s = item.value<std::string>();
      if (!s) Problem(item, "expected a string");
      else if (FoldSpace(*s).empty()) Problem(item, "empty phrase");
      else out.emplace_back(*s, Where(file_, item));
    }
    return out;
  }

  // A concept's list, which must name something: an empty one does nothing.
  std::vector<std::pair<std::string, std::string>> ConceptList(const toml::node& node, std::string_view table,
                                                               std::string_view name) {
    auto items = Strings(node);
    const toml::array* arr = node.as_array();
    if (arr && arr->empty())
      Problem(node, "[" + std::string(table) + "] " + std::string(name) + " is empty: it does nothing");
    return items;
  }

  void Openings(const toml::node& node, std::vector<Vocabulary::Opening>& out) {
    for (auto& [s, where] : Strings(node)) out.push_back({DedupeKey(s), s, where});
  }

  void Folded(const toml::node& node, std::vector<std::string>& out) {
    // Prefix and marker lists keep their colon: "ảnh:" must not match "cảnh".
    for (auto& [s, where] : Strings(node)) out.push_back(FoldCase(FoldSpace(s)));
  }

  void Markers(const toml::table& t) {
    // Phrases in file order (a table iterates by key), so of two entries
    // naming one phrase the later is the one reported.
    struct Entry {
      std::size_t line;
      Concept kind;
      std::string phrase, where;
    };
    std::vector<Entry> entries;
    for (auto&& [key, node] : t) {
      auto it = FindConcept(key.str());
      if (!it) {
        Problem(node, "unknown marker concept '" + std::string(key.str()) + "' (known: " + kMarkerConceptList + ")");
        continue;
      }
      if (!IsMarkerConcept(it->second)) {
        Problem(node, "marker concept '" + std::string(key.str()) + "' is a class/id concept ([html.classes]): as "
                      "a marker it does nothing its name says (marker concepts: " + kMarkerConceptList + ")");
        continue;
      }
      for (auto& [phrase, where] : ConceptList(node, "markers", key.str()))
        entries.push_back({node.source().begin.line, it->second, phrase, where});
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.line < b.line; });
    for (auto& e : entries) Marker(e.kind, e.phrase, e.where);
  }

  // One marker phrase. One that can never match (only colons), or that an
  // entry already makes a marker of the same concept, does nothing; one this
  // file already gave another concept would silently override it.
  void Marker(Concept kind, const std::string& phrase, const std::string& where) {
    if (phrase.ends_with(kNamePlaceholder)) return NamedMarker(kind, phrase, where);
    std::string k = PhraseKey(phrase);
    if (k.empty()) {
      Problem(where, "phrase \"" + phrase + "\" can never match (only a colon is left of it)");
      return;
    }
    if (auto seen = v_.markers.find(k); seen != v_.markers.end()) {
      const sach::Marker& m = seen->second;
      const bool inherited = base_ && base_->markers.count(k) && base_->markers.at(k).origin == m.origin;
      if (m.kind == kind) {
        Problem(where, "phrase \"" + phrase + "\" is already a " + std::string(ConceptName(kind)) + " marker (" +
                           m.origin + "): this entry does nothing");
        return;
      }
      if (!inherited) {
        Problem(where, "phrase \"" + phrase + "\" is already a " + std::string(ConceptName(m.kind)) + " marker (" +
                           m.origin + "): one phrase, one concept");
        return;
      }
    }
    sach::Marker m{kind, phrase, where};
    if (kind == Concept::kShare) v_.share_words.emplace_back(k, m);
    v_.markers[k] = std::move(m);
  }

  // "More articles by {name}": the phrase, then a name of 1 to
  // kMaxMarkerNameWords words.
  void NamedMarker(Concept kind, const std::string& phrase, const std::string& where) {
    std::string k = PhraseKey(std::string_view(phrase).substr(0, phrase.size() - kNamePlaceholder.size()));
    if (k.empty()) {
      Problem(where, "phrase \"" + phrase + "\" has nothing before its name");
      return;
    }
    if (auto seen = v_.named_markers.find(k); seen != v_.named_markers.end() && seen->second.kind == kind) {
      Problem(where, "phrase \"" + phrase + "\" is already a " + std::string(ConceptName(kind)) + " marker (" +
                         seen->second.origin + "): this entry does nothing");
      return;
    }
    v_.named_markers[k] = sach::Marker{kind, phrase, where};
    std::string first = k.substr(0, k.find(' '));
    if (std::find(v_.named_first_words.begin(), v_.named_first_words.end(), first) == v_.named_first_words.end())
      v_.named_first_words.push_back(std::move(first));
  }

  void Dates(const toml::node& node, std::vector<DateShape>& out) {
    for (auto& [pattern, where] : Strings(node)) {
      UErrorCode status = U_ZERO_ERROR;
      UParseError perr{};
      std::shared_ptr<icu::RegexPattern> re(icu::RegexPattern::compile(
          icu::UnicodeString::fromUTF8(pattern), UREGEX_CASE_INSENSITIVE, perr, status));
      if (U_FAILURE(status)) {
        Problem(where, std::string("bad regex: ") + u_errorName(status) + " at offset " + std::to_string(perr.offset));
        continue;
      }
      DateShape shape{re, where};
      auto group = [&](const char* name) {
        UErrorCode st = U_ZERO_ERROR;
        int32_t n = re->groupNumberFromName(icu::UnicodeString(name), st);
        return U_SUCCESS(st) ? n : 0;
      };
      shape.y = group("y"), shape.m = group("m"), shape.mon = group("mon"), shape.d = group("d");
      shape.H = group("H"), shape.M = group("M");
      if (!shape.y || (!shape.m == !shape.mon))
        Problem(where, "a date shape needs named groups (?<y>...) and one of (?<m>...) or (?<mon>...)");
      else if ((shape.H != 0) != (shape.M != 0))
        Problem(where, "a date shape has both (?<H>...) and (?<M>...) or neither");
      else
        out.push_back(std::move(shape));
    }
  }

  // [date] months: twelve lists, January's first, of the names and
  // abbreviations a month is printed with, in any language.
  void Months(const toml::node& node) {
    const toml::array* months = node.as_array();
    if (!months || months->size() != 12) {
      Problem(node, "months must be twelve lists of names, January's first");
      return;
    }
    for (std::size_t i = 0; i < 12; ++i)
      for (auto& [name, where] : Strings(*months->get(i)))
        v_.month_names[FoldCase(FoldSpace(name))] = static_cast<int>(i) + 1;
  }

  static bool ValidOffset(const std::string& tz) {
    return tz == "Z" || (tz.size() == 6 && (tz[0] == '+' || tz[0] == '-') && isdigit(tz[1]) &&
                         isdigit(tz[2]) && tz[3] == ':' && isdigit(tz[4]) && isdigit(tz[5]));
  }

  void Section(std::string_view section, const toml::table& t) {
    for (auto&& [key, node] : t) {
      std::string k(key.str());
      if (section == "byline" && k == "prefixes") Folded(node, v_.byline_prefixes);
      else if (section == "byline" && k == "labels") Folded(node, v_.byline_labels);
      else if (section == "byline" && k == "paths") Folded(node, v_.author_paths);
      else if (section == "byline" && k == "word_names") Folded(node, v_.word_name_languages);
      else if (section == "source" && k == "prefixes") Folded(node, v_.source_prefixes);
      else if (section == "source" && k == "agencies")
        for (auto& [s, w] : Strings(node)) v_.agencies.push_back(s);
      else if (section == "caption" && k == "markers") Folded(node, v_.caption_markers);
      else if (section == "caption" && k == "agencies") Folded(node, v_.photo_agencies);
      else if (section == "promo" && k == "calls_to_action") Openings(node, v_.calls_to_action);
      else if (section == "caption" && k == "descriptions") Openings(node, v_.image_descriptions);
      else if (section == "caption" && k == "labels") Openings(node, v_.image_labels);
      else if (section == "not_found" && k == "phrases") Folded(node, v_.not_found);
      else if (section == "notice" && k == "openings") Openings(node, v_.notices);
      else if (section == "date" && k == "lines") Dates(node, v_.date_lines);
      else if (section == "date" && k == "prefixes") Dates(node, v_.date_prefixes);
      else if (section == "date" && k == "published") Openings(node, v_.published_labels);
      else if (section == "date" && k == "months") Months(node);
      else Problem(node, "unknown key '" + k + "' in [" + std::string(section) + "]");
    }
  }

  // [function_words]: a list per language; a word may belong to several.
  void FunctionWords(const toml::table& t) {
    for (auto&& [key, node] : t) {
      auto& langs = v_.function_languages;
      auto at = std::find(langs.begin(), langs.end(), std::string(key.str()));
      if (at == langs.end()) {
        if (langs.size() >= tunables::kMaxFunctionLanguages) {
          Problem(node, "more than " + std::to_string(tunables::kMaxFunctionLanguages) +
                            " languages in [function_words]");
          continue;
        }
        at = langs.insert(langs.end(), std::string(key.str()));
      }
      const std::uint32_t bit = 1u << (at - langs.begin());
      std::vector<std::string> words;
      Folded(node, words);
      for (auto& w : words) v_.function_words.Add(w, bit);
    }
  }

  void Selectors(const toml::node& node, const char* kind, std::vector<Vocabulary::SiteSelector>& out) {
    for (auto& [text, where] : Strings(node)) {
      Result<Selector> s = Selector::Parse(text);
      if (!s) {
        Problem(where, s.error().message);
        continue;
      }
      std::string why = std::string("site ") + kind + " selector '" + text + "' (" + where + ")";
      out.push_back({std::move(*s), where, std::move(why)});
    }
  }

  void Roles(const toml::table& t) {
    for (auto&& [name, list] : t) {
      auto c = FindConcept(name.str());
      if (!c || !IsRoleConcept(c->second)) {
        Problem(list, std::string(c ? "role concept '" : "unknown role concept '") + std::string(name.str()) +
                          (c ? "' does nothing: only boilerplate roles are read" : "'") + " (known: " +
                          kRoleConceptList + ")");
        continue;
      }
      for (auto& [role, where] : ConceptList(list, "html.roles", name.str()))
        v_.role_hints.push_back({role, c->second, std::string(c->first) + " role \"" + role + "\" (" + where + ")"});
    }
  }

  void Classes(const toml::table& t) {
    for (auto&& [name, list] : t) {
      auto c = FindConcept(name.str());
      if (!c) {
        Problem(list, "unknown class concept '" + std::string(name.str()) + "' (known: " + kConceptList + ")");
        continue;
      }
      if (c->second == Concept::kAfterword) {
        Problem(list, "'afterword' is a [markers] concept only: as a class word it would do nothing");
        continue;
      }
      for (auto& [word, where] : ConceptList(list, "html.classes", name.str())) {
        std::string w = FoldCase(word);
        if (w.find_first_of(" \t") != std::string::npos) {
          Problem(where, "a class word has no spaces");
          continue;
        }
        std::string why = std::string(c->first) + " class/id word \"" + w + "\" (" + where + ")";
        v_.class_hints.push_back({std::move(w), c->second, where, std::move(why)});
      }
    }
  }

  void Html(const toml::table& t) {
    for (auto&& [key, node] : t) {
      if (key.str() == "keep") Selectors(node, "keep", v_.keep);
      else if (key.str() == "drop") Selectors(node, "drop", v_.drop);
      else if (key.str() == "title_suffixes")
        for (auto& [s, w] : Strings(node)) v_.title_suffixes.push_back(s);
      else if (key.str() == "roles" && node.is_table()) Roles(*node.as_table());
      else if (key.str() == "classes" && node.is_table()) Classes(*node.as_table());
      else
        Problem(node, "unknown key '" + std::string(key.str()) +
                          "' in [html] (known: classes, roles, keep, drop, title_suffixes)");
    }
  }

  void Site(const toml::table& t, SiteRules& site) {
    for (auto&& [key, node] : t) {
      std::string k(key.str());
      if (k == "name") {
        auto s = node.value<std::string>();
        if (!s) Problem(node, "name must be a string");
        else site.name = *s;
      } else if (k == "hosts") {
        for (auto& [s, w] : Strings(node)) site.hosts.push_back(FoldCase(s));
      } else if (k == "fingerprint") {
        for (auto& [s, w] : Strings(node)) site.fingerprint.push_back(FingerprintKey(s));
      } else if (k == "min_fingerprint") {
        auto n = node.value<int64_t>();
        if (!n || *n < 1) Problem(node, "min_fingerprint must be a positive integer");
        else site.min_fingerprint = static_cast<std::size_t>(*n);
      } else {
        Problem(node, "unknown key '" + k + "' in [site]");
      }
    }
  }

  std::string file_;
  Vocabulary& v_;
  const Vocabulary* base_;  // the default rules a site file adds to (null for default.toml)
  std::vector<std::string> problems_;
};

// Every problem of one rule file (a syntax error stops the TOML parser, so
// it is the only one reported); `v` holds what loaded.
std::vector<std::string> LoadFile(const fs::path& path, const std::string& shown, Vocabulary& v, SiteRules* site,
                                  const Vocabulary* base) {
  toml::table root;
  try {
    root = toml::parse_file(path.string());
  } catch (const toml::parse_error& e) {
    return {shown + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description())};
  }
  Loader loader(shown, v, base);
  loader.File(root, site);
  // In line order: a table iterates by key, a reader goes down the file.
  std::vector<std::string> problems = loader.Problems();
  auto line = [&](const std::string& p) {
    return p.compare(0, shown.size() + 1, shown + ":") == 0 ? std::atol(p.c_str() + shown.size() + 1) : 0;
  };
  std::stable_sort(problems.begin(), problems.end(),
                   [&](const std::string& a, const std::string& b) { return line(a) < line(b); });
  return problems;
}

void SortShareWords(Vocabulary& v) {
  // Longest first, so "chia sẻ facebook" is consumed before "chia sẻ".
  std::sort(v.share_words.begin(), v.share_words.end(),
            [](auto& a, auto& b) { return a.first.size() > b.first.size(); });
  // Then grouped by first byte, each group in that order.
  auto byte = [](const std::string& w) { return static_cast<unsigned char>(w.front()); };
  std::stable_sort(v.share_words.begin(), v.share_words.end(),
                   [&](auto& a, auto& b) { return byte(a.first) < byte(b.first); });
  v.share_word_from.fill(0);
  for (auto& [word, m] : v.share_words) ++v.share_word_from[byte(word) + 1u];
  for (std::size_t b = 1; b < v.share_word_from.size(); ++b) v.share_word_from[b] += v.share_word_from[b - 1];
  // A line longer than this is no marker: phrases are short, and a glued
  // share bar is a handful of share words.
  v.longest_marker = tunables::kMaxShareBarBytes;
  for (auto& [key, m] : v.markers) v.longest_marker = std::max(v.longest_marker, LongestLineFor(key));
  for (auto& [key, m] : v.named_markers)
    v.longest_marker = std::max(v.longest_marker, LongestLineFor(key) + tunables::kMaxMarkerNameBytes);
}

std::string HostOf(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  rest = rest.substr(0, rest.find(':'));
  return FoldCase(rest);
}

// A site file that names no host and no template line matches no page.
std::optional<std::string> NeverApplies(const fs::path& file, const SiteRules& site) {
  if (!site.hosts.empty() || !site.fingerprint.empty()) return std::nullopt;
  return file.string() + ": names no hosts and no fingerprint lines: it can never apply";
}

// BASE/default.toml, as far as it loads; every problem added to `problems`.
Vocabulary LoadDefault(const fs::path& base, std::vector<std::string>& problems) {
  const fs::path def = base / "default.toml";
  std::error_code ec;
  Vocabulary v;
  if (!fs::is_regular_file(def, ec)) {
    problems.push_back(def.string() + ": no such rules file");
    return v;
  }
  for (std::string& p : LoadFile(def, def.string(), v, nullptr, nullptr)) problems.push_back(std::move(p));
  SortShareWords(v);
  return v;
}

// BASE/sites/*.toml, sorted.
std::vector<fs::path> SiteFiles(const fs::path& base) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(base / "sites", ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".toml") files.push_back(it->path());
  std::sort(files.begin(), files.end());
  return files;
}

// One site file on top of the default rules (a site adds to them), as far as
// it loads; every problem added to `problems`.
SiteRules LoadSite(const fs::path& file, const Vocabulary& base, std::vector<std::string>& problems) {
  SiteRules site;
  site.vocab = base;
  std::vector<std::string> found = LoadFile(file, file.string(), site.vocab, &site, &base);
  // A file that did not parse names nothing: "never applies" would only repeat that.
  if (auto never = NeverApplies(file, site); never && found.empty()) found.push_back(*never);
  for (std::string& p : found) problems.push_back(std::move(p));
  if (site.name.empty()) site.name = file.stem().string();
  site.vocab.site = site.name;
  SortShareWords(site.vocab);
  return site;
}

}  // namespace

Result<Rules> Rules::Load(const std::string& dir) {
  auto data = std::make_shared<RulesData>();
  std::vector<std::string> problems;
  data->base = LoadDefault(dir, problems);
  if (!problems.empty()) return Fail(problems.front());
  for (const fs::path& p : SiteFiles(dir)) {
    SiteRules site = LoadSite(p, data->base, problems);
    if (!problems.empty()) return Fail(problems.front());
    data->sites.push_back(std::move(site));
  }
  for (std::size_t i = 0; i < data->sites.size(); ++i)
    for (auto& f : data->sites[i].fingerprint) {
      auto& sites = data->fingerprints[f];
      if (sites.empty() || sites.back() != i) sites.push_back(i);
      data->longest_fingerprint = std::max(data->longest_fingerprint, f.size());
      if (f.empty()) data->fingerprint_starts.set();
      else data->fingerprint_starts.set(static_cast<unsigned char>(f.front()));
    }
  Rules rules;
  rules.data_ = std::move(data);
  return rules;
}

const Vocabulary& Rules::Default() const { return data_->base; }
const std::vector<SiteRules>& Rules::Sites() const { return data_->sites; }

std::vector<std::string> Rules::Lint(const std::string& path, std::vector<std::string>* checked) {
  std::error_code ec;
  fs::path base = path;
  std::vector<fs::path> files;
  if (fs::is_regular_file(path, ec)) {
    files.push_back(path);
    fs::path holder = fs::path(path).parent_path().parent_path();
    base = fs::is_regular_file(holder / "default.toml", ec) ? holder : fs::path(DefaultRulesDir());
  } else {
    files = SiteFiles(base);
  }
  std::vector<std::string> problems;
  // Each site file is read on the default rules as far as they load, so its
  // own problems are found even when default.toml has some.
  const Vocabulary vocab = LoadDefault(base, problems);
  if (!fs::is_regular_file(base / "default.toml", ec)) return problems;
  if (checked) checked->push_back((base / "default.toml").string());
  for (const fs::path& f : files) {
    LoadSite(f, vocab, problems);
    if (checked) checked->push_back(f.string());
  }
  return problems;
}

const Vocabulary& Rules::For(std::string_view url, std::string_view text) const {
  const std::vector<SiteRules>& sites = data_->sites;
  if (std::string host = HostOf(url); !host.empty()) {
    for (auto& s : sites)
      for (auto& h : s.hosts)
        if (HostWithin(host, h)) return s.vocab;
  }
  if (sites.empty() || text.empty()) return data_->base;
  // Fingerprints are whole lines of a site's template; count distinct hits.
  // Only lines that can be one are folded: a line much longer than the
  // longest fingerprint, or holding markup, cannot (this keeps HTML cheap).
  std::vector<std::size_t> hits(sites.size(), 0);
  std::unordered_set<std::string_view> seen;  // fingerprints already counted
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    if (line.empty() || line.find('<') != std::string_view::npos) continue;
    std::string rendered;  // a markdown dump's menu item: "* [Tin tức](https://…)"
    if (line.find("](") != std::string_view::npos && line.size() <= tunables::kFingerprintLinkLineBytes)
      rendered = MarkdownText(line), line = rendered;
    if (line.size() > 2 * data_->longest_fingerprint + 8 || !MayStartFingerprint(line, data_->fingerprint_starts))
      continue;
    auto it = data_->fingerprints.find(FingerprintKey(line));
    if (it == data_->fingerprints.end() || !seen.insert(it->first).second) continue;
    for (std::size_t i : it->second) ++hits[i];
  }
  const SiteRules* best = nullptr;
  std::size_t best_hits = 0;
  for (std::size_t i = 0; i < sites.size(); ++i)
    if (hits[i] >= sites[i].min_fingerprint && hits[i] > best_hits) best = &sites[i], best_hits = hits[i];
  return best ? best->vocab : data_->base;
}

void Vocabulary::AddMarker(Marker m) {
  std::string key = PhraseKey(m.phrase);
  if (key.empty()) return;
  longest_marker = std::max(longest_marker, LongestLineFor(key));
  markers.emplace(std::move(key), std::move(m));  // a rule's own marker stays
}

namespace {

// A marker phrase with its count: "109 Comments", "Bình luận (3)",
// "Comments 12", and WordPress's "15 Replies to “Title”": the phrase alone,
// or empty when `key` holds no count.
std::string_view UncountedKey(std::string_view key) {
  auto digits = [](std::string_view s) {
    std::size_t n = 0;
    while (n < s.size() && ((s[n] >= '0' && s[n] <= '9') || (n > 0 && (s[n] == ',' || s[n] == '.')))) ++n;
    return n;
  };
  if (std::size_t n = digits(key); n > 0 && n < key.size() && key[n] == ' ') {
    std::string_view rest = key.substr(n + 1);
    // The post's title quoted after the phrase.
    for (std::string_view open : {"\u201c", "\"", "\u00ab", "\u2018"})
      if (std::size_t q = rest.find(open); q != std::string_view::npos && q > 0 && rest[q - 1] == ' ')
        rest = rest.substr(0, q - 1);
    return rest;
  }
  std::string_view rest = key;
  if (rest.size() > 2 && rest.back() == ')') {
    std::size_t open = rest.rfind('(');
    if (open == std::string_view::npos || open + 1 + digits(rest.substr(open + 1)) != rest.size() - 1 ||
        open + 2 == rest.size())
      return {};
    rest = rest.substr(0, open);
  } else {
    std::size_t space = rest.rfind(' ');
    if (space == std::string_view::npos || space + 1 + digits(rest.substr(space + 1)) != rest.size()) return {};
    rest = rest.substr(0, space);
  }
  while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
  return rest;
}

}  // namespace

const Vocabulary::Opening* Vocabulary::FindOpening(const std::vector<Opening>& openings, std::string_view key) {
  for (const Opening& n : openings)
    if (key.starts_with(n.key) && (key.size() == n.key.size() || key[n.key.size()] == ' ')) return &n;
  return nullptr;
}

// Paragraphs need no folding: only a count's line ("15 Replies to “A long
// title”") runs longer than the longest phrase, and starts with digits.
bool Vocabulary::MayBeMarker(std::string_view line) const {
  const bool counted_start = !line.empty() && line.front() >= '0' && line.front() <= '9';
  return line.size() <= longest_marker + (counted_start ? tunables::kMaxCountedMarkerExtraBytes : 0);
}

bool Vocabulary::LinksToWriter(std::string_view target) const {
  if (author_paths.empty()) return false;
  const std::string lower = AsciiLower(target.substr(0, target.find(' ')));  // no markdown "title" after the URL
  for (const std::string& p : author_paths)
    if (lower.find(p) != std::string::npos) return true;
  return false;
}

const Marker* Vocabulary::FindMarker(std::string_view line) const {
  line = WithoutBullet(line);
  return MayBeMarker(line) ? FindMarkerKey(PhraseKey(line), line.size()) : nullptr;
}

std::size_t Vocabulary::FindPrefixMarkers(std::string_view line, std::span<PrefixMarker> out) const {
  // PhraseKey of line[from, to), grown a word at a time while each prefix
  // only adds to the one before (no bullet or brackets cut differently).
  std::string folded;
  std::size_t from = std::string_view::npos, to = 0, n = 0;
  for (std::size_t end = 0; n < out.size(); ++n) {
    end = line.find(' ', end + 1);
    if (end == std::string_view::npos) break;
    out[n] = {end, nullptr};
    const std::string_view view = WithoutBullet(line.substr(0, end));
    if (!MayBeMarker(view)) {
      from = std::string_view::npos;
      continue;
    }
    const auto vb = static_cast<std::size_t>(view.data() - line.data()), ve = vb + view.size();
    if (vb == from && ve > to && line[to] == ' ') {  // the words after a space: folded alone, joined by one
      const std::string more = FoldSpaceAndCase(line.substr(to, ve - to));
      if (!more.empty() && !folded.empty()) folded.push_back(' ');
      folded += more;
    } else if (vb != from || ve != to) {
      folded = FoldSpaceAndCase(view);
    }
    from = vb, to = ve;
    out[n].marker = FindMarkerKey(WithoutTrailingStops(folded), view.size());
  }
  return n;
}

const Marker* Vocabulary::FindMarkerKey(std::string_view key, std::size_t line_bytes) const {
  if (key.empty()) return nullptr;
  if (auto it = markers.find(key); it != markers.end()) return &it->second;
  if (std::string_view phrase = UncountedKey(key); !phrase.empty() && phrase.size() < key.size())
    if (auto it = markers.find(phrase); it != markers.end()) return &it->second;
  if (line_bytes > longest_marker) return nullptr;
  if (const Marker* m = NamedMarkerLine(key)) return m;
  return ShareWordsLine(key);
}

// "More articles by Jane Doe": a named marker's phrase and the words of a
// name after it.
const Marker* Vocabulary::NamedMarkerLine(std::string_view key) const {
  const std::string_view first = key.substr(0, key.find(' '));
  if (std::find(named_first_words.begin(), named_first_words.end(), first) == named_first_words.end()) return nullptr;
  std::string_view phrase = key;
  for (std::size_t words = 1; words <= tunables::kMaxMarkerNameWords; ++words) {
    const std::size_t space = phrase.rfind(' ');
    if (space == std::string_view::npos || space == 0) return nullptr;
    phrase = phrase.substr(0, space);
    if (auto it = named_markers.find(phrase); it != named_markers.end()) return &it->second;
  }
  return nullptr;
}

// Share bars often come out as glued words ("Chia sẻFacebook"): the line is a
// share widget when share words alone make it up.
const Marker* Vocabulary::ShareWordsLine(std::string_view key) const {
  const Marker* first = nullptr;
  std::string_view rest = key;
  while (!rest.empty()) {
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '|' || rest.front() == '-' ||
                             rest.front() == ',' || rest.front() == '/'))
      rest.remove_prefix(1);
    if (rest.empty()) break;
    const auto b = static_cast<unsigned char>(rest.front());
    bool hit = false;
    for (std::uint32_t i = share_word_from[b]; i < share_word_from[b + 1u]; ++i) {
      auto& [word, marker] = share_words[i];
      if (rest.substr(0, word.size()) == word) {
        rest.remove_prefix(word.size());
        if (!first) first = &marker;
        hit = true;
        break;
      }
    }
    if (!hit) return nullptr;
  }
  return first;
}

namespace {

// The date of `m`'s current match, nullopt when it names no real date;
// `prefix`: the text after it is kept as `rest`.
std::optional<DateMatch> ReadDate(const DateShape& shape, icu::RegexMatcher* m, const icu::UnicodeString& u,
                                  const Vocabulary& v, bool prefix) {
  UErrorCode status = U_ZERO_ERROR;
  auto num = [&](int group) -> int {
    if (!group) return -1;
    UErrorCode st = U_ZERO_ERROR;
    icu::UnicodeString g = m->group(group, st);
    if (U_FAILURE(st) || g.isEmpty()) return -1;
    std::string s;
    g.toUTF8String(s);
    return std::atoi(s.c_str());
  };
  // A month name: looked up folded, without an abbreviation's dot ("Dec.").
  auto month = [&]() -> int {
    UErrorCode st = U_ZERO_ERROR;
    icu::UnicodeString g = m->group(shape.mon, st);
    std::string s;
    g.toUTF8String(s);
    s = FoldCase(s);
    while (!s.empty() && s.back() == '.') s.pop_back();
    auto it = v.month_names.find(s);
    return U_SUCCESS(st) && it != v.month_names.end() ? it->second : -1;
  };
  int y = num(shape.y), mo = shape.mon ? month() : num(shape.m), d = num(shape.d), H = num(shape.H),
      M = num(shape.M);
  // "09/25/2025" read day first has no month 25: it is the US order, the
  // only reading it has.
  if (!shape.mon && mo > 12 && mo <= 31 && d >= 1 && d <= 12) std::swap(mo, d);
  if (y < 1900 || y > 2199 || mo < 1 || mo > 12 || d == 0 || d > 31) return std::nullopt;
  char buf[64];
  if (d < 1) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, mo);
  } else if (H < 0 || M < 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
  } else {
    if (H > 23 || M > 59) return std::nullopt;
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", y, mo, d, H, M);
  }
  DateMatch out{buf, {}, shape.origin, shape.mon != 0};
  if (prefix) {
    int32_t end = m->end(status);
    std::string rest;
    u.tempSubString(end).toUTF8String(rest);
    out.rest = FoldSpace(rest);
  }
  return out;
}

// `shape`'s matcher on `u`: one per pattern and thread, reset for each
// text, since making one allocates and every short line with a year runs
// every shape. The cache holds the patterns its matchers point to, and lets
// go of those no rules hold any more when it grows.
icu::RegexMatcher* Matcher(const DateShape& shape, const icu::UnicodeString& u) {
  struct Cached {
    std::shared_ptr<icu::RegexPattern> pattern;
    std::unique_ptr<icu::RegexMatcher> matcher;
  };
  thread_local std::unordered_map<const icu::RegexPattern*, Cached> cache;
  if (auto it = cache.find(shape.pattern.get()); it != cache.end()) {
    it->second.matcher->reset(u);
    return it->second.matcher.get();
  }
  std::erase_if(cache, [](const auto& kv) { return kv.second.pattern.use_count() == 1; });
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(shape.pattern->matcher(u, status));
  if (U_FAILURE(status) || !m) return nullptr;
  return cache.emplace(shape.pattern.get(), Cached{shape.pattern, std::move(m)}).first->second.matcher.get();
}

icu::UnicodeString Utf16(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::optional<DateMatch> MatchShape(const DateShape& shape, const icu::UnicodeString& u, const Vocabulary& v,
                                    bool prefix) {
  icu::RegexMatcher* m = Matcher(shape, u);
  UErrorCode status = U_ZERO_ERROR;
  if (!m || !(prefix ? m->lookingAt(status) : m->matches(status)) || U_FAILURE(status)) return std::nullopt;
  return ReadDate(shape, m, u, v, prefix);
}

// The first match of `shape` inside `u` that starts a word, does not end
// inside a number ("x12/05/20245" holds none) and names a real date with its
// day, with where it starts.
std::optional<std::pair<int32_t, DateMatch>> FindShape(const DateShape& shape, const icu::UnicodeString& u,
                                                       const Vocabulary& v) {
  icu::RegexMatcher* m = Matcher(shape, u);
  UErrorCode status = U_ZERO_ERROR;
  while (m && m->find(status) && U_SUCCESS(status)) {
    int32_t start = m->start(status), end = m->end(status);
    if (U_FAILURE(status)) return std::nullopt;
    if (start > 0 && u_isalnum(u.char32At(start - 1))) continue;
    if (end < u.length() && u_isdigit(u.char32At(end))) continue;
    if (auto d = ReadDate(shape, m, u, v, false); d && d->iso.size() >= 10) return std::pair{start, *d};
  }
  return std::nullopt;
}

}  // namespace

// Every date names a year from 1900 on (MatchShape checks it), so a line
// without four digits in a row cannot match; most lines are skipped here,
// before any regex runs.
static bool HasYear(std::string_view line) {
  int run = 0;
  for (char c : line) {
    run = (c >= '0' && c <= '9') ? run + 1 : 0;
    if (run == 4) return true;
  }
  return false;
}

// A date printed between inline separators ("Thứ Năm, 16/07/2026 17:17 |",
// "· May 4, 2025") or as a list item ("* 16 November 2019", as text browsers
// and markdown print one) is still the whole line: the separators go first.
static std::string_view TrimSeparators(std::string_view line) {
  static constexpr std::string_view kSeparators[] = {" ", "|", "·", "•", "—", "–", "*", "+", "-"};
  for (bool cut = true; cut;) {
    cut = false;
    for (std::string_view sep : kSeparators) {
      while (line.starts_with(sep)) line.remove_prefix(sep.size()), cut = true;
      while (line.ends_with(sep)) line.remove_suffix(sep.size()), cut = true;
    }
  }
  return line;
}

std::optional<DateMatch> Vocabulary::MatchDateLine(std::string_view line) const {
  line = TrimSeparators(line);
  // Dates are short; skip the regexes for paragraphs.
  if (line.size() > 80 || !HasYear(line)) return std::nullopt;
  const icu::UnicodeString u = Utf16(line);
  for (auto& shape : date_lines)
    if (auto m = MatchShape(shape, u, *this, false)) return m;
  return std::nullopt;
}

std::optional<DateMatch> Vocabulary::FindDate(std::string_view text) const {
  if (!HasYear(text)) return std::nullopt;
  icu::UnicodeString u = Utf16(text);
  std::optional<std::pair<int32_t, DateMatch>> first;  // the leftmost date of any shape
  for (auto& shape : date_lines)
    if (auto found = FindShape(shape, u, *this); found && (!first || found->first < first->first)) first = found;
  if (!first) return std::nullopt;
  return first->second;
}

std::optional<DateMatch> Vocabulary::MatchDatePrefix(std::string_view line) const {
  if (!HasYear(line.substr(0, 64))) return std::nullopt;
  const icu::UnicodeString u = Utf16(line);
  for (auto& shape : date_prefixes)
    if (auto m = MatchShape(shape, u, *this, true)) return m;
  return std::nullopt;
}

std::string Vocabulary::InZone(std::string iso, bool local) const {
  if (local && iso.size() == 16 && iso[10] == 'T') iso += timezone;
  return iso;
}

int Vocabulary::KnownLanguage(const std::vector<std::size_t>& hits, std::size_t words) const {
  auto best = std::max_element(hits.begin(), hits.end());
  if (best == hits.end() || static_cast<double>(*best) < tunables::kKnownLanguageShare * static_cast<double>(words))
    return -1;
  return static_cast<int>(best - hits.begin());
}

std::string DefaultRulesDir() {
  if (const char* env = std::getenv("SACH_RULES"); env && *env) return env;
  std::error_code ec;
  auto holds_rules = [&](const fs::path& dir) { return fs::is_regular_file(dir / "default.toml", ec); };
  // Beside the running program: PREFIX/bin/sach -> PREFIX/share/sach/rules
  // (installed), BUILD/sach -> BUILD/share/sach/rules (a build tree).
  const fs::path exe_dir = fs::read_symlink("/proc/self/exe", ec).parent_path();
  if (!ec && !exe_dir.empty()) {
    for (const fs::path& dir : {exe_dir.parent_path() / SACH_RULES_SUBDIR, exe_dir / SACH_RULES_SUBDIR})
      if (holds_rules(dir)) return dir.string();
  }
  if (holds_rules(SACH_INSTALL_RULES_DIR)) return SACH_INSTALL_RULES_DIR;
  return "rules";
}

}  // namespace sach
