// HTML metadata: markup (meta tags, JSON-LD, dates) first, then the lines
// printed around the article.
#include "metadata.h"

#include <unicode/unistr.h>

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <iterator>
#include <nlohmann/json.hpp>

#include "dedupe.h"
#include "meta_lines.h"
#include "page.h"
#include "parse.h"
#include "text.h"
#include "url.h"
#include "sach/article.h"
#include "tunables.h"

namespace sach {
namespace {

int Digits(std::string_view s, std::size_t at, std::size_t n) {
  if (at + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// JSON-LD sits in a <script>, where the parser decodes no character
// references, and CMSs write them there anyway ("Maria &amp; Katerina").
std::string DecodeReferences(std::string_view s) {
  static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
      {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}};
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::size_t semi = s[i] == '&' ? s.find(';', i) : std::string_view::npos;
    if (semi == std::string_view::npos || semi - i > 10) {
      out += s[i];
      continue;
    }
    std::string_view name = s.substr(i + 1, semi - i - 1);
    std::string decoded;
    for (auto [n, text] : kNamed)
      if (name == n) decoded = text;
    if (decoded.empty() && name.size() > 1 && name[0] == '#') {
      bool hex = name[1] == 'x' || name[1] == 'X';
      char* end = nullptr;
      std::string digits(name.substr(hex ? 2 : 1));
      unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
      if (!digits.empty() && *end == '\0' && cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF))
        icu::UnicodeString(static_cast<UChar32>(cp)).toUTF8String(decoded);
    }
    if (decoded.empty()) {
      out += s[i];
      continue;
    }
    out += decoded;
    i = semi;
  }
  return out;
}

// JSON-LD objects by their "@id", for references ({"@id": ".../#person"}).
using JsonIds = std::vector<std::pair<std::string, const nlohmann::json*>>;

// Fold a JSON-LD value that may be a string, an object with "name" (or a
// reference to one elsewhere in the graph), or an array of either.
void Names(const nlohmann::json& j, std::vector<std::string>& out, const JsonIds& ids, int depth = 0) {
  if (depth > 3) return;
  if (j.is_string()) {
    std::string s = FoldSpace(DecodeReferences(j.get<std::string>()));
    if (!s.empty()) out.push_back(s);
  } else if (j.is_object()) {
    if (auto it = j.find("name"); it != j.end()) {
      Names(*it, out, ids, depth + 1);
    } else if (auto ref = j.find("@id"); ref != j.end() && ref->is_string()) {
      for (auto& [id, obj] : ids)
        if (id == ref->get<std::string>() && obj != &j) return Names(*obj, out, ids, depth + 1);
    }
  } else if (j.is_array()) {
    for (auto& e : j) Names(e, out, ids, depth + 1);
  }
}

std::string JsonString(const nlohmann::json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) return {};
  if (it->is_string()) return FoldSpace(DecodeReferences(it->get<std::string>()));
  if (it->is_array() && !it->empty() && it->front().is_string())
    return FoldSpace(DecodeReferences(it->front().get<std::string>()));
  return {};
}

bool IsArticleType(const nlohmann::json& obj) {
  auto it = obj.find("@type");
  if (it == obj.end()) return false;
  auto one = [](const std::string& t) { return t.find("Article") != std::string::npos || t == "BlogPosting" ||
                                               t == "ReportageNews" || t == "NewsArticle" || t == "Report" ||
                                               t == "LiveBlogPosting"; };
  if (it->is_string()) return one(it->get<std::string>());
  if (it->is_array())
    for (auto& t : *it)
      if (t.is_string() && one(t.get<std::string>())) return true;
  return false;
}

struct JsonLd {
  std::string headline, date, author, publisher;
  std::string page_date;  // datePublished of an object that is no article (a WebPage)
  std::string modified, page_modified;  // dateModified of the article, of another object
};

// The first article object in the page's JSON-LD (top level, an array, or @graph).
JsonLd ReadJsonLd(const std::vector<std::string>& blocks) {
  JsonLd out;
  for (auto& text : blocks) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) continue;
    std::vector<const nlohmann::json*> objects;
    std::vector<std::pair<const nlohmann::json*, int>> stack{{&j, 0}};
    while (!stack.empty()) {
      auto [node, depth] = stack.back();
      stack.pop_back();
      if (depth > 4) continue;
      if (node->is_array()) {
        for (auto it = node->rbegin(); it != node->rend(); ++it) stack.push_back({&*it, depth + 1});
      } else if (node->is_object()) {
        objects.push_back(node);
        if (auto g = node->find("@graph"); g != node->end()) stack.push_back({&*g, depth + 1});
        if (auto m = node->find("mainEntity"); m != node->end()) stack.push_back({&*m, depth + 1});
      }
    }
    JsonIds ids;
    for (auto* o : objects)
      if (auto id = o->find("@id"); id != o->end() && id->is_string() && o->contains("name"))
        ids.emplace_back(id->get<std::string>(), o);
    for (auto* o : objects) {
      if (out.page_date.empty()) out.page_date = JsonString(*o, "datePublished");
      if (out.page_modified.empty()) out.page_modified = JsonString(*o, "dateModified");
      if (!IsArticleType(*o)) continue;
      if (out.headline.empty()) out.headline = JsonString(*o, "headline");
      if (out.date.empty()) out.date = JsonString(*o, "datePublished");
      if (out.modified.empty()) out.modified = JsonString(*o, "dateModified");
      if (out.author.empty())
        if (auto a = o->find("author"); a != o->end()) {
          std::vector<std::string> names;
          Names(*a, names, ids);
          std::string joined;
          for (auto& n : names) joined += (joined.empty() ? "" : ", ") + n;
          out.author = joined;
        }
      if (out.publisher.empty())
        if (auto p = o->find("publisher"); p != o->end()) {
          std::vector<std::string> names;
          Names(*p, names, ids);
          if (!names.empty()) out.publisher = names.front();
        }
    }
  }
  return out;
}

// An author field holding the site's own name ("VnExpress", "NLD.COM.VN",
// "Báo Mẫu"): the outlet, not a writer; the printed byline names one.
bool NamesTheSite(std::string_view author, std::string_view site, std::string_view url) {
  std::string a = FoldCase(author);
  if (a.empty()) return false;
  if (!site.empty() && a == FoldCase(site)) return true;
  std::string host = AsciiLower(UrlHost(std::string(url)));
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  return !host.empty() && (a == host || a == host.substr(0, host.find('.')));
}

// `lang` ("vi", "vi-VN") names the language `language` (a primary subtag).
bool InLanguage(std::string_view lang, std::string_view language) {
  std::string l = AsciiLower(lang);
  return !language.empty() && l.rfind(language, 0) == 0 && (l.size() == language.size() || l[language.size()] == '-');
}

// The share of the smaller word set found in the other (distinct words).
double SharedWordShare(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> x(a), y(b);
  for (auto* v : {&x, &y}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  if (x.empty() || y.empty()) return 0.0;
  std::vector<std::string> both;
  std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(both));
  return static_cast<double>(both.size()) / static_cast<double>(std::min(x.size(), y.size()));
}

// An author field ending in the outlet it wrote for ("Jane Doe, USA TODAY",
// "A and B, The Commercial Appeal" on the Memphis Commercial Appeal's page):
// the names alone. The outlet is the site's name, or ends as it does and
// shares most of its words. No name at all without a letter ("262588213843476").
std::string WithoutOutlet(std::string author, std::string_view site, std::string_view url) {
  if (std::size_t at = author.rfind(", "); at != std::string::npos) {
    const std::string outlet = author.substr(at + 2);
    const std::vector<std::string> o = Words(FoldCase(outlet)), s = Words(FoldCase(site));
    const bool ends_alike = !o.empty() && !s.empty() && o.back() == s.back() &&
                            SharedWordShare(o, s) >= tunables::kOutletSharedWords;
    if (NamesTheSite(outlet, site, url) || ends_alike) author = FoldSpace(author.substr(0, at));
  }
  const bool letter = std::any_of(author.begin(), author.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x80 || std::isalpha(static_cast<unsigned char>(c));
  });
  return letter ? author : std::string();
}

// Of the page's <h1>s, the one sharing most words with the announced
// title, if it shares enough; a site's name in an <h1> is never the headline.
std::string HeadlineH1(const std::vector<std::string>& h1s, const std::string& announced, std::string_view site) {
  if (announced.empty()) return {};
  std::string best;
  double best_share = tunables::kMinTitleSharedWords;
  for (const std::string& h : h1s) {
    if (Words(h).size() < 2 || (!site.empty() && FoldCase(h) == FoldCase(site))) continue;
    double share = SharedWordShare(Words(h), Words(announced));
    if (share > best_share || (best.empty() && share >= best_share)) best = h, best_share = share;
  }
  return best;
}

// An <h1> set in capitals ("TIPS FOR ONLINE SUCCESS") is styled for show:
// the announced title holding the same words ("Tips for Online Success")
// is the headline as written. "" when `h1` has lower-case letters or no
// announced title (minus its site name) matches it.
std::string AnnouncedCasing(const std::string& h1, std::initializer_list<std::string_view> announced,
                            std::string_view site) {
  const std::string folded = FoldSpaceAndCase(h1);
  if (h1.empty() || folded == h1) return {};  // no capitals at all
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(h1);
  if (u != icu::UnicodeString(u).toUpper()) return {};
  for (std::string_view a : announced) {
    if (a.empty()) continue;
    std::string stripped = StripSiteName(a, site);
    if (FoldSpaceAndCase(stripped) == folded) return stripped;
  }
  return {};
}

// An element the markup says is the author: a link rel="author" or an
// itemprop="author" (microdata).
bool NamesAuthor(const PageTree& t, int i) {
  const HtmlNode& n = t[i];
  if (AsciiLower(n.itemprop) == "author") return true;
  return n.tag == GUMBO_TAG_A && AsciiLower(Attr(n.g, "rel")) == "author";
}

// The author element's name: its itemprop="name" part if it has one, else
// its text when short enough to be a name.
std::string AuthorText(const PageTree& t, int i) {
  for (int k = i + 1; k < t[i].end; ++k)
    if (AsciiLower(t[k].itemprop) == "name") {
      std::string_view content = Attr(t[k].g, "content");
      return FoldSpace(content.empty() ? TextOf(t[k].g) : std::string(content));
    }
  std::string text = FoldSpace(TextOf(t[i].g));
  return CharCount(text) <= tunables::kMaxBylineChars ? text : std::string();
}

// The text of the first block inside element i that holds text, when its
// text (`whole`) is printed in several blocks (a writer's card: the name over
// a job title); empty when it is printed in one, or when the element is no
// card's size. Reads no counts: metadata of the markup is read before them.
std::string FirstBlockText(const PageTree& t, int i, const std::string& whole) {
  if (t[i].end - i > tunables::kMaxCardElements) return {};  // keeps the leaf test below cheap
  for (int k = i + 1; k < t[i].end; ++k) {
    if (!IsBlockTag(t[k].tag)) continue;
    bool leaf = true;
    for (int j = k + 1; j < t[k].end && leaf; ++j) leaf = !IsBlockTag(t[j].tag);
    if (!leaf) continue;
    std::string text = FoldSpace(TextOf(t[k].g));
    if (text.empty()) { k = t[k].end - 1; continue; }
    return text.size() < whole.size() ? text : std::string();
  }
  return {};
}

// The writer's name a link to their page prints, when it prints only a
// name ("Jane Doe", not "More by Jane Doe" or a photo); in a card, its
// first block.
std::string WriterLinkName(const PageTree& t, int i, const Vocabulary& v) {
  std::string text = FoldSpace(TextOf(t[i].g));
  if (std::string first = FirstBlockText(t, i, text); !first.empty()) text = std::move(first);
  return OnlyNames(text, v) ? text : std::string();
}

// Twitter card fields pair a label with a value ("twitter:label1" "Written
// by", "twitter:data1" "Jane Doe"): the value of a byline label.
std::string CardAuthor(const std::vector<std::pair<std::string, std::string>>& fields, const Vocabulary& v) {
  for (auto& [key, label] : fields) {
    if (key.rfind("twitter:label", 0) != 0 || !IsBylineLabel(label, v)) continue;
    std::string data_key = "twitter:data" + key.substr(std::string_view("twitter:label").size());
    for (auto& [k, value] : fields)
      if (k == data_key) return value;
  }
  return {};
}

bool LooksLikeUrl(std::string_view s) {
  return s.find("://") != std::string_view::npos || s.substr(0, 1) == "/" || s.find("www.") == 0;
}

}  // namespace

bool RulesPage(const PageTree& t, const Vocabulary& v) {
  return !v.site.empty() || InLanguage(Attr(t[0].g, "lang"), v.language);
}

namespace {

// The zone of an ISO time ("Z", "+07:00", "+0700") in minutes east, or
// nullopt when the time is naive.
std::optional<int> ZoneMinutes(std::string_view zone) {
  if (zone.empty()) return std::nullopt;
  if (zone[0] == 'Z') return 0;
  if (zone[0] != '+' && zone[0] != '-') return std::nullopt;
  int h = Digits(zone, 1, 2), m = zone.size() == 5 ? Digits(zone, 3, 2) : zone.size() >= 6 ? Digits(zone, 4, 2) : 0;
  if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  return (zone[0] == '-' ? -1 : 1) * (h * 60 + m);
}

std::string OffsetText(int minutes) {  // 420 -> "+07:00"
  char buf[16];
  int a = std::abs(minutes);
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
  return buf;
}

}  // namespace

std::optional<std::string> NormalizeDate(std::string_view raw, const Vocabulary& v) {
  std::string s = FoldSpace(raw);
  std::string_view d = s;
  int y = Digits(d, 0, 4), mo = Digits(d, 5, 2), day = Digits(d, 8, 2);
  if (y >= 1900 && d.size() >= 10 && d[4] == '-' && d[7] == '-' && mo >= 1 && mo <= 12 && day >= 1 && day <= 31) {
    char buf[64];
    if (d.size() < 16 || (d[10] != 'T' && d[10] != ' ')) {
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, day);
      return std::string(buf);
    }
    int H = Digits(d, 11, 2), M = Digits(d, 14, 2);
    if (H < 0 || H > 23 || M < 0 || M > 59 || d[13] != ':') return std::nullopt;
    std::size_t at = 16;
    if (at < d.size() && d[at] == ':') at += 3;                                 // seconds
    while (at < d.size() && (d[at] == '.' || std::isdigit(static_cast<unsigned char>(d[at])))) ++at;  // fractions
    // The page's own offset is kept: moving the time elsewhere changes the
    // day of evening articles. A naive time stays naive (Vocabulary::InZone).
    std::optional<int> zone = ZoneMinutes(d.substr(std::min(at, d.size())));
    std::string offset = zone ? OffsetText(*zone) : "";
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", y, mo, day, H, M);
    return std::string(buf) + offset;
  }
  if (auto m = v.MatchDateLine(s)) return m->iso;
  return std::nullopt;
}

namespace {

// A title cut at a separator: the part kept, the part cut off, the separator.
struct TitleCut {
  std::string kept, part;
  std::string_view sep;
};

// `t` cut at a separator once: at the last one when `tail_is_site` takes the
// part after it and the head is long enough ("Headline | Site"), else at the
// first when `head_is_site` takes the part before it and the tail is long
// enough ("Site - Headline"); only at `only_sep` when given; nullopt when
// neither.
template <class TailIsSite, class HeadIsSite>
std::optional<TitleCut> CutSiteName(const std::string& t, TailIsSite tail_is_site, HeadIsSite head_is_site,
                                    std::string_view only_sep = {}) {
  static constexpr std::string_view kSeparators[] = {" | ", " - ", " – ", " — ", " :: ", " » ", " · "};
  for (auto sep : kSeparators) {
    if (!only_sep.empty() && sep != only_sep) continue;
    std::size_t at = t.rfind(sep);
    if (at == std::string::npos) continue;
    std::string head = t.substr(0, at), tail = t.substr(at + sep.size());
    // A pipe is a site separator; a dash may be part of a headline, so it needs a longer head.
    if (Words(head).size() >= (sep == " | " ? 2u : 3u) && tail_is_site(tail)) return TitleCut{head, tail, sep};
    std::size_t first = t.find(sep);
    head = t.substr(0, first), tail = t.substr(first + sep.size());
    if (Words(tail).size() >= 3 && head_is_site(head)) return TitleCut{tail, head, sep};
  }
  return std::nullopt;
}

// StripSiteName's cut: a suffix is the site when it holds its name or is
// short; a prefix must be the site for sure: its name, or one word ("VTV - ...").
std::optional<TitleCut> CutTitleSiteName(const std::string& t, std::string_view site, std::string_view only_sep = {}) {
  std::string folded_site = FoldCase(site);
  // "Headline | Section | Site": after two pipes or more, each short part
  // after the first is a section or the site, whatever its name.
  const std::size_t first_pipe = t.find(" | ");
  const bool pipes = first_pipe != std::string::npos && t.find(" | ", first_pipe + 3) != std::string::npos;
  auto is_site = [&](const std::string& part) {
    std::string f = FoldCase(part);
    return (!folded_site.empty() && (f.find(folded_site) != std::string::npos || folded_site.find(f) != std::string::npos)) ||
           Words(part).size() <= (pipes ? tunables::kMaxTitleSectionWords : 4);
  };
  auto names_site = [&](const std::string& part) {
    return (!folded_site.empty() && FoldCase(part) == folded_site) || Words(part).size() == 1;
  };
  return CutSiteName(t, is_site, names_site, only_sep);
}

}  // namespace

std::string StripSiteName(std::string_view title, std::string_view site) {
  std::string t = FoldSpace(title);
  std::optional<TitleCut> cut = CutTitleSiteName(t, site);
  return cut ? cut->kept : t;
}

std::vector<std::string> TitleSiteNames(std::string_view title, std::string_view site) {
  std::vector<std::string> names;
  if (std::string s = FoldSpace(site); !s.empty()) names.push_back(FoldCase(s));
  std::string t = FoldSpace(title);
  // After the site, a section is set off by the same separator ("Headline |
  // Section | Site"); another one sets off the headline's own subtitle
  // ("Headline – tips and tricks | Site").
  std::string_view sep;
  for (int cuts = 0; cuts < tunables::kMaxTitleNameCuts; ++cuts) {
    std::optional<TitleCut> cut = CutTitleSiteName(t, site, sep);
    if (!cut) break;
    names.push_back(FoldCase(cut->part));
    t = cut->kept, sep = cut->sep;
  }
  return names;
}

std::string StripKnownSiteNames(std::string_view headline, const std::vector<std::string>& names) {
  std::string t = FoldSpace(headline);
  auto known = [&](const std::string& part) {
    return std::find(names.begin(), names.end(), FoldCase(part)) != names.end();
  };
  for (int cuts = 0; cuts < tunables::kMaxTitleNameCuts; ++cuts) {
    std::optional<TitleCut> cut = CutSiteName(t, known, known);
    if (!cut) break;
    t = cut->kept;
  }
  return t;
}

// The announced title (og:title, JSON-LD, <title> without the site) that the
// <h1> prints whole after a short label: a section set off by a separator
// ("Blog: Headline", "Title:X - Headline") or a date ("Dec 18 2025
// Headline"). The label is the page's, not the headline's. (Words the <h1>
// adds after the announced title are its own: sites shorten titles to share.)
// Empty when none is.
static std::string WithoutH1Label(const std::string& h1, std::initializer_list<std::string> announced,
                                  const Vocabulary& v) {
  const std::string folded = FoldCase(h1);
  for (const std::string& a : announced) {
    if (a.size() < tunables::kMinLabelledTitleBytes || a.size() >= h1.size()) continue;
    const std::string fa = FoldCase(a);
    if (!folded.ends_with(fa)) continue;
    std::string_view label = std::string_view(folded).substr(0, folded.size() - fa.size());
    while (!label.empty() && label.back() == ' ') label.remove_suffix(1);
    const auto words = static_cast<std::size_t>(std::count(label.begin(), label.end(), ' ')) + 1;
    if (label.empty() || words > tunables::kMaxTitleLabelWords) continue;
    const unsigned char last = static_cast<unsigned char>(label.back());
    const bool separated =
        last == ':' || last == '-' || last == '|' || label.ends_with("–") || label.ends_with("—");
    if (separated || v.MatchDateLine(std::string(label))) return a;
  }
  return {};
}

// Titles a CMS escaped twice print their references ("SQL &#x26; AI"):
// decoded once more.
static std::string Unescaped(std::string s) {
  return s.find('&') == std::string::npos ? s : DecodeReferences(s);
}

MarkupMetadata HtmlMetadata(const ParsedHtml& page, const PageTree& t, const Vocabulary& v, Origins* origins) {
  MarkupMetadata out;
  Metadata& m = out.meta;
  auto set = [&](std::string& field, const std::string& value, const char* key, const char* from) {
    if (!field.empty() || value.empty()) return;
    field = value;
    if (origins) origins->emplace_back(key, from);
  };
  std::string og_title, og_url, og_site, title_tag, canonical, meta_author, meta_date, other_date, time_date;
  std::string meta_modified, time_modified;  // when the page says it was last changed
  std::vector<std::pair<std::string, std::string>> card_fields;  // twitter:labelN / twitter:dataN
  std::string page_author;  // an element marked as the author: rel="author", itemprop="author"
  std::string path_author;  // the first link to a writer's page ([byline] paths) holding a name
  std::vector<std::string> h1s;
  std::optional<DateMatch> time_text_date;  // the first <time> without datetime holding a date in its text
  for (int i = 0; i < t.size(); ++i) {
    const HtmlNode& n = t[i];
    if (n.tag == GUMBO_TAG_META) {
      std::string key = AsciiLower(Attr(n.g, "property"));
      if (key.empty()) key = AsciiLower(Attr(n.g, "name"));
      if (key.empty()) key = AsciiLower(Attr(n.g, "itemprop"));
      std::string content = FoldSpace(Attr(n.g, "content"));
      if (key.empty() || content.empty()) continue;
      if (key == "og:title" && og_title.empty()) og_title = Unescaped(content);
      else if (key == "og:url" && og_url.empty()) og_url = content;
      else if (key == "og:site_name" && og_site.empty()) og_site = content;
      else if ((key == "article:published_time" || key == "datepublished" || key == "pubdate" ||
                key == "publishdate" || key == "dc.date.issued" || key == "article.published" ||
                key == "og:published_time" || key == "date" || key == "dcterms.created") && meta_date.empty())
        meta_date = content;
      else if ((key == "dc.date" || key == "dc.date.created" || key == "published" || key == "published-date" ||
                key == "publish-date" || key == "publish_date" || key == "parsely-pub-date" || key == "sailthru.date") &&
               other_date.empty())
        other_date = content;  // less common names: after the standard ones
      else if ((key == "article:modified_time" || key == "og:updated_time" || key == "datemodified" ||
                key == "dc.date.modified" || key == "last-modified" || key == "updated") &&
               meta_modified.empty())
        meta_modified = content;
      else if (key.rfind("twitter:label", 0) == 0 || key.rfind("twitter:data", 0) == 0)
        card_fields.emplace_back(key, content);
      else if ((key == "author" || key == "article:author" || key == "dc.creator" || key == "byl") &&
               meta_author.empty() && !LooksLikeUrl(content))
        meta_author = content;
    } else if (n.tag == GUMBO_TAG_TITLE && title_tag.empty()) {
      title_tag = Unescaped(FoldSpace(TextOf(n.g)));
    } else if (n.tag == GUMBO_TAG_LINK && canonical.empty()) {
      if (AsciiLower(Attr(n.g, "rel")) == "canonical") canonical = std::string(Attr(n.g, "href"));
    } else if (n.tag == GUMBO_TAG_TIME) {
      std::string_view dt = Attr(n.g, "datetime");
      // A datetime that is no date ("on Friday December 19, 2025 @08:00PM") is as good as none.
      const bool machine_date = !dt.empty() && NormalizeDate(dt, v);
      if (machine_date && AsciiLower(n.itemprop) == "datemodified") {
        if (time_modified.empty()) time_modified = std::string(dt);
      } else if (machine_date && time_date.empty()) {
        time_date = std::string(dt);
      }
      // A <time> without datetime prints its date in its text ("Posted on May 3, 2020").
      if (!machine_date && !time_text_date && !n.hidden_attr && n.chars <= tunables::kMaxDateLineChars)
        time_text_date = v.FindDate(FoldSpace(TextOf(n.g)));
    } else if (page_author.empty() && n.tag != GUMBO_TAG_META && !n.hidden_attr && NamesAuthor(t, i)) {
      page_author = AuthorText(t, i);
    } else if (path_author.empty() && n.tag == GUMBO_TAG_A && !n.hidden_attr && v.LinksToWriter(Attr(n.g, "href"))) {
      path_author = WriterLinkName(t, i, v);
    } else if (n.tag == GUMBO_TAG_H1) {
      if (std::string h = Unescaped(FoldSpace(TextOf(n.g))); !h.empty()) h1s.push_back(std::move(h));
    }
  }
  JsonLd ld = ReadJsonLd(page.json_ld());

  // Title: the visible <h1> when it is about what the page announces
  // (og:title, JSON-LD or <title> share its words): pages reword the
  // headline for sharing, and the printed one is the article's. An <h1>
  // sharing nothing is the site's name or a section, not the headline.
  std::string announced = !og_title.empty() ? og_title : !ld.headline.empty() ? ld.headline : title_tag;
  // A section or site name printed in the <h1> ("Opinion", "Site") goes as
  // it goes from the <title>: the parts the <title> and og:title cut off.
  std::vector<std::string> site_names = TitleSiteNames(title_tag, og_site);
  for (std::string& name : TitleSiteNames(og_title, og_site)) site_names.push_back(std::move(name));
  auto h1_title = [&](const std::string& h) { return h.empty() ? h : StripKnownSiteNames(h, site_names); };
  std::string headline = h1_title(HeadlineH1(h1s, announced, og_site));
  if (std::string cased = AnnouncedCasing(headline, {og_title, ld.headline, title_tag}, og_site); !cased.empty()) {
    set(m.title, cased, "title", "<h1> in capitals, cased as the page announces it");
  }
  if (!headline.empty()) {
    const std::string og = og_title.empty() ? std::string() : StripSiteName(og_title, og_site);
    const std::string tt = title_tag.empty() ? std::string() : StripSiteName(title_tag, og_site);
    set(m.title, WithoutH1Label(headline, {og, ld.headline, tt}, v), "title",
        "<h1> without the label printed beside the announced title");
  }
  set(m.title, headline, "title", "<h1> (shares words with the page's announced title)");
  set(m.title, og_title.empty() ? std::string() : StripSiteName(og_title, og_site), "title", "og:title");
  set(m.title, ld.headline, "title", "JSON-LD headline");
  set(m.title, title_tag.empty() ? std::string() : StripSiteName(title_tag, og_site), "title", "<title>");
  set(m.title, h1s.empty() ? std::string() : h1_title(h1s.front()), "title", "<h1>");
  for (auto& suffix : v.title_suffixes)
    if (m.title.size() > suffix.size() && m.title.compare(m.title.size() - suffix.size(), suffix.size(), suffix) == 0) {
      m.title = FoldSpace(m.title.substr(0, m.title.size() - suffix.size()));
      break;
    }

  const bool rules_page = RulesPage(t, v);
  auto date = [&](const std::string& raw, const char* from) {
    if (raw.empty()) return;
    if (auto d = NormalizeDate(raw, v)) set(m.date, *d, "date", from);
  };
  date(meta_date, "published-time meta tag");
  const bool meta_published = !m.date.empty();
  date(ld.date, "JSON-LD datePublished");
  date(time_date, "<time datetime>");
  if (time_text_date) set(m.date, time_text_date->iso, "date", "<time> text");
  date(other_date, "publication-date meta tag");
  date(ld.page_date, "JSON-LD datePublished of the page");
  for (const std::string* raw : {&meta_modified, &ld.modified, &time_modified, &ld.page_modified})
    if (!meta_published && out.modified.empty() && !raw->empty())
      if (auto d = NormalizeDate(*raw, v)) out.modified = *d;

  set(m.url, canonical.find("://") != std::string::npos ? canonical : std::string(), "url", "<link rel=canonical>");
  set(m.url, og_url.find("://") != std::string::npos ? og_url : std::string(), "url", "og:url");
  set(m.site, og_site, "site", "og:site_name");
  set(m.site, ld.publisher, "site", "JSON-LD publisher");

  // On the pages the rules are written for, an author field naming the site
  // is the outlet (the printed byline names the writer); elsewhere an
  // organisation that signs its own posts is their author.
  std::string card_author = CardAuthor(card_fields, v);
  for (auto [raw, from] : {std::pair{&ld.author, "JSON-LD author"}, {&meta_author, "author meta tag"},
                           {&card_author, "Twitter card field labelled as a byline"},
                           {&page_author, "element marked as the author (rel or itemprop)"},
                           {&path_author, "link to the writer's page ([byline] paths)"}}) {
    std::string name = WithoutOutlet(AuthorName(*raw, v), og_site, m.url);
    if (!LooksLikeUrl(name) && !(rules_page && NamesTheSite(name, og_site, m.url)))
      set(m.author, name, "author", from);
  }
  return out;
}

namespace {

// Page-wide scans skip what is never printed text.
bool NeverPrinted(const HtmlNode& n) {
  return n.tag == GUMBO_TAG_SCRIPT || n.tag == GUMBO_TAG_STYLE || n.hidden_attr;
}

// A leaf element's folded text when it is at most `max` bytes, nullopt when
// longer (its counted text tells without reading it; dropped text counts none).
std::optional<std::string> ShortText(const HtmlNode& n, std::size_t max) {
  if (n.chars > max) return std::nullopt;
  std::string text = FoldSpace(TextOf(n.g));
  if (text.size() > max) return std::nullopt;
  return text;
}

// Names found outside a byline element are two words or more: a lone word
// after "By" or a label is a menu ("By Modality", "Sponsored Content") or a
// job title more often than a name.
bool FullName(const std::string& names) { return RawWords(names).size() >= 2; }

// The first byline printed anywhere in the page that says it is one: "By
// Jane Doe", "Written by Jane Doe", or a label ("Author") whose next element
// is names. Leaf blocks are read whole, then their inline parts when the
// whole holds more than names (a date, a role).
std::string PrintedByline(const PageTree& t, const Vocabulary& v) {
  bool after_label = false;
  for (int i = t.body; i >= 0 && i < t[t.body].end; ++i) {
    const HtmlNode& n = t[i];
    if (NeverPrinted(n)) { i = n.end - 1; continue; }
    if (n.has_block || (n.chars == 0 && !n.dropped)) continue;
    std::optional<std::string> text = ShortText(n, 4 * tunables::kMaxBylineChars);
    if (!text) { after_label = false; continue; }
    if (text->empty()) continue;
    if (after_label)
      if (auto b = ParseByline(*text, v); b && FullName(b->author)) return b->author;
    if (auto names = ParsePrefixedByline(*text, v); names && FullName(*names)) return *names;
    after_label = IsBylineLabel(*text, v);
    if (after_label) i = n.end - 1;
  }
  return {};
}

// `names` ("A, B, C" as the markup lists them) as the page prints them
// together ("A, B, and C", "A and B"): the first short text holding every
// name in order, each gap a separator; "" when none does.
std::string PrintedNames(const PageTree& t, const std::string& names) {
  std::vector<std::string> parts;
  for (std::size_t at = 0; at <= names.size();) {
    std::size_t comma = std::min(names.find(", ", at), names.size());
    parts.push_back(names.substr(at, comma - at));
    at = comma + 2;
  }
  if (parts.size() < 2) return {};
  for (int i = t.body; i >= 0 && i < t[t.body].end; ++i) {
    const HtmlNode& n = t[i];
    if (NeverPrinted(n)) { i = n.end - 1; continue; }
    if (n.has_block || (n.chars == 0 && !n.dropped)) continue;
    i = n.end - 1;
    std::optional<std::string> line = ShortText(n, 4 * tunables::kMaxBylineChars);
    if (!line) continue;
    const std::string& text = *line;
    std::size_t start = text.find(parts.front()), end = start + parts.front().size();
    for (std::size_t k = 1; k < parts.size() && start != std::string::npos; ++k) {
      std::size_t next = text.find(parts[k], end);
      if (next == std::string::npos || next - end > tunables::kMaxNameGapChars) start = std::string::npos;
      else end = next + parts[k].size();
    }
    if (start != std::string::npos) return text.substr(start, end - start);
  }
  return {};
}

// A date line, or a date between separators in a meta line ("Jane Doe |
// October 15, 2025", "February 4, 2025 - 11 minutes", "● May 3, 2020 ●").
std::optional<DateMatch> DateInLine(const std::string& line, const Vocabulary& v) {
  if (auto d = v.MatchDateLine(line)) return d;
  static constexpr std::string_view kSeparators[] = {" | ", " - ", " – ", " — ", " · ", " • ", " ● ", "・", " / "};
  std::vector<std::string> pieces{line};
  for (auto sep : kSeparators) {
    std::vector<std::string> next;
    for (auto& p : pieces)
      for (std::size_t at = 0; at <= p.size();) {
        std::size_t cut = std::min(p.find(sep, at), p.size());
        next.push_back(FoldSpace(p.substr(at, cut - at)));
        at = cut + sep.size();
      }
    pieces = std::move(next);
  }
  if (pieces.size() < 2) return std::nullopt;
  for (auto& p : pieces)
    if (auto d = v.MatchDateLine(p)) return d;
  return std::nullopt;
}

// A dropped element holding other pages' or readers' text (a sidebar, a
// related list, comments, a footer), whose dates are not the article's; a
// dropped page header still prints the article's date and byline.
bool OtherContent(const HtmlNode& n) {
  for (Concept c : {Concept::kRelated, Concept::kWidget, Concept::kComment, Concept::kFooter, Concept::kAd})
    if (n.Has(c)) return true;
  return false;
}

// The page's first <h1> (-1 when none).
int FirstHeadline(const PageTree& t) {
  for (int i = t.body; i >= 0 && i < t[t.body].end; ++i)
    if (t[i].tag == GUMBO_TAG_H1 && !t[i].hidden_attr) return i;
  return -1;
}

// The first date printed as a line of its own anywhere in the page: the
// article's, as headers print it above the text ("August 28, 2025").
std::optional<DateMatch> PrintedDate(const PageTree& t, const Vocabulary& v) {
  int dropped_end = 0;
  const int h1 = FirstHeadline(t);
  for (int i = t.body; i >= 0 && i < t[t.body].end; ++i) {
    const HtmlNode& n = t[i];
    const bool holds_headline = i <= h1 && h1 < n.end;  // the page's header, whatever its class says
    if (NeverPrinted(n) || (n.dropped && OtherContent(n) && !holds_headline)) { i = n.end - 1; continue; }
    if (n.dropped) dropped_end = std::max(dropped_end, n.end);
    if (n.has_block || (n.chars == 0 && i >= dropped_end)) continue;  // dropped text counts no chars
    std::optional<std::string> text = ShortText(n, tunables::kMaxDateLineChars);
    if (!text || text->empty()) continue;
    if (auto d = DateInLine(*text, v)) return d;
  }
  return std::nullopt;
}

// "2026-09-03" against "2026-03-09": one date, its day and month read in
// the other order (an ambiguous numeric date in markup, dd-mm or mm-dd).
bool DayMonthSwapped(const std::string& a, const std::string& b) {
  if (a.size() < 10 || b.size() < 10 || a.compare(0, 5, b, 0, 5) != 0) return false;
  return a.compare(5, 2, b, 8, 2) == 0 && a.compare(8, 2, b, 5, 2) == 0 && a.compare(5, 2, a, 8, 2) != 0;
}

bool SameDay(const std::string& a, const std::string& b) {
  return a.size() >= 10 && b.size() >= 10 && a.compare(0, 10, b, 0, 10) == 0;
}

// A date printed near the article, weighed against the markup's: it fills an
// unset date, or gives the markup's date a time; the page printing the day
// of its last change (the markup's `modified`, not its published day) dates
// the page by that change, with the markup's time. `why` says what was
// taken; false when the printed date changes nothing.
bool TakePrintedDate(Metadata& m, const DateMatch& d, const std::string& modified, std::string& why) {
  const bool prints_modified = SameDay(d.iso, modified);
  if (m.date.empty()) {
    m.date = prints_modified && modified.size() > d.iso.size() ? modified : d.iso;
    why = prints_modified ? "; the markup's date of the last change)" : ")";
  } else if (m.date.size() == 10 && d.iso.size() > 10 && SameDay(d.iso, m.date)) {
    m.date = d.iso;
    why = ")";
  } else if (prints_modified && !SameDay(m.date, modified)) {
    m.date = modified;
    why = "; the markup's date of the last change)";
  } else if (d.named_month && DayMonthSwapped(m.date, d.iso)) {
    // "03-09-2026" in a meta tag is March 9 when the page prints "March 9, 2026".
    m.date = d.iso;
    why = "; the markup's numeric date read the other way)";
  } else {
    return false;
  }
  return true;
}

// Where `key`'s value now comes from, replacing what was recorded before.
void Record(Origins* origins, const char* key, std::string from) {
  if (!origins) return;
  for (auto& [k, f] : *origins)
    if (k == key) { f = std::move(from); return; }
  origins->emplace_back(key, std::move(from));
}

// Beyond the region around the article: a date or byline printed anywhere
// fills what neither the markup nor that region gave, and the markup's
// several authors are written as the page prints them together.
void PageWideMetadata(const PageTree& t, const Vocabulary& v, const std::string& modified, bool region_dated,
                      Metadata& m, Origins* origins) {
  if (m.date.empty() || (!region_dated && !modified.empty()))
    if (auto d = PrintedDate(t, v))
      if (std::string why; TakePrintedDate(m, *d, modified, why))
        Record(origins, "date", "date printed in the page (" + d->origin + why);
  if (m.date.empty() && !modified.empty()) {
    m.date = modified;  // the only date the markup gives
    Record(origins, "date", "the markup's date of the last change");
  }
  if (std::string printed = PrintedNames(t, m.author); !printed.empty() && printed != m.author) {
    m.author = printed;
    Record(origins, "author", "the markup's authors as the page prints them");
  }
  if (m.author.empty()) {
    m.author = PrintedByline(t, v);
    if (!m.author.empty()) Record(origins, "author", "byline printed in the page");
  }
}

}  // namespace

// A date that is a text child of its own, beside a container's blocks
// ("<fieldset><legend>Title</legend> 20 December 2025 <div>...").
static std::optional<DateMatch> LooseDate(const HtmlNode& n, const Vocabulary& v) {
  const GumboVector& kids = n.g->v.element.children;
  for (unsigned c = 0; c < kids.length; ++c) {
    auto* g = static_cast<const GumboNode*>(kids.data[c]);
    if (g->type != GUMBO_NODE_TEXT) continue;
    std::string text = FoldSpace(g->v.text.text);
    if (text.empty() || text.size() > tunables::kMaxDateLineChars) continue;
    if (auto d = v.MatchDateLine(text)) return d;
  }
  return std::nullopt;
}

// "Posted on the 15/12/2025 at 19:00 by": a line opening with a phrase of
// [date] published, as whole words, maybe after a short label ("Essay -
// Published: 2025.12.17").
static bool OpensWithPublished(const std::string& text, const Vocabulary& v) {
  if (v.published_labels.empty()) return false;
  const std::string key = DedupeKey(text);
  std::string_view rest = key;
  for (std::size_t skipped = 0;; ++skipped) {
    if (Vocabulary::FindOpening(v.published_labels, rest)) return true;
    const std::size_t space = rest.find(' ');
    if (skipped == tunables::kMaxWordsBeforePublished || space == std::string_view::npos) return false;
    rest.remove_prefix(space + 1);
  }
}

// In a dropped box beside the article (a sidebar of the post's facts), a
// date right under a label of [date] published ("<h4>Published</h4><div>July
// 8, 2025</div>") is the article's; other dates there are teasers'. Looks
// at the leaf elements of box `box`: a date first (cheap to rule out), then
// its label.
static std::optional<DateMatch> LabelledDate(const PageTree& t, int box, const Vocabulary& v) {
  for (int i = box; i < t[box].end; ++i) {
    const HtmlNode& n = t[i];
    if (n.end != i + 1 || n.parent < 0) continue;  // leaves only
    const std::string text = FoldSpace(TextOf(n.g));
    if (text.empty() || text.size() > tunables::kMaxDateLineChars) continue;
    auto d = v.MatchDateLine(text);
    if (!d) continue;
    int prev = -1;  // the element before `i` under the same parent
    for (int k = n.parent + 1; k < i; k = t[k].end) prev = k;
    if (prev < 0) continue;
    const std::string label = FoldSpace(TextOf(t[prev].g));
    if (label.size() <= tunables::kMaxBylineChars && OpensWithPublished(label, v)) return d;
  }
  return std::nullopt;
}

void ArticleMetadata(const PageTree& t, int top, const Vocabulary& v, const std::string& modified, Metadata& m,
                     Origins* origins) {
  auto record = [&](const char* key, std::string from) { Record(origins, key, std::move(from)); };
  int region = top;
  for (int level = 0; level < tunables::kMetadataRegionLevels && t[region].parent > t.body; ++level)
    region = t[region].parent;

  const bool rules_page = RulesPage(t, v);
  bool author_seen = false, date_seen = false, source_seen = false;
  // The first date printed near the article (TakePrintedDate weighs it).
  auto take_date = [&](const DateMatch& d, const char* where) {
    date_seen = true;
    if (std::string why; TakePrintedDate(m, d, modified, why)) record("date", where + d.origin + why);
  };
  int box_end = -1;  // the dropped box last looked through for a labelled date
  for (int i = region; i < t[region].end; ++i) {
    const HtmlNode& n = t[i];
    if (n.chars == 0 && n.dropped && !date_seen && i >= box_end) {  // a dropped box: its counts are gone
      box_end = n.end;
      if (auto d = LabelledDate(t, i, v)) take_date(*d, "date under a publication label (");
    }
    if (n.chars == 0 && !n.dropped) { i = n.end - 1; continue; }
    if (n.has_block) {  // look at leaf blocks and inline elements, and a container's own loose text
      if (!date_seen)
        if (auto d = LooseDate(n, v)) take_date(*d, "date printed with the article (");
      continue;
    }
    std::string text;
    if (!date_seen || !author_seen || !source_seen) {
      if (n.tag == GUMBO_TAG_SCRIPT || n.tag == GUMBO_TAG_STYLE || n.tag == GUMBO_TAG_HEAD) { i = n.end - 1; continue; }
    }
    const bool byline_class = n.Has(Concept::kByline);
    const bool short_text = n.chars > 0 && n.chars <= tunables::kMaxDateLineChars;
    if (!short_text && !byline_class) { i = n.end - 1; continue; }
    text = FoldSpace(TextOf(n.g));
    if (text.empty() || text.size() > 4 * tunables::kMaxBylineChars) { i = n.end - 1; continue; }
    if (!date_seen) {
      if (auto d = v.MatchDateLine(text)) {
        take_date(*d, "date printed with the article (");
        i = n.end - 1;
        continue;
      }
      if (OpensWithPublished(text, v))
        if (auto d = v.FindDate(text)) take_date(*d, "date in a line saying it was posted (");
    }
    if (byline_class) {
      // A byline element printing the date among the names ("By Jane Doe on May 3, 2020").
      if (!date_seen)
        if (auto d = v.FindDate(text)) take_date(*d, "date printed in the byline (");
      if (!source_seen) {
        std::optional<std::string> src = ParseAgencyLine(text, v);
        if (!src) src = ParseSourceLine(text, v);
        if (src) {
          source_seen = true;
          if (m.source.empty()) m.source = *src, record("source", "source printed with the article");
          i = n.end - 1;
          continue;
        }
      }
      if (!author_seen) {
        // A card printing the name over a job title: the name's block.
        const std::string first = FirstBlockText(t, i, text);
        if (auto by = ParseByline(first.empty() ? text : first, v)) {
          author_seen = true;
          // A printed line holding the markup's name and more ("Jane Doe,
          // Senior Editor") adds a role: the name is the markup's. Elsewhere
          // than on the rules' pages, a line in a byline element beats the
          // markup only when it says it is a byline ("By ..."): such
          // elements also hold a place, a series or a job title.
          const bool says_byline = rules_page || ParsePrefixedByline(text, v);
          if ((m.author.empty() && (says_byline || FullName(by->author))) ||
              (!m.author.empty() && !HoldsName(by->author, m.author) && says_byline)) {
            m.author = by->author;
            record("author", "byline printed with the article");
          }
          if (!by->source.empty() && m.source.empty()) m.source = by->source, record("source", "agency in the byline");
          i = n.end - 1;
          continue;
        }
      }
    }
  }
  PageWideMetadata(t, v, modified, date_seen, m, origins);
}

}  // namespace sach
