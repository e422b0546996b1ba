// sach's command line: parse arguments, set up logging, hand over to the library.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "args.h"
#include "text.h"
#include "tunables.h"
#include "batch.h"
#include "learn.h"
#include "check.h"
#include "sach/crawl.h"
#include "sach/write.h"
#include "sach/explain.h"
#include "sach/fetch.h"
#include "sach/input.h"
#include "sach/rules.h"

namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: sach <command> [options]\n"
    "\n"
    "Turns scraped pages of Vietnamese news sites and text/markdown dumps into\n"
    "clean articles: YAML front matter (title, date, author, source, url, site)\n"
    "and one paragraph per line.\n"
    "\n"
    "commands:\n"
    "  clean    clean files, directories or standard input\n"
    "  explain  show why each block of one input was kept or dropped\n"
    "  fetch    fetch URLs and clean them\n"
    "  crawl    fetch new articles of the configured sites and write them cleaned\n"
    "  check    run every sample with the rules and show what changed\n"
    "  learn    propose a site file from many pages of a site (its template)\n"
    "  rules lint [DIR]  check a rules folder (default: the bundled rules/)\n"
    "\n"
    "options:\n"
    "  -h, --help     show this help (sach clean --help for the command's)\n"
    "  --version      print the version\n";

constexpr const char* kCleanUsage =
    "usage: sach clean [--out DIR] [--overwrite] [--format text|jsonl|markdown|csv] [--no-captions]\n"
    "                  [--rules DIR] [-v|-q] [-i LIST] INPUT...\n"
    "\n"
    "INPUT is a file, a directory (walked recursively for .html .htm .txt .md\n"
    ".warc .wet, also gzipped), or - for standard input. Each input is detected as\n"
    "HTML or as a text/markdown dump and cleaned. A page kept by fetch/crawl\n"
    "--keep-raw is cleaned with the URL and charset it was fetched with. A web\n"
    "archive (WARC, WET; also on standard input) is read record by record: each\n"
    "page or WET text in it is an article, other records are counted.\n"
    "\n"
    "  -o, --out DIR      write DIR/NAME.txt per input: a file named here keeps its\n"
    "                     path as given (a/b.html -> DIR/a/b.txt), a file found in a\n"
    "                     folder its path below the folder; DIR itself is not read\n"
    "                     when it lies inside an input folder. With jsonl, write\n"
    "                     DIR/articles.jsonl, or the file DIR when it ends in .jsonl\n"
    "                     (which implies --format jsonl); csv alike (DIR/articles.csv\n"
    "                     or FILE.csv). Without --out, write to standard output\n"
    "  -i, --input-list F inputs, one a line, from file F (- : standard input)\n"
    "  --progress MODE    bar (a live line: count, rate, failures, ETA; then a\n"
    "                     summary) or lines (a line per input); default: bar on a\n"
    "                     terminal, lines otherwise\n"
    "  --learn            read the inputs twice: learn each site's template (lines on\n"
    "                     most of its pages: menus, boxes, footers) from its pages,\n"
    "                     then clean them without it. Pages group by the host of\n"
    "                     their URL, else by folder; not with standard input\n"
    "  --site HOST        --learn, with every input a page of the site HOST\n"
    "  -j, --jobs N       inputs cleaned at once (default: one per core); the output\n"
    "                     is the same, in the same order, for any N\n"
    "  --overwrite        replace output files that exist (without it such an input\n"
    "                     fails and the file is kept); an input is never replaced\n"
    "  -f, --format FMT   text (front matter + paragraphs, default), jsonl,\n"
    "                     markdown (front matter, # title, headings, lists and\n"
    "                     tables kept; DIR/NAME.md), or csv (a header row, then\n"
    "                     url,title,date,author,source,site,text per article)\n"
    "  --no-captions      leave photo captions out of HTML articles (kept by default,\n"
    "                     each once)\n"
    "  --rules DIR        rules folder (default: $SACH_RULES or the bundled rules/)\n"
    "  -v, --verbose      say what was written and which rules were used\n"
    "  -q, --quiet        print errors only\n"
    "\n"
    "limits (an input past one fails with a line naming it; the batch goes on):\n"
    "  --max-input-mb N   largest input after gunzip (default 32; a gzip bomb stops here)\n"
    "  --max-seconds S    time per input, 0 for none (default 30)\n"
    "  --max-lines N      lines in a text dump (default 200000)\n"
    "  --max-line-kb N    one line of a text dump (default 1024)\n"
    "  --max-depth N      HTML elements nested deeper lose their tags, keep their text\n"
    "                     (default 1000)\n"
    "\n"
    "Options take their value as --out DIR or --out=DIR; short flags bundle (-vq).\n"
    "\n"
    "exit status: 0 all inputs cleaned, 1 some failed (one line each on stderr;\n"
    "a folder with no inputs fails too), 2 usage error (also --out naming an\n"
    "input folder).\n";

constexpr const char* kLearnUsage =
    "usage: sach learn [--site HOST] [--out FILE] [--rules DIR] [-v] INPUT...\n"
    "\n"
    "Reads pages of one or more sites (files or folders, as sach clean does),\n"
    "groups them by site (the host of the URL a page names, else its folder;\n"
    "--site HOST: all one site) and prints, for each site of at least 3 pages,\n"
    "a proposed site file: the lines on most of its pages (menus, boxes,\n"
    "footers) as markers and the most widespread as fingerprint. Nothing is\n"
    "written into the rules: review it, then save it as rules/sites/HOST.toml.\n"
    "\n"
    "  --site HOST  every input is a page of the site HOST\n"
    "  -o, --out F  write the proposal to the new file F instead\n"
    "\n"
    "exit status: 0 a proposal was made, 1 none (too few pages) or an input\n"
    "failed, 2 usage error.\n";

constexpr const char* kExplainUsage =
    "usage: sach explain [-v] [--no-captions] [--rules DIR] [--max-seconds S] [--learn DIR]... INPUT|URL\n"
    "\n"
    "Cleans one input (a file, - for standard input, or an http:// or https://\n"
    "URL, fetched as sach fetch does) and prints, in document order, every block\n"
    "with its decision: kept, or dropped and why (the rule's file:line, or the\n"
    "stage that decided and the tunable it compared with), and each metadata\n"
    "value with where it came from. In a text dump, a run of lines dropped for\n"
    "one reason (before the article region, after the end of the article) is one\n"
    "entry. A page kept by --keep-raw is explained with the URL and charset it\n"
    "was fetched with.\n"
    "\n"
    "  -v, --verbose    every line of a dump on its own, each block's text whole\n"
    "  --max-seconds S  time for the input, 0 for none (default 30)\n"
    "  --learn DIR      learn the site's template from the pages under DIR (with\n"
    "                   INPUT; as clean --learn does) and explain INPUT with it:\n"
    "                   its lines are named \"template of SITE: on K of N pages\"\n";

constexpr const char* kCheckUsage =
    "usage: sach check [--rules DIR] [--samples DIR] [--update] [--report FILE.html] [--max-seconds S] [-v]\n"
    "       sach check --against OLD_RULES [--rules NEW_RULES] [--report FILE.html] [-v] DIR|FILE...\n"
    "\n"
    "Cleans every sample folder (a folder with input.* and expected.txt; DIR is the\n"
    "samples root with <kind>/<name>/ folders, default ./samples, or one kind, or\n"
    "one sample) with the rules and compares with expected.txt: each sample is\n"
    "unchanged, changed (+N -M paragraphs, metadata keys, and each lost paragraph\n"
    "with the rule's file:line or the stage that removed it), new (no\n"
    "expected.txt yet) or failed.\n"
    "\n"
    "  --update    rewrite expected.txt of the changed samples, write it for new\n"
    "              ones (after a look); exits 0 when every file was written\n"
    "  --report F  write a self-contained HTML page: statuses, and the changed\n"
    "              samples side by side with what was lost and why\n"
    "  --max-seconds S  time per sample, 0 for none (default 30)\n"
    "  -v          print a unified diff for each changed sample, each lost\n"
    "              paragraph followed by '#   removed: why'\n"
    "\n"
    "With --against, no labels are needed: every input under DIR (walked as clean\n"
    "walks it) is cleaned with OLD_RULES and with NEW_RULES (--rules, default the\n"
    "bundled rules); each input whose output changed is listed as above (lost\n"
    "paragraphs with the new rule that removed them; -v diffs old against new),\n"
    "then N inputs: U unchanged, K changed, F failed.\n"
    "\n"
    "exit status: 0 nothing changed (or, with --update, every file written), 1\n"
    "something changed, is new or failed, 2 usage error.\n";

constexpr const char* kFetchUsage =
    "usage: sach fetch [--out DIR] [--overwrite] [--format text|jsonl|markdown|csv] [--keep-raw DIR]\n"
    "                  [--no-captions] [--rules DIR] [-v|-q] [-i LIST] URL... | -\n"
    "\n"
    "Fetches each URL (http or https; redirects, timeouts, size limit and retries\n"
    "with backoff built in) and cleans it as `sach clean` would; the URL decides\n"
    "the site's rules and is written as `url`. With --out, each page becomes\n"
    "DIR/<host-path-and-query>.txt. A response that is not a page (a PDF, JSON,\n"
    "an image: by Content-Type or first bytes) fails on one line naming its type.\n"
    "- reads URLs from standard input, a line each; -i LIST from a file. A refused\n"
    "connection or an unknown host fails at once; timeouts, resets, 429 and 5xx are\n"
    "retried (-v says when and why).\n"
    "\n"
    "  --keep-raw DIR   keep each page as fetched, gzipped, at DIR/<host>/<path>.html.gz\n"
    "                   (index for a trailing /, the query folded into the name), its\n"
    "                   URL and charset in the gzip header: sach clean DIR and sach\n"
    "                   explain FILE clean it again offline. A kept file of another\n"
    "                   page is replaced only with --overwrite\n"
    "Options and limits as in `sach clean --help` (--max-input-mb also bounds the\n"
    "body fetched).\n"
    "\n"
    "exit status: 0 all pages fetched and cleaned, 1 some failed, 2 usage error.\n";

constexpr const char* kCrawlUsage =
    "usage: sach crawl --config FILE [--out DIR] [--state FILE] [--once] [--max-pages N]\n"
    "                  [--keep-raw DIR] [--progress bar|lines] [--no-captions] [--rules DIR] [-v|-q]\n"
    "\n"
    "Reads the start pages of every site in FILE (listing pages, RSS/Atom feeds,\n"
    "sitemaps), fetches the articles not fetched before (or changed since), cleans\n"
    "them and writes OUT/<site>/<yyyy-mm-dd>/<slug>.txt, one line per article in\n"
    "OUT/index.jsonl. robots.txt, a per-host delay and concurrency limit, and\n"
    "conditional GET keep it polite; the state file lets any pass resume.\n"
    "\n"
    "  --config FILE    sites to crawl (see crawl/README.md; e.g. crawl/sites.toml)\n"
    "  -o, --out DIR    output folder (default: out)\n"
    "  --state FILE     crawl state, SQLite (default: OUT/.sach-crawl.sqlite)\n"
    "  --once           one pass, then exit (for cron and systemd timers); without\n"
    "                   it, a pass every interval_minutes until SIGINT/SIGTERM\n"
    "  --max-pages N    at most N requests per site in a pass (overrides the config)\n"
    "  --keep-raw DIR   keep each article page as fetched, gzipped (as sach fetch\n"
    "                   --keep-raw; a page that changed replaces its kept file)\n"
    "  --progress MODE  bar (a live line) or lines (log lines); default: bar on a\n"
    "                   terminal, lines otherwise\n"
    "  -v, --verbose    log every page; -q: errors and the summary only\n"
    "\n"
    "exit status: 0 every page fetched or unchanged (URLs known dead are not\n"
    "failures), 1 some failed (each named on stderr; they are retried on later\n"
    "passes), 2 usage or config error, 3 another crawl holds the state.\n";

std::atomic<bool> g_stop{false};

extern "C" void OnStopSignal(int) { g_stop.store(true); }

// The rules of --rules DIR (else $SACH_RULES or the bundled ones); a broken
// file is reported as "file:line: what" and the command exits 2.
sach::Result<sach::Rules> LoadRules(const std::string& dir) {
  auto rules = sach::Rules::Load(dir.empty() ? sach::DefaultRulesDir() : dir);
  if (!rules) spdlog::error("{}", rules.error().message);
  return rules;
}

// A limit flag's value: a number from 0 to 1e9, or nullopt.
std::optional<double> LimitValue(const std::string* text) {
  if (!text || text->empty()) return std::nullopt;
  char* end = nullptr;
  double n = std::strtod(text->c_str(), &end);
  if (*end || !(n >= 0) || n > 1e9) return std::nullopt;
  return n;
}

// The command a usage error names, for its hint.
const char* g_command = "clean";

// A usage error: one line, and where the options are told.
int Usage(const std::string& msg) {
  std::cerr << "sach: " << msg << " (sach " << g_command << " --help shows the options)\n";
  return 2;
}

// Reads --input-list FILE ("-": standard input): one input per line, blank
// lines skipped. False (said on stderr) when it cannot be read.
bool ReadInputList(const std::string& file, std::vector<std::string>& inputs) {
  sach::Result<std::string> text = sach::ReadInput(file);
  if (!text) {
    spdlog::error("{}: {}", sach::Printable(file), text.error().message);
    return false;
  }
  std::size_t at = 0;
  while (at < text->size()) {
    std::size_t end = std::min(text->find('\n', at), text->size());
    std::string line = text->substr(at, end - at);
    at = end + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    if (!line.empty()) inputs.push_back(std::move(line));
  }
  return true;
}

// `sach clean` and `sach fetch` share their options; fetch takes URLs.
int CleanMain(const std::vector<std::string>& argv, bool fetch = false) {
  g_command = fetch ? "fetch" : "clean";
  sach::Args args = sach::ParseArgs(
      argv, {{"help", 'h'}, {"out", 'o', true}, {"overwrite"}, {"format", 'f', true}, {"rules", 0, true},
             {"no-captions"}, {"input-list", 'i', true}, {"max-input-mb", 0, true}, {"max-seconds", 0, true},
             {"max-lines", 0, true}, {"max-line-kb", 0, true}, {"max-depth", 0, true}, {"verbose", 'v'},
             {"quiet", 'q'}, {"jobs", 'j', true}, {"progress", 0, true}, {"keep-raw", 0, true}, {"learn"},
             {"site", 0, true}});
  if (!args.error.empty()) return Usage(args.error);
  sach::CleanCommand cmd;
  std::string rules_dir;
  auto level = spdlog::level::warn;
  bool format_given = false, stdin_urls = false;
  std::string progress;
  std::vector<std::string> lists;
  for (const auto& [name, v] : args.options) {
    if (name == "help") {
      std::cout << (fetch ? kFetchUsage : kCleanUsage);
      return 0;
    } else if (name == "out") {
      if (v.empty()) return Usage("--out needs a directory");
      cmd.out_dir = v;
    } else if (name == "overwrite") {
      cmd.overwrite = true;
    } else if (name == "keep-raw") {
      if (!fetch) return Usage("--keep-raw is for fetch and crawl (sach clean reads what it kept)");
      if (v.empty()) return Usage("--keep-raw needs a directory");
      cmd.keep_raw = v;
    } else if (name == "format") {
      format_given = true;
      if (v == "text") cmd.format = sach::OutputFormat::kText;
      else if (v == "jsonl") cmd.format = sach::OutputFormat::kJsonl;
      else if (v == "markdown") cmd.format = sach::OutputFormat::kMarkdown;
      else if (v == "csv") cmd.format = sach::OutputFormat::kCsv;
      else return Usage("unknown format '" + sach::Printable(v) + "' (text, jsonl, markdown or csv)");
    } else if (name == "rules") {
      rules_dir = v;
    } else if (name == "no-captions") {
      cmd.options.captions = false;
    } else if (name == "input-list") {
      lists.push_back(v);
    } else if (name == "progress") {
      if (v != "bar" && v != "lines") return Usage("--progress is bar or lines");
      progress = v;
    } else if (name == "jobs") {
      char* end = nullptr;
      long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end || n < 1 || n > sach::tunables::kMaxJobs)
        return Usage("--jobs needs a number from 1 to " + std::to_string(sach::tunables::kMaxJobs));
      cmd.jobs = static_cast<int>(n);
    } else if (name == "learn" || name == "site") {
      if (fetch) return Usage("--" + name + " is for sach clean (it reads the inputs twice)");
      cmd.learn = true;
      if (name == "site") cmd.site = v;
    } else if (name == "verbose") {
      level = spdlog::level::debug;
    } else if (name == "quiet") {
      level = spdlog::level::err;
    } else {  // the limits
      std::optional<double> limit = LimitValue(&v);
      if (!limit) return Usage("--" + name + " needs a number");
      double n = *limit;
      if (name == "max-input-mb") cmd.max_input_bytes = static_cast<std::size_t>(n * (1 << 20));
      else if (name == "max-seconds") cmd.options.max_seconds = n;
      else if (name == "max-lines") cmd.options.max_dump_lines = static_cast<std::size_t>(n);
      else if (name == "max-line-kb") cmd.options.max_line_bytes = static_cast<std::size_t>(n * 1024);
      else cmd.options.max_open_elements = static_cast<std::size_t>(n);
    }
  }
  for (const std::string& operand : args.operands) {
    // `sach fetch -` reads URLs, one a line, from standard input.
    if (fetch && operand == "-") stdin_urls = true;
    else cmd.inputs.push_back(operand);
  }
  if (stdin_urls) lists.push_back("-");
  if (std::count(lists.begin(), lists.end(), "-") > 1 ||
      (!fetch && std::count(lists.begin(), lists.end(), "-") &&
       std::count(cmd.inputs.begin(), cmd.inputs.end(), "-")))
    return Usage("standard input can be read once");
  for (const std::string& list : lists)
    if (!ReadInputList(list, cmd.inputs)) return 1;
  if (cmd.inputs.empty()) return lists.empty() ? Usage("no INPUT given") : 0;
  if (cmd.out_dir.ends_with(".jsonl")) {
    if (format_given && cmd.format != sach::OutputFormat::kJsonl) return Usage("--out FILE.jsonl writes JSON lines");
    cmd.format = sach::OutputFormat::kJsonl;
  } else if (cmd.out_dir.ends_with(".csv")) {
    if (format_given && cmd.format != sach::OutputFormat::kCsv) return Usage("--out FILE.csv writes CSV");
    cmd.format = sach::OutputFormat::kCsv;
  }
  // On a terminal, a progress line (not with -q or -v: silence, or every line).
  cmd.progress = progress == "bar" || (progress.empty() && level == spdlog::level::warn && ::isatty(STDERR_FILENO));
  // Without -v, say where the files went (info) only when writing to a folder,
  // and the summary after a progress line.
  if (level == spdlog::level::warn && (!cmd.out_dir.empty() || cmd.progress)) level = spdlog::level::info;
  spdlog::set_level(level);

  auto rules = LoadRules(rules_dir);
  if (!rules) return 2;
  return fetch ? sach::RunFetch(cmd, {}, *rules, std::cout) : sach::RunClean(cmd, *rules, std::cout);
}

int CrawlMain(const std::vector<std::string>& argv) {
  g_command = "crawl";
  sach::Args args = sach::ParseArgs(argv, {{"help", 'h'}, {"config", 0, true}, {"out", 'o', true}, {"state", 0, true},
                                           {"once"}, {"max-pages", 0, true}, {"progress", 0, true},
                                           {"keep-raw", 0, true},
                                           {"rules", 0, true}, {"no-captions"}, {"verbose", 'v'}, {"quiet", 'q'}});
  if (!args.error.empty()) return Usage(args.error);
  if (!args.operands.empty()) return Usage("unexpected argument '" + sach::Printable(args.operands[0]) + "'");
  std::string config_path, rules_dir;
  sach::CrawlOptions options;
  options.once = false;  // a pass every interval_minutes unless --once
  auto level = spdlog::level::info;
  for (const auto& [name, v] : args.options) {
    if (name == "help") {
      std::cout << kCrawlUsage;
      return 0;
    } else if (name == "config") {
      config_path = v;
    } else if (name == "out") {
      options.out_dir = v;
    } else if (name == "state") {
      options.state_path = v;
    } else if (name == "keep-raw") {
      if (v.empty()) return Usage("--keep-raw needs a directory");
      options.keep_raw = v;
    } else if (name == "once") {
      options.once = true;
    } else if (name == "max-pages") {
      char* end = nullptr;
      long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end || n < 1 || n > 10000000) return Usage("--max-pages needs a positive number");
      options.max_pages = static_cast<int>(n);
    } else if (name == "progress") {
      if (v == "bar") options.progress = sach::CrawlOptions::Progress::kBar;
      else if (v == "lines") options.progress = sach::CrawlOptions::Progress::kLines;
      else return Usage("--progress is bar or lines");
    } else if (name == "rules") {
      rules_dir = v;
    } else if (name == "no-captions") {
      options.clean.captions = false;
    } else if (name == "verbose") {
      level = spdlog::level::debug;
    } else if (name == "quiet") {
      level = spdlog::level::err;
    }
  }
  if (config_path.empty()) return Usage("--config FILE is required");
  spdlog::set_level(level);
  auto config = sach::CrawlConfig::Load(config_path);
  if (!config) {
    spdlog::error("{}", config.error().message);
    return 2;
  }
  auto rules = LoadRules(rules_dir);
  if (!rules) return 2;
  // A signal lets the requests in flight finish and be recorded; a second
  // one (the default action again) ends the process at once, which the
  // state survives too.
  struct sigaction sa {};
  sa.sa_handler = OnStopSignal;
  sa.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  options.stop = &g_stop;
  return sach::RunCrawl(*config, *rules, options);
}

struct CheckTally {
  int changed = 0, added = 0, failed = 0, updated = 0;
};

// One sample's line (and diff with -v); with --update its expected.txt is
// written when it changed or is new.
// `against`: check --against, where only what changed is worth a line and the
// diff compares the old rules' output with the new rules'.
void PrintCheck(const sach::SampleCheck& r, bool verbose, bool update, CheckTally& tally, bool against = false) {
  const std::string name = sach::Printable(r.name);
  switch (r.status) {
    case sach::SampleCheck::kUnchanged:
      if (!against) std::cout << "unchanged  " << name << "\n";
      return;
    case sach::SampleCheck::kFailed:
      ++tally.failed;
      std::cout << "failed     " << name << ": " << r.error << "\n";
      return;
    case sach::SampleCheck::kNew:
      ++tally.added;
      std::cout << "new        " << name << ": no expected.txt" << (update ? "" : " (--update writes it)") << "\n";
      break;
    case sach::SampleCheck::kChanged:
      ++tally.changed;
      std::cout << "changed    " << name << "  +" << r.added << " -" << r.removed << " paragraphs";
      if (!r.meta_changed.empty()) {
        std::cout << "; metadata:";
        for (auto& k : r.meta_changed) std::cout << " " << k;
      }
      std::cout << "\n";
      for (auto& [para, why] : r.removed_why)
        std::cout << "  removed: " << sach::Printable(sach::Clipped(para, sach::tunables::kTraceSnippetBytes))
                  << "\n    by " << sach::Printable(why)
                  << "\n";
      if (verbose) std::cout << (against ? sach::ChangeDiff(r, "--- old rules\n+++ new rules\n") : sach::ChangeDiff(r));
      break;
  }
  if (!update) return;
  if (auto st = sach::WriteFileAtomic(r.dir + "/expected.txt", r.got); !st) {
    spdlog::error("{}/expected.txt: {}", sach::Printable(r.dir), st.error().message);
    ++tally.failed;
  } else {
    ++tally.updated;
  }
}

// Writes the report when one is asked for; false (and an error line) when it cannot be written.
bool WriteReport(const std::string& report, const std::vector<sach::SampleCheck>& results,
                 const sach::ReportLabels& labels = {}) {
  if (report.empty()) return true;
  if (auto st = sach::WriteFileAtomic(report, sach::HtmlReport(results, labels)); !st) {
    spdlog::error("{}: {}", report, st.error().message);
    return false;
  }
  std::cout << "report: " << report << "\n";
  return true;
}

// `check --against OLD --rules NEW DIR...`: the inputs whose output the rule
// edit changes, a summary, exit 1 when any changed or failed.
int CheckAgainstMain(const std::vector<std::string>& inputs, const std::string& old_dir, const std::string& new_dir,
                     const sach::CleanOptions& options, bool verbose, const std::string& report) {
  if (inputs.empty()) return Usage("--against needs the folders or files to clean (check --against OLD DIR...)");
  auto old_rules = LoadRules(old_dir);
  if (!old_rules) return 2;
  auto new_rules = LoadRules(new_dir);
  if (!new_rules) return 2;
  auto results = sach::CheckAgainst(inputs, *old_rules, *new_rules, options);
  CheckTally tally;
  for (auto& r : results) PrintCheck(r, verbose, false, tally, true);
  if (!WriteReport(report, results, {"inputs", "input", "old rules", "new rules"})) return 1;
  std::cout << results.size() << " inputs: " << results.size() - tally.changed - tally.failed << " unchanged, "
            << tally.changed << " changed, " << tally.failed << " failed\n";
  return tally.changed || tally.failed ? 1 : 0;
}

int CheckMain(const std::vector<std::string>& argv) {
  g_command = "check";
  sach::Args args = sach::ParseArgs(argv, {{"help", 'h'}, {"rules", 0, true}, {"samples", 0, true}, {"update"},
                                           {"max-seconds", 0, true}, {"report", 0, true}, {"verbose", 'v'},
                                           {"against", 0, true}});
  if (!args.error.empty()) return Usage(args.error);
  std::string rules_dir, samples = "samples", report, against;
  bool update = false, verbose = false, samples_given = false;
  sach::CleanOptions options;
  for (const auto& [name, v] : args.options) {
    if (name == "help") {
      std::cout << kCheckUsage;
      return 0;
    } else if (name == "rules") {
      rules_dir = v;
    } else if (name == "samples") {
      samples = v, samples_given = true;
    } else if (name == "against") {
      against = v;
    } else if (name == "update") {
      update = true;
    } else if (name == "max-seconds") {
      std::optional<double> n = LimitValue(&v);
      if (!n) return Usage("--max-seconds needs a number");
      options.max_seconds = *n;
    } else if (name == "report") {
      report = v;
    } else if (name == "verbose") {
      verbose = true;
    }
  }
  if (!against.empty()) {
    if (update || samples_given) return Usage("--against compares two rule sets: no --samples or --update");
    return CheckAgainstMain(args.operands, against, rules_dir, options, verbose, report);
  }
  if (!args.operands.empty()) return Usage("unexpected argument '" + sach::Printable(args.operands[0]) + "'");
  auto rules = LoadRules(rules_dir);
  if (!rules) return 2;
  auto results = sach::CheckSamples(samples, *rules, options);
  if (results.empty()) {
    spdlog::error("{}: no sample folders (a folder with input.*, or folders of them)", sach::Printable(samples));
    return 1;
  }
  CheckTally tally;
  for (auto& r : results) PrintCheck(r, verbose, update, tally);
  if (!WriteReport(report, results)) return 1;
  std::cout << results.size() << " samples: " << results.size() - tally.changed - tally.added - tally.failed
            << " unchanged, " << tally.changed << " changed, " << tally.added << " new, " << tally.failed << " failed";
  if (update) std::cout << "; " << tally.updated << " expected files written";
  std::cout << "\n";
  // After --update, what changed is what the files now say: only a failure is one.
  if (update) return tally.failed ? 1 : 0;
  return tally.changed || tally.added || tally.failed ? 1 : 0;
}

constexpr const char* kRulesUsage =
    "usage: sach rules lint [DIR | SITE.toml]\n"
    "\n"
    "Loads a rules folder (default: $SACH_RULES or the bundled rules/) as cleaning\n"
    "would and reports every FILE:LINE: what is wrong, all of each file's problems\n"
    "(default.toml, then each site file on its own; a site file with neither hosts\n"
    "nor fingerprint lines can never apply; a rule that does nothing, such as an\n"
    "empty marker list or a phrase repeated, is an error), or which files it read.\n"
    "SITE.toml: that one site file, on the rules folder holding it.\n"
    "\n"
    "exit status: 0 the rules load, 1 they do not, 2 usage error.\n";

// `sach rules lint [DIR]`: load the rules as cleaning would, report, clean nothing.
int RulesMain(const std::vector<std::string>& argv) {
  g_command = "rules";
  sach::Args parsed = sach::ParseArgs(argv, {{"help", 'h'}});
  if (!parsed.error.empty()) return Usage(parsed.error);
  if (!parsed.options.empty()) {
    std::cout << kRulesUsage;
    return 0;
  }
  const std::vector<std::string>& args = parsed.operands;
  if (args.empty() || args[0] != "lint") return Usage("the rules command is 'lint'");
  if (args.size() > 2) return Usage("rules lint takes one DIR");
  const std::string path = args.size() == 2 ? args[1] : sach::DefaultRulesDir();
  std::vector<std::string> checked;
  std::vector<std::string> problems = sach::Rules::Lint(path, &checked);
  for (const std::string& p : problems) std::cout << p << "\n";
  if (!problems.empty()) return 1;
  std::cout << path << ": ok (" << checked.size() << " files:";
  for (const std::string& f : checked) std::cout << " " << sach::Printable(fs::path(f).filename().string());
  std::cout << ")\n";
  return 0;
}

int LearnMain(const std::vector<std::string>& argv) {
  g_command = "learn";
  sach::Args args = sach::ParseArgs(
      argv, {{"help", 'h'}, {"rules", 0, true}, {"site", 0, true}, {"out", 'o', true}, {"verbose", 'v'}});
  if (!args.error.empty()) return Usage(args.error);
  std::string rules_dir, site, out;
  for (const auto& [name, v] : args.options) {
    if (name == "help") {
      std::cout << kLearnUsage;
      return 0;
    } else if (name == "rules") {
      rules_dir = v;
    } else if (name == "site") {
      site = v;
    } else if (name == "out") {
      out = v;
    } else if (name == "verbose") {
      spdlog::set_level(spdlog::level::debug);
    }
  }
  if (args.operands.empty()) return Usage("no INPUT given");
  if (std::find(args.operands.begin(), args.operands.end(), "-") != args.operands.end())
    return Usage("learn reads files and folders, not standard input");
  auto rules = LoadRules(rules_dir);
  if (!rules) return 2;
  return sach::RunLearn(args.operands, *rules, site, out);
}

int ExplainMain(const std::vector<std::string>& argv) {
  g_command = "explain";
  sach::Args args = sach::ParseArgs(argv, {{"help", 'h'}, {"rules", 0, true}, {"no-captions"}, {"verbose", 'v'},
                                           {"max-seconds", 0, true}, {"learn", 0, true}});
  if (!args.error.empty()) return Usage(args.error);
  std::string rules_dir;
  sach::CleanOptions options;
  bool every_line = false;
  std::vector<std::string> learn_from;
  for (const auto& [name, v] : args.options) {
    if (name == "help") {
      std::cout << kExplainUsage;
      return 0;
    } else if (name == "rules") {
      rules_dir = v;
    } else if (name == "no-captions") {
      options.captions = false;
    } else if (name == "verbose") {
      every_line = true;
    } else if (name == "learn") {
      learn_from.push_back(v);
    } else if (name == "max-seconds") {
      std::optional<double> n = LimitValue(&v);
      if (!n) return Usage("--max-seconds needs a number");
      options.max_seconds = *n;
    }
  }
  if (args.operands.empty()) return Usage("no INPUT given");
  if (args.operands.size() > 1) return Usage("explain takes one INPUT");
  const std::string& input = args.operands[0];
  auto rules = LoadRules(rules_dir);
  if (!rules) return 2;
  // A web address is fetched as `sach fetch` would; a page kept by --keep-raw brings its URL.
  auto doc = sach::IsWebUrl(input) ? sach::FetchPage(input) : sach::ReadDocument(input);
  if (!doc) {
    spdlog::error("{}: {}", sach::Printable(input), doc.error().message);
    return 1;
  }
  if (!learn_from.empty()) options.learned = sach::LearnFor(*doc, learn_from, *rules, options);
  std::string dropped;
  auto report = sach::Explain(*doc, *rules, options, every_line, &dropped);
  if (!report) {
    std::cout << dropped;  // no article text: still why each block went
    spdlog::error("{}: {}", sach::Printable(input), report.error().message);
    return 1;
  }
  std::cout << *report;
  return 0;
}


// Output lost to a full disk or a closed file must not look like success:
// standard output is flushed and checked before the exit code is final.
int Finish(int code) {
  errno = 0;
  std::cout.flush();
  bool c_failed = std::fflush(stdout) != 0 || std::ferror(stdout);  // the crawl summary is printed with stdio
  if (std::cout.fail() || c_failed) {
    spdlog::error("standard output: cannot write{}", errno ? std::string(": ") + std::strerror(errno) : "");
    return code == 0 ? 1 : code;
  }
  return code;
}

int Dispatch(const std::vector<std::string>& args) {
  const std::string& cmd = args[0];
  if (cmd == "-h" || cmd == "--help" || cmd == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (cmd == "--version" || cmd == "version") {
    std::cout << "sach " << SACH_VERSION << "\n";
    return 0;
  }
  if (cmd == "clean") return CleanMain({args.begin() + 1, args.end()});
  if (cmd == "fetch") return CleanMain({args.begin() + 1, args.end()}, /*fetch=*/true);
  if (cmd == "crawl") return CrawlMain({args.begin() + 1, args.end()});
  if (cmd == "explain") return ExplainMain({args.begin() + 1, args.end()});
  if (cmd == "learn") return LearnMain({args.begin() + 1, args.end()});
  if (cmd == "check") return CheckMain({args.begin() + 1, args.end()});
  if (cmd == "rules") return RulesMain({args.begin() + 1, args.end()});
  std::cerr << "sach: unknown command '" << sach::Printable(cmd) << "' (sach --help lists them)\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  // Logs and error lines go to stderr, one line each: "sach: error: FILE: why".
  auto logger = std::make_shared<spdlog::logger>("sach", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger->set_pattern("sach: %l: %v");
  spdlog::set_default_logger(logger);

  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  return Finish(Dispatch(args));
}
