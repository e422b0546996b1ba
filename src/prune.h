// Prune stage: boilerplate on the page tree (page.h) marked as dropped, and
// the subtree counts recomputed without it. Usage:
//   PageTree t = BuildTree(parsed.root());
//   Prune(t, vocab, {.strip_unlikely = true});
//   for (int i = t.body; i < t[t.body].end; ++i) if (t[i].dropped) i = t[i].end - 1;
#pragma once
#include "vocabulary.h"

namespace sach {

struct PageTree;
struct HtmlNode;

struct PruneOptions {
  // Drop elements whose class/id names boilerplate (menus, related, share...)
  // and chrome tags outside the article. Off in the relaxed retry.
  bool strip_unlikely = true;
};

// Marks non-content elements dropped and recomputes the subtree counts.
// Always dropped: scripts, styles, forms' controls, embeds, hidden elements.
void Prune(PageTree& t, const Vocabulary& v, const PruneOptions& options);

// Whether the element's class/id weighs it down only with a box word
// ("widget", "scroll"): a wrapper of unknown purpose, not named boilerplate.
bool OnlyBoxWord(const HtmlNode& n);

}  // namespace sach
