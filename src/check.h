// `sach check`: before a rule change ships, run every sample folder with the
// new rules and see which articles change and how. Usage:
//   std::vector<SampleCheck> r = CheckSamples("samples", rules);
//   for (auto& s : r) if (s.status != SampleCheck::kUnchanged) ...
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "sach/article.h"
#include "sach/result.h"
#include "sach/rules.h"

namespace sach {

struct SampleCheck {
  // kNew: a sample folder without expected.txt yet (`got` is what --update writes).
  enum Status { kUnchanged, kChanged, kFailed, kNew };
  std::string name;      // "html/vtv"
  std::string dir;       // the sample folder
  Status status = kFailed;
  std::string error;     // for kFailed
  std::string expected;  // expected.txt as read
  std::string got;       // sach's output now, unlabelled url/site lines left out (see Comparable)
  int added = 0;         // paragraphs in the output, not in expected.txt
  int removed = 0;       // paragraphs in expected.txt, no longer in the output
  std::vector<std::string> meta_changed;  // front-matter keys whose value changed
  // For each paragraph of expected.txt the output lost: why (the rule's
  // file:line or the stage that dropped its block, from the trace).
  std::vector<std::pair<std::string, std::string>> removed_why;
};

// The sample folders (holding an input.* file) DIR names, sorted: DIR
// itself when it is one, else the samples among its children (DIR is a kind:
// samples/html), else among its grandchildren (DIR is the samples root).
std::vector<std::string> FindSamples(const std::string& dir);

// `output` without the front-matter lines `url:` and `site:` when `expected`
// has none: labels record what a page says about itself only sometimes.
std::string Comparable(const std::string& output, const std::string& expected);

// A sample folder's name as reports give it: "<kind>/<name>" ("html/vtv").
std::string SampleName(const std::string& sample_dir);

// Cleans one sample folder and compares the result with its expected.txt.
SampleCheck CheckSample(const std::string& sample_dir, const Rules& rules, const CleanOptions& options = {});

// Cleans each sample and compares the result with its expected.txt.
std::vector<SampleCheck> CheckSamples(const std::string& dir, const Rules& rules, const CleanOptions& options = {});

// `sach check --against OLD --rules NEW DIR...`: a rule edit tried on inputs
// that have no expected output. Every input the arguments name (folders
// walked as `sach clean` walks them) is cleaned with both rule sets; each
// result compares the old rules' output (`expected`) with the new one's
// (`got`), a lost paragraph named with what removed it under the new rules.
// kChanged also when only the old rules failed (now cleaned); kFailed when
// the input cannot be read or the new rules fail on it while the old did not
// (or failed otherwise); an input both fail on alike is kUnchanged.
std::vector<SampleCheck> CheckAgainst(const std::vector<std::string>& inputs, const Rules& old_rules,
                                      const Rules& new_rules, const CleanOptions& options = {});

// One self-contained HTML page (no scripts, no external assets): a table of
// the samples with their status, then for each changed sample the expected
// and the new output side by side (a row per paragraph, so the columns stay
// aligned: a lost paragraph faces a gap), lost paragraphs marked with why,
// new ones marked, and the metadata that changed.
// What a report calls the things it compares: samples against expected.txt,
// or (check --against) inputs cleaned with the old rules and the new ones.
struct ReportLabels {
  std::string items = "samples", item = "sample";
  std::string old_side = "expected.txt", new_side = "new output";
};
std::string HtmlReport(const std::vector<SampleCheck>& results, const ReportLabels& labels = {});

// A unified diff of two texts by lines ("-" expected, "+" got, 2 lines of context).
std::string UnifiedDiff(std::string_view expected, std::string_view got);
// The diff of a changed check (`labels`: its two header lines), each lost
// paragraph's first line followed by "#   removed: " and why it went.
std::string ChangeDiff(const SampleCheck& c, std::string_view labels = "--- expected.txt\n+++ sach\n");

}  // namespace sach
