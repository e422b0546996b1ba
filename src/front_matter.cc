// Front matter: the YAML subset sach's writer (write.cc) and static-site
// generators put at the top of a text file.
#include "front_matter.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "text.h"
#include "tunables.h"

namespace sach {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool IsFence(std::string_view line, bool closing) {
  line = Trim(line);
  return line == "---" || (closing && line == "...");
}

// The four hex digits at `at`, if there are four.
std::optional<std::uint32_t> Hex4(std::string_view v, std::size_t at) {
  if (at + 4 > v.size()) return std::nullopt;
  std::uint32_t cp = 0;
  for (char c : v.substr(at, 4)) {
    const int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                  : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
    if (d < 0) return std::nullopt;
    cp = cp * 16 + static_cast<std::uint32_t>(d);
  }
  return cp;
}

// "…" with YAML's escapes: the ones YamlScalar writes and \uXXXX.
std::string DoubleQuoted(std::string_view v) {
  std::string out;
  for (std::size_t i = 1; i < v.size() && v[i] != '"'; ++i) {
    if (v[i] != '\\' || i + 1 >= v.size()) {
      out += v[i];
      continue;
    }
    const char e = v[++i];
    if (e == 'n') out += '\n';
    else if (e == 't') out += '\t';
    else if (e == 'r') out += '\r';
    else if (e == 'u' && Hex4(v, i + 1)) {
      AppendUtf8(out, static_cast<char32_t>(*Hex4(v, i + 1)));
      i += 4;
    } else out += e;  // \" \\ \/ and anything else: the character itself
  }
  return out;
}

// A scalar: quoted, or plain up to a " #" comment.
std::string Scalar(std::string_view v) {
  v = Trim(v);
  if (v.size() >= 2 && v.front() == '"') return DoubleQuoted(v);
  if (v.size() >= 2 && v.front() == '\'') {
    std::string out;
    for (std::size_t i = 1; i < v.size(); ++i) {
      if (v[i] == '\'' && i + 1 < v.size() && v[i + 1] == '\'') out += '\'', ++i;
      else if (v[i] == '\'') break;
      else out += v[i];
    }
    return out;
  }
  if (auto hash = v.find(" #"); hash != std::string_view::npos) v = Trim(v.substr(0, hash));
  return std::string(v);
}

// "[a, b]": the items joined by ", " (quoted items may not hold commas).
std::string FlowList(std::string_view v) {
  v = Trim(v);
  v = v.substr(1, v.size() >= 2 && v.back() == ']' ? v.size() - 2 : v.size() - 1);
  std::string out;
  for (std::size_t at = 0; at <= v.size();) {
    std::size_t comma = std::min(v.find(',', at), v.size());
    std::string item = Scalar(v.substr(at, comma - at));
    if (!item.empty()) out += (out.empty() ? "" : ", ") + item;
    at = comma + 1;
  }
  return out;
}

bool IsKeyChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

}  // namespace

const std::string& FrontMatter::Get(std::string_view key) const {
  static const std::string kNone;
  for (auto& [k, v] : fields)
    if (k == key) return v;
  return kNone;
}

std::optional<FrontMatter> ReadFrontMatter(std::string_view text) {
  FrontMatter fm;
  std::size_t at = 0;
  bool opened = false;
  while (at <= text.size() && fm.lines <= tunables::kMaxFrontMatterLines) {
    std::size_t end = std::min(text.find('\n', at), text.size());
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    ++fm.lines;
    if (!opened) {
      if (!IsFence(line, false)) return std::nullopt;
      opened = true;
    } else if (IsFence(line, true)) {
      fm.body = std::min(at, text.size());
      return fm;
    } else if (Trim(line).empty() || Trim(line).front() == '#') {
      // blank lines and comments are allowed
    } else if (Trim(line).rfind("- ", 0) == 0 && !fm.fields.empty() && (line[0] == ' ' || line[0] == '-')) {
      std::string& list = fm.fields.back().second;  // a block list's item
      list += (list.empty() ? "" : ", ") + Scalar(Trim(line).substr(2));
    } else if (line[0] == ' ' || line[0] == '\t') {
      continue;  // a nested mapping's line: not a field sach reads
    } else {
      std::size_t colon = line.find(':');
      if (colon == 0 || colon == std::string_view::npos) return std::nullopt;
      for (char c : line.substr(0, colon))
        if (!IsKeyChar(c)) return std::nullopt;
      std::string key(line.substr(0, colon));
      for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string_view value = Trim(line.substr(colon + 1));
      fm.fields.emplace_back(std::move(key), !value.empty() && value.front() == '[' ? FlowList(value) : Scalar(value));
    }
    if (end == text.size()) break;
  }
  return std::nullopt;
}

}  // namespace sach
