// HTML extraction: parse -> prune -> score -> blocks -> cleanup, with
// metadata read alongside. When too little text comes out, the same tree is
// tried again with pruning relaxed step by step; the attempt with the most
// text wins (as Readability does), and its tree is what metadata and the
// trace read.
#include "html.h"
#include "watchdog.h"

#include <algorithm>
#include <cstdio>

#include "blocks.h"
#include "cleanup.h"
#include "dedupe.h"
#include "metadata.h"
#include "page.h"
#include "parse.h"
#include "prune.h"
#include "score.h"
#include "text.h"
#include "tunables.h"

namespace sach {
namespace {

struct Attempt {
  PruneOptions prune;
  ScoreOptions score;
  const char* name;
};

// Strictest first. Each step gives up one assumption that can hide an
// article: class names, then class weights, then link-density cleaning.
constexpr Attempt kAttempts[] = {
    {{true}, {true, true}, "strict"},
    {{false}, {true, true}, "class/id pruning off"},
    {{false}, {false, true}, "class/id weights off"},
    {{false}, {false, false}, "conditional cleaning off"},
};

// For `sach explain`: what the page lost before the blocks were written, one
// decision per topmost dropped element or element outside the article.
// One element as a selector names it: its tag, its id, its first class
// words (utility classes such as "md:flex" left out: no selector wants them).
std::string SelectorStep(const HtmlNode& n) {
  std::string step = gumbo_normalized_tagname(n.tag);
  // Appended piece by piece: GCC 12 warns (-Wrestrict) on "#" + string.
  if (!n.id.empty() && n.id.find(' ') == std::string_view::npos) step.append("#").append(n.id);
  int classes = 0;
  for (std::size_t at = 0; at < n.cls.size() && classes < tunables::kTracePathClasses;) {
    std::size_t end = std::min(n.cls.find_first_of(" \t\n", at), n.cls.size());
    std::string_view word = n.cls.substr(at, end - at);
    at = end + 1;
    if (word.empty() || word.find_first_of(":[]/()") != std::string_view::npos) continue;
    step.append(".").append(word);
    ++classes;
  }
  return step;
}

// Where element `i` sits, up to the nearest ancestor with an id or
// kTracePathSteps steps: what a site file's keep/drop selector would match.
std::string SelectorPath(const PageTree& t, int i) {
  if (i < 0) return {};
  std::string path = SelectorStep(t[i]);
  for (int up = t[i].parent, steps = 1; up > t.body && steps < tunables::kTracePathSteps && t[i].id.empty(); ++steps) {
    path = SelectorStep(t[up]) + " > " + path;
    if (!t[up].id.empty()) break;
    up = t[up].parent;
  }
  return path;
}

// Why element `i`, outside the selection, is not article text: the scores
// compared, and the tunables that decide which siblings join the article.
std::string OutsideReason(const PageTree& t, const Selection& s, int i) {
  const HtmlNode& n = t[i];
  const HtmlNode& top = t[s.top];
  const float score = n.candidate ? n.score : 0.0f;
  const float threshold = std::max(tunables::kMinSiblingScore, top.score * tunables::kSiblingScoreRatio);
  char buf[400];
  if (n.parent >= 0 && n.parent == top.parent)
    std::snprintf(buf, sizeof buf,
                  "outside the article (score %.1f < %.1f, the larger of kSiblingScoreRatio %g × the article #%d's "
                  "%.1f and kMinSiblingScore %g; not prose either: kSiblingParagraphChars %u, "
                  "kSiblingMaxLinkDensity %g)",
                  score, threshold, tunables::kSiblingScoreRatio, s.top, top.score, tunables::kMinSiblingScore,
                  tunables::kSiblingParagraphChars, tunables::kSiblingMaxLinkDensity);
  else
    std::snprintf(buf, sizeof buf,
                  "outside the article (score %.1f from %u chars, %u commas, link density %.2f, class weight %+d;"
                  " the article #%d scored %.1f, and only its siblings join: kSiblingScoreRatio %g)",
                  score, n.chars, n.commas, n.LinkDensity(), n.weight, s.top, top.score,
                  tunables::kSiblingScoreRatio);
  return buf;
}

// The decisions of the elements the page lost before its blocks were
// written, with their whole text (explain cuts it for show; check looks a
// lost paragraph up in it).
void TraceElements(const PageTree& t, const Selection& s, const char* attempt, Trace& trace) {
  auto in_roots = [&](int i) {
    for (int r : s.roots)
      if (i >= r && i < t[r].end) return true;
    return false;
  };
  auto holds_root = [&](int i) {
    for (int r : s.roots)
      if (r > i && r < t[i].end) return true;
    return false;
  };
  // An element outside the article is one entry, but what was dropped inside
  // it gets its own: that rule would still drop it were the element kept.
  int outside_end = -1;
  for (int i = t.body + 1; i < t[t.body].end; ++i) {
    const HtmlNode& n = t[i];
    const bool outside = i < outside_end;
    std::string why;
    if (n.dropped) why = std::string("dropped: ") + (n.why ? n.why : "?");
    else if (outside) continue;
    else if (!in_roots(i) && !holds_root(i) && s.rule)
      why = std::string("outside the article: not inside what the site's keep selectors match (") + s.rule + ")";
    else if (!in_roots(i) && !holds_root(i)) why = OutsideReason(t, s, i);
    else continue;
    std::string text = FoldSpace(TextOf(n.g));
    if (!text.empty())
      trace.blocks.push_back({0, std::move(text), false, why + " [" + attempt + "]", i, SelectorPath(t, i), {}});
    if (n.dropped) i = n.end - 1;
    else outside_end = n.end;
  }
}

std::size_t TextChars(const std::vector<Block>& blocks) {
  std::size_t n = 0;
  for (auto& b : blocks) n += b.chars;
  return n;
}

struct Winner {
  const Attempt* attempt = nullptr;  // null when no attempt ran (past the deadline)
  Selection selection;
  std::vector<Block> blocks;
};

// Runs the attempts, strictest first, until one gives enough text and kept
// more than its class/id words dropped inside the article (a page builder's
// "widget" wrappers around every paragraph say nothing of the text); the one
// with the most text wins and `tree` is left as it made it, so metadata and
// the trace read the tree the article came from. A later attempt overwrites
// the tree, so the winner's table is saved before one runs (HtmlNode rows
// only: the Gumbo tree is never copied).
Winner RunAttempts(PageTree& tree, const Vocabulary& v) {
  Winner w;
  std::size_t best_chars = 0, best_by_class = 0;
  std::vector<HtmlNode> saved;
  bool tree_is_winner = false;
  for (const Attempt& at : kAttempts) {
    if (PastDeadline()) break;  // Clean() reports it
    if (tree_is_winner) saved = tree.nodes;
    Prune(tree, v, at.prune);
    Selection s = SelectArticle(tree, v, at.score);
    const std::size_t by_class = CleanConditionally(tree, s, at.score);
    std::vector<Block> blocks = WriteBlocks(tree, s.roots);
    std::size_t chars = TextChars(blocks);
    tree_is_winner = chars > best_chars || w.blocks.empty();
    if (tree_is_winner) w = {&at, std::move(s), std::move(blocks)}, best_chars = chars, best_by_class = by_class;
    if (best_chars >= tunables::kMinArticleChars && best_by_class <= best_chars) break;
  }
  if (!tree_is_winner && w.attempt) tree.nodes = std::move(saved);
  return w;
}

// The value of attribute `name` inside the tag text `tag` (lower-cased), or "".
std::string_view AttrIn(std::string_view tag, std::string_view lower, std::string_view name) {
  std::size_t at = lower.find(name);
  while (at != std::string_view::npos && at > 0 && lower[at - 1] != ' ' && lower[at - 1] != '\t' &&
         lower[at - 1] != '\n')
    at = lower.find(name, at + 1);
  if (at == std::string_view::npos) return {};
  std::size_t v = at + name.size();
  while (v < tag.size() && (tag[v] == ' ' || tag[v] == '=')) ++v;
  if (v >= tag.size()) return {};
  char quote = tag[v];
  if (quote != '"' && quote != '\'') return {};
  std::size_t end = tag.find(quote, v + 1);
  return end == std::string_view::npos ? std::string_view() : tag.substr(v + 1, end - v - 1);
}

}  // namespace

std::string SniffPageUrl(std::string_view html) {
  std::string_view head = html.substr(0, tunables::kHeadScanBytes);
  if (auto end = head.find("</head"); end != std::string_view::npos) head = head.substr(0, end);
  std::string og;
  for (std::size_t at = head.find('<'); at != std::string_view::npos; at = head.find('<', at + 1)) {
    std::size_t close = head.find('>', at);
    if (close == std::string_view::npos) break;
    std::string_view tag = head.substr(at, close - at);
    if (tag.size() < 5 || (tag.compare(1, 4, "link") != 0 && tag.compare(1, 4, "meta") != 0 &&
                           tag.compare(1, 4, "LINK") != 0 && tag.compare(1, 4, "META") != 0))
      continue;
    std::string lower = AsciiLower(tag);
    if (lower.find("canonical") != std::string::npos) {
      std::string_view href = AttrIn(tag, lower, "href");
      if (href.find("://") != std::string_view::npos) return std::string(href);
    } else if (og.empty() && lower.find("og:url") != std::string::npos) {
      std::string_view content = AttrIn(tag, lower, "content");
      if (content.find("://") != std::string_view::npos) og = content;
    }
  }
  return og;
}

// Naive times are the rules' zone on the pages the rules are written for
// (RulesPage), and on a page stating no language when its article is in the
// rules' language or in none that its function words tell.
static bool LocalTimes(const PageTree& t, const Vocabulary& v, const std::vector<std::string>& paragraphs) {
  if (RulesPage(t, v)) return true;
  if (!Attr(t[0].g, "lang").empty()) return false;
  std::vector<std::size_t> hits(v.function_languages.size(), 0);
  std::size_t words = 0;
  for (const std::string& p : paragraphs) words += v.function_words.Tally(DedupeKey(p), hits, nullptr);
  const int lang = v.KnownLanguage(hits, words);
  return lang < 0 || v.function_languages[static_cast<std::size_t>(lang)] == v.language;
}

Result<Article> CleanHtml(std::string_view html, const Vocabulary& v, Trace* trace, const CleanOptions& options) {
  Result<ParsedHtml> page = ParseHtml(html, options.max_open_elements);
  if (!page) return page.error();
  if (PastDeadline()) return Fail("past the time limit while parsing");
  PageTree tree = BuildTree(page->root());

  Origins origins;
  Article a;
  MarkupMetadata markup = HtmlMetadata(*page, tree, v, trace ? &origins : nullptr);
  a.meta = std::move(markup.meta);

  Winner w = RunAttempts(tree, v);
  if (trace && w.attempt) {
    TraceElements(tree, w.selection, w.attempt->name, *trace);
    trace->article = SelectorPath(tree, w.selection.top);
  }
  ArticleMetadata(tree, w.attempt ? w.selection.top : tree.body, v, markup.modified, a.meta, trace ? &origins : nullptr);
  CleanupArticle(w.blocks, v, a.meta, trace ? &origins : nullptr, options.captions);
  int table = -1;
  for (auto& b : w.blocks) {
    if (trace) trace->blocks.push_back({0, b.text, b.kept, b.kept ? "body" : b.why, b.node, SelectorPath(tree, b.node), {}});
    if (!b.kept) continue;
    a.shapes.push_back(ShapeOf(tree, b, table));
    a.paragraphs.push_back(std::move(b.text));
  }
  a.meta.date = v.InZone(std::move(a.meta.date), LocalTimes(tree, v, a.paragraphs));
  if (trace) trace->origins = std::move(origins);
  return a;
}

}  // namespace sach
