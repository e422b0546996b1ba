// `sach check`: every sample against its expected output.
#include "check.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "sach/clean.h"
#include "sach/input.h"
#include "sach/write.h"
#include "text.h"

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

namespace {

// The folder's input.* file, or "" when it is no sample folder.
fs::path InputOf(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().filename().string().rfind("input.", 0) == 0 && it->is_regular_file(ec)) return it->path();
  return {};
}

// The sample folders among `dir`'s children.
std::vector<std::string> SamplesIn(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_directory(ec) && !InputOf(it->path()).empty()) out.push_back(it->path().string());
  return out;
}

}  // namespace

std::vector<std::string> FindSamples(const std::string& dir) {
  if (!InputOf(dir).empty()) return {dir};
  std::vector<std::string> out = SamplesIn(dir);
  if (out.empty()) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_directory(ec))
        for (std::string& s : SamplesIn(it->path())) out.push_back(std::move(s));
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

namespace {

// Why paragraph `p` is not in the new output, from the trace of the clean
// that lost it: the dropped block that is the paragraph, else the smallest
// dropped block (an element and all below it) holding its text. The reason
// names the rule's file:line or the stage and tunable that decided.
std::string WhyRemoved(const std::string& p, const Trace& trace) {
  const std::string want = FoldSpace(p);
  const Decision* best = nullptr;
  for (auto& d : trace.blocks) {
    if (d.kept) continue;
    const std::string text = FoldSpace(d.text);
    if (text == want) return d.why;
    if (text.find(want) != std::string::npos && (!best || d.text.size() < best->text.size())) best = &d;
  }
  if (best) return best->why;
  // A kept block that holds it changed it (a dateline joined, a cut title).
  for (auto& d : trace.blocks)
    if (d.kept && FoldSpace(d.text).find(want) != std::string::npos) return "its block is kept, with its text changed";
  return "no block of the input holds this text any more (the input or the text's normalisation changed)";
}

// What changed between the expected and the new output, and why each lost
// paragraph went.
void Explain(SampleCheck& c, const Trace& trace) {
  Parsed want = Parse(c.expected), have = Parse(c.got);
  c.added = MissingFrom(have.paragraphs, want.paragraphs);
  c.removed = MissingFrom(want.paragraphs, have.paragraphs);
  std::map<std::string, std::string> keys = want.meta;
  keys.insert(have.meta.begin(), have.meta.end());
  for (auto& [k, v] : keys)
    if (want.meta[k] != have.meta[k]) c.meta_changed.push_back(k);
  std::map<std::string, int> kept;
  for (auto& p : have.paragraphs) ++kept[p];
  for (auto& p : want.paragraphs) {
    if (kept[p]-- > 0) continue;
    c.removed_why.emplace_back(p, WhyRemoved(p, trace));
  }
}

}  // namespace

std::string SampleName(const std::string& sample_dir) {
  fs::path d(sample_dir);
  return d.parent_path().filename().string() + "/" + d.filename().string();
}

SampleCheck CheckSample(const std::string& sample_dir, const Rules& rules, const CleanOptions& options) {
  SampleCheck c;
  fs::path d(sample_dir);
  c.dir = sample_dir;
  c.name = SampleName(sample_dir);
  fs::path input = InputOf(d);
  std::error_code ec;
  const bool is_new = !fs::exists(d / "expected.txt", ec);
  auto expected = is_new ? Result<std::string>(std::string()) : ReadInput((d / "expected.txt").string());
  if (input.empty() || !expected) {
    c.error = input.empty() ? "no input.* file" : expected.error().message;
    return c;
  }
  c.expected = std::move(*expected);
  auto bytes = ReadInput(input.string());
  if (!bytes) {
    c.error = bytes.error().message;
    return c;
  }
  Trace trace;
  auto cleaned = Clean({input.string(), std::move(*bytes), {}, {}}, rules, &trace, options);
  if (!cleaned) {
    c.error = cleaned.error().message;
    return c;
  }
  c.got = Comparable(FormatText(cleaned->article), c.expected);
  if (is_new) {
    c.status = SampleCheck::kNew;
    return c;
  }
  c.status = c.got == c.expected ? SampleCheck::kUnchanged : SampleCheck::kChanged;
  if (c.status == SampleCheck::kChanged) Explain(c, trace);
  return c;
}

std::vector<SampleCheck> CheckSamples(const std::string& dir, const Rules& rules, const CleanOptions& options) {
  std::vector<SampleCheck> out;
  for (auto& sample : FindSamples(dir)) out.push_back(CheckSample(sample, rules, options));
  return out;
}

namespace {

// The edit script turning lines `a` into lines `b`: ' ' kept, '-' removed,
// '+' added, removals before additions as diff(1) prints a changed line.
template <typename T>
std::vector<std::pair<char, std::size_t>> EditScript(const std::vector<T>& a, const std::vector<T>& b) {
  // Longest common subsequence; samples are a few hundred lines.
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::vector<std::pair<char, std::size_t>> script;  // op, index in a (' ', '-') or b ('+')
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) script.push_back({' ', i++}), ++j;
    else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) script.push_back({'-', i++});
    else script.push_back({'+', j++});
  }
  return script;
}

// A unified diff; after a removed line that starts a lost paragraph, the
// reason it went (`notes`: paragraph -> why).
std::string Diff(std::string_view expected, std::string_view got, std::string_view labels,
                 const std::vector<std::pair<std::string, std::string>>& notes) {
  auto a = SplitLines(expected), b = SplitLines(got);
  const auto script = EditScript(a, b);
  auto text = [&](std::size_t k) -> const std::string& {
    return script[k].first == '+' ? b[script[k].second] : a[script[k].second];
  };
  // Changed lines with two lines of context around each run.
  std::string out(labels);
  constexpr std::size_t kContext = 2;
  std::vector<bool> show(script.size(), false);
  for (std::size_t k = 0; k < script.size(); ++k)
    if (script[k].first != ' ')
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
    out += script[k].first;
    out += text(k) + "\n";
    if (script[k].first != '-') continue;
    for (auto& [para, why] : notes)
      if (para.compare(0, para.find('\n'), text(k)) == 0) {
        out += "#   removed: " + why + "\n";
        break;
      }
  }
  return out;
}

}  // namespace

namespace {

// One input cleaned with the old rules and the new ones, compared.
SampleCheck CompareRules(const InputFile& f, const Rules& old_rules, const Rules& new_rules,
                         const CleanOptions& options) {
  SampleCheck c;
  c.name = Printable(f.path);
  c.dir = f.path;
  Result<Document> read = ReadDocument(f.path);
  if (!read) {
    c.error = read.error().message;
    return c;
  }
  const Document doc{f.path, std::move(read->bytes), {}, {}};
  Trace trace;
  Result<Cleaned> before = Clean(doc, old_rules, nullptr, options);
  Result<Cleaned> after = Clean(doc, new_rules, &trace, options);
  if (!after) {
    const bool alike = !before && before.error().message == after.error().message;
    c.status = alike ? SampleCheck::kUnchanged : SampleCheck::kFailed;
    c.error = "new rules: " + after.error().message;
    return c;
  }
  c.expected = before ? FormatText(before->article) : std::string();
  c.got = FormatText(after->article);
  c.status = c.got == c.expected ? SampleCheck::kUnchanged : SampleCheck::kChanged;
  if (c.status == SampleCheck::kChanged) Explain(c, trace);
  return c;
}

}  // namespace

std::vector<SampleCheck> CheckAgainst(const std::vector<std::string>& inputs, const Rules& old_rules,
                                      const Rules& new_rules, const CleanOptions& options) {
  std::vector<SampleCheck> out;
  InputListing listing = ListInputs(inputs);
  for (auto& problem : listing.problems) {
    SampleCheck c;
    c.name = Printable(problem.name);
    c.error = problem.reason;
    out.push_back(std::move(c));
  }
  for (auto& f : listing.files) out.push_back(CompareRules(f, old_rules, new_rules, options));
  return out;
}

std::string UnifiedDiff(std::string_view expected, std::string_view got) {
  return Diff(expected, got, "--- expected.txt\n+++ sach\n", {});
}

std::string ChangeDiff(const SampleCheck& c, std::string_view labels) {
  return Diff(c.expected, c.got, labels, c.removed_why);
}

namespace {

std::string Escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

const char* StatusName(SampleCheck::Status s) {
  return s == SampleCheck::kUnchanged ? "unchanged"
         : s == SampleCheck::kChanged ? "changed"
         : s == SampleCheck::kNew     ? "new"
                                      : "failed";
}

// The old and the new paragraphs side by side, one row per paragraph so the
// columns stay aligned: a lost paragraph faces a gap (or the paragraph that
// replaced it), marked with why it went; a new one faces a gap.
std::string Columns(const SampleCheck& r, const std::vector<std::string>& want, const std::vector<std::string>& have,
                    const ReportLabels& labels) {
  std::map<std::string, int> in_old;
  for (auto& p : want) ++in_old[p];
  auto removed = [&](const std::string& p) {
    for (auto& [text, why] : r.removed_why)
      if (text == p) return "<p class=\"removed\">" + Escape(p) + "<span class=\"why\">removed: " + Escape(why) +
                            "</span></p>";
    return "<p class=\"moved\">" + Escape(p) + "<span class=\"why\">moved: elsewhere in the new output</span></p>";
  };
  auto added = [&](const std::string& p) {
    return std::string(in_old.count(p) ? "<p class=\"moved\">" : "<p class=\"added\">") + Escape(p) + "</p>";
  };
  auto row = [](const std::string& left, const std::string& right) {
    return "<div class=\"old\">" + left + "</div><div class=\"new\">" + right + "</div>\n";
  };
  const std::string gap = "<p class=\"gap\"></p>";
  std::string h = "<div class=\"side\"><h3>" + Escape(labels.old_side) + "</h3><h3>" + Escape(labels.new_side) +
                  "</h3>\n";
  const auto script = EditScript(want, have);
  for (std::size_t k = 0; k < script.size();) {
    if (script[k].first == ' ') {
      const std::string p = "<p>" + Escape(want[script[k++].second]) + "</p>";
      h += row(p, p);
      continue;
    }
    // A run of changes: removed paragraphs face the added ones, row by row.
    std::vector<std::size_t> gone, come;
    for (; k < script.size() && script[k].first != ' '; ++k)
      (script[k].first == '-' ? gone : come).push_back(script[k].second);
    for (std::size_t i = 0; i < std::max(gone.size(), come.size()); ++i)
      h += row(i < gone.size() ? removed(want[gone[i]]) : gap, i < come.size() ? added(have[come[i]]) : gap);
  }
  return h + "</div>\n";
}

}  // namespace

std::string HtmlReport(const std::vector<SampleCheck>& results, const ReportLabels& labels) {
  std::size_t changed = 0, failed = 0;
  for (auto& r : results)
    changed += r.status == SampleCheck::kChanged || r.status == SampleCheck::kNew, failed += r.status == SampleCheck::kFailed;
  std::string h;
  h.reserve(1 << 16);
  h += "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>sach check</title>\n<style>\n"
       "body{font:14px/1.45 sans-serif;margin:2em;color:#222}table{border-collapse:collapse}"
       "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}"
       ".unchanged{color:#2a7a2a}.changed{color:#b35c00;font-weight:bold}.failed{color:#b00020;font-weight:bold}"
       ".side{display:grid;grid-template-columns:1fr 1fr;column-gap:1em}.side>div{padding:0 .5em}"
       ".side>.old{border-right:1px solid #ddd}p.gap{min-height:1em}p.moved{background:#eef}"
       "p{margin:.4em 0;white-space:pre-wrap}p.removed{background:#fde2e2}p.added{background:#ddf5dd}"
       ".why{display:block;font-size:12px;color:#7a0010}\n</style></head><body>\n";
  h += "<h1>sach check</h1>\n<p id=\"summary\">" + std::to_string(results.size()) + " " + Escape(labels.items) + ": " +
       std::to_string(results.size() - changed - failed) + " unchanged, " + std::to_string(changed) + " changed, " +
       std::to_string(failed) + " failed</p>\n<table id=\"samples\"><tr><th>" + Escape(labels.item) + "</th><th>status</th><th>change</th></tr>\n";
  for (auto& r : results) {
    std::string change;
    if (r.status == SampleCheck::kChanged) {
      change = "+" + std::to_string(r.added) + " −" + std::to_string(r.removed) + " paragraphs";
      for (auto& k : r.meta_changed) change += (&k == &r.meta_changed.front() ? "; metadata: " : ", ") + k;
    } else if (r.status == SampleCheck::kFailed) {
      change = r.error;
    } else if (r.status == SampleCheck::kNew) {
      change = "no expected.txt yet (--update writes it)";
    }
    std::string name = Escape(r.name);
    h += "<tr><td>" + (r.status == SampleCheck::kChanged ? "<a href=\"#" + name + "\">" + name + "</a>" : name) +
         "</td><td class=\"" + StatusName(r.status) + "\">" + StatusName(r.status) + "</td><td>" + Escape(change) +
         "</td></tr>\n";
  }
  h += "</table>\n";
  for (auto& r : results) {
    if (r.status != SampleCheck::kChanged) continue;
    Parsed want = Parse(r.expected), have = Parse(r.got);
    h += "<section class=\"sample\" id=\"" + Escape(r.name) + "\"><h2>" + Escape(r.name) + "</h2>\n";
    if (!r.meta_changed.empty()) {
      h += "<table class=\"meta\"><tr><th>metadata</th><th>" + Escape(labels.old_side) + "</th><th>" +
           Escape(labels.new_side) + "</th></tr>\n";
      for (auto& k : r.meta_changed)
        h += "<tr><td>" + Escape(k) + "</td><td>" + Escape(want.meta[k]) + "</td><td>" + Escape(have.meta[k]) +
             "</td></tr>\n";
      h += "</table>\n";
    }
    h += Columns(r, want.paragraphs, have.paragraphs, labels);
    h += "</section>\n";
  }
  h += "</body></html>\n";
  return h;
}

}  // namespace sach
