// Prune stage: index the Gumbo tree, drop what is never article text.
#include "sach/prune.h"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <unordered_map>

#include "sach/text.h"
#include "sach/tunables.h"

namespace sach {

bool IsBlockTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR: case GUMBO_TAG_TD:
    case GUMBO_TAG_TH: case GUMBO_TAG_UL: case GUMBO_TAG_CAPTION: case GUMBO_TAG_BODY:
    case GUMBO_TAG_HTML:
      return true;
    default:
      return false;
  }
}

bool IsHeadingTag(GumboTag t) { return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6; }

std::string_view Attr(const GumboNode* n, const char* name) {
  if (n->type != GUMBO_NODE_ELEMENT) return {};
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? std::string_view(a->value) : std::string_view();
}

std::string TextOf(const GumboNode* n) {
  std::string out;
  std::vector<const GumboNode*> stack{n};
  while (!stack.empty()) {
    const GumboNode* c = stack.back();
    stack.pop_back();
    if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE || c->type == GUMBO_NODE_CDATA) {
      out += c->v.text.text;
    } else if (c->type == GUMBO_NODE_ELEMENT || c->type == GUMBO_NODE_TEMPLATE) {
      const GumboVector& kids = c->v.element.children;
      for (unsigned i = kids.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids.data[i]));
    }
  }
  return out;
}

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

bool IsEmbed(GumboTag t) {
  return t == GUMBO_TAG_IFRAME || t == GUMBO_TAG_VIDEO || t == GUMBO_TAG_OBJECT || t == GUMBO_TAG_EMBED;
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

// Class/id weights as in Readability: a content word is worth a paragraph or
// two of text; a boilerplate word takes as much away.
constexpr int kClassWeight = 25;

// White space runs count once: "a  b" is 3 characters of text.
void CountChars(const char* s, std::uint32_t& chars, std::uint32_t& commas) {
  bool space = true;  // leading white space is not text
  for (const unsigned char* p = reinterpret_cast<const unsigned char*>(s); *p; ++p) {
    unsigned char c = *p;
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      if (!space) ++chars;
      space = true;
      continue;
    }
    if (c == 0xC2 && p[1] == 0xA0) {  // NBSP
      if (!space) ++chars;
      space = true;
      ++p;
      continue;
    }
    space = false;
    if ((c & 0xC0) != 0x80) ++chars;
    if (c == ',') ++commas;
    // U+060C Arabic comma, U+3001 ideographic comma, U+FF0C fullwidth comma
    else if ((c == 0xD8 && p[1] == 0x8C) || (c == 0xE3 && p[1] == 0x80 && p[2] == 0x81) ||
             (c == 0xEF && p[1] == 0xBC && p[2] == 0x8C))
      ++commas;
  }
}

bool HiddenStyle(std::string_view style) {
  std::string s;
  s.reserve(style.size());
  for (char c : style)
    if (c != ' ' && c != '\t' && c != '\n') s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos;
}


// A role="..." that names boilerplate (navigation, complementary...): [html.roles].
const Vocabulary::RoleHint* BoilerplateRole(const Vocabulary& v, std::string_view role) {
  if (role.empty()) return nullptr;
  for (auto& r : v.role_hints)
    if (r.role == role && (kBoilerplate & (1u << static_cast<int>(r.kind)))) return &r;
  return nullptr;
}

// One pass over an element's attributes (Gumbo looks each name up with a
// linear strcasecmp scan; the stages would otherwise do that ~8 times).
void ReadAttributes(HtmlNode& n) {
  const GumboVector& attrs = n.g->v.element.attributes;
  for (unsigned i = 0; i < attrs.length; ++i) {
    auto* a = static_cast<const GumboAttribute*>(attrs.data[i]);
    std::string_view name = a->name, value = a->value;  // Gumbo lower-cases names
    if (name == "class") n.cls = value;
    else if (name == "id") n.id = value;
    else if (name == "itemprop") n.itemprop = value;
    else if (name == "hidden") n.hidden_attr = true;
    else if (name == "aria-hidden") n.hidden_attr = n.hidden_attr || value == "true";
    else if (name == "style") n.hidden_attr = n.hidden_attr || HiddenStyle(value);
    else if (name == "role") n.role = value;
  }
}

// Class/id hints, cached per distinct attribute value: pages repeat the same
// few hundred class names thousands of times.
class HintCache {
 public:
  explicit HintCache(const Vocabulary& v) : v_(v) {}
  std::pair<std::uint32_t, const Vocabulary::ClassHint*> Get(std::string_view cls, std::string_view id) {
    key_ = AsciiLower(cls);
    key_ += ' ';
    key_ += AsciiLower(id);
    auto it = cache_.find(key_);
    if (it != cache_.end()) return it->second;
    std::uint32_t bits = 0;
    const Vocabulary::ClassHint* first = nullptr;
    for (auto& h : v_.class_hints)
      if (key_.find(h.word) != std::string::npos) {
        bits |= 1u << static_cast<int>(h.kind);
        if (!first && (kBoilerplate & (1u << static_cast<int>(h.kind)))) first = &h;
      }
    return cache_.emplace(key_, std::make_pair(bits, first)).first->second;
  }

 private:
  const Vocabulary& v_;
  std::string key_;
  std::unordered_map<std::string, std::pair<std::uint32_t, const Vocabulary::ClassHint*>> cache_;
};

// A heading that announces other articles ("Related posts", "Tin liên quan",
// or a heading with a related class): it and the teasers after it go, up to
// the first plain paragraph of prose (a mid-article box ends there).
bool IsRelatedHeading(const PageTree& t, int i, const Vocabulary& v) {
  const HtmlNode& n = t[i];
  if (!IsHeadingTag(n.tag)) return false;
  if (n.Has(Concept::kRelated)) return true;  // dropped for its class already, maybe
  if (n.dropped) return false;
  if (n.chars > tunables::kMaxMarkerChars) return false;
  const Marker* m = v.FindMarker(TextOf(n.g));
  return m && m->kind == Concept::kRelated;
}

void DropRelatedSections(PageTree& t, const Vocabulary& v) {
  for (int i = 0; i < t.size(); ++i) {
    if (t[i].dropped && !(t[i].parent >= 0 && !t[t[i].parent].dropped && IsHeadingTag(t[i].tag))) {
      i = t[i].end - 1;
      continue;
    }
    if (!IsRelatedHeading(t, i, v)) continue;
    // A heading alone in a wrapper: the wrapper's siblings are the teasers.
    int head = i;
    while (t[head].parent >= 0 && t[head].parent != t.body) {
      int p = t[head].parent, kids = 0;
      for (int k = p + 1; k < t[p].end; k = t[k].end) ++kids;
      if (kids != 1 || t[p].chars > t[head].chars + 2) break;
      head = p;
    }
    HtmlNode& h = t[head];
    h.dropped = true, h.why = "related-articles heading";
    if (h.parent < 0) continue;
    for (int k = h.end; k < t[h.parent].end; k = t[k].end) {
      HtmlNode& sib = t[k];
      if (sib.tag == GUMBO_TAG_P && sib.chars > tunables::kSiblingParagraphChars &&
          sib.LinkDensity() < tunables::kSiblingMaxLinkDensity)
        break;
      if (IsHeadingTag(sib.tag) && !IsRelatedHeading(t, k, v)) break;
      sib.dropped = true, sib.why = "under a related-articles heading";
    }
    i = t[head].end - 1;
  }
}

}  // namespace

PageTree BuildTree(const GumboNode* root) {
  PageTree t;
  t.nodes.reserve(1024);
  struct Frame {
    const GumboNode* g;
    int parent;
  };
  std::vector<Frame> stack{{root, -1}};
  std::vector<int> open;  // indexes whose `end` is set when the walk leaves them
  while (!stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    // Close the subtrees this element is not part of.
    while (!open.empty() && open.back() != f.parent) {
      t[open.back()].end = t.size();
      open.pop_back();
    }
    HtmlNode n;
    n.g = f.g;
    n.parent = f.parent;
    n.tag = f.g->v.element.tag;
    n.in_link = f.parent >= 0 && (t[f.parent].in_link || t[f.parent].tag == GUMBO_TAG_A);
    ReadAttributes(n);
    int index = t.size();
    if (n.tag == GUMBO_TAG_HEAD && t.head < 0) t.head = index;
    if (n.tag == GUMBO_TAG_BODY && t.body < 0) t.body = index;
    t.nodes.push_back(n);
    open.push_back(index);
    const GumboVector& kids = f.g->v.element.children;
    for (unsigned i = kids.length; i-- > 0;) {
      auto* k = static_cast<const GumboNode*>(kids.data[i]);
      if (k->type == GUMBO_NODE_ELEMENT || k->type == GUMBO_NODE_TEMPLATE) stack.push_back({k, index});
    }
  }
  for (int i : open) t[i].end = t.size();
  if (t.body < 0) t.body = 0;
  return t;
}

void CountText(PageTree& t) {
  for (auto& n : t.nodes) {
    n.chars = n.link_chars = n.commas = n.heading_chars = n.para_chars = 0;
    n.paragraphs = n.images = n.items = n.inputs = n.embeds = 0;
    n.has_block = false;
  }
  // Children follow their parent in the table: walking it backwards, each
  // node is complete when it is added to its parent.
  for (int i = t.size(); i-- > 0;) {
    HtmlNode& n = t[i];
    if (IsEmbed(n.tag)) n.embeds = 1;
    if (n.dropped) {
      if (n.parent >= 0) t[n.parent].embeds += n.embeds;
      continue;
    }
    const GumboVector& kids = n.g->v.element.children;
    for (unsigned k = 0; k < kids.length; ++k) {
      auto* c = static_cast<const GumboNode*>(kids.data[k]);
      if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA) {
        std::uint32_t chars = 0, commas = 0;
        CountChars(c->v.text.text, chars, commas);
        n.chars += chars;
        n.commas += commas;
        if (n.in_link || n.tag == GUMBO_TAG_A) n.link_chars += chars;
      } else if (c->type == GUMBO_NODE_WHITESPACE) {
        n.chars += 1;
      }
    }
    switch (n.tag) {
      case GUMBO_TAG_P: ++n.paragraphs; break;
      case GUMBO_TAG_IMG: ++n.images; break;
      case GUMBO_TAG_LI: ++n.items; break;
      case GUMBO_TAG_INPUT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_SELECT: ++n.inputs; break;
      default: break;
    }
    if (IsHeadingTag(n.tag)) n.heading_chars = n.chars;
    if (n.tag == GUMBO_TAG_P) n.para_chars = n.chars - n.link_chars;
    if (n.parent < 0) continue;
    HtmlNode& p = t[n.parent];
    p.chars += n.chars;
    p.link_chars += n.link_chars;
    p.commas += n.commas;
    p.heading_chars += n.heading_chars;
    if (n.tag != GUMBO_TAG_P) p.para_chars += n.para_chars;
    else if (p.tag != GUMBO_TAG_P) p.para_chars += n.para_chars;
    p.paragraphs += n.paragraphs;
    p.images += n.images;
    p.items += n.items;
    p.inputs += n.inputs;
    p.embeds += n.embeds;
    if (IsBlockTag(n.tag)) p.has_block = true;
  }
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
    }
  }
  const std::vector<bool>& holds_article = t.holds_article;
  std::vector<int> inside_article(t.nodes.size(), 0);
  for (int i = 0; i < t.size(); ++i) {
    HtmlNode& n = t[i];
    if (n.parent >= 0) {
      inside_article[i] = inside_article[n.parent] || t[n.parent].tag == GUMBO_TAG_ARTICLE ||
                          t[n.parent].tag == GUMBO_TAG_MAIN;
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
    if (!cls.empty() || !id.empty()) {
      auto [bits, first] = hints.Get(cls, id);
      n.concepts = bits;
      hint = first;
      if (bits & (kContentBit | (1u << int(Concept::kText)))) n.weight += kClassWeight;
      if (bits & (kBoilerplate | kWeighedDown | kBylineBit)) n.weight -= kClassWeight;
    }
    if (IsNeverText(n.tag)) {
      n.dropped = true, n.why = "never text (tag)";
    } else if (n.tag != GUMBO_TAG_BODY && n.tag != GUMBO_TAG_HTML && n.hidden_attr) {
      n.dropped = true, n.why = "hidden";
    } else if (!options.strip_unlikely || n.tag == GUMBO_TAG_BODY || n.tag == GUMBO_TAG_HTML ||
               holds_article[i]) {
      // kept
    } else if (n.tag == GUMBO_TAG_NAV) {
      n.dropped = true, n.why = "navigation (tag)";
    } else if (const Vocabulary::RoleHint* r = BoilerplateRole(v, n.role)) {
      n.dropped = true, n.why = r->why.c_str();
    } else if ((n.tag == GUMBO_TAG_HEADER || n.tag == GUMBO_TAG_FOOTER || n.tag == GUMBO_TAG_ASIDE) &&
               !(n.tag == GUMBO_TAG_HEADER && inside_article[i])) {
      n.dropped = true, n.why = "page chrome outside the article (tag)";
    } else if (hint && !(n.concepts & kContentBit) && n.tag != GUMBO_TAG_ARTICLE &&
               n.tag != GUMBO_TAG_MAIN && n.tag != GUMBO_TAG_A) {
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
