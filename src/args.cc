// The command-line option parser (args.h).
#include "args.h"

#include "text.h"

namespace sach {
namespace {

const OptionSpec* Long(const std::vector<OptionSpec>& specs, const std::string& name) {
  for (const OptionSpec& s : specs)
    if (name == s.name) return &s;
  return nullptr;
}

const OptionSpec* Short(const std::vector<OptionSpec>& specs, char c) {
  for (const OptionSpec& s : specs)
    if (s.short_name && s.short_name == c) return &s;
  return nullptr;
}

}  // namespace

Args ParseArgs(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs) {
  Args out;
  bool operands_only = false;
  for (std::size_t i = 0; i < args.size() && out.error.empty(); ++i) {
    const std::string& a = args[i];
    if (operands_only || a == "-" || a.empty() || a[0] != '-') {
      out.operands.push_back(a);
    } else if (a == "--") {
      operands_only = true;
    } else if (a.rfind("--", 0) == 0) {
      const std::size_t eq = a.find('=');
      const std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
      const OptionSpec* spec = Long(specs, name);
      if (!spec) {
        out.error = "unknown option '--" + Printable(name) + "'";
      } else if (!spec->takes_value && eq != std::string::npos) {
        out.error = "--" + name + " takes no value";
      } else if (!spec->takes_value) {
        out.options.emplace_back(name, "");
      } else if (eq != std::string::npos) {
        out.options.emplace_back(name, a.substr(eq + 1));
      } else if (i + 1 < args.size()) {
        out.options.emplace_back(name, args[++i]);
      } else {
        out.error = "--" + name + " needs a value";
      }
    } else {
      // "-vq", "-oDIR", "-o DIR": flags until one that takes a value.
      for (std::size_t k = 1; k < a.size() && out.error.empty(); ++k) {
        const OptionSpec* spec = Short(specs, a[k]);
        if (!spec) {
          out.error = "unknown option '-" + Printable(std::string(1, a[k])) + "'";
        } else if (!spec->takes_value) {
          out.options.emplace_back(spec->name, "");
        } else if (k + 1 < a.size()) {
          out.options.emplace_back(spec->name, a.substr(k + 1));
          break;
        } else if (i + 1 < args.size()) {
          out.options.emplace_back(spec->name, args[++i]);
        } else {
          out.error = std::string("--") + spec->name + " (-" + a[k] + ") needs a value";
        }
      }
    }
  }
  return out;
}

}  // namespace sach
