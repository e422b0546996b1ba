// Link discovery: <a>/<area> hrefs of an HTML page, items of an RSS/Atom
// feed, entries of a sitemap or sitemap index. XML goes through pugixml; a
// feed it rejects is read again by a forgiving tag scanner, since truncated
// and hand-made feeds are common. Nothing here throws: a bad page yields
// the links read so far.
#include "links.h"

#include <curl/curl.h>
#include <gumbo.h>

#include <cstdint>
#include <ctime>
#include <optional>
#include <pugixml.hpp>
#include <unordered_set>

#include "parse.h"
#include "text.h"
#include "url.h"

namespace sach {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':' || c == '-' ||
         c == '_' || c == '.';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool EqualNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (Lower(a[i]) != Lower(b[i])) return false;
  return true;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualNoCase(s.substr(0, prefix.size()), prefix);
}

// "rdf:RDF" -> "RDF": feeds use whatever prefix they like.
std::string_view LocalName(std::string_view name) {
  std::size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// Collects links in order, resolved and each once.
class Collector {
 public:
  Collector(Links* out, std::string_view base) : out_(out), base_(base) {}
  void SetBase(std::string base) { base_ = std::move(base); }

  void Add(std::string_view ref, std::string_view lastmod) {
    ref = Trim(ref);
    // "" and "#..." are the page itself (or a script button): nothing new.
    if (ref.empty() || ref.front() == '#') return;
    std::string url = ResolveUrl(base_, ref);
    if (url.empty() || !seen_.insert(url).second) return;
    out_->links.push_back(Link{std::move(url), std::string(Trim(lastmod))});
  }

 private:
  Links* out_;
  std::string base_;
  std::unordered_set<std::string> seen_;
};

// ---- XML: feeds and sitemaps ------------------------------------------------

// Which element is one entry and which of its children matter, per format.
enum class Format { kRss, kAtom, kSitemap, kSitemapIndex };

std::optional<Format> FormatOfRoot(std::string_view name) {
  std::string_view local = LocalName(name);
  if (local == "rss" || local == "RDF") return Format::kRss;
  if (local == "feed") return Format::kAtom;
  if (local == "urlset") return Format::kSitemap;
  if (local == "sitemapindex") return Format::kSitemapIndex;
  return std::nullopt;
}

PageKind KindOf(Format f) {
  switch (f) {
    case Format::kRss:
    case Format::kAtom: return PageKind::kFeed;
    case Format::kSitemap: return PageKind::kSitemap;
    case Format::kSitemapIndex: return PageKind::kSitemapIndex;
  }
  return PageKind::kHtml;
}

std::string_view RecordName(Format f) {
  switch (f) {
    case Format::kRss: return "item";
    case Format::kAtom: return "entry";
    case Format::kSitemap: return "url";
    case Format::kSitemapIndex: return "sitemap";
  }
  return {};
}

bool IsHttpUrl(std::string_view s) {
  s = Trim(s);
  return StartsWithNoCase(s, "http://") || StartsWithNoCase(s, "https://");
}

// Atom links to follow: the entry's page, not its edit/self/enclosure links.
bool FollowRel(std::optional<std::string_view> rel) { return !rel || EqualNoCase(Trim(*rel), "alternate"); }

// One entry as read, before choosing what to report.
struct Record {
  std::string link;  // <link> text or href, <loc>
  std::string guid;  // RSS fallback when there is no link
  std::string date;  // <pubDate>, <updated>, <lastmod>
  std::string date2;  // <dc:date>, <published>

  // Called for each child element of the entry; `text` and `attr` read lazily
  // since most children are neither.
  template <class Text, class Attr>
  void Child(Format f, std::string_view name, Text text, Attr attr) {
    std::string_view local = LocalName(name);
    auto set = [](std::string& field, std::string value) {
      if (field.empty()) field = std::string(Trim(value));
    };
    switch (f) {
      case Format::kRss:
        if (local == "link" && link.empty()) {
          // <link>url</link>; an <atom:link href> inside an item counts too.
          std::string t = text();
          if (!Trim(t).empty()) set(link, t);
          else if (auto href = attr("href"); href && FollowRel(attr("rel"))) set(link, std::string(*href));
        } else if (local == "guid") {
          set(guid, text());
        } else if (local == "pubDate") {
          set(date, text());
        } else if (local == "date") {
          set(date2, text());
        }
        break;
      case Format::kAtom:
        if (local == "link" && link.empty()) {
          if (auto href = attr("href"); href && FollowRel(attr("rel"))) set(link, std::string(*href));
        } else if (local == "updated") {
          set(date, text());
        } else if (local == "published") {
          set(date2, text());
        }
        break;
      case Format::kSitemap:
      case Format::kSitemapIndex:
        if (local == "loc") set(link, text());
        else if (local == "lastmod") set(date, text());
        break;
    }
  }

  void Emit(Collector& c) const {
    std::string_view url = !link.empty() ? std::string_view(link) : IsHttpUrl(guid) ? std::string_view(guid) : "";
    if (!url.empty()) c.Add(url, !date.empty() ? date : date2);
  }
};

// The text of an element: its text and CDATA children joined (a link may be
// split around a comment or come as several CDATA sections).
std::string NodeText(const pugi::xml_node& n) {
  std::string s;
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) s += c.value();
  return s;
}

// Next node in document order within `root`, without recursion (a hostile
// feed can nest as deep as an HTML page).
pugi::xml_node NextInTree(pugi::xml_node n, const pugi::xml_node& root, bool descend) {
  if (descend && n.first_child()) return n.first_child();
  while (n && n != root) {
    if (pugi::xml_node s = n.next_sibling()) return s;
    n = n.parent();
  }
  return {};
}

void FromXmlTree(const pugi::xml_node& root, Format f, Collector& c) {
  std::string_view record_name = RecordName(f);
  for (pugi::xml_node n = root.first_child(); n;) {
    bool is_record = n.type() == pugi::node_element && LocalName(n.name()) == record_name;
    if (is_record) {
      Record r;
      for (pugi::xml_node k = n.first_child(); k; k = k.next_sibling()) {
        if (k.type() != pugi::node_element) continue;
        r.Child(
            f, k.name(), [&] { return NodeText(k); },
            [&](const char* name) -> std::optional<std::string_view> {
              pugi::xml_attribute a = k.attribute(name);
              if (!a) return std::nullopt;
              return std::string_view(a.value());
            });
      }
      r.Emit(c);
    }
    n = NextInTree(n, root, !is_record);  // entries don't nest
  }
}

// XML entities in scanned text: the five named ones and numeric references;
// anything else (&nbsp; in a hand-made feed) is left as written.
std::string DecodeXmlText(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    std::size_t semi = s.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 12) {
      out += '&';
      continue;
    }
    std::string_view name = s.substr(i + 1, semi - i - 1);
    static constexpr std::pair<std::string_view, char> kNamed[] = {
        {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
    bool done = false;
    for (auto [n, ch] : kNamed)
      if (name == n) out += ch, done = true;
    if (!done && name.size() > 1 && name[0] == '#') {
      bool hex = name[1] == 'x' || name[1] == 'X';
      std::string_view digits = name.substr(hex ? 2 : 1);
      unsigned long cp = 0;
      bool ok = !digits.empty();
      for (char d : digits) {
        int v = (d >= '0' && d <= '9') ? d - '0' : (hex && Lower(d) >= 'a' && Lower(d) <= 'f') ? Lower(d) - 'a' + 10 : -1;
        if (v < 0) ok = false;
        else cp = cp * (hex ? 16 : 10) + static_cast<unsigned long>(v);
        if (cp > 0x10FFFF) ok = false;
      }
      if (ok && cp > 0) {
        AppendUtf8(out, static_cast<char32_t>(cp));
        done = true;
      }
    }
    if (done) i = semi;
    else out += '&';
  }
  return out;
}

// Where the tag whose name ends at `at` closes (the index of its '>'), or
// npos. Quoted attribute values may hold '>'.
std::size_t TagEnd(std::string_view s, std::size_t at) {
  char quote = 0;
  for (std::size_t i = at; i < s.size(); ++i) {
    char c = s[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '>') {
      return i;
    } else if (c == '"' || c == '\'') {
      // A quote opens a value only right after '=' (spaces allowed).
      std::size_t j = i;
      while (j > at && IsSpace(s[j - 1])) --j;
      if (j > at && s[j - 1] == '=') quote = c;
    }
  }
  return std::string_view::npos;
}

// The value of attribute `name` in a tag's attribute text, or nullopt.
std::optional<std::string> FindAttribute(std::string_view attrs, std::string_view name) {
  std::size_t i = 0;
  while (i < attrs.size()) {
    while (i < attrs.size() && (IsSpace(attrs[i]) || attrs[i] == '/')) ++i;
    std::size_t name_at = i;
    while (i < attrs.size() && !IsSpace(attrs[i]) && attrs[i] != '=' && attrs[i] != '/') ++i;
    std::string_view key = attrs.substr(name_at, i - name_at);
    while (i < attrs.size() && IsSpace(attrs[i])) ++i;
    std::string_view value;
    if (i < attrs.size() && attrs[i] == '=') {
      ++i;
      while (i < attrs.size() && IsSpace(attrs[i])) ++i;
      if (i < attrs.size() && (attrs[i] == '"' || attrs[i] == '\'')) {
        char q = attrs[i++];
        std::size_t end = attrs.find(q, i);
        if (end == std::string_view::npos) end = attrs.size();
        value = attrs.substr(i, end - i);
        i = end + 1;
      } else {
        std::size_t v = i;
        while (i < attrs.size() && !IsSpace(attrs[i])) ++i;
        value = attrs.substr(v, i - v);
      }
    }
    if (key.empty()) {
      ++i;
      continue;
    }
    if (key == name) return DecodeXmlText(value);
  }
  return std::nullopt;
}

// Text from `at` up to the next tag, CDATA sections unwrapped.
std::string ScanText(std::string_view s, std::size_t at) {
  std::string out;
  while (at < s.size()) {
    if (s.compare(at, 9, "<![CDATA[") == 0) {
      std::size_t end = s.find("]]>", at + 9);
      if (end == std::string_view::npos) end = s.size();
      out += s.substr(at + 9, end - at - 9);
      at = end + 3;
    } else if (s.compare(at, 4, "<!--") == 0) {
      std::size_t end = s.find("-->", at + 4);
      at = end == std::string_view::npos ? s.size() : end + 3;
    } else if (s[at] == '<') {
      break;
    } else {
      std::size_t next = s.find('<', at);
      if (next == std::string_view::npos) next = s.size();
      out += DecodeXmlText(s.substr(at, next - at));
      at = next;
    }
  }
  return out;
}

// A feed pugixml rejected (unclosed tags, truncated, a stray '<'), read tag by
// tag: an entry starts at its start tag and ends at its end tag, the next
// entry or the end of input.
void ScanXml(std::string_view s, Format f, Collector& c) {
  std::string_view record_name = RecordName(f);
  Record r;
  bool in_record = false;
  std::size_t at = 0;
  while ((at = s.find('<', at)) != std::string_view::npos) {
    if (s.compare(at, 4, "<!--") == 0) {
      std::size_t end = s.find("-->", at + 4);
      at = end == std::string_view::npos ? s.size() : end + 3;
      continue;
    }
    if (s.compare(at, 9, "<![CDATA[") == 0) {
      std::size_t end = s.find("]]>", at + 9);
      at = end == std::string_view::npos ? s.size() : end + 3;
      continue;
    }
    bool closing = at + 1 < s.size() && s[at + 1] == '/';
    std::size_t name_at = at + 1 + closing, name_end = name_at;
    while (name_end < s.size() && IsNameChar(s[name_end])) ++name_end;
    if (name_end == name_at) {
      ++at;
      continue;
    }
    std::string_view name = s.substr(name_at, name_end - name_at);
    std::size_t end = TagEnd(s, name_end);
    if (end == std::string_view::npos) break;
    std::string_view attrs = s.substr(name_end, end - name_end);
    at = end + 1;
    if (LocalName(name) == record_name) {
      if (in_record) r.Emit(c);
      r = Record{};
      in_record = !closing;
      continue;
    }
    if (!in_record || closing) continue;
    bool self_closing = !attrs.empty() && attrs.back() == '/';
    if (self_closing) attrs.remove_suffix(1);  // not part of an unquoted value
    r.Child(
        f, name, [&] { return self_closing ? std::string() : ScanText(s, at); },
        [&](const char* key) { return FindAttribute(attrs, key); });
  }
  if (in_record) r.Emit(c);
}

// The name of the first element in `s`, past any declaration, comment or
// doctype; empty when there is none.
std::string_view RootElementName(std::string_view s) {
  std::size_t at = 0;
  while ((at = s.find('<', at)) != std::string_view::npos) {
    if (s.compare(at, 4, "<!--") == 0) {
      std::size_t end = s.find("-->", at + 4);
      if (end == std::string_view::npos) return {};
      at = end + 3;
    } else if (s.compare(at, 2, "<?") == 0 || s.compare(at, 2, "<!") == 0) {
      std::size_t end = s.find('>', at);
      if (end == std::string_view::npos) return {};
      at = end + 1;
    } else {
      std::size_t n = at + 1;
      while (n < s.size() && IsNameChar(s[n])) ++n;
      return s.substr(at + 1, n - at - 1);
    }
  }
  return {};
}

// Reads `body` as a feed or sitemap; false when it is not one (XHTML, an
// unknown XML vocabulary, a page that only began like XML).
bool FromXml(std::string_view body, std::optional<Format> sniffed, Links& out, Collector& c) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(body.data(), body.size(), pugi::parse_default);
  pugi::xml_node root = doc.document_element();
  if (root) {
    // Even a failed parse leaves the tree read so far, root included.
    if (std::optional<Format> f = FormatOfRoot(root.name())) sniffed = f;
    else if (parsed) return false;
  }
  if (!sniffed) return false;
  Format f = *sniffed;
  out.kind = KindOf(f);
  if (parsed) FromXmlTree(root, f, c);
  else ScanXml(body, f, c);
  return true;
}

// ---- HTML --------------------------------------------------------------------

// Tags kept by FlattenForLinks: the links and <base>, plus the elements whose
// content is not markup (a "<a href" inside <script> or <textarea> is no link).
bool KeepTag(std::string_view name) {
  static constexpr std::string_view kKeep[] = {"a",        "area",    "base",    "script",  "style",
                                               "textarea", "title",   "xmp",     "iframe",  "noembed",
                                               "noframes", "noscript", "plaintext", "svg"};
  for (auto k : kKeep)
    if (EqualNoCase(name, k)) return true;
  return false;
}

// `html` without the tags links don't need. Gumbo's tree building is
// quadratic in nesting depth (each start tag searches the open elements), so
// a page 100 000 <div>s deep takes it over 10 s; without the <div>s the tree
// is flat and the links are the same.
std::string FlattenForLinks(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  std::size_t copied = 0, at = 0;
  while ((at = html.find('<', at)) != std::string_view::npos) {
    if (html.compare(at, 4, "<!--") == 0) {  // copied whole; a comment may hold tags
      std::size_t end = html.find("-->", at + 4);
      if (end == std::string_view::npos) break;
      at = end + 3;
      continue;
    }
    bool closing = at + 1 < html.size() && html[at + 1] == '/';
    std::size_t name_at = at + 1 + closing, name_end = name_at;
    while (name_end < html.size() && IsNameChar(html[name_end])) ++name_end;
    if (name_end == name_at) {
      ++at;
      continue;
    }
    std::size_t end = TagEnd(html, name_end);
    if (end == std::string_view::npos) break;
    if (!KeepTag(html.substr(name_at, name_end - name_at))) {
      out.append(html.substr(copied, at - copied));
      out += ' ';  // the tag separated words; keeps "a<br>b" from joining
      copied = end + 1;
    }
    at = end + 1;
  }
  out.append(html.substr(copied));
  return out;
}

const GumboAttribute* Attribute(const GumboElement& e, const char* name) {
  return gumbo_get_attribute(&e.attributes, name);
}

void FromHtml(std::string_view body, std::string_view base_url, Collector& c) {
  Result<ParsedHtml> page = ParseHtml(FlattenForLinks(body));
  if (!page.ok() || !page->root()) return;
  // hrefs point into the tree; resolved once <base> is known, which may come
  // after them.
  std::vector<std::string_view> hrefs;
  std::optional<std::string_view> base_href;
  std::vector<const GumboNode*> stack{page->root()};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) continue;
    const GumboElement& e = n->v.element;
    if (e.tag == GUMBO_TAG_A || e.tag == GUMBO_TAG_AREA) {
      if (const GumboAttribute* href = Attribute(e, "href")) hrefs.emplace_back(href->value);
    } else if (e.tag == GUMBO_TAG_BASE && !base_href) {
      if (const GumboAttribute* href = Attribute(e, "href")) base_href = href->value;
    }
    for (unsigned i = e.children.length; i-- > 0;)  // reversed: popped in document order
      stack.push_back(static_cast<const GumboNode*>(e.children.data[i]));
  }
  if (base_href) {
    std::string base = ResolveUrl(base_url, *base_href);
    if (!base.empty()) c.SetBase(std::move(base));
  }
  for (std::string_view h : hrefs) c.Add(h, {});
}

}  // namespace

Links ExtractLinks(std::string_view body, std::string_view base_url) {
  Links out;
  try {
    Collector c(&out, base_url);
    std::string_view s = body;
    if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
    while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
    // Only markup is sniffed: text that merely mentions "<rss>" is no feed.
    std::optional<Format> sniffed;
    if (!s.empty() && s.front() == '<') sniffed = FormatOfRoot(RootElementName(s));
    if ((s.substr(0, 5) == "<?xml" || sniffed) && FromXml(s, sniffed, out, c)) return out;
    out.kind = PageKind::kHtml;
    FromHtml(body, base_url, c);
  } catch (...) {
    // Out of memory or a library's exception: keep what was read.
  }
  return out;
}

namespace {

struct Instant {
  std::int64_t seconds = 0;  // since the epoch, UTC
  bool day_only = false;
};

// "dd" digits at `at`, or -1.
int Digits(std::string_view s, std::size_t at, std::size_t n) {
  if (at + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// W3C datetime (sitemaps, Atom): YYYY-MM-DD, optionally Thh:mm[:ss[.f]] and Z or ±hh:mm.
std::optional<Instant> W3cDate(std::string_view s) {
  int y = Digits(s, 0, 4), mo = Digits(s, 5, 2), d = Digits(s, 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || s[4] != '-' || s[7] != '-') return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  Instant out;
  out.day_only = s.size() == 10;
  std::size_t at = 10;
  int offset = 0;
  if (!out.day_only) {
    if (s[at] != 'T' && s[at] != ' ') return std::nullopt;
    int h = Digits(s, at + 1, 2), mi = Digits(s, at + 4, 2);
    if (h < 0 || mi < 0 || s.size() < at + 6 || s[at + 3] != ':') return std::nullopt;
    tm.tm_hour = h;
    tm.tm_min = mi;
    at += 6;
    if (at < s.size() && s[at] == ':') {
      if ((tm.tm_sec = Digits(s, at + 1, 2)) < 0) return std::nullopt;
      at += 3;
      while (at < s.size() && (s[at] == '.' || (s[at] >= '0' && s[at] <= '9'))) ++at;
    }
    if (at < s.size() && (s[at] == '+' || s[at] == '-')) {
      int oh = Digits(s, at + 1, 2), om = Digits(s, at + 4, 2);
      if (oh < 0 || om < 0) return std::nullopt;
      offset = (s[at] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
      at += 6;
    } else if (at < s.size() && s[at] == 'Z') {
      ++at;
    }
    if (at != s.size()) return std::nullopt;
  }
  out.seconds = static_cast<std::int64_t>(timegm(&tm)) - offset;
  return out;
}

std::optional<Instant> FeedDate(std::string_view s) {
  s = Trim(s);
  if (auto w3c = W3cDate(s)) return w3c;
  // RFC 822 / 1123 and their variants, as HTTP dates are parsed.
  std::time_t t = curl_getdate(std::string(s).c_str(), nullptr);
  if (t == -1) return std::nullopt;
  return Instant{static_cast<std::int64_t>(t), false};
}

}  // namespace

bool DateMoved(std::string_view stored, std::string_view seen) {
  std::optional<Instant> a = FeedDate(stored), b = FeedDate(seen);
  if (!a || !b) return Trim(stored) != Trim(seen);
  constexpr std::int64_t kDay = 24 * 3600;
  if (a->day_only || b->day_only) return b->seconds / kDay > a->seconds / kDay;
  return b->seconds > a->seconds;
}

}  // namespace sach
