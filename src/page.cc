// The page tree: indexing the Gumbo tree as a flat table, reading each
// element's attributes once, and counting the text of every subtree.
#include "page.h"

#include <algorithm>
#include <cctype>

#include "tunables.h"

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
    if (c == nullptr) {  // the end of a block element
      out += ' ';
    } else if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE || c->type == GUMBO_NODE_CDATA) {
      out += c->v.text.text;
    } else if (c->type == GUMBO_NODE_ELEMENT || c->type == GUMBO_NODE_TEMPLATE) {
      // Blocks and line breaks part words: "WEEKEND<br>CODING", "<p>Jane
      // Doe</p><p>Editor</p>" print on two lines, never as one word.
      const GumboTag tag = c->v.element.tag;
      const bool parts = c != n && (tag == GUMBO_TAG_BR || IsBlockTag(tag));
      if (parts) {
        out += ' ';
        stack.push_back(nullptr);
      }
      const GumboVector& kids = c->v.element.children;
      for (unsigned i = kids.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids.data[i]));
    }
  }
  return out;
}

namespace {

bool IsEmbed(GumboTag t) {
  return t == GUMBO_TAG_IFRAME || t == GUMBO_TAG_VIDEO || t == GUMBO_TAG_OBJECT || t == GUMBO_TAG_EMBED;
}

}  // namespace

// White space runs count once: "a  b" is 3 characters of text.
void CountTextChars(const char* s, std::uint32_t& chars, std::uint32_t& commas) {
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

namespace {

bool HiddenStyle(std::string_view style) {
  std::string s;
  s.reserve(style.size());
  for (char c : style)
    if (c != ' ' && c != '\t' && c != '\n') s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos;
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
        CountTextChars(c->v.text.text, chars, commas);
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

bool IsParagraphLike(GumboTag t) {
  return t == GUMBO_TAG_P || t == GUMBO_TAG_PRE || t == GUMBO_TAG_TD;
}

bool HoldsLooseText(GumboTag t) {
  return t == GUMBO_TAG_DIV || t == GUMBO_TAG_SECTION || t == GUMBO_TAG_ARTICLE ||
         t == GUMBO_TAG_MAIN || t == GUMBO_TAG_CENTER || t == GUMBO_TAG_FORM ||
         t == GUMBO_TAG_BLOCKQUOTE || t == GUMBO_TAG_SPAN || t == GUMBO_TAG_FONT;
}

BlockChildText CountBlockChildText(const PageTree& t) {
  const std::size_t size = t.nodes.size();
  BlockChildText b{std::vector<std::uint32_t>(size, 0), std::vector<std::uint32_t>(size, 0),
                   std::vector<std::uint32_t>(size, 0)};
  for (int i = t.body + 1; i < t[t.body].end; ++i) {
    const HtmlNode& n = t[i];
    if (n.dropped) { i = n.end - 1; continue; }
    if (IsBlockTag(n.tag) && n.parent >= 0) {
      b.chars[n.parent] += n.chars, b.commas[n.parent] += n.commas, b.link_chars[n.parent] += n.link_chars;
    }
  }
  return b;
}

namespace {

// The prose of each paragraph unit, at the unit (summed up afterwards).
std::vector<std::uint32_t> ProseUnits(const PageTree& t, const BlockChildText& block) {
  std::vector<std::uint32_t> prose(t.nodes.size(), 0);
  for (int i = t.body; i < t[t.body].end; ++i) {
    const HtmlNode& n = t[i];
    if (n.dropped) { i = n.end - 1; continue; }
    std::uint32_t chars = 0, links = 0;
    if (IsParagraphLike(n.tag) && !(n.tag == GUMBO_TAG_TD && n.has_block)) {
      chars = n.chars, links = n.link_chars;
    } else if ((HoldsLooseText(n.tag) && IsBlockTag(n.tag)) || n.tag == GUMBO_TAG_TD || n.tag == GUMBO_TAG_LI) {
      // Inline containers (span, font) are loose text of their block.
      chars = n.chars - block.chars[i], links = n.link_chars - std::min(n.link_chars, block.link_chars[i]);
    }
    if (chars >= tunables::kSiblingParagraphChars && links <= tunables::kSiblingMaxLinkDensity * chars)
      prose[static_cast<std::size_t>(i)] = chars;
  }
  return prose;
}

}  // namespace

ProseMap MeasureProse(const PageTree& t, const BlockChildText& block) {
  ProseMap m{ProseUnits(t, block), -1};
  if (t.body < 0) return m;
  for (int i = t[t.body].end - 1; i > t.body; --i) {
    const HtmlNode& n = t[i];
    if (n.parent >= 0 && !n.dropped) m.below[static_cast<std::size_t>(n.parent)] += m.below[static_cast<std::size_t>(i)];
  }
  double best_gain = 0;
  for (int i = t.body; i < t[t.body].end; ++i) {
    const HtmlNode& n = t[i];
    if (n.dropped) { i = n.end - 1; continue; }
    const double p = m.below[static_cast<std::size_t>(i)];
    const double gain = p - tunables::kProseRegionOtherCost * (n.chars - std::min<double>(n.chars, p));
    if (gain > best_gain) m.region = i, best_gain = gain;
  }
  return m;
}

}  // namespace sach
