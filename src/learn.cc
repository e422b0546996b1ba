// `clean --learn`'s first pass: a template per site of the batch.
#include "learn.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <algorithm>
#include <iostream>
#include <map>
#include <set>

#include "sach/clean.h"
#include "sach/input.h"
#include "sach/write.h"
#include "text.h"
#include "tunables.h"
#include "url.h"

namespace sach {

namespace {

// The site an input belongs to: given, else the host of its URL; empty when
// unknown (such pages find their site by the lines they share).
std::string SiteOf(const Cleaned& c, const std::string& site) {
  return site.empty() ? UrlHost(c.article.meta.url) : site;
}

// A template's name in traces and proposals: its site (for pages without a
// URL, the folder of its first page), "SITE (template 2)" when the name is
// taken (a redesign, a second template in one folder).
std::string TemplateName(const std::string& site, const std::string& first_input, std::set<std::string>& used) {
  std::string name = site.empty() ? std::filesystem::path(first_input).parent_path().string() : site;
  if (name.empty()) name = ".";
  std::string unique = name;
  for (int k = 2; !used.insert(unique).second; ++k) unique = name + " (template " + std::to_string(k) + ")";
  return unique;
}

// Each input cleaned once with a trace and added to its site's templates.
// Returns the learned templates; `template_of` gets each input's (-1: failed).
std::vector<std::shared_ptr<const SiteTemplate>> LearnBySite(const std::vector<LearnInput>& inputs,
                                                             const Rules& rules, const CleanOptions& options,
                                                             const std::string& site, std::vector<int>& template_of) {
  struct Group {
    TemplateClusters clusters;
    std::vector<std::string> first_input;  // per cluster
  };
  std::map<std::string, Group> groups;
  std::vector<std::pair<std::string, std::size_t>> placed(inputs.size());  // site, cluster
  std::vector<bool> ok(inputs.size(), false);
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    Result<Document> doc = inputs[i].load();
    if (!doc) continue;
    Trace trace;
    Result<Cleaned> c = Clean(*doc, rules, &trace, options);
    if (!c) continue;
    Group& g = groups[SiteOf(*c, site)];
    const std::size_t k = g.clusters.AddPage(trace.blocks);
    if (k == g.first_input.size()) g.first_input.push_back(inputs[i].name);
    placed[i] = {SiteOf(*c, site), k};
    ok[i] = true;
  }
  std::vector<std::shared_ptr<const SiteTemplate>> templates;
  std::map<std::pair<std::string, std::size_t>, int> index;
  std::set<std::string> names;
  for (auto& [name, g] : groups)
    for (std::size_t k = 0; k < g.clusters.Size(); ++k) {
      auto t = std::make_shared<SiteTemplate>();
      t->site = TemplateName(name, g.first_input[k], names);
      t->host = name;
      t->pages = g.clusters[k].Pages();
      t->lines = g.clusters[k].Learn();
      spdlog::info("{}: template learned from {} pages: {} lines", Printable(t->site), t->pages, t->lines.size());
      index[{name, k}] = static_cast<int>(templates.size());
      templates.push_back(std::move(t));
    }
  template_of.assign(inputs.size(), -1);
  for (std::size_t i = 0; i < inputs.size(); ++i)
    if (ok[i]) template_of[i] = index[placed[i]];
  return templates;
}

// The files of a listing, read as clean reads them.
std::vector<LearnInput> Loaders(const InputListing& listing) {
  std::vector<LearnInput> inputs;
  inputs.reserve(listing.files.size());
  for (const InputFile& f : listing.files)
    inputs.push_back({f.path, [path = f.path]() -> Result<Document> {
                        Result<Document> doc = ReadDocument(path);  // a kept page brings its URL
                        if (!doc) spdlog::error("{}: {}", Printable(path), doc.error().message);
                        return doc;
                      }});
  return inputs;
}

// What the proposals change, on standard error: each page cleaned without and
// with its template, the paragraphs that go, and a summary.
void ShowChanges(const std::vector<LearnInput>& inputs, const std::vector<std::shared_ptr<const SiteTemplate>>& templates,
                 const std::vector<int>& template_of, const Rules& rules) {
  std::size_t pages = 0, changed = 0, dropped = 0;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (template_of[i] < 0) continue;
    const auto& t = templates[static_cast<std::size_t>(template_of[i])];
    if (t->pages < tunables::kTemplateMinPages || t->lines.empty()) continue;
    Result<Document> doc = inputs[i].load();
    if (!doc) continue;
    CleanOptions learned;
    learned.learned = t;
    Result<Cleaned> before = Clean(*doc, rules), after = Clean(*doc, rules, nullptr, learned);
    if (!before) continue;
    ++pages;
    std::vector<std::string> gone;
    for (const std::string& p : before->article.paragraphs)
      if (!after || std::find(after->article.paragraphs.begin(), after->article.paragraphs.end(), p) ==
                        after->article.paragraphs.end())
        gone.push_back(p);
    if (gone.empty()) continue;
    ++changed, dropped += gone.size();
    std::cerr << Printable(inputs[i].name) << ": " << gone.size() << " paragraph" << (gone.size() == 1 ? "" : "s")
              << " fewer with the proposal, first: " << Printable(Clipped(gone.front(), tunables::kTraceSnippetBytes)) << "\n";
  }
  std::cerr << "learn: the proposals change " << changed << " of " << pages << " pages, " << dropped
            << " paragraphs fewer in all\n";
}

}  // namespace

std::vector<std::shared_ptr<const SiteTemplate>> LearnSites(const std::vector<LearnInput>& inputs, const Rules& rules,
                                                            const CleanOptions& options, const std::string& site) {
  std::vector<int> template_of;
  auto templates = LearnBySite(inputs, rules, options, site, template_of);
  std::vector<std::shared_ptr<const SiteTemplate>> out(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i)
    if (template_of[i] >= 0) out[i] = templates[static_cast<std::size_t>(template_of[i])];
  return out;
}

std::shared_ptr<const SiteTemplate> LearnFor(const Document& doc, const std::vector<std::string>& dirs,
                                             const Rules& rules, const CleanOptions& options) {
  InputListing listing = ListInputs(dirs);
  std::error_code ec;  // the input itself, when it lies under DIR, counts once
  std::erase_if(listing.files, [&](const InputFile& f) { return std::filesystem::equivalent(f.path, doc.name, ec); });
  std::vector<LearnInput> inputs = Loaders(listing);
  inputs.push_back({doc.name, [&doc]() -> Result<Document> { return doc; }});
  std::shared_ptr<const SiteTemplate> t = LearnSites(inputs, rules, options, {}).back();
  return t && t->pages >= tunables::kTemplateMinPages ? t : nullptr;
}

std::string ProposeSiteFile(const SiteTemplate& t) {
  std::string out = "# Proposed by `sach learn` from " + std::to_string(t.pages) + " pages of " + t.site +
                    ": review it, then save it as rules/sites/<host>.toml.\n";
  out += "[site]\nname = " + TomlString(t.site) + "\n";
  if (!t.host.empty()) out += "hosts = [" + TomlString(t.host) + "]\n";
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
  std::vector<LearnInput> inputs = Loaders(listing);
  std::vector<int> template_of;
  auto templates = LearnBySite(inputs, rules, CleanOptions{}, site, template_of);
  std::string proposal;
  for (const auto& t : templates) {
    if (t->pages < tunables::kTemplateMinPages)
      spdlog::warn("{}: {} pages, a template needs {}", Printable(t->site), t->pages, tunables::kTemplateMinPages);
    else
      proposal += ProposeSiteFile(*t);
  }
  if (proposal.empty()) return 1;
  ShowChanges(inputs, templates, template_of, rules);
  if (out.empty()) {
    std::fwrite(proposal.data(), 1, proposal.size(), stdout);
  } else if (Status st = WriteFileAtomic(out, proposal, false); !st) {
    spdlog::error("{}", st.error().message);
    return 1;
  }
  return listing.problems.empty() ? 0 : 1;
}

}  // namespace sach
