// robots.txt parsing and matching (RFC 9309). One pass over the lines keeps
// two rule sets, the groups naming our product token and the "*" groups;
// the first non-empty kind wins. Patterns and paths are compared in one
// percent-encoded form, and matched by segments between "*" so that no
// pattern can make matching exponential.
#include "robots.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>

namespace sach {
namespace {

constexpr std::size_t kMaxBytes = 512000;   // RFC 9309 2.5: parse at least 500 KiB
constexpr std::size_t kMaxRules = 10000;    // per rule set; bounds memory and match time
constexpr std::size_t kMaxSitemaps = 1000;
constexpr double kMaxCrawlDelay = 60;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (Lower(a[i]) != Lower(b[i])) return false;
  return true;
}

// The product token at the start of a User-agent value or of our own agent
// string: "sach/0.1 (+https://...)" -> "sach" (RFC 9309 2.2.1: [a-zA-Z_-]).
std::string_view ProductToken(std::string_view s) {
  s = Trim(s);
  std::size_t n = 0;
  while (n < s.size()) {
    char c = s[n];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_')) break;
    ++n;
  }
  return s.substr(0, n);
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool Unreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

void AppendEscaped(std::string& out, unsigned char c) {
  static const char kHex[] = "0123456789ABCDEF";
  out += '%';
  out += kHex[c >> 4];
  out += kHex[c & 15];
}

// One form for patterns and paths: %XX of an unreserved character decoded,
// other %XX upper-cased, raw bytes >= 0x80 (UTF-8) and controls/space
// encoded. "*" and "$" pass through untouched, so patterns keep their
// meaning. A stray "%" stays as it is on both sides.
std::string NormalizePercent(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      unsigned char v = static_cast<unsigned char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      if (Unreserved(v))
        out += static_cast<char>(v);
      else
        AppendEscaped(out, v);
      i += 2;
    } else if (c >= 0x80 || c <= 0x20 || c == 0x7f) {
      AppendEscaped(out, c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// Does `pattern` match `path` from its start? "*" is any run of bytes, a
// final "$" anchors the end, otherwise a match of a prefix is enough. The
// pieces between "*" are found leftmost, one after another: leftmost is
// always a safe choice, so there is no backtracking and the cost is
// O(|path| * |pattern|) at worst.
bool PatternMatches(std::string_view pattern, std::string_view path) {
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);

  std::size_t star = pattern.find('*');
  if (star == std::string_view::npos)
    return anchored ? path == pattern : path.substr(0, pattern.size()) == pattern;

  // The first piece is tied to the start of the path.
  std::string_view first = pattern.substr(0, star);
  if (path.substr(0, first.size()) != first) return false;
  std::size_t pos = first.size();
  pattern.remove_prefix(star + 1);

  // The last piece; with "$" it must be a suffix of what is left.
  std::size_t last_star = pattern.rfind('*');
  std::string_view last = last_star == std::string_view::npos ? pattern : pattern.substr(last_star + 1);
  std::string_view middle =
      last_star == std::string_view::npos ? std::string_view() : pattern.substr(0, last_star);

  while (!middle.empty()) {
    std::size_t next = middle.find('*');
    std::string_view piece = middle.substr(0, next);
    if (!piece.empty()) {
      std::size_t at = path.find(piece, pos);
      if (at == std::string_view::npos) return false;
      pos = at + piece.size();
    }
    if (next == std::string_view::npos) break;
    middle.remove_prefix(next + 1);
  }

  if (anchored)
    return path.size() >= pos + last.size() && path.substr(path.size() - last.size()) == last;
  return last.empty() || path.find(last, pos) != std::string_view::npos;
}

// A Crawl-delay value: a plain non-negative decimal ("2", "0.5"), clamped.
bool ParseDelay(std::string_view v, double& out) {
  double d = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d, std::chars_format::fixed);
  if (ec != std::errc() || end != v.data() + v.size() || !std::isfinite(d)) return false;
  out = std::clamp(d, 0.0, kMaxCrawlDelay);
  return true;
}

enum class Field { kUnknown, kUserAgent, kAllow, kDisallow, kCrawlDelay, kSitemap };

Field ParseField(std::string_view name) {
  // A few common misspellings too, as other crawlers accept them.
  for (std::string_view s : {"user-agent", "useragent", "user agent"})
    if (EqualsNoCase(name, s)) return Field::kUserAgent;
  if (EqualsNoCase(name, "allow")) return Field::kAllow;
  for (std::string_view s : {"disallow", "dissallow", "dissalow", "disalow"})
    if (EqualsNoCase(name, s)) return Field::kDisallow;
  for (std::string_view s : {"crawl-delay", "crawldelay", "crawl delay"})
    if (EqualsNoCase(name, s)) return Field::kCrawlDelay;
  for (std::string_view s : {"sitemap", "site-map"})
    if (EqualsNoCase(name, s)) return Field::kSitemap;
  return Field::kUnknown;
}

// What the groups of one kind (ours or "*") add up to.
struct Collected {
  bool seen = false;
  bool has_delay = false;
  double delay = 0;
  std::vector<std::pair<std::string, bool>> rules;  // pattern, allow
};

}  // namespace

Robots Robots::AllowAll() { return Robots(); }

Robots Robots::DisallowAll() {
  Robots r;
  r.disallow_all_ = true;
  return r;
}

Robots Robots::Parse(std::string_view body, std::string_view agent) {
  Robots r;
  if (body.size() > kMaxBytes) {
    // A line cut at the limit could say something it did not (e.g.
    // "Disallow: /" from "Disallow: /private"): drop it.
    body = body.substr(0, kMaxBytes);
    std::size_t eol = body.find_last_of("\r\n");
    body = eol == std::string_view::npos ? std::string_view() : body.substr(0, eol + 1);
  }
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);

  std::string_view token = ProductToken(agent);
  Collected ours, star;
  // The group being read: which kinds it belongs to, and whether a rule
  // line has been seen (the next User-agent line then starts a new group).
  bool in_group = false, group_ours = false, group_star = false, group_has_rules = false;

  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t eol = body.find_first_of("\r\n", pos);
    std::string_view line = body.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    if (eol == std::string_view::npos)
      pos = body.size();
    else
      pos = eol + ((body[eol] == '\r' && eol + 1 < body.size() && body[eol + 1] == '\n') ? 2 : 1);

    if (std::size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    Field field = ParseField(Trim(line.substr(0, colon)));
    std::string_view value = Trim(line.substr(colon + 1));

    switch (field) {
      case Field::kUnknown:
        break;
      case Field::kSitemap:
        if (!value.empty() && r.sitemaps_.size() < kMaxSitemaps) r.sitemaps_.emplace_back(value);
        break;
      case Field::kUserAgent: {
        if (!in_group || group_has_rules) {
          in_group = true;
          group_ours = group_star = group_has_rules = false;
        }
        if (!value.empty() && value[0] == '*' && (value.size() == 1 || IsSpace(value[1]))) {
          group_star = star.seen = true;
        } else {
          std::string_view t = ProductToken(value);
          if (!t.empty() && !token.empty() && EqualsNoCase(t, token)) group_ours = ours.seen = true;
        }
        break;
      }
      case Field::kAllow:
      case Field::kDisallow: {
        if (!in_group) break;  // rules before any User-agent belong to nobody
        group_has_rules = true;
        if (value.empty()) break;  // "Disallow:" disallows nothing
        if (!group_ours && !group_star) break;
        std::string pattern = NormalizePercent(value);
        // Paths start with "/"; a pattern written without it means the same.
        if (pattern[0] != '/' && pattern[0] != '*') pattern.insert(0, 1, '/');
        bool allow = field == Field::kAllow;
        if (group_ours && ours.rules.size() < kMaxRules) ours.rules.emplace_back(pattern, allow);
        if (group_star && star.rules.size() < kMaxRules) star.rules.emplace_back(std::move(pattern), allow);
        break;
      }
      case Field::kCrawlDelay: {
        if (!in_group) break;
        group_has_rules = true;
        double d = 0;
        if (!ParseDelay(value, d)) break;
        // Merged groups may disagree; the longest delay is the polite one.
        for (Collected* c : {group_ours ? &ours : nullptr, group_star ? &star : nullptr}) {
          if (!c) continue;
          c->delay = c->has_delay ? std::max(c->delay, d) : d;
          c->has_delay = true;
        }
        break;
      }
    }
  }

  const Collected& chosen = ours.seen ? ours : star;  // neither: no rules, all allowed
  r.rules_.reserve(chosen.rules.size());
  for (const auto& [pattern, allow] : chosen.rules) r.rules_.push_back(Rule{pattern, allow});
  r.crawl_delay_ = chosen.delay;
  return r;
}

bool Robots::Allowed(std::string_view path) const {
  std::string p = NormalizePercent(path);
  if (p.empty() || p[0] != '/') p.insert(0, 1, '/');
  if (p.substr(0, p.find('?')) == "/robots.txt") return true;
  if (disallow_all_) return false;

  // Longest pattern wins; on equal length Allow wins (RFC 9309 2.2.2).
  std::size_t best = 0;
  bool matched = false, allowed = true;
  for (const Rule& rule : rules_) {
    if (matched && rule.pattern.size() < best) continue;
    if (matched && rule.pattern.size() == best && (allowed || !rule.allow)) continue;
    if (!PatternMatches(rule.pattern, p)) continue;
    matched = true;
    best = rule.pattern.size();
    allowed = rule.allow;
  }
  return allowed;
}

}  // namespace sach
