// Blocks stage: the selected article subtrees as paragraphs of text. A
// block-level element starts and ends a paragraph; inline content flows into
// the current one; <br> is a space; a table row whose cells hold no blocks is
// one paragraph with cells joined by a tab; <pre> keeps its lines. Usage:
//   std::vector<Block> blocks = WriteBlocks(tree, selection.roots);
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "page.h"
#include "sach/article.h"

namespace sach {

struct Block {
  std::string text;     // NFC UTF-8, white space folded (a <pre> keeps its newlines)
  int node = -1;        // the block element it came from (index into the PageTree)
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  std::uint32_t chars = 0;       // code points of text
  std::uint32_t link_chars = 0;  // ...of them inside links
  bool heading = false;  // h1-h6
  bool caption = false;  // figcaption, or inside an element with a caption class
  bool kept = true;      // cleared by the cleanup stage
  std::string why;       // why dropped or moved to metadata

  double LinkDensity() const { return chars ? static_cast<double>(link_chars) / chars : 0.0; }
};

// Paragraphs of the subtrees `roots` of `t`, skipping dropped elements.
std::vector<Block> WriteBlocks(const PageTree& t, const std::vector<int>& roots);

// What a kept block was (heading, list item, table row, quote, code) for an
// output that keeps the structure. `table` carries the table of the previous
// kept block between calls (start at -1), so a row knows it heads its table.
Shape ShapeOf(const PageTree& t, const Block& b, int& table);

}  // namespace sach
