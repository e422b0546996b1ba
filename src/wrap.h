// Wrap stage of a dump: paragraphs a dumper broke at a fixed width put back
// on one line. Converters wrap by default (html-to-text and w3m at 80
// columns, Python's html2text at 78, lynx at 79) and every line of a
// paragraph then reads as a short line that ends no sentence; the line
// features of the region stage (length, sentence ends) need the paragraph.
// A dump is wrapped when many of its lines end just short of one width and
// no line of prose runs past it; two lines of a block are one paragraph when
// the next one's first word would not have fit on the first.
// Usage:
//   const std::size_t w = WrapWidth(text);          // 0: not wrapped
//   if (w && Continues(line, next, w)) JoinWrapped(line, next);
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace sach {

// The width the dump's lines were wrapped at (columns), or 0.
std::size_t WrapWidth(std::string_view text);

// `next` (the raw line after `line`, in the same block) goes on `line`'s
// paragraph in a dump wrapped at `width`.
bool Continues(std::string_view line, std::string_view next, std::size_t width);

// A markdown link opened on `line` and not closed there: a converter that
// wraps inside links (html2text) put the rest of it on the next line.
bool OpensLink(std::string_view line);

// `line` with `next` after it: one space between, none after a word broken
// at its hyphen ("well-" "stretched"); a quote's "> " mark on `next` goes.
void JoinWrapped(std::string& line, std::string_view next);

}  // namespace sach
