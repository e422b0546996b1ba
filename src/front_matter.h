// A YAML front matter block at the start of a text dump ("---", "key: value"
// lines, "---"), as sach writes its own output and static-site generators
// (Jekyll, Hugo) write their pages. Read so that cleaning a cleaned article
// gives it back unchanged, and a page's own title and date are not lost.
// Only the subset these files use: plain, single- and double-quoted scalars,
// flow lists ("[a, b]") and block lists ("- a"). Usage:
//   if (auto fm = ReadFrontMatter(text)) { fm->Get("title"); text.substr(fm->body); }
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sach {

struct FrontMatter {
  std::vector<std::pair<std::string, std::string>> fields;  // key (lower case) -> value; a list joined by ", "
  std::size_t body = 0;   // byte offset of what follows the closing line
  std::size_t lines = 0;  // lines the block takes, both fences included

  // The value of `key`, or "" when absent.
  const std::string& Get(std::string_view key) const;
};

// nullopt unless `text` opens with a fence line and every line up to the
// closing fence ("---" or "...") is a key, a list item or blank: a dump that
// opens with a horizontal rule is no front matter.
std::optional<FrontMatter> ReadFrontMatter(std::string_view text);

}  // namespace sach
