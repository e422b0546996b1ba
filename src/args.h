// Command-line options the way Unix tools take them: "--out DIR" and
// "--out=DIR", short flags bundled ("-vq") or with their value attached
// ("-oDIR"), "--" before operands that start with '-', and "-" an operand
// (standard input). Each command lists its options; the parser says in one
// line what is wrong. Usage:
//   Args a = ParseArgs(argv, {{"out", 'o', true}, {"verbose", 'v', false}});
//   if (!a.error.empty()) usage error; for (auto& [name, value] : a.options) ...
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace sach {

struct OptionSpec {
  const char* name;         // long name without "--": "out"
  char short_name = 0;      // 'o', or 0 for none
  bool takes_value = false;
};

struct Args {
  std::vector<std::pair<std::string, std::string>> options;  // long name -> value ("" for flags), in order
  std::vector<std::string> operands;
  std::string error;  // one line: "unknown option '--x'", "--out needs a value"; empty when fine
};

Args ParseArgs(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs);

}  // namespace sach
