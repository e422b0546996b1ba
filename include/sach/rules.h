// Rules are data: phrase vocabularies, class words, site selectors, date
// shapes and per-site additions live in rules/*.toml (rules/README.md). They
// are loaded and compiled once; a Rules is then read-only and cheap to copy,
// and any number of threads may Clean with one Rules at once. Usage:
//   Result<Rules> rules = Rules::Load(DefaultRulesDir());
//   if (!rules) report(rules.error().message);   // "file:line: what is wrong"
//   Result<Cleaned> c = Clean(doc, *rules);       // sach/clean.h
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sach/result.h"

namespace sach {

class Vocabulary;  // the internals the stages read (src/vocabulary.h)
struct SiteRules;
struct RulesData;

class Rules {
 public:
  // Loads DIR/default.toml and DIR/sites/*.toml. Any error (syntax, unknown
  // key, bad regex) fails with "file:line: what is wrong".
  static Result<Rules> Load(const std::string& dir);
  // `sach rules lint`: every problem of a rules folder, one "file:line: what"
  // line each, all of each file's in line order: default.toml, then each site
  // file on its own (a site file with neither hosts nor fingerprint can never
  // apply; a rule that does nothing — an empty concept list, a marker phrase
  // repeated or that can never match, a marker or role concept no stage reads
  // that way — is an error, for Load too). A
  // PATH that is a site file lints that file on the rules folder holding it
  // (rules/sites/x.toml -> rules/), or on the default rules when it holds
  // none. Empty when all is well; `checked` gets the files read.
  static std::vector<std::string> Lint(const std::string& path, std::vector<std::string>* checked = nullptr);

  // The vocabulary for a document: the site whose host matches `url`, else the
  // site whose fingerprint lines occur in `text`, else the default.
  const Vocabulary& For(std::string_view url, std::string_view text) const;

  // For the stages and tests; the types are internal.
  const Vocabulary& Default() const;
  const std::vector<SiteRules>& Sites() const;

 private:
  std::shared_ptr<const RulesData> data_;
};

// The rules directory to use when none is given: $SACH_RULES, else
// share/sach/rules beside the running program (PREFIX/bin/../share/sach/rules
// when installed, BUILD/share/sach/rules in a build tree), else the install
// prefix's, else ./rules.
std::string DefaultRulesDir();

}  // namespace sach
