// The public API (include/sach/) is what an embedder needs and nothing more:
// each header compiles on its own with only include/ on the path (no src/, no
// third-party header), and the set of headers is the documented one.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "test_support.h"

namespace fs = std::filesystem;

TEST_CASE("api: every public header compiles alone with only include/ on the path") {
  const fs::path include = SACH_SOURCE_DIR "/include";
  std::set<std::string> headers;
  for (auto& e : fs::directory_iterator(include / "sach")) headers.insert(e.path().filename().string());
  // sach.h documents these; the page tree, parser, selector, dedupe, tunables,
  // batch, check and the crawler's I/O are internal (src/).
  CHECK(headers == std::set<std::string>{"article.h", "clean.h", "crawl.h", "crawl_config.h", "decode.h", "explain.h",
                                         "fetch.h", "input.h", "limits.h", "result.h", "rules.h", "sach.h", "write.h"});
  std::string sach_h = Slurp(include / "sach" / "sach.h");
  const fs::path scratch = fs::temp_directory_path() / ("sach-api-test-" + std::to_string(::getpid()));
  fs::create_directories(scratch);
  for (const std::string& h : headers) {
    // Includes: the standard library's <name> and "sach/name.h", nothing else
    // (a third-party header would make its package a public dependency).
    std::istringstream lines(Slurp(include / "sach" / h));
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("#include", 0) != 0) continue;
      const bool standard = line.find('<') != std::string::npos && line.find('/') == std::string::npos &&
                            line.find(".h>") == std::string::npos;
      CHECK_MESSAGE((standard || line.rfind("#include \"sach/", 0) == 0), h << ": " << line);
    }
    if (h != "sach.h") CHECK_MESSAGE(sach_h.find("#include \"sach/" + h + "\"") != std::string::npos, h);
    const fs::path tu = scratch / (h + ".cc"), log = scratch / (h + ".log");
    std::ofstream(tu) << "#include <sach/" << h << ">\nint main() {}\n";
    std::string cmd = "c++ -std=c++20 -fsyntax-only -I'" + include.string() + "' '" + tu.string() + "' > '" +
                      log.string() + "' 2>&1";
    int status = std::system(cmd.c_str());
    INFO(h << ": " << Slurp(log));
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  fs::remove_all(scratch);
}
