// Blocks stage: walking the selected subtrees into paragraphs.
#include "blocks.h"

#include <utility>

#include "text.h"
#include "tunables.h"

namespace sach {
namespace {

// Joins the cells of a table row; folded to a tab after white space folding.
constexpr char kCellSeparator = '\x1f';

class Writer {
 public:
  Writer(const PageTree& t, std::vector<Block>& out) : t_(t), out_(out) {}

  void Walk(int root) {
    struct Frame {
      const GumboNode* g;
      int index;
      unsigned child = 0;
      int next = 0;  // table index of the next element child
    };
    std::vector<Frame> stack;
    Open(root);
    stack.push_back({t_[root].g, root, 0, root + 1});
    while (!stack.empty()) {
      Frame& f = stack.back();
      const GumboVector& kids = f.g->v.element.children;
      if (f.child >= kids.length) {
        int index = f.index;
        stack.pop_back();
        Close(index);
        continue;
      }
      auto* k = static_cast<const GumboNode*>(kids.data[f.child++]);
      if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_WHITESPACE || k->type == GUMBO_NODE_CDATA) {
        Text(k->v.text.text);
      } else if (k->type == GUMBO_NODE_ELEMENT || k->type == GUMBO_NODE_TEMPLATE) {
        int index = f.next;
        f.next = t_[index].end;
        if (t_[index].dropped) continue;
        Open(index);
        stack.push_back({k, index, 0, index + 1});
      }
    }
    Flush();
  }

 private:
  bool InDataRow() const { return row_ >= 0; }

  // Counts of open links and captions, kept first so early returns stay balanced.
  // An element holding paragraphs is no caption, whatever its class says.
  int Captions(const HtmlNode& n) const {
    return (n.tag == GUMBO_TAG_FIGCAPTION ? 1 : 0) +
           (n.Has(Concept::kCaption) && n.paragraphs < tunables::kCaptionMaxParagraphs ? 1 : 0);
  }

  void Open(int i) {
    const HtmlNode& n = t_[i];
    if (n.tag == GUMBO_TAG_A) ++link_;
    caption_ += Captions(n);
    switch (n.tag) {
      case GUMBO_TAG_BR: Text(" "); return;
      case GUMBO_TAG_TR: {
        Flush();
        // A row of plain cells is one paragraph; a row of block cells is layout.
        bool plain = true;
        for (int k = i + 1; k < n.end; k = t_[k].end)
          if ((t_[k].tag == GUMBO_TAG_TD || t_[k].tag == GUMBO_TAG_TH) && t_[k].has_block) plain = false;
        row_ = plain ? i : -1;
        cells_ = 0;
        block_ = i;
        return;
      }
      case GUMBO_TAG_TD: case GUMBO_TAG_TH:
        if (InDataRow()) {
          if (cells_++ > 0) text_ += kCellSeparator;
          return;
        }
        break;
      case GUMBO_TAG_PRE: Flush(); ++pre_; block_ = i; return;
      default: break;
    }
    if (IsBlockTag(n.tag) && !InDataRow()) {
      Flush();
      block_ = i;
    }
  }

  void Close(int i) {
    const HtmlNode& n = t_[i];
    struct Uncaption {
      int& c;
      int k;
      ~Uncaption() { c -= k; }
    } uncaption{caption_, Captions(n)};  // after the flush below
    if (n.tag == GUMBO_TAG_A) --link_;
    if (n.tag == GUMBO_TAG_TR) {
      if (row_ == i) {
        Flush();
        row_ = -1;
      }
      return;
    }
    if (InDataRow() && (n.tag == GUMBO_TAG_TD || n.tag == GUMBO_TAG_TH)) return;
    if (n.tag == GUMBO_TAG_PRE) {
      Flush();
      --pre_;
      return;
    }
    if (IsBlockTag(n.tag) && !InDataRow()) {
      block_ = i;  // the text between this block's end and the next block belongs to it
      Flush();
      block_ = n.parent;
    }
  }

  void Text(const char* s) {
    if (!started_) {
      started_ = true;
      start_caption_ = caption_ > 0;
    }
    std::size_t before = text_.size();
    text_ += s;
    if (link_ > 0) link_bytes_ += text_.size() - before;
  }

  void Flush() {
    if (!text_.empty()) Emit();
    text_.clear();
    link_bytes_ = 0;
    started_ = false;
  }

  void Emit() {
    Block b;
    if (pre_ > 0) {
      // Lines kept; trailing blanks and empty first/last lines trimmed.
      std::string out;
      std::size_t start = 0;
      while (start <= text_.size()) {
        std::size_t end = text_.find('\n', start);
        if (end == std::string::npos) end = text_.size();
        std::string line = text_.substr(start, end - start);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.pop_back();
        if (!out.empty() || !IsBlank(line)) out += line + "\n";
        start = end + 1;
      }
      while (!out.empty() && out.back() == '\n') out.pop_back();
      b.text = std::move(out);
    } else {
      b.text = FoldSpace(text_);
      if (b.text.find(kCellSeparator) != std::string::npos) b.text = JoinCells(b.text);
    }
    if (b.text.empty() || IsBlank(b.text)) return;
    b.node = block_ >= 0 ? block_ : 0;
    b.tag = t_[b.node].tag;
    b.chars = static_cast<std::uint32_t>(CharCount(b.text));
    std::size_t bytes = text_.size();
    // Linked share measured in bytes of the raw text: close enough, and cheap.
    b.link_chars = bytes ? static_cast<std::uint32_t>(b.chars * (static_cast<double>(link_bytes_) / bytes)) : 0;
    b.heading = IsHeadingTag(b.tag);
    b.caption = start_caption_ || caption_ > 0;
    out_.push_back(std::move(b));
  }

  static std::string JoinCells(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
      if (c == kCellSeparator) {
        while (!out.empty() && out.back() == ' ') out.pop_back();
        out += '\t';
      } else if (c == ' ' && !out.empty() && out.back() == '\t') {
        continue;
      } else {
        out += c;
      }
    }
    // A row whose cells are all empty is nothing; empty edge cells are dropped.
    std::size_t a = out.find_first_not_of('\t'), b = out.find_last_not_of('\t');
    return a == std::string::npos ? std::string() : out.substr(a, b - a + 1);
  }

  const PageTree& t_;
  std::vector<Block>& out_;
  std::string text_;
  std::size_t link_bytes_ = 0;
  int block_ = -1, row_ = -1, cells_ = 0, pre_ = 0, caption_ = 0, link_ = 0;
  bool started_ = false, start_caption_ = false;
};

}  // namespace

// The number the list item `li` shows: its place among the items of its
// <ol> (from the list's start), or 0 when its list is not an ordered one.
std::uint32_t OrdinalOf(const PageTree& t, int li) {
  const int list = t[li].parent;
  if (list < 0 || t[list].tag != GUMBO_TAG_OL) return 0;
  long number = 1;
  std::string_view start = Attr(t[list].g, "start");
  if (!start.empty()) number = std::strtol(std::string(start).c_str(), nullptr, 10);
  for (int j = list + 1; j < li; j = t[j].end) number += t[j].tag == GUMBO_TAG_LI;
  return number > 0 ? static_cast<std::uint32_t>(number) : 0;
}

Shape ShapeOf(const PageTree& t, const Block& b, int& table) {
  Shape s;
  const int previous = std::exchange(table, -1);
  if (b.heading) {
    s.kind = Shape::kHeading;
    s.level = static_cast<std::uint8_t>(1 + b.tag - GUMBO_TAG_H1);
    return s;
  }
  if (b.tag == GUMBO_TAG_PRE) {
    s.kind = Shape::kCode;
    return s;
  }
  // The nearest list item, quote or table above decides; a <p> inside an
  // <li> is the item's text.
  for (int i = b.node, up = 0; i >= 0 && up <= tunables::kShapeAncestors; i = t[i].parent, ++up) {
    const GumboTag tag = t[i].tag;
    if (tag == GUMBO_TAG_TABLE && b.tag == GUMBO_TAG_TR) {
      s.kind = Shape::kTableRow;
      s.first_row = i != previous;
      table = i;
      return s;
    }
    if (tag == GUMBO_TAG_LI) {
      s.kind = Shape::kListItem;
      s.ordinal = OrdinalOf(t, i);
    } else if (tag == GUMBO_TAG_BLOCKQUOTE) s.kind = Shape::kQuote;
    if (s.kind != Shape::kParagraph) return s;
  }
  return s;
}

std::vector<Block> WriteBlocks(const PageTree& t, const std::vector<int>& roots) {
  std::vector<Block> out;
  out.reserve(64);
  Writer w(t, out);
  for (int r : roots) w.Walk(r);
  return out;
}

}  // namespace sach
