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

#include "text.h"
#include "tunables.h"

namespace sach {
namespace fs = std::filesystem;

std::string_view ConceptName(Concept c) {
  switch (c) {
    case Concept::kRelated: return "related";
    case Concept::kShare: return "share";
    case Concept::kComment: return "comment";
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

// The normal form phrases are compared in: spacing folded, case folded, a
// trailing colon dropped ("Tin liên quan:" is the same heading).
std::string PhraseKey(std::string_view s) {
  std::string key = FoldCase(FoldSpace(s));
  while (!key.empty() && (key.back() == ':' || key.back() == ' ')) key.pop_back();
  return key;
}

std::string Where(const std::string& file, const toml::node& node) {
  return file + ":" + std::to_string(node.source().begin.line);
}

// Reads one rule file into `v`; `file` is the path shown in messages.
class Loader {
 public:
  Loader(std::string file, Vocabulary& v) : file_(std::move(file)), v_(v) {}

  Status Strings(const toml::node& node, std::vector<std::pair<std::string, std::string>>& out) {
    const toml::array* arr = node.as_array();
    if (!arr) return Fail(Where(file_, node) + ": expected an array of strings");
    for (const toml::node& item : *arr) {
      auto s = item.value<std::string>();
      if (!s) return Fail(Where(file_, item) + ": expected a string");
      if (FoldSpace(*s).empty()) return Fail(Where(file_, item) + ": empty phrase");
      out.emplace_back(*s, Where(file_, item));
    }
    return Ok{};
  }

  Status Folded(const toml::node& node, std::vector<std::string>& out) {
    std::vector<std::pair<std::string, std::string>> items;
    if (auto st = Strings(node, items); !st) return st;
    // Prefix and marker lists keep their colon: "ảnh:" must not match "cảnh".
    for (auto& [s, where] : items) out.push_back(FoldCase(FoldSpace(s)));
    return Ok{};
  }

  Status Markers(const toml::table& t) {
    for (auto&& [key, node] : t) {
      auto it = FindConcept(key.str());
      if (!it)
        return Fail(Where(file_, node) + ": unknown marker concept '" + std::string(key.str()) +
                    "' (known: " + kConceptList + ")");
      std::vector<std::pair<std::string, std::string>> items;
      if (auto st = Strings(node, items); !st) return st;
      for (auto& [phrase, where] : items) {
        Marker m{it->second, phrase, where};
        std::string k = PhraseKey(phrase);
        if (it->second == Concept::kShare) v_.share_words.emplace_back(k, m);
        v_.markers[k] = std::move(m);
      }
    }
    return Ok{};
  }

  Status Dates(const toml::node& node, std::vector<DateShape>& out) {
    std::vector<std::pair<std::string, std::string>> items;
    if (auto st = Strings(node, items); !st) return st;
    for (auto& [pattern, where] : items) {
      UErrorCode status = U_ZERO_ERROR;
      UParseError perr{};
      std::shared_ptr<icu::RegexPattern> re(icu::RegexPattern::compile(
          icu::UnicodeString::fromUTF8(pattern), UREGEX_CASE_INSENSITIVE, perr, status));
      if (U_FAILURE(status))
        return Fail(where + ": bad regex: " + u_errorName(status) + " at offset " +
                    std::to_string(perr.offset));
      DateShape shape{re, where};
      auto group = [&](const char* name) {
        UErrorCode st = U_ZERO_ERROR;
        int32_t n = re->groupNumberFromName(icu::UnicodeString(name), st);
        return U_SUCCESS(st) ? n : 0;
      };
      shape.y = group("y"), shape.m = group("m"), shape.mon = group("mon"), shape.d = group("d");
      shape.H = group("H"), shape.M = group("M");
      if (!shape.y || (!shape.m == !shape.mon))
        return Fail(where + ": a date shape needs named groups (?<y>...) and one of (?<m>...) or (?<mon>...)");
      if ((shape.H != 0) != (shape.M != 0))
        return Fail(where + ": a date shape has both (?<H>...) and (?<M>...) or neither");
      out.push_back(std::move(shape));
    }
    return Ok{};
  }

  // [date] months: twelve lists, January's first, of the names and
  // abbreviations a month is printed with, in any language.
  Status Months(const toml::node& node) {
    const toml::array* months = node.as_array();
    if (!months || months->size() != 12)
      return Fail(Where(file_, node) + ": months must be twelve lists of names, January's first");
    for (std::size_t i = 0; i < 12; ++i) {
      std::vector<std::pair<std::string, std::string>> names;
      if (auto st = Strings(*months->get(i), names); !st) return st;
      for (auto& [name, where] : names) v_.month_names[FoldCase(FoldSpace(name))] = static_cast<int>(i) + 1;
    }
    return Ok{};
  }

  // Top-level keys a rule file may have; `site` only in sites/*.toml.
  Status File(const toml::table& root, SiteRules* site) {
    for (auto&& [key, node] : root) {
      std::string_view k = key.str();
      Status st = Ok{};
      if (k == "timezone") {
        auto tz = node.value<std::string>();
        if (!tz || !ValidOffset(*tz))
          return Fail(Where(file_, node) + ": timezone must be an offset like \"+07:00\"");
        v_.timezone = *tz;
      } else if (k == "language") {
        auto lang = node.value<std::string>();
        if (!lang || lang->empty()) return Fail(Where(file_, node) + ": language must be a language tag like \"vi\"");
        v_.language = AsciiLower(*lang);
      } else if (k == "markers") {
        if (!node.is_table()) return Fail(Where(file_, node) + ": [markers] must be a table");
        st = Markers(*node.as_table());
      } else if (k == "byline" || k == "source" || k == "caption" || k == "date" || k == "not_found") {
        if (!node.is_table()) return Fail(Where(file_, node) + ": [" + std::string(k) + "] must be a table");
        st = Section(k, *node.as_table());
      } else if (k == "html") {
        if (!node.is_table()) return Fail(Where(file_, node) + ": [html] must be a table");
        st = Html(*node.as_table());
      } else if (k == "function_words") {
        if (!node.is_table()) return Fail(Where(file_, node) + ": [function_words] must be a table");
        st = FunctionWords(*node.as_table());
      } else if (k == "site" && site) {
        if (!node.is_table()) return Fail(Where(file_, node) + ": [site] must be a table");
        st = Site(*node.as_table(), *site);
      } else {
        return Fail(Where(file_, node) + ": unknown key '" + std::string(k) + "'");
      }
      if (!st) return st;
    }
    return Ok{};
  }

 private:
  static bool ValidOffset(const std::string& tz) {
    return tz == "Z" || (tz.size() == 6 && (tz[0] == '+' || tz[0] == '-') && isdigit(tz[1]) &&
                         isdigit(tz[2]) && tz[3] == ':' && isdigit(tz[4]) && isdigit(tz[5]));
  }

  Status Section(std::string_view section, const toml::table& t) {
    for (auto&& [key, node] : t) {
      std::string k(key.str());
      Status st = Ok{};
      if (section == "byline" && k == "prefixes") st = Folded(node, v_.byline_prefixes);
      else if (section == "byline" && k == "labels") st = Folded(node, v_.byline_labels);
      else if (section == "source" && k == "prefixes") st = Folded(node, v_.source_prefixes);
      else if (section == "source" && k == "agencies") {
        std::vector<std::pair<std::string, std::string>> items;
        st = Strings(node, items);
        for (auto& [s, w] : items) v_.agencies.push_back(s);
      } else if (section == "caption" && k == "markers") st = Folded(node, v_.caption_markers);
      else if (section == "not_found" && k == "phrases") st = Folded(node, v_.not_found);
      else if (section == "date" && k == "lines") st = Dates(node, v_.date_lines);
      else if (section == "date" && k == "prefixes") st = Dates(node, v_.date_prefixes);
      else if (section == "date" && k == "months") st = Months(node);
      else return Fail(Where(file_, node) + ": unknown key '" + k + "' in [" + std::string(section) + "]");
      if (!st) return st;
    }
    return Ok{};
  }

  // [function_words]: a list per language; a word may belong to several.
  Status FunctionWords(const toml::table& t) {
    for (auto&& [key, node] : t) {
      auto& langs = v_.function_languages;
      auto at = std::find(langs.begin(), langs.end(), std::string(key.str()));
      if (at == langs.end()) {
        if (langs.size() >= tunables::kMaxFunctionLanguages)
          return Fail(Where(file_, node) + ": more than " + std::to_string(tunables::kMaxFunctionLanguages) +
                      " languages in [function_words]");
        at = langs.insert(langs.end(), std::string(key.str()));
      }
      const std::uint32_t bit = 1u << (at - langs.begin());
      std::vector<std::string> words;
      if (auto st = Folded(node, words); !st) return st;
      for (auto& w : words) v_.function_words[w] |= bit;
    }
    return Ok{};
  }

  Status Selectors(const toml::node& node, const char* kind, std::vector<Vocabulary::SiteSelector>& out) {
    std::vector<std::pair<std::string, std::string>> items;
    if (auto st = Strings(node, items); !st) return st;
    for (auto& [text, where] : items) {
      Result<Selector> s = Selector::Parse(text);
      if (!s) return Fail(where + ": " + s.error().message);
      std::string why = std::string("site ") + kind + " selector '" + text + "' (" + where + ")";
      out.push_back({std::move(*s), where, std::move(why)});
    }
    return Ok{};
  }

  Status Html(const toml::table& t) {
    for (auto&& [key, node] : t) {
      if (key.str() == "keep") {
        if (auto st = Selectors(node, "keep", v_.keep); !st) return st;
        continue;
      }
      if (key.str() == "drop") {
        if (auto st = Selectors(node, "drop", v_.drop); !st) return st;
        continue;
      }
      if (key.str() == "title_suffixes") {
        std::vector<std::pair<std::string, std::string>> items;
        if (auto st = Strings(node, items); !st) return st;
        for (auto& [s, w] : items) v_.title_suffixes.push_back(s);
        continue;
      }
      if (key.str() == "roles" && node.is_table()) {
        for (auto&& [name, list] : *node.as_table()) {
          auto c = FindConcept(name.str());
          if (!c)
            return Fail(Where(file_, list) + ": unknown role concept '" + std::string(name.str()) +
                        "' (known: " + kConceptList + ")");
          std::vector<std::pair<std::string, std::string>> items;
          if (auto st = Strings(list, items); !st) return st;
          for (auto& [role, where] : items)
            v_.role_hints.push_back({role, c->second, std::string(c->first) + " role \"" + role + "\" (" + where + ")"});
        }
        continue;
      }
      if (key.str() != "classes" || !node.is_table())
        return Fail(Where(file_, node) + ": unknown key '" + std::string(key.str()) +
                    "' in [html] (known: classes, roles, keep, drop, title_suffixes)");
      for (auto&& [name, list] : *node.as_table()) {
        auto c = FindConcept(name.str());
        if (!c)
          return Fail(Where(file_, list) + ": unknown class concept '" + std::string(name.str()) +
                      "' (known: " + kConceptList + ")");
        std::vector<std::pair<std::string, std::string>> items;
        if (auto st = Strings(list, items); !st) return st;
        for (auto& [word, where] : items) {
          std::string w = FoldCase(word);
          if (w.find_first_of(" \t") != std::string::npos)
            return Fail(where + ": a class word has no spaces");
          std::string why = std::string(c->first) + " class/id word \"" + w + "\" (" + where + ")";
          v_.class_hints.push_back({std::move(w), c->second, where, std::move(why)});
        }
      }
    }
    return Ok{};
  }

  Status Site(const toml::table& t, SiteRules& site) {
    for (auto&& [key, node] : t) {
      std::string k(key.str());
      Status st = Ok{};
      if (k == "name") {
        auto s = node.value<std::string>();
        if (!s) return Fail(Where(file_, node) + ": name must be a string");
        site.name = *s;
      } else if (k == "hosts") {
        std::vector<std::pair<std::string, std::string>> items;
        st = Strings(node, items);
        for (auto& [s, w] : items) site.hosts.push_back(FoldCase(s));
      } else if (k == "fingerprint") {
        std::vector<std::pair<std::string, std::string>> items;
        st = Strings(node, items);
        for (auto& [s, w] : items) site.fingerprint.push_back(PhraseKey(s));
      } else if (k == "min_fingerprint") {
        auto n = node.value<int64_t>();
        if (!n || *n < 1) return Fail(Where(file_, node) + ": min_fingerprint must be a positive integer");
        site.min_fingerprint = static_cast<std::size_t>(*n);
      } else {
        return Fail(Where(file_, node) + ": unknown key '" + k + "' in [site]");
      }
      if (!st) return st;
    }
    return Ok{};
  }

  std::string file_;
  Vocabulary& v_;
};

Status LoadFile(const fs::path& path, const std::string& shown, Vocabulary& v, SiteRules* site) {
  toml::table root;
  try {
    root = toml::parse_file(path.string());
  } catch (const toml::parse_error& e) {
    return Fail(shown + ":" + std::to_string(e.source().begin.line) + ": " +
                std::string(e.description()));
  }
  return Loader(shown, v).File(root, site);
}

void SortShareWords(Vocabulary& v) {
  // Longest first, so "chia sẻ facebook" is consumed before "chia sẻ".
  std::sort(v.share_words.begin(), v.share_words.end(),
            [](auto& a, auto& b) { return a.first.size() > b.first.size(); });
  // A line longer than this is no marker: phrases are short, and a glued
  // share bar is a handful of share words.
  v.longest_marker = tunables::kMaxShareBarBytes;
  for (auto& [key, m] : v.markers) v.longest_marker = std::max(v.longest_marker, LongestLineFor(key));
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

// BASE/default.toml, loaded.
Result<Vocabulary> LoadDefault(const fs::path& base) {
  const fs::path def = base / "default.toml";
  std::error_code ec;
  if (!fs::is_regular_file(def, ec)) return Fail(def.string() + ": no such rules file");
  Vocabulary v;
  if (auto st = LoadFile(def, def.string(), v, nullptr); !st) return st.error();
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

// One site file on top of the default rules (a site adds to them).
Result<SiteRules> LoadSite(const fs::path& file, const Vocabulary& base) {
  SiteRules site;
  site.vocab = base;
  if (auto st = LoadFile(file, file.string(), site.vocab, &site); !st) return st.error();
  if (auto never = NeverApplies(file, site)) return Fail(*never);
  if (site.name.empty()) site.name = file.stem().string();
  site.vocab.site = site.name;
  SortShareWords(site.vocab);
  return site;
}

}  // namespace

Result<Rules> Rules::Load(const std::string& dir) {
  auto data = std::make_shared<RulesData>();
  Result<Vocabulary> base = LoadDefault(dir);
  if (!base) return base.error();
  data->base = std::move(*base);
  for (const fs::path& p : SiteFiles(dir)) {
    Result<SiteRules> site = LoadSite(p, data->base);
    if (!site) return site.error();
    data->sites.push_back(std::move(*site));
  }
  for (std::size_t i = 0; i < data->sites.size(); ++i)
    for (auto& f : data->sites[i].fingerprint) {
      auto& sites = data->fingerprints[f];
      if (sites.empty() || sites.back() != i) sites.push_back(i);
      data->longest_fingerprint = std::max(data->longest_fingerprint, f.size());
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
  Result<Vocabulary> vocab = LoadDefault(base);
  if (!vocab) return {vocab.error().message};
  if (checked) checked->push_back((base / "default.toml").string());
  std::vector<std::string> problems;
  for (const fs::path& f : files) {
    if (Result<SiteRules> site = LoadSite(f, *vocab); !site) problems.push_back(site.error().message);
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
    if (line.empty() || line.size() > 2 * data_->longest_fingerprint + 8 || line.find('<') != std::string_view::npos) continue;
    auto it = data_->fingerprints.find(PhraseKey(line));
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

const Marker* Vocabulary::FindMarker(std::string_view line) const {
  if (line.size() > longest_marker) return nullptr;  // paragraphs: no folding needed
  std::string key = PhraseKey(line);
  if (key.empty()) return nullptr;
  if (auto it = markers.find(key); it != markers.end()) return &it->second;
  // Share bars often come out as glued words ("Chia sẻFacebook"): the line is a
  // share widget when share words alone make it up.
  const Marker* first = nullptr;
  std::string_view rest = key;
  while (!rest.empty()) {
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '|' || rest.front() == '-' ||
                             rest.front() == ',' || rest.front() == '/'))
      rest.remove_prefix(1);
    if (rest.empty()) break;
    bool hit = false;
    for (auto& [word, marker] : share_words) {
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
  const std::string& tz = v.timezone;
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
  if (y < 1900 || y > 2199 || mo < 1 || mo > 12 || d == 0 || d > 31) return std::nullopt;
  char buf[64];
  if (d < 1) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, mo);
  } else if (H < 0 || M < 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
  } else {
    if (H > 23 || M > 59) return std::nullopt;
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d%s", y, mo, d, H, M, tz.c_str());
  }
  DateMatch out{buf, {}, shape.origin};
  if (prefix) {
    int32_t end = m->end(status);
    std::string rest;
    u.tempSubString(end).toUTF8String(rest);
    out.rest = FoldSpace(rest);
  }
  return out;
}

std::unique_ptr<icu::RegexMatcher> Matcher(const DateShape& shape, const icu::UnicodeString& u) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(shape.pattern->matcher(u, status));
  return U_SUCCESS(status) ? std::move(m) : nullptr;
}

icu::UnicodeString Utf16(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::optional<DateMatch> MatchShape(const DateShape& shape, const icu::UnicodeString& u, const Vocabulary& v,
                                    bool prefix) {
  auto m = Matcher(shape, u);
  UErrorCode status = U_ZERO_ERROR;
  if (!m || !(prefix ? m->lookingAt(status) : m->matches(status)) || U_FAILURE(status)) return std::nullopt;
  return ReadDate(shape, m.get(), u, v, prefix);
}

// The first match of `shape` inside `u` that starts a word, does not end
// inside a number ("x12/05/20245" holds none) and names a real date with its
// day, with where it starts.
std::optional<std::pair<int32_t, DateMatch>> FindShape(const DateShape& shape, const icu::UnicodeString& u,
                                                       const Vocabulary& v) {
  auto m = Matcher(shape, u);
  UErrorCode status = U_ZERO_ERROR;
  while (m && m->find(status) && U_SUCCESS(status)) {
    int32_t start = m->start(status), end = m->end(status);
    if (U_FAILURE(status)) return std::nullopt;
    if (start > 0 && u_isalnum(u.char32At(start - 1))) continue;
    if (end < u.length() && u_isdigit(u.char32At(end))) continue;
    if (auto d = ReadDate(shape, m.get(), u, v, false); d && d->iso.size() >= 10) return std::pair{start, *d};
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
// "· May 4, 2025") is still the whole line: the separators go first.
static std::string_view TrimSeparators(std::string_view line) {
  static constexpr std::string_view kSeparators[] = {" ", "|", "·", "•", "—", "–"};
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
