// Parse stage: raw-text bodies cut out, then Gumbo with an arena allocator.
#include "parse.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "tunables.h"

namespace sach {

// A bump allocator: Gumbo makes hundreds of thousands of small allocations per
// page and frees them one by one at the end; here they are carved from big
// chunks and the chunks are dropped together. Freeing is a no-op, so the
// buffers Gumbo regrows are wasted until the page is done (about 2x the
// live size, still far less than malloc's per-block overhead).
class Arena {
 public:
  explicit Arena(std::size_t first_chunk) : next_size_(first_chunk) {}
  ~Arena() {
    for (auto& c : chunks_) Recycle(c);
  }
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  void* Alloc(std::size_t n) {
    n = (n + 15) & ~std::size_t{15};  // malloc's alignment
    if (n > left_) Grow(n);
    void* p = cur_;
    cur_ += n;
    left_ -= n;
    return p;
  }

  static void* GumboAlloc(void* self, std::size_t n) { return static_cast<Arena*>(self)->Alloc(n); }
  static void GumboFree(void*, void*) {}

 private:
  struct Chunk {
    char* data;
    std::size_t size;
  };

  // One chunk per thread is kept for the next page: most pages fit in the
  // first chunk, so a batch allocates almost nothing after its first page.
  struct Spare {
    Chunk chunk{nullptr, 0};
    ~Spare() { std::free(chunk.data); }
  };
  static Spare& ThreadSpare() {
    thread_local Spare spare;
    return spare;
  }

  void Grow(std::size_t n) {
    std::size_t size = std::max(n, next_size_);
    next_size_ = std::min(next_size_ * 2, tunables::kArenaMaxChunk);
    Chunk c{nullptr, 0};
    Spare& spare = ThreadSpare();
    if (spare.chunk.data && spare.chunk.size >= size) {
      c = spare.chunk;
      spare.chunk = {nullptr, 0};
    } else {
      c = {static_cast<char*>(std::malloc(size)), size};
      if (!c.data) std::abort();  // as Gumbo's own allocator would
    }
    chunks_.push_back(c);
    cur_ = c.data;
    left_ = c.size;
  }

  static void Recycle(Chunk c) {
    Spare& spare = ThreadSpare();
    if (c.size <= tunables::kArenaMaxChunk && c.size > spare.chunk.size) {
      std::free(spare.chunk.data);
      spare.chunk = c;
    } else {
      std::free(c.data);
    }
  }

  std::vector<Chunk> chunks_;
  char* cur_ = nullptr;
  std::size_t left_ = 0;
  std::size_t next_size_;
};

namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool StartsWithNoCase(std::string_view s, std::size_t at, std::string_view word) {
  if (s.size() - at < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (Lower(s[at + i]) != word[i]) return false;
  return true;
}

std::string AsciiLowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

bool EndsName(std::string_view s, std::size_t at) {
  if (at >= s.size()) return true;
  char c = s[at];
  return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Where "</name" (any case) starts at or after `from`, or npos.
std::size_t FindClose(std::string_view s, std::size_t from, std::string_view name) {
  while (true) {
    std::size_t lt = s.find("</", from);
    if (lt == std::string_view::npos) return lt;
    if (StartsWithNoCase(s, lt + 2, name) && EndsName(s, lt + 2 + name.size())) return lt;
    from = lt + 2;
  }
}

// Formatting elements: Gumbo keeps every unclosed one in its list of active
// formatting elements and walks that list on each new one, so a page of
// 100 000 unclosed <b> takes minutes. Real pages leave a few hundred open at most.
bool IsFormatting(std::string_view name) {
  static constexpr std::string_view kNames[] = {"a", "b", "big", "code", "em", "font", "i", "nobr",
                                                "s", "small", "strike", "strong", "tt", "u"};
  for (auto n : kNames)
    if (name.size() == n.size() && StartsWithNoCase(name, 0, n)) return true;
  return false;
}

// Elements counted for the nesting guard: those a page closes explicitly.
// Void elements never open; elements whose end tag is optional (p, li, td...)
// are closed implicitly by their next sibling, so counting them would take
// 1 000 000 sibling <p> for depth; formatting elements have their own guard.
bool CountsForNesting(std::string_view name) {
  static constexpr std::string_view kNot[] = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
      "wbr", "keygen", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
      "colgroup", "caption", "rb", "rt", "rp", "rtc", "html", "head", "body", "frame", "image"};
  for (auto n : kNot)
    if (name.size() == n.size() && StartsWithNoCase(name, 0, n)) return false;
  return !IsFormatting(name);
}

// The streaming id of element `n` of tag `tag` (StreamedId), else empty.
std::string_view StreamId(const GumboNode* n, GumboTag tag, std::string_view prefix) {
  if ((n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) || n->v.element.tag != tag) return {};
  const GumboAttribute* id = gumbo_get_attribute(&n->v.element.attributes, "id");
  return id ? StreamedId(id->value, prefix) : std::string_view{};
}

// Whether `n` is `outer` or lies below it.
bool Inside(const GumboNode* n, const GumboNode* outer) {
  for (; n; n = n->parent)
    if (n == outer) return true;
  return false;
}

// React's streamed rendering prints a placeholder <template id="B:x"> (and a
// "Loading…" fallback after it, up to the comment "/$") where a part of the
// page goes, and sends that part later as <div hidden id="S:x">, which a
// script moves into place. A segment streamed inside a segment has a bare
// placeholder, <template id="P:x"> ($RS("S:x","P:x")). Done here the same
// way: the segment and the placeholder change places (pointers swapped in
// the children lists, no allocation), and a boundary's fallback becomes a
// <template>, never text.
void PlaceStreamedSegments(GumboNode* root) {
  std::map<std::string_view, GumboNode*> holes, bare_holes, segments;
  std::vector<GumboNode*> stack{root};
  while (!stack.empty()) {
    GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) continue;
    if (auto x = StreamId(n, GUMBO_TAG_TEMPLATE, "B:"); !x.empty()) holes.emplace(x, n);
    if (auto x = StreamId(n, GUMBO_TAG_TEMPLATE, "P:"); !x.empty()) bare_holes.emplace(x, n);
    if (auto x = StreamId(n, GUMBO_TAG_DIV, "S:"); !x.empty()) segments.emplace(x, n);
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) stack.push_back(static_cast<GumboNode*>(kids.data[i]));
  }
  // The segment and its placeholder change places; false when they cannot.
  auto place = [&](GumboNode* hole, GumboNode* seg) {
    GumboNode *hp = hole->parent, *sp = seg->parent;
    if (!hp || !sp || Inside(hole, seg) || Inside(seg, hole)) return false;  // a swap would make a cycle
    const std::size_t hi = hole->index_within_parent, si = seg->index_within_parent;
    hp->v.element.children.data[hi] = seg;
    sp->v.element.children.data[si] = hole;
    std::swap(hole->parent, seg->parent);
    std::swap(hole->index_within_parent, seg->index_within_parent);
    return true;
  };
  for (auto& [x, hole] : bare_holes)
    if (auto it = segments.find(x); it != segments.end() && !holes.contains(x)) place(hole, it->second);
  for (auto& [x, hole] : holes) {
    auto it = segments.find(x);
    if (it == segments.end()) continue;
    GumboNode* seg = it->second;
    if (!place(hole, seg)) continue;
    // The fallback after it, up to the boundary's end (when it is there).
    GumboVector& sibs = seg->parent->v.element.children;
    const unsigned from = static_cast<unsigned>(seg->index_within_parent) + 1;
    unsigned end = from;
    while (end < sibs.length && !(static_cast<GumboNode*>(sibs.data[end])->type == GUMBO_NODE_COMMENT &&
                                  std::string_view(static_cast<GumboNode*>(sibs.data[end])->v.text.text) == "/$"))
      ++end;
    if (end == sibs.length) continue;
    for (unsigned i = from; i < end; ++i) {
      auto* k = static_cast<GumboNode*>(sibs.data[i]);
      if (k->type == GUMBO_NODE_ELEMENT) k->v.element.tag = GUMBO_TAG_TEMPLATE;
      else if (k->type == GUMBO_NODE_TEXT) k->type = GUMBO_NODE_COMMENT;
    }
  }
}

}  // namespace

std::string CapNumericRefs(std::string html) {
  constexpr unsigned long kMaxCodePoint = 0x10FFFF;
  std::size_t at = html.find("&#");
  if (at == std::string::npos) return html;
  std::string out;
  std::size_t copied = 0;
  for (; at != std::string::npos; at = html.find("&#", at)) {
    bool hex = at + 2 < html.size() && (html[at + 2] == 'x' || html[at + 2] == 'X');
    std::size_t digits = at + 2 + hex, end = digits;
    unsigned long value = 0;  // saturates just past the largest code point
    for (; end < html.size(); ++end) {
      char c = html[end];
      int d = (c >= '0' && c <= '9') ? c - '0'
              : hex && (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10 : -1;
      if (d < 0) break;
      value = std::min(value * (hex ? 16 : 10) + static_cast<unsigned long>(d), kMaxCodePoint + 1);
    }
    if (value > kMaxCodePoint) {
      if (out.empty()) out.reserve(html.size());
      out.append(html, copied, digits - copied).append(hex ? "FFFD" : "65533");
      copied = end;
    }
    at = std::max(end, at + 2);
  }
  if (copied == 0) return html;
  out.append(html, copied, std::string::npos);
  return out;
}

std::string StripRawText(std::string_view html, std::vector<std::string>* json_ld, std::size_t max_open_elements) {
  static constexpr std::string_view kRaw[] = {"script", "style", "svg"};
  std::string out;
  out.reserve(html.size());
  std::size_t copied = 0, at = 0;
  std::size_t open_formatting = 0;
  std::size_t open_elements = 0;
  std::map<std::string, std::size_t> dropped_open;  // start tags cut by the nesting guard, by name
  while ((at = html.find('<', at)) != std::string_view::npos) {
    if (html.compare(at, 4, "<!--") == 0) {
      // Comments never hold text: cut them too (a commented-out <script> is not one).
      std::size_t end = html.find("-->", at + 4);
      if (end == std::string_view::npos) break;
      out.append(html.substr(copied, at - copied));
      copied = at = end + 3;
      continue;
    }
    std::string_view name;
    for (auto raw : kRaw)
      if (StartsWithNoCase(html, at + 1, raw) && EndsName(html, at + 1 + raw.size())) name = raw;
    if (name.empty()) {
      // Guards against inputs that make Gumbo quadratic (see IsFormatting, and
      // a tag with 100 000 attributes, each checked against all before it).
      bool closing = at + 1 < html.size() && html[at + 1] == '/';
      std::size_t name_at = at + 1 + closing, name_end = name_at;
      while (name_end < html.size() && std::isalnum(static_cast<unsigned char>(html[name_end]))) ++name_end;
      std::string_view tag_name = html.substr(name_at, name_end - name_at);
      if (tag_name.empty()) {
        ++at;
        continue;
      }
      std::size_t tag_end = html.find('>', name_end);
      if (tag_end == std::string_view::npos) break;
      bool drop = false;
      if (IsFormatting(tag_name)) {
        if (closing) open_formatting -= open_formatting > 0;
        else drop = ++open_formatting > tunables::kMaxOpenFormatting;
      } else if (CountsForNesting(tag_name)) {
        // Gumbo walks its stack of open elements on every tag: 100 000 nested
        // <div> take ~13 s. Past max_open_elements levels, start tags are cut
        // along with as many end tags of the same name; their text stays.
        bool self_closed = html[tag_end - 1] == '/';
        if (closing) {
          if (!dropped_open.empty()) {
            std::string key = AsciiLowerCopy(tag_name);
            auto it = dropped_open.find(key);
            if (it != dropped_open.end()) {
              drop = true;
              if (--it->second == 0) dropped_open.erase(it);
            }
          }
          if (!drop) open_elements -= open_elements > 0;
        } else if (!self_closed) {
          if (open_elements >= max_open_elements) {
            drop = true;
            ++dropped_open[AsciiLowerCopy(tag_name)];
          } else {
            ++open_elements;
          }
        }
      }
      bool strip_attributes = false;
      if (!closing && !drop && tag_end - at > tunables::kLongTagBytes) {
        std::string_view tag = html.substr(name_end, tag_end - name_end);
        strip_attributes = static_cast<std::size_t>(std::count(tag.begin(), tag.end(), '=')) > tunables::kMaxAttributes;
      }
      if (drop || strip_attributes) {
        out.append(html.substr(copied, at - copied));
        if (strip_attributes) out.append("<").append(tag_name).append(">");
        copied = tag_end + 1;
      }
      at = tag_end + 1;
      continue;
    }
    std::size_t tag_end = html.find('>', at);
    if (tag_end == std::string_view::npos) break;
    std::string_view tag = html.substr(at, tag_end - at);
    if (tag.back() == '/') {  // <svg ... />: no body
      at = tag_end + 1;
      continue;
    }
    std::size_t body = tag_end + 1;
    std::size_t close = FindClose(html, body, name);
    if (close == std::string_view::npos) close = html.size();
    if (json_ld && name == "script") {
      std::string lower(tag);
      std::transform(lower.begin(), lower.end(), lower.begin(), Lower);
      if (lower.find("ld+json") != std::string::npos) json_ld->emplace_back(html.substr(body, close - body));
    }
    out.append(html.substr(copied, body - copied));
    copied = at = close;
  }
  out.append(html.substr(copied));
  return out;
}

ParsedHtml::ParsedHtml() = default;
ParsedHtml::ParsedHtml(ParsedHtml&&) noexcept = default;
ParsedHtml& ParsedHtml::operator=(ParsedHtml&&) noexcept = default;
// The tree lives in the arena: no gumbo_destroy_output (which also recurses
// once per level and would overflow on absurdly deep pages).
ParsedHtml::~ParsedHtml() = default;

const GumboInternalNode* ParsedHtml::root() const { return output_ ? output_->root : nullptr; }

std::string_view StreamedId(std::string_view id, std::string_view prefix) {
  if (id.size() <= prefix.size() || !id.starts_with(prefix)) return {};
  id.remove_prefix(prefix.size());
  return std::all_of(id.begin(), id.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); })
             ? id
             : std::string_view{};
}

Result<ParsedHtml> ParseHtml(std::string_view html, std::size_t max_open_elements) {
  ParsedHtml p;
  p.text_ = std::make_unique<std::string>(CapNumericRefs(StripRawText(html, &p.json_ld_, max_open_elements)));
  const std::string& text = *p.text_;
  // Gumbo's tree takes roughly 3-6x the page's size; start near that.
  p.arena_ = std::make_unique<Arena>(std::max<std::size_t>(tunables::kArenaFirstChunk, text.size() * 4));
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &Arena::GumboAlloc;
  options.deallocator = &Arena::GumboFree;
  options.userdata = p.arena_.get();
  options.max_errors = 0;  // errors are not reported; don't collect them
  p.output_ = gumbo_parse_with_options(&options, text.data(), text.size());
  if (!p.output_ || !p.output_->root) return Fail("HTML parser failed");
  PlaceStreamedSegments(p.output_->root);
  return p;
}

}  // namespace sach
