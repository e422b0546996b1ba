// Site-rule selectors: parsing a CSS subset and matching it on the page table.
#include "selector.h"

#include <gumbo.h>

#include <cctype>

#include "page.h"
#include "text.h"
#include "tunables.h"

namespace sach {
namespace {

bool IdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  bool AtEnd() { return pos_ >= s_.size(); }
  char Peek() { return AtEnd() ? 0 : s_[pos_]; }
  bool SkipSpace() {
    std::size_t start = pos_;
    while (!AtEnd() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    return pos_ > start;
  }
  std::string Ident() {
    std::size_t start = pos_;
    while (!AtEnd() && IdentChar(s_[pos_])) ++pos_;
    return std::string(s_.substr(start, pos_ - start));
  }
  std::string Value() {
    char q = Peek();
    if (q == '"' || q == '\'') {
      std::size_t end = s_.find(q, pos_ + 1);
      if (end == std::string_view::npos) return error_ = "unclosed quote", std::string();
      std::string v(s_.substr(pos_ + 1, end - pos_ - 1));
      pos_ = end + 1;
      return v;
    }
    return Ident();
  }
  std::size_t pos() const { return pos_; }
  void Advance() { ++pos_; }
  std::string error_;

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace

Result<Selector> Selector::Parse(std::string_view text) {
  Selector sel;
  sel.text_ = std::string(text);
  Parser p(text);
  auto fail = [&](const std::string& what) {
    return Fail("bad selector '" + std::string(text) + "': " + what + " at offset " + std::to_string(p.pos()));
  };
  p.SkipSpace();
  Complex complex;
  char combinator = 0;
  while (true) {
    Compound c;
    c.combinator = combinator;
    bool any = false;
    if (p.Peek() == '*') p.Advance(), any = true;
    else if (IdentChar(p.Peek())) c.tag = AsciiLower(p.Ident()), any = true;
    while (true) {
      char ch = p.Peek();
      if (ch == '#') {
        p.Advance();
        c.id = p.Ident();
        if (c.id.empty()) return fail("empty #id");
      } else if (ch == '.') {
        p.Advance();
        std::string cls = p.Ident();
        if (cls.empty()) return fail("empty .class");
        c.classes.push_back(cls);
      } else if (ch == '[') {
        p.Advance();
        p.SkipSpace();
        Attribute a;
        a.name = AsciiLower(p.Ident());
        if (a.name.empty()) return fail("empty [attribute]");
        p.SkipSpace();
        char op = p.Peek();
        if (op == '*' || op == '^' || op == '$') {
          p.Advance();
          if (p.Peek() != '=') return fail("expected '='");
          a.op = op;
          p.Advance();
        } else if (op == '=') {
          a.op = '=';
          p.Advance();
        }
        if (a.op) {
          p.SkipSpace();
          a.value = p.Value();
          if (!p.error_.empty()) return fail(p.error_);
        }
        p.SkipSpace();
        if (p.Peek() != ']') return fail("expected ']'");
        p.Advance();
        c.attributes.push_back(std::move(a));
      } else {
        break;
      }
      any = true;
    }
    if (!any) return fail(p.AtEnd() ? "nothing to match" : std::string("unexpected '") + p.Peek() + "'");
    complex.push_back(std::move(c));
    bool space = p.SkipSpace();
    char ch = p.Peek();
    if (p.AtEnd() || ch == ',') {
      sel.alternatives_.push_back(std::move(complex));
      complex.clear();
      combinator = 0;
      if (p.AtEnd()) break;
      p.Advance();
      p.SkipSpace();
      continue;
    }
    if (ch == '>') {
      p.Advance();
      p.SkipSpace();
      combinator = '>';
    } else if (space) {
      combinator = ' ';
    } else {
      return fail(std::string("unexpected '") + ch + "'");
    }
  }
  return sel;
}

bool Selector::MatchCompound(const Compound& c, const PageTree& t, int i) const {
  const HtmlNode& n = t[i];
  if (!c.tag.empty() && c.tag != gumbo_normalized_tagname(n.tag)) return false;
  if (!c.id.empty() && n.id != c.id) return false;
  for (auto& cls : c.classes) {
    bool found = false;
    std::string_view list = n.cls;
    while (!list.empty() && !found) {
      std::size_t start = list.find_first_not_of(" \t\n\r\f");
      if (start == std::string_view::npos) break;
      list.remove_prefix(start);
      std::size_t end = list.find_first_of(" \t\n\r\f");
      found = list.substr(0, end) == cls;
      list.remove_prefix(end == std::string_view::npos ? list.size() : end);
    }
    if (!found) return false;
  }
  for (auto& a : c.attributes) {
    const GumboAttribute* attr = gumbo_get_attribute(&n.g->v.element.attributes, a.name.c_str());
    if (!attr) return false;
    std::string_view v = attr->value;
    switch (a.op) {
      case '=': if (v != a.value) return false; break;
      case '*': if (v.find(a.value) == std::string_view::npos) return false; break;
      case '^': if (v.substr(0, a.value.size()) != a.value) return false; break;
      case '$': if (v.size() < a.value.size() || v.substr(v.size() - a.value.size()) != a.value) return false; break;
      default: break;
    }
  }
  return true;
}

// Does compound k of `c` (and everything left of it) match element i?
// Backtracking over ancestors is bounded by `budget` so that a selector
// like "a b c d" on a 10 000-deep page cannot take quadratic-or-worse time.
bool Selector::MatchComplex(const Complex& c, std::size_t k, const PageTree& t, int i, int& budget) const {
  if (--budget < 0 || !MatchCompound(c[k], t, i)) return false;
  if (k == 0) return true;
  if (c[k].combinator == '>') return t[i].parent >= 0 && MatchComplex(c, k - 1, t, t[i].parent, budget);
  for (int a = t[i].parent; a >= 0 && budget > 0; a = t[a].parent)
    if (MatchComplex(c, k - 1, t, a, budget)) return true;
  return false;
}

bool Selector::Matches(const PageTree& t, int i) const {
  for (auto& c : alternatives_) {
    int budget = tunables::kSelectorMatchSteps;
    if (MatchComplex(c, c.size() - 1, t, i, budget)) return true;
  }
  return false;
}

}  // namespace sach
