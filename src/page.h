// The page tree: the Gumbo tree indexed as a flat table of elements in
// document order (a subtree is the range [i, end)), with what the stages ask
// of each element read or counted once. Every HTML stage works on it: prune
// marks elements dropped, score writes scores, blocks and metadata read it.
// The Gumbo tree itself is never copied or changed. Usage:
//   PageTree t = BuildTree(parsed.root());
//   for (int i = t.body; i < t[t.body].end; ++i) if (t[i].dropped) i = t[i].end - 1;
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

// The only header with Gumbo's: HtmlNode holds its GumboTag by value.
#include <gumbo.h>

#include "vocabulary.h"

namespace sach {

struct HtmlNode {
  const GumboNode* g = nullptr;
  int parent = -1;
  int end = 0;    // one past the last element of this subtree
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  bool dropped = false;   // not article text, with everything below it
  bool in_link = false;   // inside <a href>
  bool has_block = false; // a direct child is a block-level element
  // Attributes the stages ask about, read in one pass when the table is built.
  std::string_view cls, id, itemprop, role;
  bool hidden_attr = false;  // hidden, aria-hidden="true", style="display:none"
  std::uint32_t concepts = 0;  // bit (1 << Concept) for each class/id hint matched
  int weight = 0;              // class/id weight: + content words, - boilerplate words
  const char* why = nullptr;   // why dropped, for traces
  // The class/id word weighing the element down (a share/tags word first),
  // so a drop by weight names its rule.
  const Vocabulary::ClassHint* against = nullptr;

  // Over the subtree, not counting dropped elements:
  std::uint32_t chars = 0;       // visible characters, white space runs counted once
  std::uint32_t link_chars = 0;  // ...of them inside links
  std::uint32_t commas = 0;
  std::uint32_t heading_chars = 0;
  std::uint32_t para_chars = 0;  // ...of them inside <p> elements
  std::uint16_t paragraphs = 0;  // <p> elements
  std::uint16_t images = 0;
  std::uint16_t items = 0;       // <li> elements
  std::uint16_t inputs = 0;
  std::uint16_t embeds = 0;      // video, iframe, object, embed (even when dropped)

  // Set by the score stage.
  float score = 0;
  bool candidate = false;

  double LinkDensity() const { return chars ? static_cast<double>(link_chars) / chars : 0.0; }
  bool Has(Concept c) const { return concepts & (1u << static_cast<int>(c)); }
};

struct PageTree {
  std::vector<HtmlNode> nodes;
  int head = -1;
  int body = -1;
  // Elements holding the page's article (<article>, <main>, itemprop=articleBody
  // with a good share of the text): never pruned. Filled by the first Prune.
  std::vector<bool> holds_article;
  // Reasons composed at run time (a rule's file:line, a tunable and the
  // value it was compared with) that HtmlNode::why points into: a deque never
  // moves what it holds, and the rows saved between attempts stay valid.
  std::deque<std::string> reasons;
  const char* Reason(std::string why) {
    reasons.push_back(std::move(why));
    return reasons.back().c_str();
  }
  HtmlNode& operator[](int i) { return nodes[static_cast<std::size_t>(i)]; }
  const HtmlNode& operator[](int i) const { return nodes[static_cast<std::size_t>(i)]; }
  int size() const { return static_cast<int>(nodes.size()); }
};

// Indexes every element under `root` (iteratively: 10 000-deep pages are fine).
PageTree BuildTree(const GumboNode* root);

// Recomputes the subtree counts from what is not dropped.
void CountText(PageTree& t);

// Block-level elements end a paragraph; everything else flows inside one.
bool IsBlockTag(GumboTag tag);
bool IsHeadingTag(GumboTag tag);

// Elements whose own text is one paragraph (a cell holding blocks is not).
bool IsParagraphLike(GumboTag tag);
// Containers whose loose text (outside their block children) is a paragraph
// too, as Readability wraps a div's phrasing content in a <p>.
bool HoldsLooseText(GumboTag tag);

// What each element's block children hold, to find its loose text.
struct BlockChildText {
  std::vector<std::uint32_t> chars, commas, link_chars;
};
BlockChildText CountBlockChildText(const PageTree& t);

// The paragraphs of element `i`'s loose text: runs cut where two <br>s stand
// in a row or a block child sits (Readability turns such runs into <p>s
// before scoring). Calls `run(chars, commas)` for each run, in order.
template <class F>
void ForEachLooseRun(const PageTree& t, int i, F&& run);
void CountTextChars(const char* s, std::uint32_t& chars, std::uint32_t& commas);

// Prose: paragraph units (a <p>, <pre>, cell, list item, a container's loose
// text) long enough and unlinked enough to read as prose. `below` sums it
// over each subtree; `region` is the element whose prose most outweighs the
// rest of its text (-1 when the page has none): where the article's
// paragraphs are, however deep they are nested. Reads the drop marks;
// `block` is CountBlockChildText of the tree as it stands.
struct ProseMap {
  std::vector<std::uint32_t> below;
  int region = -1;
};
ProseMap MeasureProse(const PageTree& t, const BlockChildText& block);

// All text below `n`, a space where a block element or <br> inside it parts
// words; no white space folding; iterative.
std::string TextOf(const GumboNode* n);

// The value of attribute `name` of an element, or "".
std::string_view Attr(const GumboNode* n, const char* name);

template <class F>
void ForEachLooseRun(const PageTree& t, int i, F&& run) {
  std::uint32_t chars = 0, commas = 0;
  int breaks = 0;  // <br>s in a row since the last text
  auto close = [&] {
    if (chars > 0) run(chars, commas);
    chars = commas = 0;
  };
  int k = i + 1;  // the table's next element child, in step with Gumbo's children
  const GumboVector& kids = t[i].g->v.element.children;
  for (unsigned c = 0; c < kids.length; ++c) {
    auto* g = static_cast<const GumboNode*>(kids.data[c]);
    if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_CDATA) {
      CountTextChars(g->v.text.text, chars, commas);
      breaks = 0;
      continue;
    }
    if (g->type != GUMBO_NODE_ELEMENT && g->type != GUMBO_NODE_TEMPLATE) continue;
    const HtmlNode& e = t[k];
    k = e.end;
    if (e.tag == GUMBO_TAG_BR) {
      if (++breaks == 2) close();
    } else if (IsBlockTag(e.tag)) {
      close(), breaks = 0;
    } else if (!e.dropped) {
      chars += e.chars, commas += e.commas, breaks = 0;
    }
  }
  close();
}

}  // namespace sach
