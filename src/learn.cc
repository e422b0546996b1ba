// `clean --learn`'s first pass: a template per site of the batch.
#include "learn.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <map>

#include "sach/clean.h"
#include "sach/input.h"
#include "sach/write.h"
#include "text.h"
#include "tunables.h"
#include "url.h"

namespace sach {

namespace {

// The site an input belongs to: given, else the host of its URL, else its folder.
std::string SiteOf(const LearnInput& in, const Cleaned& c, const std::string& site) {
  if (!site.empty()) return site;
  if (std::string host = UrlHost(c.article.meta.url); !host.empty()) return host;
  std::string folder = std::filesystem::path(in.name).parent_path().string();
  return folder.empty() ? "." : folder;
}

// Each input cleaned once with a trace; its site's learner reads the trace.
// `site_of` gets each input's site (empty: it failed).
std::map<std::string, std::shared_ptr<const SiteTemplate>> LearnBySite(const std::vector<LearnInput>& inputs,
                                                                       const Rules& rules, const CleanOptions& options,
                                                                       const std::string& site,
                                                                       std::vector<std::string>& site_of) {
  std::map<std::string, TemplateLearner> learners;
  site_of.assign(inputs.size(), {});
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    Result<Document> doc = inputs[i].load();
    if (!doc) continue;
    Trace trace;
    Result<Cleaned> c = Clean(*doc, rules, &trace, options);
    if (!c) continue;
    site_of[i] = SiteOf(inputs[i], *c, site);
    learners[site_of[i]].AddPage(trace.blocks);
  }
  std::map<std::string, std::shared_ptr<const SiteTemplate>> templates;
  for (auto& [name, learner] : learners) {
    auto t = std::make_shared<SiteTemplate>();
    t->site = name;
    t->pages = learner.Pages();
    t->lines = learner.Learn();
    spdlog::info("{}: template learned from {} pages: {} lines", Printable(name), t->pages, t->lines.size());
    templates[name] = std::move(t);
  }
  return templates;
}

// A TOML basic string.
std::string TomlString(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out + "\"";
}

}  // namespace

std::vector<std::shared_ptr<const SiteTemplate>> LearnSites(const std::vector<LearnInput>& inputs, const Rules& rules,
                                                            const CleanOptions& options, const std::string& site) {
  std::vector<std::string> site_of;
  auto templates = LearnBySite(inputs, rules, options, site, site_of);
  std::vector<std::shared_ptr<const SiteTemplate>> out(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i)
    if (!site_of[i].empty()) out[i] = templates[site_of[i]];
  return out;
}

std::string ProposeSiteFile(const SiteTemplate& t) {
  const bool host = t.site.find('.') != std::string::npos && t.site.find('/') == std::string::npos;
  std::string out = "# Proposed by `sach learn` from " + std::to_string(t.pages) + " pages of " + t.site +
                    ": review it, then save it as rules/sites/<host>.toml.\n";
  out += "[site]\nname = " + TomlString(t.site) + "\n";
  if (host) out += "hosts = [" + TomlString(t.site) + "]\n";
  out += "# The site's most widespread template lines: two of them in a dump without a URL say it is this site's.\n";
  out += "fingerprint = [\n";
  for (std::size_t i = 0; i < t.lines.size() && i < tunables::kProposedFingerprintLines; ++i)
    out += "  " + TomlString(t.lines[i].text) + ",\n";
  out += "]\nmin_fingerprint = 2\n\n[markers]\n# Lines on most of the site's pages, never inside an article of most.\nnav = [\n";
  for (const TemplateLine& l : t.lines)
    out += "  " + TomlString(l.text) + ",  # on " + std::to_string(l.pages) + " of " + std::to_string(t.pages) + "\n";
  return out + "]\n";
}

int RunLearn(const std::vector<std::string>& args, const Rules& rules, const std::string& site, const std::string& out) {
  InputListing listing = ListInputs(args);
  for (auto& p : listing.problems) spdlog::error("{}: {}", Printable(p.name), p.reason);
  std::vector<LearnInput> inputs;
  for (const InputFile& f : listing.files)
    inputs.push_back({f.path, [path = f.path]() -> Result<Document> {
                        Result<Document> doc = ReadDocument(path);  // a kept page brings its URL
                        if (!doc) spdlog::error("{}: {}", Printable(path), doc.error().message);
                        return doc;
                      }});
  std::vector<std::string> site_of;
  auto templates = LearnBySite(inputs, rules, CleanOptions{}, site, site_of);
  std::string proposal;
  for (auto& [name, t] : templates) {
    if (t->pages < tunables::kTemplateMinPages)
      spdlog::warn("{}: {} pages, a template needs {}", Printable(name), t->pages, tunables::kTemplateMinPages);
    else
      proposal += ProposeSiteFile(*t);
  }
  if (proposal.empty()) return 1;
  if (out.empty()) {
    std::fwrite(proposal.data(), 1, proposal.size(), stdout);
  } else if (Status st = WriteFileAtomic(out, proposal, false); !st) {
    spdlog::error("{}", st.error().message);
    return 1;
  }
  return listing.problems.empty() ? 0 : 1;
}

}  // namespace sach
