// Baseline HTML extraction over the Gumbo tree, read in place.
#include "sach/html.h"

#include <gumbo.h>

#include <memory>

#include "sach/dedupe.h"
#include "sach/text.h"

namespace sach {
namespace {

// Gumbo's output owns the whole tree; one owner, no copies.
struct GumboOutputDeleter {
  void operator()(GumboOutput* o) const { gumbo_destroy_output(&kGumboDefaultOptions, o); }
};
using GumboPtr = std::unique_ptr<GumboOutput, GumboOutputDeleter>;

bool IsChrome(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_HEAD:
      return true;
    default:
      return false;
  }
}

bool IsParagraph(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_PRE: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
      return true;
    default:
      return false;
  }
}

void AppendText(const GumboNode* n, std::string& out) {
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
    out += n->v.text.text;
    return;
  }
  if (n->type != GUMBO_NODE_ELEMENT) return;
  if (IsChrome(n->v.element.tag)) return;
  if (n->v.element.tag == GUMBO_TAG_BR) out += ' ';
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) AppendText(static_cast<const GumboNode*>(kids.data[i]), out);
}

const GumboNode* Find(const GumboNode* n, GumboTag tag) {
  if (n->type != GUMBO_NODE_ELEMENT) return nullptr;
  if (n->v.element.tag == tag) return n;
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i)
    if (auto* f = Find(static_cast<const GumboNode*>(kids.data[i]), tag)) return f;
  return nullptr;
}

// Paragraph-level elements in document order; an iterative walk, so deep
// nesting cannot overflow the stack.
void Collect(const GumboNode* root, std::vector<std::string>& out) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    GumboTag t = n->v.element.tag;
    if (IsChrome(t)) continue;
    if (IsParagraph(t)) {
      std::string text;
      AppendText(n, text);
      text = FoldSpace(text);
      if (!text.empty()) out.push_back(std::move(text));
      continue;
    }
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = kids.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids.data[i]));
  }
}

}  // namespace

Result<Article> CleanHtml(std::string_view html, const Vocabulary& v, Trace* trace) {
  GumboOptions options = kGumboDefaultOptions;
  // Gumbo stops at its own depth limit on absurd nesting rather than recursing.
  options.max_errors = -1;
  GumboPtr out(gumbo_parse_with_options(&options, html.data(), html.size()));
  if (!out) return Fail("HTML parser failed");
  Article a;
  std::string title;
  if (auto* h1 = Find(out->root, GUMBO_TAG_H1)) AppendText(h1, title);
  if (FoldSpace(title).empty())
    if (auto* t = Find(out->root, GUMBO_TAG_TITLE)) {
      const GumboVector& kids = t->v.element.children;
      for (unsigned i = 0; i < kids.length; ++i) {
        auto* k = static_cast<const GumboNode*>(kids.data[i]);
        if (k->type == GUMBO_NODE_TEXT) title += k->v.text.text;
      }
    }
  a.meta.title = FoldSpace(title);
  std::vector<std::string> paragraphs;
  Collect(out->root, paragraphs);
  std::string title_key = DedupeKey(a.meta.title);
  for (auto& p : paragraphs) {
    bool marker = v.FindMarker(p) != nullptr;
    bool keep = !marker && DedupeKey(p) != title_key;
    if (trace) trace->blocks.push_back({0, p, keep, keep ? "body" : marker ? "marker" : "title"});
    if (keep) a.paragraphs.push_back(std::move(p));
  }
  return a;
}

}  // namespace sach
