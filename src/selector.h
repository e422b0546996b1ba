// Selectors for site rules: a subset of CSS, compiled once when the rules
// load and matched on the flat page table (right to left, as browsers do).
// Supported: tag, *, #id, .class, [attr], [attr=v], [attr*=v], [attr^=v],
// [attr$=v], the descendant (space) and child (>) combinators, and lists (a, b).
// Usage:
//   Result<Selector> s = Selector::Parse("div.detail > p, #main .sapo");
//   if (s->Matches(tree, i)) ...
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "sach/result.h"

namespace sach {

struct PageTree;

class Selector {
 public:
  static Result<Selector> Parse(std::string_view text);
  bool Matches(const PageTree& t, int i) const;
  const std::string& text() const { return text_; }

 private:
  struct Attribute {
    std::string name, value;
    char op = 0;  // 0 = present, '=' equal, '*' contains, '^' starts, '$' ends
  };
  struct Compound {
    std::string tag;  // lower case; empty = any
    std::string id;
    std::vector<std::string> classes;
    std::vector<Attribute> attributes;
    char combinator = 0;  // how it joins the compound on its left: ' ' or '>' (0 for the first)
  };
  using Complex = std::vector<Compound>;
  bool MatchCompound(const Compound& c, const PageTree& t, int i) const;
  bool MatchComplex(const Complex& c, std::size_t k, const PageTree& t, int i, int& budget) const;

  std::string text_;
  std::vector<Complex> alternatives_;
};

}  // namespace sach
