// `sach check`: every sample against its expected output.
#include "sach/check.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "sach/clean.h"
#include "sach/input.h"
#include "sach/write.h"

namespace sach {
namespace fs = std::filesystem;
namespace {

std::vector<std::string> SplitLines(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = s.find('\n', start);
    if (end == std::string_view::npos) end = s.size();
    out.emplace_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Front matter as key -> value lines, and the body's paragraphs.
struct Parsed {
  std::map<std::string, std::string> meta;
  std::vector<std::string> paragraphs;
};

Parsed Parse(std::string_view text) {
  Parsed p;
  auto lines = SplitLines(text);
  std::size_t i = 0;
  if (!lines.empty() && lines[0] == "---") {
    for (i = 1; i < lines.size() && lines[i] != "---"; ++i) {
      auto colon = lines[i].find(": ");
      if (colon != std::string::npos) p.meta[lines[i].substr(0, colon)] = lines[i].substr(colon + 2);
    }
    ++i;
  }
  std::string para;
  for (; i <= lines.size(); ++i) {
    if (i == lines.size() || lines[i].empty()) {
      if (!para.empty()) p.paragraphs.push_back(para);
      para.clear();
    } else {
      para += (para.empty() ? "" : "\n") + lines[i];
    }
  }
  return p;
}

int MissingFrom(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::map<std::string, int> count;
  for (auto& p : b) ++count[p];
  int missing = 0;
  for (auto& p : a)
    if (count[p]-- <= 0) ++missing;
  return missing;
}

}  // namespace

std::vector<std::string> FindSamples(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto& kind : fs::directory_iterator(dir, ec)) {
    if (!kind.is_directory()) continue;
    for (auto& d : fs::directory_iterator(kind.path(), ec))
      if (fs::exists(d.path() / "expected.txt")) out.push_back(d.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string Comparable(const std::string& output, const std::string& expected) {
  std::string out;
  int fences = 0;
  for (auto& line : SplitLines(output)) {
    if (line == "---" && fences < 2) ++fences;
    bool in_header = fences == 1 && line != "---";
    bool unlabelled = false;
    for (const char* key : {"url: ", "site: "})
      if (in_header && line.rfind(key, 0) == 0 && expected.find("\n" + std::string(key)) == std::string::npos)
        unlabelled = true;
    if (!unlabelled) out += line + "\n";
  }
  return out;
}

std::vector<SampleCheck> CheckSamples(const std::string& dir, const Rules& rules) {
  std::vector<SampleCheck> out;
  for (auto& sample : FindSamples(dir)) {
    SampleCheck c;
    fs::path d(sample);
    c.dir = sample;
    c.name = d.parent_path().filename().string() + "/" + d.filename().string();
    fs::path input;
    std::error_code ec;
    for (auto& f : fs::directory_iterator(d, ec))
      if (f.path().filename().string().rfind("input.", 0) == 0) input = f.path();
    auto expected = ReadInput((d / "expected.txt").string());
    if (input.empty() || !expected) {
      c.error = input.empty() ? "no input.* file" : expected.error().message;
      out.push_back(std::move(c));
      continue;
    }
    c.expected = std::move(*expected);
    auto bytes = ReadInput(input.string());
    if (!bytes) {
      c.error = bytes.error().message;
      out.push_back(std::move(c));
      continue;
    }
    auto cleaned = Clean({input.string(), std::move(*bytes), {}, {}}, rules);
    if (!cleaned) {
      c.error = cleaned.error().message;
      out.push_back(std::move(c));
      continue;
    }
    c.got = Comparable(FormatText(cleaned->article), c.expected);
    if (c.got == c.expected) {
      c.status = SampleCheck::kUnchanged;
    } else {
      c.status = SampleCheck::kChanged;
      Parsed want = Parse(c.expected), have = Parse(c.got);
      c.added = MissingFrom(have.paragraphs, want.paragraphs);
      c.removed = MissingFrom(want.paragraphs, have.paragraphs);
      std::map<std::string, std::string> keys = want.meta;
      keys.insert(have.meta.begin(), have.meta.end());
      for (auto& [k, v] : keys)
        if (want.meta[k] != have.meta[k]) c.meta_changed.push_back(k);
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::string UnifiedDiff(std::string_view expected, std::string_view got) {
  auto a = SplitLines(expected), b = SplitLines(got);
  // Longest common subsequence of lines; samples are a few hundred lines.
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  struct Line {
    char op;
    const std::string* text;
  };
  std::vector<Line> script;
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) script.push_back({' ', &a[i++]}), ++j;
    else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) script.push_back({'+', &b[j++]});
    else script.push_back({'-', &a[i++]});
  }
  // Changed lines with two lines of context around each run.
  std::string out = "--- expected.txt\n+++ sach\n";
  constexpr std::size_t kContext = 2;
  std::vector<bool> show(script.size(), false);
  for (std::size_t k = 0; k < script.size(); ++k)
    if (script[k].op != ' ')
      for (std::size_t c = (k >= kContext ? k - kContext : 0); c <= std::min(script.size() - 1, k + kContext); ++c)
        show[c] = true;
  bool gap = false;
  for (std::size_t k = 0; k < script.size(); ++k) {
    if (!show[k]) {
      gap = true;
      continue;
    }
    if (gap) out += "@@\n";
    gap = false;
    out += script[k].op;
    out += *script[k].text + "\n";
  }
  return out;
}

}  // namespace sach
