// Score stage: finds the element holding the article, Readability's way.
// Paragraph-like elements give points (for length and commas) to their
// ancestors; class/id words add or take away; link-heavy elements lose in
// proportion. The best-scored element and its qualifying siblings are the
// article; inside them, link-heavy and widget-like blocks are dropped. A
// site's keep selectors, when they match, choose the article instead. Usage:
//   Selection s = SelectArticle(tree, vocab, {});
//   CleanConditionally(tree, s, {});
//   for (int root : s.roots) ...   // subtrees of `tree`, in document order
#pragma once
#include <vector>

#include "vocabulary.h"

namespace sach {

struct PageTree;

struct ScoreOptions {
  bool weight_classes = true;        // class/id words count (off in the last retry)
  bool clean_conditionally = true;   // drop link-heavy / widget-like blocks inside
};

struct Selection {
  std::vector<int> roots;  // the article: the top candidate and siblings merged with it
  int top = -1;            // the top candidate
  const char* rule = nullptr;  // set when a site's keep selector chose the article instead of scores
};

// The article of `t`: what the site's keep selectors match (`rule` set), else
// the best-scored element with its siblings (writes HtmlNode::score/candidate).
// Never fails: with no candidate at all the whole body is the article.
Selection SelectArticle(PageTree& t, const Vocabulary& v, const ScoreOptions& options);

// Inside the selection, marks dropped what looks like a widget rather than
// text: link lists, image galleries without text, forms, embeds (not when a
// keep selector chose it). The counts of HtmlNode are left as they were
// before the drops. Returns the characters dropped for their class/id words.
std::size_t CleanConditionally(PageTree& t, const Selection& s, const ScoreOptions& options);

}  // namespace sach
