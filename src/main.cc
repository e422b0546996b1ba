// sach's command line: parse arguments, set up logging, hand over to the library.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "text.h"
#include "sach/batch.h"
#include "sach/check.h"
#include "sach/crawl.h"
#include "sach/write.h"
#include "sach/explain.h"
#include "sach/input.h"
#include "sach/rules.h"

namespace {

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
    "  rules lint [DIR]  check a rules folder (default: the bundled rules/)\n"
    "\n"
    "options:\n"
    "  -h, --help     show this help (sach clean --help for the command's)\n"
    "  --version      print the version\n";

constexpr const char* kCleanUsage =
    "usage: sach clean [--out DIR] [--overwrite] [--format text|jsonl] [--no-captions] [--rules DIR] [-v|-q] INPUT...\n"
    "\n"
    "INPUT is a file, a directory (walked recursively for .html .htm .txt .md,\n"
    "also gzipped), or - for standard input. Each input is detected as HTML or as\n"
    "a text/markdown dump and cleaned.\n"
    "\n"
    "  -o, --out DIR      write DIR/NAME.txt per input: a file named here keeps its\n"
    "                     path as given (a/b.html -> DIR/a/b.txt), a file found in a\n"
    "                     folder its path below the folder; DIR itself is not read\n"
    "                     when it lies inside an input folder. With jsonl, write\n"
    "                     DIR/articles.jsonl, or the file DIR when it ends in .jsonl\n"
    "                     (which implies --format jsonl). Without --out, write to\n"
    "                     standard output\n"
    "  --overwrite        replace output files that exist (without it such an input\n"
    "                     fails and the file is kept); an input is never replaced\n"
    "  -f, --format FMT   text (front matter + paragraphs, default) or jsonl\n"
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
    "exit status: 0 all inputs cleaned, 1 some failed (one line each on stderr;\n"
    "a folder with no inputs fails too), 2 usage error (also --out naming an\n"
    "input folder).\n";

constexpr const char* kExplainUsage =
    "usage: sach explain [-v] [--no-captions] [--rules DIR] [--max-seconds S] INPUT\n"
    "\n"
    "Cleans one input (a file, or - for standard input) and prints, in document\n"
    "order, every block with its decision: kept, or dropped and why (the rule's\n"
    "file:line, or the stage that decided), and each metadata value with where it\n"
    "came from. In a text dump, a run of lines dropped for one reason (before the\n"
    "article region, after the end of the article) is one entry.\n"
    "\n"
    "  -v, --verbose    every line of a dump on its own\n"
    "  --max-seconds S  time for the input, 0 for none (default 30)\n";

constexpr const char* kCheckUsage =
    "usage: sach check [--rules DIR] [--samples DIR] [--update] [--report FILE.html] [--max-seconds S] [-v]\n"
    "\n"
    "Cleans every sample folder (DIR/<kind>/<name>/ with input.* and expected.txt,\n"
    "default ./samples) with the rules and compares with expected.txt: each sample\n"
    "is unchanged, changed (+N -M paragraphs, metadata keys) or failed.\n"
    "\n"
    "  --update    rewrite expected.txt of the changed samples (after a look)\n"
    "  --report F  write a self-contained HTML page: statuses, and the changed\n"
    "              samples side by side with what was lost and why\n"
    "  --max-seconds S  time per sample, 0 for none (default 30)\n"
    "  -v          print a unified diff for each changed sample\n"
    "\n"
    "exit status: 0 nothing changed, 1 something changed or failed, 2 usage error.\n";

constexpr const char* kFetchUsage =
    "usage: sach fetch [--out DIR] [--overwrite] [--format text|jsonl] [--no-captions] [--rules DIR] [-v|-q] URL...\n"
    "\n"
    "Fetches each URL (http or https; redirects, timeouts, size limit and retries\n"
    "with backoff built in) and cleans it as `sach clean` would; the URL decides\n"
    "the site's rules and is written as `url`. With --out, each page becomes\n"
    "DIR/<host-path-and-query>.txt. A response that is not a page (a PDF, JSON,\n"
    "an image: by Content-Type or first bytes) fails on one line naming its type.\n"
    "Options and limits as in `sach clean --help` (--max-input-mb also bounds the\n"
    "body fetched).\n"
    "\n"
    "exit status: 0 all pages fetched and cleaned, 1 some failed, 2 usage error.\n";

constexpr const char* kCrawlUsage =
    "usage: sach crawl --config FILE [--out DIR] [--state FILE] [--once] [--max-pages N]\n"
    "                  [--progress bar|lines] [--no-captions] [--rules DIR] [-v|-q]\n"
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

// The command whose usage a usage error prints.
const char* g_usage = kCleanUsage;

int Usage(const std::string& msg) {
  std::cerr << "sach: " << msg << "\n" << g_usage;
  return 2;
}

// `sach clean` and `sach fetch` share their options; fetch takes URLs.
int CleanMain(const std::vector<std::string>& args, bool fetch = false) {
  g_usage = fetch ? kFetchUsage : kCleanUsage;
  sach::CleanCommand cmd;
  std::string rules_dir;
  auto level = spdlog::level::warn;
  bool options_done = false, format_given = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const char* name) -> const std::string* {
      if (i + 1 >= args.size()) return nullptr;
      (void)name;
      return &args[++i];
    };
    if (options_done || a == "-" || a.empty() || a[0] != '-') {
      cmd.inputs.push_back(a);
    } else if (a == "--") {
      options_done = true;
    } else if (a == "-h" || a == "--help") {
      std::cout << g_usage;
      return 0;
    } else if (a == "-o" || a == "--out") {
      auto v = value("--out");
      if (!v || v->empty()) return Usage("--out needs a directory");
      cmd.out_dir = *v;
    } else if (a == "--overwrite") {
      cmd.overwrite = true;
    } else if (a == "-f" || a == "--format") {
      auto v = value("--format");
      if (!v) return Usage("--format needs text or jsonl");
      format_given = true;
      if (*v == "text") cmd.format = sach::OutputFormat::kText;
      else if (*v == "jsonl") cmd.format = sach::OutputFormat::kJsonl;
      else return Usage("unknown format '" + *v + "' (text or jsonl)");
    } else if (a == "--rules") {
      auto v = value("--rules");
      if (!v) return Usage("--rules needs a directory");
      rules_dir = *v;
    } else if (a == "--no-captions") {
      cmd.options.captions = false;
    } else if (a == "--max-input-mb" || a == "--max-seconds" || a == "--max-lines" || a == "--max-line-kb" ||
               a == "--max-depth") {
      std::optional<double> limit = LimitValue(value(a.c_str()));
      if (!limit) return Usage(a + " needs a number");
      double n = *limit;
      if (a == "--max-input-mb") cmd.max_input_bytes = static_cast<std::size_t>(n * (1 << 20));
      else if (a == "--max-seconds") cmd.options.max_seconds = n;
      else if (a == "--max-lines") cmd.options.max_dump_lines = static_cast<std::size_t>(n);
      else if (a == "--max-line-kb") cmd.options.max_line_bytes = static_cast<std::size_t>(n * 1024);
      else cmd.options.max_open_elements = static_cast<std::size_t>(n);
    } else if (a == "-v" || a == "--verbose") {
      level = spdlog::level::debug;
    } else if (a == "-q" || a == "--quiet") {
      level = spdlog::level::err;
    } else {
      return Usage("unknown option '" + a + "'");
    }
  }
  if (cmd.inputs.empty()) return Usage("no INPUT given");
  if (cmd.out_dir.ends_with(".jsonl")) {
    if (format_given && cmd.format != sach::OutputFormat::kJsonl) return Usage("--out FILE.jsonl writes JSON lines");
    cmd.format = sach::OutputFormat::kJsonl;
  }
  // Without -v, say where the files went (info) only when writing to a folder.
  if (level == spdlog::level::warn && !cmd.out_dir.empty()) level = spdlog::level::info;
  spdlog::set_level(level);

  auto rules = LoadRules(rules_dir);
  if (!rules) return 2;
  return fetch ? sach::RunFetch(cmd, {}, *rules, std::cout) : sach::RunClean(cmd, *rules, std::cout);
}

int CrawlMain(const std::vector<std::string>& args) {
  g_usage = kCrawlUsage;
  std::string config_path, rules_dir;
  sach::CrawlOptions options;
  options.once = false;  // a pass every interval_minutes unless --once
  auto level = spdlog::level::info;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    bool has_value = i + 1 < args.size();
    if (a == "-h" || a == "--help") {
      std::cout << kCrawlUsage;
      return 0;
    } else if (a == "--config" && has_value) {
      config_path = args[++i];
    } else if ((a == "-o" || a == "--out") && has_value) {
      options.out_dir = args[++i];
    } else if (a == "--state" && has_value) {
      options.state_path = args[++i];
    } else if (a == "--once") {
      options.once = true;
    } else if (a == "--max-pages" && has_value) {
      char* end = nullptr;
      long n = std::strtol(args[++i].c_str(), &end, 10);
      if (*end || n < 1 || n > 10000000) return Usage("--max-pages needs a positive number");
      options.max_pages = static_cast<int>(n);
    } else if (a == "--progress" && has_value) {
      const std::string& v = args[++i];
      if (v == "bar") options.progress = sach::CrawlOptions::Progress::kBar;
      else if (v == "lines") options.progress = sach::CrawlOptions::Progress::kLines;
      else return Usage("--progress is bar or lines");
    } else if (a == "--rules" && has_value) {
      rules_dir = args[++i];
    } else if (a == "--no-captions") {
      options.clean.captions = false;
    } else if (a == "-v" || a == "--verbose") {
      level = spdlog::level::debug;
    } else if (a == "-q" || a == "--quiet") {
      level = spdlog::level::err;
    } else {
      return Usage("unknown argument '" + a + "'");
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

// The value after args[i] as a time limit in seconds; i moves past it.
bool ReadSeconds(const std::vector<std::string>& args, std::size_t& i, double& out) {
  std::optional<double> n = LimitValue(i + 1 < args.size() ? &args[i + 1] : nullptr);
  if (!n) return false;
  out = *n;
  ++i;
  return true;
}

int CheckMain(const std::vector<std::string>& args) {
  std::string rules_dir, samples = "samples", report;
  bool update = false, verbose = false;
  sach::CleanOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      std::cout << kCheckUsage;
      return 0;
    } else if (a == "--rules" && i + 1 < args.size()) {
      rules_dir = args[++i];
    } else if (a == "--samples" && i + 1 < args.size()) {
      samples = args[++i];
    } else if (a == "--update") {
      update = true;
    } else if (a == "--max-seconds") {
      if (!ReadSeconds(args, i, options.max_seconds)) {
        std::cerr << "sach: --max-seconds needs a number\n" << kCheckUsage;
        return 2;
      }
    } else if (a == "--report" && i + 1 < args.size()) {
      report = args[++i];
    } else if (a == "-v" || a == "--verbose") {
      verbose = true;
    } else {
      std::cerr << "sach: unknown argument '" << a << "'\n" << kCheckUsage;
      return 2;
    }
  }
  auto rules = LoadRules(rules_dir);
  if (!rules) return 2;
  auto results = sach::CheckSamples(samples, *rules, options);
  if (results.empty()) {
    spdlog::error("{}: no sample folders (<kind>/<name>/ with input.* and expected.txt)", sach::Printable(samples));
    return 1;
  }
  int changed = 0, failed = 0, updated = 0;
  for (auto& r : results) {
    if (r.status == sach::SampleCheck::kUnchanged) {
      std::cout << "unchanged  " << sach::Printable(r.name) << "\n";
    } else if (r.status == sach::SampleCheck::kFailed) {
      ++failed;
      std::cout << "failed     " << sach::Printable(r.name) << ": " << r.error << "\n";
    } else {
      ++changed;
      std::cout << "changed    " << sach::Printable(r.name) << "  +" << r.added << " -" << r.removed << " paragraphs";
      if (!r.meta_changed.empty()) {
        std::cout << "; metadata:";
        for (auto& k : r.meta_changed) std::cout << " " << k;
      }
      std::cout << "\n";
      if (verbose) std::cout << sach::UnifiedDiff(r.expected, r.got);
      if (update) {
        if (auto st = sach::WriteFileAtomic(r.dir + "/expected.txt", r.got); !st) {
          spdlog::error("{}/expected.txt: {}", sach::Printable(r.dir), st.error().message);
          ++failed;
        } else {
          ++updated;
        }
      }
    }
  }
  if (!report.empty()) {
    if (auto st = sach::WriteFileAtomic(report, sach::HtmlReport(results)); !st) {
      spdlog::error("{}: {}", report, st.error().message);
      return 1;
    }
    std::cout << "report: " << report << "\n";
  }
  std::cout << results.size() << " samples: " << results.size() - changed - failed << " unchanged, " << changed
            << " changed, " << failed << " failed";
  if (update) std::cout << "; " << updated << " expected files rewritten";
  std::cout << "\n";
  return changed || failed ? 1 : 0;
}

// `sach rules lint [DIR]`: load the rules as cleaning would, report, clean nothing.
int RulesMain(const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "lint" || args.size() > 2) {
    std::cerr << "usage: sach rules lint [DIR]\n";
    return 2;
  }
  std::string dir = args.size() == 2 ? args[1] : sach::DefaultRulesDir();
  auto rules = sach::Rules::Load(dir);
  if (!rules) {
    std::cout << rules.error().message << "\n";
    return 1;
  }
  std::cout << dir << ": ok (default.toml";
  for (auto& s : rules->Sites()) std::cout << ", site " << s.name;
  std::cout << ")\n";
  return 0;
}

int ExplainMain(const std::vector<std::string>& args) {
  std::string rules_dir, input;
  sach::CleanOptions options;
  bool every_line = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      std::cout << kExplainUsage;
      return 0;
    } else if (a == "--rules" && i + 1 < args.size()) {
      rules_dir = args[++i];
    } else if (a == "--no-captions") {
      options.captions = false;
    } else if (a == "-v" || a == "--verbose") {
      every_line = true;
    } else if (a == "--max-seconds") {
      if (!ReadSeconds(args, i, options.max_seconds)) {
        std::cerr << "sach: --max-seconds needs a number\n" << kExplainUsage;
        return 2;
      }
    } else if (a.size() > 1 && a[0] == '-') {
      std::cerr << "sach: unknown option '" << a << "'\n" << kExplainUsage;
      return 2;
    } else if (input.empty()) {
      input = a;
    } else {
      std::cerr << "sach: explain takes one INPUT\n" << kExplainUsage;
      return 2;
    }
  }
  if (input.empty()) {
    std::cerr << "sach: no INPUT given\n" << kExplainUsage;
    return 2;
  }
  auto rules = LoadRules(rules_dir);
  if (!rules) return 2;
  auto bytes = sach::ReadInput(input);
  if (!bytes) {
    spdlog::error("{}: {}", sach::Printable(input), bytes.error().message);
    return 1;
  }
  std::string dropped;
  auto report = sach::Explain({input, std::move(*bytes), {}, {}}, *rules, options, every_line, &dropped);
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
  if (cmd == "check") return CheckMain({args.begin() + 1, args.end()});
  if (cmd == "rules") return RulesMain({args.begin() + 1, args.end()});
  std::cerr << "sach: unknown command '" << sach::Printable(cmd) << "'\n" << kUsage;
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
