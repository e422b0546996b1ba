// Score stage: Readability's content scoring over the flat page table.
#include "score.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>

#include "page.h"
#include "prune.h"
#include "text.h"
#include "tunables.h"

namespace sach {
namespace {

using namespace tunables;

// How much an element is worth as a container, by tag (Readability's values):
// divs usually hold articles, lists and headings usually do not.
int TagBase(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: return 5;
    case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE: return 3;
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL:
    case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM: return -3;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_TH: return -5;
    default: return 0;
  }
}

void Init(HtmlNode& n, const ScoreOptions& o) {
  if (n.candidate) return;
  n.candidate = true;
  n.score = static_cast<float>(TagBase(n.tag) + (o.weight_classes ? n.weight : 0));
}

bool Contains(const PageTree& t, int outer, int inner) { return inner >= outer && inner < t[outer].end; }

bool IsLead(const HtmlNode& n) {
  return n.Has(Concept::kLead) || n.itemprop == "description";
}

// The lead paragraph ("sapo") that sites print between the headline and the
// body container, outside the best-scored element: the nearest element marked
// as a lead before the article, within a few levels of it.
void AddLead(const PageTree& t, Selection& s) {
  const int first = s.roots.front();
  for (int a = t[s.top].parent, level = 1; a > t.body && level <= kLeadMaxLevels; a = t[a].parent, ++level) {
    int lead = -1;
    for (int i = a + 1; i < first; ++i) {
      const HtmlNode& n = t[i];
      if (n.dropped) { i = n.end - 1; continue; }
      if (n.end > first) continue;  // an ancestor of the article
      if (IsLead(n) && n.chars >= kMinScoredChars && n.LinkDensity() < kSiblingMaxLinkDensity) {
        lead = i;
        i = n.end - 1;
      }
    }
    if (lead >= 0) {
      s.roots.insert(s.roots.begin(), lead);
      return;
    }
  }
}

// The site's keep selectors name the article's parts (lead, body): every
// topmost element they match, in document order. No scoring, no guessing.
Selection ArticleNamedBySite(const PageTree& t, const std::vector<Vocabulary::SiteSelector>& keep) {
  Selection s;
  if (keep.empty()) return s;
  for (int i = t.body; i < t.size(); ++i) {
    if (t[i].dropped) { i = t[i].end - 1; continue; }
    for (auto& k : keep)
      if (k.selector.Matches(t, i)) {
        s.roots.push_back(i);
        s.rule = k.why.c_str();
        if (s.top < 0 || t[i].chars > t[s.top].chars) s.top = i;
        i = t[i].end - 1;
        break;
      }
  }
  return s;
}

// A paragraph is worth 1, a point per comma, a point per 100 characters (up to 3).
float ParagraphScore(std::uint32_t chars, std::uint32_t commas) {
  return 1.0f + static_cast<float>(commas) + static_cast<float>(std::min<std::uint32_t>(chars / 100, 3));
}

// Loose text set as paragraphs by pairs of <br>s scores as those paragraphs
// (an old layout's article is one element of text and <br>s).
float LooseTextScore(const PageTree& t, int i) {
  float score = 0;
  ForEachLooseRun(t, i, [&](std::uint32_t chars, std::uint32_t commas) {
    if (chars >= kMinScoredChars) score += ParagraphScore(chars, commas);
  });
  return score;
}

// Every paragraph gives points to its ancestors; returns the elements that got
// some (the candidates), with their scores written and scaled by link density.
std::vector<int> ScoreCandidates(PageTree& t, const BlockChildText& block, const ScoreOptions& o) {
  for (auto& n : t.nodes) n.score = 0, n.candidate = false;
  const int body = t.body;
  const int body_end = t[body].end;
  std::vector<int> candidates;
  for (int i = body; i < body_end; ++i) {
    HtmlNode& n = t[i];
    if (n.dropped) { i = n.end - 1; continue; }
    std::uint32_t chars = 0, commas = 0;
    int first = n.parent;  // the first ancestor to get the paragraph's score
    if (IsParagraphLike(n.tag) && !(n.tag == GUMBO_TAG_TD && n.has_block)) {
      chars = n.chars, commas = n.commas;
    } else if (HoldsLooseText(n.tag) || n.tag == GUMBO_TAG_TD) {
      // Loose text is a paragraph inside this element: the element is its parent.
      chars = n.chars - block.chars[i], commas = n.commas - std::min(n.commas, block.commas[i]);
      first = i;
    }
    if (chars < kMinScoredChars) continue;
    float score = ParagraphScore(chars, commas);
    if (first == i) score = std::max(score, LooseTextScore(t, i));
    // Its parent gets it all, the grandparent half, further ancestors less.
    int level = 0;
    for (int a = first; a >= body && level < kScoreAncestors; a = t[a].parent, ++level) {
      HtmlNode& anc = t[a];
      if (!anc.candidate) {
        Init(anc, o);
        candidates.push_back(a);
      }
      float divider = level == 0 ? 1.0f : level == 1 ? 2.0f : static_cast<float>(level * 3);
      anc.score += score / divider;
    }
  }
  // Links are not text: scale each candidate by how little of it is linked.
  for (int c : candidates) t[c].score *= static_cast<float>(1.0 - t[c].LinkDensity());
  return candidates;
}

// The best-scored candidate (the first of equals), or -1.
int BestCandidate(const PageTree& t, const std::vector<int>& candidates) {
  int top = -1;
  for (int c : candidates)
    if (top < 0 || t[c].score > t[top].score) top = c;
  return top;
}

// Several near-best candidates under one ancestor: the article is that
// ancestor (a page that splits its text into sibling blocks).
int AncestorOfNearBest(const PageTree& t, const std::vector<int>& candidates, int top) {
  std::vector<int> alternatives;
  for (int c : candidates)
    if (c != top && t[c].score >= kAlternativeRatio * t[top].score) alternatives.push_back(c);
  if (alternatives.size() < kMinAlternatives) return top;
  for (int p = t[top].parent; p > t.body; p = t[p].parent) {
    std::size_t inside = 0;
    for (int a : alternatives) inside += Contains(t, p, a) && a != p;
    if (inside >= kMinAlternatives) return p;
  }
  return top;
}

// Climb while the parent scores better (its text outweighs the candidate's).
int ParentScoringBetter(const PageTree& t, int top) {
  float last = t[top].score;
  const float threshold = last / 3;
  for (int p = t[top].parent; p > t.body; p = t[p].parent) {
    if (!t[p].candidate) continue;
    if (t[p].score < threshold) break;
    if (t[p].score > last) return p;
    last = t[p].score;
  }
  return top;
}

// Articles split into chunks (one element per few paragraphs): climb while
// an ancestor holds clearly more prose than the candidate, with few links.
int AncestorJoiningChunks(const PageTree& t, int top) {
  // A candidate with no <p> text is no chunk of a <p> article: its text is
  // loose, and any ancestor's sidebar paragraph would look like a gain.
  if (t[top].para_chars == 0) return top;
  for (int p = t[top].parent, level = 0; p > t.body && level < kChunkClimbMaxLevels; p = t[p].parent, ++level) {
    if (t[p].para_chars < kChunkClimbGain * static_cast<float>(t[top].para_chars) ||
        t[p].LinkDensity() > kChunkClimbMaxLinkDensity)
      continue;
    top = p;
    level = -1;
  }
  return top;
}

// An only child stands for its parent.
int ParentOfOnlyChild(const PageTree& t, int top) {
  while (t[top].parent > t.body) {
    int p = t[top].parent, kids = 0;
    for (int k = p + 1; k < t[p].end; k = t[k].end)
      if (!t[k].dropped) ++kids;
    if (kids != 1) break;
    top = p;
  }
  return top;
}

// A short paragraph joins when it holds a sentence end: ". " or a final ".".
bool HoldsSentenceEnd(const HtmlNode& n) {
  std::string text = TextOf(n.g);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  return !text.empty() && (text.back() == '.' || text.find(". ") != std::string::npos);
}

// A section of an article split into sibling containers, whose paragraphs sit
// too deep to lift its score: mostly paragraph text, several paragraphs of
// it, few links, and no class word against it (a promo box beside a short
// article is prose too).
bool HoldsProse(const HtmlNode& n) {
  const bool container = n.tag == GUMBO_TAG_DIV || n.tag == GUMBO_TAG_SECTION || n.tag == GUMBO_TAG_ARTICLE;
  return container && n.weight >= 0 && n.para_chars >= kSiblingProseChars && n.para_chars * 4 >= n.chars * 3 &&
         n.LinkDensity() < kSiblingMaxLinkDensity;
}

// Whether a sibling of the top candidate is part of the article: it scores
// near the top candidate, or reads like a paragraph.
bool SiblingJoins(const PageTree& t, int top, const HtmlNode& sib, float threshold) {
  float bonus = 0;
  if (!t[top].cls.empty() && sib.cls == t[top].cls) bonus = t[top].score * kSiblingScoreRatio;
  const bool texty = sib.tag == GUMBO_TAG_P || IsHeadingTag(sib.tag) || sib.tag == GUMBO_TAG_SPAN ||
                     sib.tag == GUMBO_TAG_BLOCKQUOTE || (sib.tag == GUMBO_TAG_DIV && !sib.has_block);
  if (sib.candidate && sib.score + bonus >= threshold) return true;
  if (texty && sib.tag != GUMBO_TAG_P)
    // Readability only asks this of <p>; sites print the lead as an <h2> or a bare div.
    return sib.chars > kSiblingParagraphChars && sib.LinkDensity() < kSiblingMaxLinkDensity;
  if (HoldsProse(sib)) return true;
  if (sib.tag != GUMBO_TAG_P) return false;
  const double ld = sib.LinkDensity();
  if (sib.chars > kSiblingParagraphChars && ld < kSiblingMaxLinkDensity) return true;
  return sib.chars > 0 && sib.chars <= kSiblingParagraphChars && ld == 0 && HoldsSentenceEnd(sib);
}

// "(VTC News) -" printed in its own element just before a root: part of the lead.
bool IsDatelineBefore(const PageTree& t, const Selection& s, int prev) {
  return prev >= 0 && (s.roots.empty() || s.roots.back() != prev) && t[prev].chars <= kMaxDatelineChars &&
         EndsWithDash(TextOf(t[prev].g));
}

// The top candidate and the siblings that join it, in document order.
void JoinSiblings(const PageTree& t, Selection& s) {
  const int top = s.top;
  const int parent = t[top].parent;
  const float threshold = std::max(kMinSiblingScore, t[top].score * kSiblingScoreRatio);
  int prev = -1;
  for (int k = parent + 1; k < t[parent].end; k = t[k].end) {
    const HtmlNode& sib = t[k];
    if (sib.dropped) continue;
    if (k == top || SiblingJoins(t, top, sib, threshold)) {
      // An element with no counted text is a dateline only before a sibling (as it always was).
      const bool empty_before_top = k == top && prev >= 0 && t[prev].chars == 0;
      if (!empty_before_top && IsDatelineBefore(t, s, prev)) s.roots.push_back(prev);
      s.roots.push_back(k);
    }
    prev = k;
  }
}

// The roots around `s.top`: it and the siblings that join it, or the top
// alone when it has no parent to share.
void RootsAround(const PageTree& t, Selection& s) {
  s.roots.clear();
  if (t[s.top].parent < 0) s.roots = {s.top};
  else JoinSiblings(t, s);
}

// When the scored article holds a small share of the prose of the page's
// prose region, the region is the article (a body cut into sections deeper
// than scores reach, or a boilerplate block outscoring scattered paragraphs).
void PreferProseRegion(const PageTree& t, const ProseMap& prose, Selection& s) {
  const int region = prose.region;
  if (region < 0) return;
  std::uint64_t covered = 0;
  for (int r : s.roots) covered += prose.below[static_cast<std::size_t>(r)];
  if (covered >= kProseRegionMinShare * prose.below[static_cast<std::size_t>(region)]) return;
  s.top = ParentOfOnlyChild(t, region);
  RootsAround(t, s);
}

// The element the markup declares as the article's body: itemprop=articleBody,
// else the <article> holding most prose when no other holds half as much
// (a teaser list prints an <article> per item). -1 when none holds prose.
int DeclaredBody(const PageTree& t, const ProseMap& prose) {
  int best = -1, article = -1;
  std::uint32_t article_prose = 0, runner_up = 0;
  for (int i = t.body; i < t[t.body].end; ++i) {
    const HtmlNode& n = t[i];
    if (n.dropped) { i = n.end - 1; continue; }
    const std::uint32_t p = prose.below[static_cast<std::size_t>(i)];
    if (n.itemprop == "articleBody" && (best < 0 || p > prose.below[static_cast<std::size_t>(best)])) best = i;
    if (n.tag == GUMBO_TAG_ARTICLE) {
      if (p > article_prose) runner_up = article_prose, article_prose = p, article = i;
      else if (p > runner_up) runner_up = p;
    }
  }
  if (best >= 0 && prose.below[static_cast<std::size_t>(best)] > 0) return best;
  if (article >= 0 && article_prose > 0 && runner_up * 2 < article_prose) return article;
  return -1;
}

// The declared body against the scored article: a declared body inside the
// selection holding nearly all its prose is the tighter cut; one around the
// selection holding much more prose is the fuller one.
void PreferDeclaredBody(const PageTree& t, const ProseMap& prose, Selection& s) {
  const int d = DeclaredBody(t, prose);
  if (d < 0) return;
  std::uint64_t covered = 0;
  bool inside = false, around = true;
  for (int r : s.roots) {
    covered += prose.below[static_cast<std::size_t>(r)];
    inside |= Contains(t, r, d) && r != d;
    around &= Contains(t, d, r);
  }
  const double pd = prose.below[static_cast<std::size_t>(d)], have = static_cast<double>(covered);
  const bool tighter = inside && pd >= kDeclaredBodyTightShare * have;
  const bool fuller = around && !(s.roots.size() == 1 && s.roots[0] == d) && have < kDeclaredBodyFullShare * pd &&
                      t[d].LinkDensity() < kSiblingMaxLinkDensity;
  if (tighter || fuller) s.top = d, s.roots = {d};
}

// The article found by scores, Readability's way.
Selection ArticleByScore(PageTree& t, const ScoreOptions& o) {
  // Scoring drops nothing: one count of block children serves the scores and the prose measure.
  const BlockChildText block = CountBlockChildText(t);
  const std::vector<int> candidates = ScoreCandidates(t, block, o);
  Selection s;
  int top = BestCandidate(t, candidates);
  if (top < 0 || top == t.body) {
    s.top = t.body;
    s.roots = {t.body};
    return s;
  }
  top = AncestorOfNearBest(t, candidates, top);
  Init(t[top], o);
  top = ParentScoringBetter(t, top);
  top = AncestorJoiningChunks(t, top);
  s.top = ParentOfOnlyChild(t, top);
  RootsAround(t, s);
  if (t[s.top].parent < 0) return s;
  const ProseMap prose = MeasureProse(t, block);
  PreferProseRegion(t, prose, s);
  PreferDeclaredBody(t, prose, s);
  AddLead(t, s);
  return s;
}

}  // namespace

Selection SelectArticle(PageTree& t, const Vocabulary& v, const ScoreOptions& o) {
  Selection s = ArticleNamedBySite(t, v.keep);
  return s.roots.empty() ? ArticleByScore(t, o) : s;
}

namespace {

// A table of data (rows of short cells) rather than a layout table.
bool IsDataTable(const PageTree& t, int i) {
  int rows = 0;
  for (int k = i + 1; k < t[i].end; ++k) {
    const HtmlNode& n = t[k];
    if (n.tag == GUMBO_TAG_TABLE) return false;  // nested tables are layout
    if (n.tag == GUMBO_TAG_TR) ++rows;
    if ((n.tag == GUMBO_TAG_TD || n.tag == GUMBO_TAG_TH) && n.has_block && n.paragraphs > 1) return false;
    if (n.tag == GUMBO_TAG_TH || n.tag == GUMBO_TAG_THEAD || n.tag == GUMBO_TAG_CAPTION) return true;
  }
  return rows >= 2;
}

bool InFigure(const PageTree& t, int i) {
  for (int a = t[i].parent; a >= 0; a = t[a].parent)
    if (t[a].tag == GUMBO_TAG_FIGURE) return true;
  return false;
}

// An embedded post or a pull quote (a "social-embed" wrapper around a
// <blockquote>) is quoted text of the article, whatever its class says.
bool MostlyQuoted(const PageTree& t, int i) {
  if (t[i].chars < kMinScoredChars) return false;
  std::uint32_t quoted = 0;
  for (int k = i + 1; k < t[i].end; ++k)
    if (t[k].tag == GUMBO_TAG_BLOCKQUOTE && !t[k].dropped) {
      quoted += t[k].chars;
      k = t[k].end - 1;
    }
  return quoted >= kQuotedShare * t[i].chars;
}

// The unlinked text of element i's leaf blocks long enough to be scored as
// paragraphs: its <p>s and a page builder's text <div>s.
std::uint32_t LeafProseChars(const PageTree& t, int i) {
  std::uint32_t prose = 0;
  for (int k = i + 1; k < t[i].end; ++k) {
    const HtmlNode& n = t[k];
    if (n.has_block || !IsBlockTag(n.tag)) continue;
    if (n.chars >= kMinScoredChars) prose += n.chars - n.link_chars;
    k = n.end - 1;
  }
  return prose;
}

// A wrapper weighed down only by a box word ("c-product-widget", "media")
// that is nearly all prose is part of the article: the word says nothing of
// what a page builder's block holds, its text does.
bool BoxHoldsProse(const PageTree& t, int i) {
  const HtmlNode& n = t[i];
  if (!OnlyBoxWord(n) || n.LinkDensity() >= kSiblingMaxLinkDensity) return false;
  const std::uint32_t prose = std::max(n.para_chars, LeafProseChars(t, i));
  return prose >= kSiblingProseChars && prose >= kBoxProseShare * n.chars;
}

// A paragraph of prose of element i's own: long enough for more than a
// teaser's one-line excerpt, and little of it linked.
bool HoldsProseParagraph(const PageTree& t, int i) {
  for (int k = i + 1; k < t[i].end; ++k) {
    const HtmlNode& n = t[k];
    if (n.tag == GUMBO_TAG_P && n.chars >= kCardProseChars && n.LinkDensity() < kSiblingMaxLinkDensity) return true;
  }
  return false;
}

// A list's tag weighs it down in scoring, but only a class word or links make
// it boilerplate: a plain list inside the article holds its text.
bool IsPlainList(const HtmlNode& n, int class_weight) {
  return class_weight >= 0 && n.LinkDensity() <= kMaxListLinkDensity;
}

void Drop(PageTree& t, int i, std::string why) {
  t[i].dropped = true;
  t[i].why = t.Reason(std::move(why));
}

// A conditional drop's reason: what was measured, the value, and the tunable
// it was compared with ("link density 0.45 > kMaxLinkDensity 0.2").
std::string Measured(const char* what, const char* measure, double value, const char* cmp, const char* tunable,
                     double limit) {
  char buf[200];
  std::snprintf(buf, sizeof buf, "%s (%s %.3g %s %s %.3g)", what, measure, value, cmp, tunable, limit);
  return buf;
}

// The class/id word that weighed element `n` down, as a rule editor finds it.
std::string AgainstWord(const HtmlNode& n) {
  return n.against ? n.against->why : std::string("a class/id word");
}

// Why a widget-like block inside the article goes ("" when it stays):
// Readability's conditional cleaning, each test naming its tunable;
// `weighed`: it goes for its class/id word.
std::string ConditionalReason(const PageTree& t, int i, int weight, bool list, bool between_prose, bool& weighed) {
  const HtmlNode& n = t[i];
  weighed = weight + (n.candidate ? n.score : 0) < 0 && !(list && IsPlainList(n, weight)) && !BoxHoldsProse(t, i);
  if (weighed) {
    char buf[80];
    std::snprintf(buf, sizeof buf, ": class weight %+d + score %.1f < 0", weight, n.candidate ? n.score : 0.0f);
    return "weighed down by " + AgainstWord(n) + buf;
  }
  if (n.commas >= kConditionalMaxCommas) return {};
  const double p = n.paragraphs, img = n.images;
  const double ld = n.LinkDensity();
  const double heading = n.chars ? static_cast<double>(n.heading_chars) / n.chars : 0;
  if (img > 1 && p / img < kConditionalMinParagraphsPerImage && !InFigure(t, i))
    return Measured("images without text", "paragraphs per image", p / img, "<", "kConditionalMinParagraphsPerImage",
                    kConditionalMinParagraphsPerImage);
  if (!list && n.items > n.paragraphs + kConditionalListSlack)
    return Measured("list-like block", "items", n.items, ">", "paragraphs + kConditionalListSlack",
                    n.paragraphs + kConditionalListSlack);
  if (n.inputs > p / kConditionalParagraphsPerInput)
    return Measured("form controls", "inputs", n.inputs, ">", "paragraphs / kConditionalParagraphsPerInput",
                    p / kConditionalParagraphsPerInput);
  if (!list && heading < kConditionalHeadingShare && n.chars < kMinScoredChars && (img == 0 || img > 2) && !InFigure(t, i))
    return Measured("too little text", "chars", n.chars, "<", "kMinScoredChars", kMinScoredChars);
  // A ranked list's card between the article's paragraphs (a linked
  // heading, its text, links to more) is judged by its parts: its link
  // lists go, its text stays.
  if (!list && ld > kMaxLinkDensity && between_prose && HoldsProseParagraph(t, i)) return {};
  if (!list && weight < kClassWeightContent && ld > kMaxLinkDensity)
    return Measured("link-heavy block", "link density", ld, ">", "kMaxLinkDensity", kMaxLinkDensity);
  if (weight >= kClassWeightContent && ld > kMaxLinkDensityContent)
    return Measured("link-heavy block", "link density", ld, ">", "kMaxLinkDensityContent", kMaxLinkDensityContent);
  if (list && ld > kMaxListLinkDensity && !between_prose)
    return Measured("link list, not between two prose paragraphs", "link density", ld, ">", "kMaxListLinkDensity",
                    kMaxListLinkDensity);
  if (n.embeds == 1 && n.chars < kEmbedMaxChars)
    return Measured("embedded media", "chars beside it", n.chars, "<", "kEmbedMaxChars", kEmbedMaxChars);
  if (n.embeds > 1) return Measured("embedded media", "embeds", n.embeds, ">", "one", 1);
  return {};
}

}  // namespace

std::size_t CleanConditionally(PageTree& t, const Selection& s, const ScoreOptions& o) {
  std::size_t by_class = 0;
  // A site's keep selector chose the article: only headings and share bars
  // its classes mark go, the site's judgement of the rest stands.
  const bool conditional = o.clean_conditionally && !s.rule;
  if (!conditional && !o.weight_classes) return 0;
  // Prose paragraphs of the article, in document order: a list of links
  // between two of them is the article's own (sources, resources), not the
  // "read more" list sites print after the text.
  std::vector<int> prose_at;
  if (conditional)
    for (int root : s.roots)
      for (int i = root; i < t[root].end; ++i) {
        const HtmlNode& n = t[i];
        if (n.dropped) { i = n.end - 1; continue; }
        if (n.tag == GUMBO_TAG_P && n.chars >= kSiblingParagraphChars && n.LinkDensity() < kSiblingMaxLinkDensity)
          prose_at.push_back(i);
      }
  auto between_prose = [&](int i) {
    return std::lower_bound(prose_at.begin(), prose_at.end(), t[i].end) != prose_at.end() && prose_at.front() < i;
  };
  for (int root : s.roots) {
    for (int i = root; i < t[root].end; ++i) {
      HtmlNode& n = t[i];
      if (n.dropped) { i = n.end - 1; continue; }
      const bool is_root = i == s.top || (i == root && n.candidate);
      // Headings the site marks as boilerplate ("Related", "Share this").
      if ((n.tag == GUMBO_TAG_H1 || n.tag == GUMBO_TAG_H2) && o.weight_classes && n.weight < 0) {
        Drop(t, i, "heading weighed down by " + AgainstWord(n));
        i = n.end - 1;
        continue;
      }
      // Small share/print bars that survived pruning (their class said "content" too).
      if (i != root && (n.Has(Concept::kShare) || n.Has(Concept::kTags)) && n.chars < kShareMaxChars &&
          !MostlyQuoted(t, i)) {
        Drop(t, i, Measured(("share or tag bar: " + AgainstWord(n)).c_str(), "chars", n.chars, "<", "kShareMaxChars",
                            kShareMaxChars));
        i = n.end - 1;
        continue;
      }
      if (!conditional || is_root) continue;
      const bool list = n.tag == GUMBO_TAG_UL || n.tag == GUMBO_TAG_OL;
      if (n.tag != GUMBO_TAG_DIV && n.tag != GUMBO_TAG_TABLE && !list && n.tag != GUMBO_TAG_FORM &&
          n.tag != GUMBO_TAG_FIELDSET && n.tag != GUMBO_TAG_SECTION && n.tag != GUMBO_TAG_ASIDE)
        continue;
      if (n.tag == GUMBO_TAG_TABLE && IsDataTable(t, i)) { i = n.end - 1; continue; }
      const int weight = o.weight_classes ? n.weight : 0;
      bool weighed = false;
      std::string why = ConditionalReason(t, i, weight, list, between_prose(i), weighed);
      if (!why.empty() && !MostlyQuoted(t, i)) {
        if (weighed) by_class += n.chars;
        Drop(t, i, std::move(why));
        i = n.end - 1;
      }
    }
  }
  // Counts are not redone: the stages after this one read only the dropped
  // marks, and the next Prune recounts.
  return by_class;
}

}  // namespace sach
