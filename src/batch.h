// `sach clean` over many inputs: every input is cleaned or reported on one
// line; one bad input never stops the others. Usage:
//   CleanCommand cmd{.inputs = {"dumps/"}, .out_dir = "out"};
//   int exit_code = RunClean(cmd, rules, std::cout);   // 0 all clean, 1 some failed
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "sach/article.h"
#include "sach/fetch.h"
#include "sach/rules.h"

namespace sach {

// text: front matter + paragraphs (.txt); jsonl: one JSON object a line;
// markdown: FormatMarkdown (.md); csv: a header row, one row per article.
enum class OutputFormat { kText, kJsonl, kMarkdown, kCsv };

struct CleanCommand {
  std::vector<std::string> inputs;  // files, directories, "-"
  std::string out_dir;              // empty: write to `out`; "X.jsonl" with kJsonl, "X.csv" with kCsv: that file
  bool overwrite = false;           // replace existing output files (never an input)
  OutputFormat format = OutputFormat::kText;
  CleanOptions options;
  std::size_t max_input_bytes = tunables::kMaxInputBytes;  // a file (after gunzip) or a fetched body
  bool progress = false;  // a live progress line on stderr instead of a line per input
  int jobs = 0;  // clean: inputs cleaned at once; 0: one per core. Output is the same for any number
  // fetch: keep each page's body as fetched below this folder (keep_raw.h);
  // empty: not kept. An existing kept file of another page is replaced only
  // with `overwrite`.
  std::string keep_raw;
  // clean --learn: read the inputs twice, learning each site's template from
  // its pages first (src/learn.h); `site` names the one site of all inputs.
  bool learn = false;
  std::string site;
};

// Where JSON lines (CSV rows) go for --out `out`: the file itself when it
// ends in ".jsonl" (".csv"), else out/articles.jsonl (out/articles.csv).
std::string OneFilePath(const std::string& out, OutputFormat format);

// Returns the exit code: 0 when every input was cleaned, 1 when any failed
// (a folder with no inputs, an output that exists without --overwrite), 2
// when --out is an input folder.
int RunClean(const CleanCommand& cmd, const Rules& rules, std::ostream& out);

// `sach fetch`: `cmd.inputs` are URLs, fetched one by one and cleaned like
// files; with --out each becomes DIR/<host-and-path>.txt (see UrlFileName).
int RunFetch(const CleanCommand& cmd, const FetchOptions& fetch, const Rules& rules, std::ostream& out);

}  // namespace sach
