// Cleanup stage: the HTML route's blocks handed to the line stage (lines.h),
// which a dump's lines go through too. What only a page has stays here:
// captions known from markup, dropped on request.
#include "cleanup.h"

#include "lines.h"

namespace sach {
namespace {

// The blocks' text moves to the lines and back: no copy of the article.
std::vector<Line> AsLines(std::vector<Block>& blocks) {
  std::vector<Line> lines;
  lines.reserve(blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    Block& b = blocks[i];
    Line l;
    l.text = std::move(b.text);
    l.origin = static_cast<std::size_t>(b.node);
    l.block = i;  // each block its own: no widget box spans two elements
    l.chars = b.chars;
    l.link_chars = b.link_chars;
    l.heading = b.heading;
    l.caption = b.caption;
    l.kept = b.kept;
    l.why = std::move(b.why);
    lines.push_back(std::move(l));
  }
  return lines;
}

}  // namespace

void CleanupArticle(std::vector<Block>& blocks, const Vocabulary& v, Metadata& meta, Origins* origins,
                    bool captions) {
  if (!captions)
    for (auto& b : blocks)
      if (b.caption && b.kept) b.kept = false, b.why = "caption (--no-captions)";
  std::vector<Line> lines = AsLines(blocks);
  ClassifyLines(lines, v);
  LineContext cx{v, meta, origins, false, std::nullopt};
  CleanLines(lines, cx);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    blocks[i].text = std::move(lines[i].text);  // a dateline joins the lead
    blocks[i].kept = lines[i].kept;
    blocks[i].why = std::move(lines[i].why);
  }
}

}  // namespace sach
