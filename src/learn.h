// `clean --learn`: the first of two passes over a batch. Each input is
// cleaned once with a trace, grouped by site (the --site name, else the host
// of the URL the page names, else the folder it sits in), and each site's
// template is learned from its pages. Usage:
//   std::vector<std::shared_ptr<const SiteTemplate>> t = LearnSites(inputs, rules, options, site);
//   options.learned = t[i];   // for input i in the second pass
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sach/article.h"
#include "sach/result.h"
#include "sach/rules.h"
#include "template.h"

namespace sach {

struct LearnInput {
  std::string name;  // a path: its folder groups it when the page names no URL
  std::function<Result<Document>()> load;
};

// One template per input (null for an input that failed to load or clean; it
// is reported by the second pass). Each site's learned line count is logged.
std::vector<std::shared_ptr<const SiteTemplate>> LearnSites(const std::vector<LearnInput>& inputs, const Rules& rules,
                                                            const CleanOptions& options, const std::string& site);

// `explain --learn DIR`: the template `doc` gets when learned together with
// the pages under `dirs` (null when it joins none of 3 pages or more).
std::shared_ptr<const SiteTemplate> LearnFor(const Document& doc, const std::vector<std::string>& dirs,
                                             const Rules& rules, const CleanOptions& options);

// `sach learn`: the proposed site file (TOML) for one learned template: the
// site's hosts, its most widespread lines no default rule knows as
// fingerprint, every template line as a marker, each with the pages it is
// on, and the template's checked [html] keep and drop selectors. For a
// person to review.
std::string ProposeSiteFile(const SiteTemplate& t, const Rules& rules);

// `sach learn INPUT...`: prints (or writes to `out`, a new file) the proposal
// of each site the inputs hold (for HTML pages, with the selectors that
// cleaning its pages again with them shows safe), and on standard error what it changes: each
// page it cleans differently (paragraphs it drops) and a summary. Returns the
// exit code.
int RunLearn(const std::vector<std::string>& inputs, const Rules& rules, const std::string& site, const std::string& out);

}  // namespace sach
