// Prune stage: drop what is never article text from the page tree.
#include "prune.h"

#include <cctype>
#include <string_view>
#include <unordered_map>

#include "page.h"
#include "parse.h"
#include "text.h"
#include "tunables.h"

namespace sach {
namespace {

// Never text: dropped in every pass.
bool IsNeverText(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_OPTION: case GUMBO_TAG_INPUT: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO: case GUMBO_TAG_MAP: case GUMBO_TAG_MENU:
    case GUMBO_TAG_TITLE: case GUMBO_TAG_LINK: case GUMBO_TAG_META: case GUMBO_TAG_BASE:
      return true;
    default:
      return false;
  }
}

// Boilerplate concepts: a class/id naming one of these marks an element as
// unlikely to be article text (Readability's "unlikely candidates").
constexpr std::uint32_t kBoilerplate =
    (1u << int(Concept::kNav)) | (1u << int(Concept::kRelated)) | (1u << int(Concept::kComment)) |
    (1u << int(Concept::kAd)) | (1u << int(Concept::kFooter)) | (1u << int(Concept::kWidget)) |
    (1u << int(Concept::kSearch));
// Concepts that only weigh an element down: share and tag bars are cut later
// by size, and "widget"/"media" wrap whole articles in some page builders.
constexpr std::uint32_t kWeighedDown =
    (1u << int(Concept::kShare)) | (1u << int(Concept::kTags)) | (1u << int(Concept::kBox));
constexpr std::uint32_t kContentBit = 1u << int(Concept::kContent);
constexpr std::uint32_t kBylineBit = 1u << int(Concept::kByline);


// A role="..." that names boilerplate (navigation, complementary...): [html.roles].
const Vocabulary::RoleHint* BoilerplateRole(const Vocabulary& v, std::string_view role) {
  if (role.empty()) return nullptr;
  for (auto& r : v.role_hints)
    if (r.role == role && (kBoilerplate & (1u << static_cast<int>(r.kind)))) return &r;
  return nullptr;
}

// A heading whose only boilerplate word is a navigation one ("header-anchor"
// on a post's <h2>s): the word names the heading itself, a heading is no
// menu. Menus' own headings go with their menus.
bool NamesItsOwnHeading(const HtmlNode& n) {
  return IsHeadingTag(n.tag) && (n.concepts & kBoilerplate) == (1u << int(Concept::kNav));
}

// The class names and id that name page parts: utility classes ("md:flex",
// "[&_figcaption]:mt-2", Tailwind's) say how an element looks, not what it is.
std::string Names(std::string_view cls, std::string_view id) {
  std::string out;
  out.reserve(cls.size() + id.size() + 8);
  for (std::string_view key : {cls, id}) {
    std::size_t start = 0;
    while (start < key.size()) {
      std::size_t end = key.find_first_of(" \t\n", start);
      if (end == std::string_view::npos) end = key.size();
      std::string_view name = key.substr(start, end - start);
      if (!name.empty() && name.find_first_of("[]:&/!") == std::string_view::npos) {
        out += ' ';
        // camelCase: "newsCaption" is "news-caption".
        for (std::size_t k = 0; k < name.size(); ++k) {
          const unsigned char c = static_cast<unsigned char>(name[k]);
          if (k > 0 && std::isupper(c) && std::islower(static_cast<unsigned char>(name[k - 1]))) out += '-';
          out += static_cast<char>(std::tolower(c));
        }
      }
      start = end + 1;
    }
  }
  return out;
}

// A class word matches where a token of a name starts (after a space, '-',
// '_' or a camelCase step): "comment" in "comments" and "post-comment",
// "caption" in "newsCaption", but "media" not in "multimedia" nor "header-"
// in "subheader-x". A word written with a leading '-' or '_' says itself
// where it may start.
bool AtTokenStart(std::string_view names, std::string_view word) {
  for (std::size_t at = names.find(word); at != std::string_view::npos; at = names.find(word, at + 1)) {
    const char before = at == 0 ? ' ' : names[at - 1];
    if (before == ' ' || before == '-' || before == '_' || word.front() == '-' || word.front() == '_') return true;
  }
  return false;
}

// Class/id hints, cached per distinct attribute value: pages repeat the same
// few hundred class names thousands of times.
class HintCache {
 public:
  explicit HintCache(const Vocabulary& v) : v_(v) {}
  struct Hints {
    std::uint32_t bits = 0;                           // the concepts named
    const Vocabulary::ClassHint* first = nullptr;     // the first boilerplate word
    const Vocabulary::ClassHint* against = nullptr;   // the word weighing it down (share/tags first)
  };
  const Hints& Get(std::string_view cls, std::string_view id) {
    key_ = AsciiLower(cls);
    key_ += ' ';
    key_ += AsciiLower(id);
    auto it = cache_.find(key_);
    if (it != cache_.end()) return it->second;
    const std::string names = Names(cls, id);
    Hints h;
    for (auto& hint : v_.class_hints)
      if (AtTokenStart(names, hint.word)) {
        const std::uint32_t bit = 1u << static_cast<int>(hint.kind);
        h.bits |= bit;
        if (!h.first && (kBoilerplate & bit)) h.first = &hint;
        const bool bar = bit & kBarBits, down = bit & (kBoilerplate | kWeighedDown | kBylineBit);
        if ((bar && !(h.against && (h.against->kind == Concept::kShare || h.against->kind == Concept::kTags))) ||
            (down && !h.against))
          h.against = &hint;
      }
    return cache_.emplace(key_, h).first->second;
  }

 private:
  static constexpr std::uint32_t kBarBits = (1u << int(Concept::kShare)) | (1u << int(Concept::kTags));
  const Vocabulary& v_;
  std::string key_;
  std::unordered_map<std::string, Hints> cache_;
};

// A heading that announces other articles ("Related posts", "Tin liên quan",
// or a heading with a related class): it and the teasers after it go, up to
// the first plain paragraph of prose (a mid-article box ends there). Returns
// the rule that says so (the marker or the class word), or "" for none.
std::string RelatedHeading(const PageTree& t, int i, const Vocabulary& v) {
  const HtmlNode& n = t[i];
  if (!IsHeadingTag(n.tag)) return {};
  if (n.Has(Concept::kRelated)) {  // dropped for its class already, maybe
    const std::string names = Names(n.cls, n.id);
    for (auto& h : v.class_hints)
      if (h.kind == Concept::kRelated && AtTokenStart(names, h.word)) return h.why;
    return "a related class/id word";
  }
  if (n.dropped) return {};
  if (n.chars > tunables::kMaxMarkerChars) return {};
  const Marker* m = v.FindMarker(TextOf(n.g));
  if (!m || m->kind != Concept::kRelated) return {};
  return std::string(ConceptName(m->kind)) + " marker \"" + m->phrase + "\" (" + m->origin + ")";
}

void DropRelatedSections(PageTree& t, const Vocabulary& v) {
  for (int i = 0; i < t.size(); ++i) {
    if (t[i].dropped && !(t[i].parent >= 0 && !t[t[i].parent].dropped && IsHeadingTag(t[i].tag))) {
      i = t[i].end - 1;
      continue;
    }
    const std::string rule = RelatedHeading(t, i, v);
    if (rule.empty()) continue;
    // A heading alone in a wrapper: the wrapper's siblings are the teasers.
    int head = i;
    while (t[head].parent >= 0 && t[head].parent != t.body) {
      int p = t[head].parent, kids = 0;
      for (int k = p + 1; k < t[p].end; k = t[k].end) ++kids;
      if (kids != 1 || t[p].chars > t[head].chars + 2) break;
      head = p;
    }
    HtmlNode& h = t[head];
    h.dropped = true, h.why = t.Reason("related-articles heading: " + rule);
    if (h.parent < 0) continue;
    const char* under = t.Reason("under the related-articles heading #" + std::to_string(head) + " (" + rule +
                                 "), before any paragraph of kSiblingParagraphChars " +
                                 std::to_string(tunables::kSiblingParagraphChars) + "+ chars");
    for (int k = h.end; k < t[h.parent].end; k = t[k].end) {
      HtmlNode& sib = t[k];
      if (sib.tag == GUMBO_TAG_P && sib.chars > tunables::kSiblingParagraphChars &&
          sib.LinkDensity() < tunables::kSiblingMaxLinkDensity)
        break;
      if (IsHeadingTag(sib.tag) && RelatedHeading(t, k, v).empty()) break;
      sib.dropped = true, sib.why = under;
    }
    i = t[head].end - 1;
  }
}

// A comment thread can hold most of a page's prose: its class still drops it.
bool NamedComment(const HtmlNode& n, HintCache& hints) {
  return hints.Get(n.cls, n.id).bits & (1u << int(Concept::kComment));
}

// An element holding more than half of the page's text and of its paragraph
// text holds the article, whatever its tag or class says ("page-footer"
// around the body, a "widget" wrapper): chrome and sidebars do not hold most
// of a page. A comment thread can, and its class still drops it.
bool HoldsMostProse(const HtmlNode& n, const HtmlNode& body) {
  return n.para_chars * 2 > body.para_chars && n.chars * 2 > body.chars && body.para_chars > 0;
}

// Inside an <article> (or <main>, articleBody) that holds the page's
// article, the element holding most of its paragraph text is its body,
// whatever its class says ("rich-text-newsletter" on a newsletter's page).
void KeepBodyOfArticle(PageTree& t, int article, HintCache& hints) {
  const HtmlNode& a = t[article];
  for (int k = article + 1; k < a.end; ++k) {
    const HtmlNode& n = t[k];
    if (n.para_chars * 2 <= a.para_chars) { k = n.end - 1; continue; }
    if (!NamedComment(n, hints)) t.holds_article[k] = true;
  }
}

// A hidden element holding more text than the rest of the page together is
// the body a script shows (streamed server rendering sends it in
// <div hidden>): not hidden. A copy of the visible text hidden for another
// screen size holds half at most, and stays hidden.
// React's streamed rendering sends parts of the page as <div hidden
// id="S:0">, <div hidden id="S:a"> …, each moved into its place by a script
// as it arrives (ParseHtml does that): shown, whatever their size.
bool StreamedSegment(const HtmlNode& n) { return n.tag == GUMBO_TAG_DIV && !StreamedId(n.id, "S:").empty(); }

void RevealHiddenBody(PageTree& t, std::uint32_t page_chars) {
  for (auto& n : t.nodes)
    if (n.hidden_attr && n.tag != GUMBO_TAG_TEMPLATE && (n.chars * 2 > page_chars || StreamedSegment(n)))
      n.hidden_attr = false;
}

}  // namespace

bool OnlyBoxWord(const HtmlNode& n) {
  return n.Has(Concept::kBox) && !(n.concepts & (kBoilerplate | kBylineBit));
}

void Prune(PageTree& t, const Vocabulary& v, const PruneOptions& options) {
  HintCache hints(v);
  // Chrome tags and classes are kept when the article is inside them (some
  // sites wrap the whole page in a <header> or a "widget"). An <article> that
  // is a comment or a teaser is not the article: it must hold a good share of
  // the page's text.
  if (t.holds_article.empty()) {
    for (auto& n : t.nodes) n.dropped = false;
    CountText(t);
    const std::uint32_t page_chars = t[t.body].chars;
    t.holds_article.assign(t.nodes.size(), false);
    for (int i = t.size(); i-- > 0;) {
      HtmlNode& n = t[i];
      bool article = (n.tag == GUMBO_TAG_ARTICLE || n.tag == GUMBO_TAG_MAIN ||
                      n.itemprop == "articleBody") &&
                     n.chars * tunables::kArticleShareDenominator >= page_chars;
      if ((article || t.holds_article[i]) && n.parent >= 0) t.holds_article[n.parent] = true;
      if (HoldsMostProse(n, t[t.body]) && !NamedComment(n, hints)) t.holds_article[i] = true;
      if (article) KeepBodyOfArticle(t, i, hints);
    }
    RevealHiddenBody(t, page_chars);
  }
  const std::vector<bool>& holds_article = t.holds_article;
  // What each element sits inside, from its parent's flags and tag.
  enum : std::uint8_t { kInArticle = 1, kInCode = 2 };
  std::vector<std::uint8_t> inside(t.nodes.size(), 0);
  for (int i = 0; i < t.size(); ++i) {
    HtmlNode& n = t[i];
    if (n.parent >= 0) {
      const GumboTag up = t[n.parent].tag;
      inside[i] = inside[n.parent] | (up == GUMBO_TAG_ARTICLE || up == GUMBO_TAG_MAIN ? kInArticle : 0) |
                  (up == GUMBO_TAG_PRE || up == GUMBO_TAG_CODE ? kInCode : 0);
      if (t[n.parent].dropped) {
        n.dropped = true;
        continue;
      }
    }
    n.dropped = false;
    n.why = nullptr;
    std::string_view cls = n.cls, id = n.id;
    const Vocabulary::ClassHint* hint = nullptr;
    n.concepts = 0;
    n.weight = 0;
    n.against = nullptr;
    // Inside code, classes name the highlighter's token kinds ("comment",
    // "keyword", "tag"), not parts of the page.
    if ((!cls.empty() || !id.empty()) && !(inside[i] & kInCode)) {
      const HintCache::Hints& h = hints.Get(cls, id);
      const std::uint32_t bits = h.bits;
      n.concepts = bits;
      n.against = h.against;
      hint = h.first;
      if (bits & (kContentBit | (1u << int(Concept::kText)))) n.weight += tunables::kClassWeightContent;
      if (bits & (kBoilerplate | kWeighedDown | kBylineBit)) n.weight -= tunables::kClassWeightContent;  // a boilerplate word takes as much away
    }
    if (IsNeverText(n.tag)) {
      n.dropped = true, n.why = "never text: its tag (script, iframe, form control…; built in)";
    } else if (n.tag != GUMBO_TAG_BODY && n.tag != GUMBO_TAG_HTML && n.hidden_attr) {
      n.dropped = true, n.why = "hidden: hidden, aria-hidden or display:none (built in)";
    } else if (!options.strip_unlikely || n.tag == GUMBO_TAG_BODY || n.tag == GUMBO_TAG_HTML ||
               holds_article[i]) {
      // kept
    } else if (n.tag == GUMBO_TAG_NAV) {
      n.dropped = true, n.why = "navigation: a <nav> outside the article (built in)";
    } else if (const Vocabulary::RoleHint* r = BoilerplateRole(v, n.role)) {
      n.dropped = true, n.why = r->why.c_str();
    } else if ((n.tag == GUMBO_TAG_HEADER || n.tag == GUMBO_TAG_FOOTER || n.tag == GUMBO_TAG_ASIDE) &&
               !(n.tag == GUMBO_TAG_HEADER && (inside[i] & kInArticle))) {
      n.dropped = true, n.why = "page chrome: a <header>, <footer> or <aside> outside the article (built in)";
    } else if (hint && !(n.concepts & kContentBit) && n.tag != GUMBO_TAG_ARTICLE &&
               n.tag != GUMBO_TAG_MAIN && n.tag != GUMBO_TAG_A && !NamesItsOwnHeading(n)) {
      n.dropped = true, n.why = hint->why.c_str();
    }
  }
  // The site's own drop selectors apply in every attempt: they are facts about the site.
  if (!v.drop.empty())
    for (int i = 0; i < t.size(); ++i) {
      HtmlNode& n = t[i];
      if (n.dropped) { i = n.end - 1; continue; }
      for (auto& d : v.drop)
        if (d.selector.Matches(t, i)) {
          n.dropped = true, n.why = d.why.c_str();
          i = n.end - 1;
          break;
        }
    }
  if (options.strip_unlikely) DropRelatedSections(t, v);
  CountText(t);
}

}  // namespace sach
