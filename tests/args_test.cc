// The command-line option parser: both spellings of a long option, bundled
// short flags, "--" and "-", and one line saying what is wrong.
#include "args.h"

#include <doctest/doctest.h>

namespace {

const std::vector<sach::OptionSpec> kSpecs = {
    {"out", 'o', true}, {"verbose", 'v'}, {"quiet", 'q'}, {"format", 'f', true}, {"overwrite"}};

using Options = std::vector<std::pair<std::string, std::string>>;

}  // namespace

TEST_CASE("args: --out DIR and --out=DIR, -o DIR and -oDIR, bundled flags") {
  for (auto argv : {std::vector<std::string>{"--out", "d", "x"}, {"--out=d", "x"}, {"-o", "d", "x"}, {"-od", "x"}}) {
    sach::Args a = sach::ParseArgs(argv, kSpecs);
    CHECK(a.error.empty());
    CHECK(a.options == Options{{"out", "d"}});
    CHECK(a.operands == std::vector<std::string>{"x"});
  }
  sach::Args bundled = sach::ParseArgs({"-vqo", "d", "--out=", "a=b"}, kSpecs);
  CHECK(bundled.error.empty());
  CHECK(bundled.options == Options{{"verbose", ""}, {"quiet", ""}, {"out", "d"}, {"out", ""}});
  CHECK(bundled.operands == std::vector<std::string>{"a=b"});
}

TEST_CASE("args: - is an operand, -- ends the options") {
  sach::Args a = sach::ParseArgs({"-", "--", "-v", "--out"}, kSpecs);
  CHECK(a.error.empty());
  CHECK(a.options.empty());
  CHECK(a.operands == std::vector<std::string>{"-", "-v", "--out"});
}

TEST_CASE("args: what is wrong, in one line") {
  CHECK(sach::ParseArgs({"--report"}, kSpecs).error == "unknown option '--report'");
  CHECK(sach::ParseArgs({"x", "--out"}, kSpecs).error == "--out needs a value");
  CHECK(sach::ParseArgs({"-vo"}, kSpecs).error == "--out (-o) needs a value");
  CHECK(sach::ParseArgs({"--verbose=yes"}, kSpecs).error == "--verbose takes no value");
  CHECK(sach::ParseArgs({"-vx"}, kSpecs).error == "unknown option '-x'");
}
