// `clean --learn`'s first pass: a template per site of the batch.
#include "learn.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <algorithm>
#include <iostream>
#include <map>
#include <set>
#include <unordered_set>

#include "sach/clean.h"
#include "sach/input.h"
#include "sach/write.h"
#include "dedupe.h"
#include "selector.h"
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
  for (auto& [name, g] : groups) {
    // The site's plain name goes to its largest template.
    std::vector<std::size_t> order(g.clusters.Size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    const auto& clusters = g.clusters;  // clang cannot capture a structured binding
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return clusters[a].Pages() > clusters[b].Pages(); });
    for (std::size_t k : order) {
      auto t = std::make_shared<SiteTemplate>();
      t->site = TemplateName(name, g.first_input[k], names);
      t->host = name;
      t->pages = g.clusters[k].Pages();
      t->lines = g.clusters[k].Learn();
      spdlog::info("{}: template learned from {} pages: {} lines", Printable(t->site), t->pages, t->lines.size());
      index[{name, k}] = static_cast<int>(templates.size());
      templates.push_back(std::move(t));
    }
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

// --- selectors a site file could hold (HTML pages) ---------------------------

using LearnedSelector = SiteTemplate::LearnedSelector;

// What one element's path (as the trace names it) held over a template's pages.
struct PathVotes {
  std::size_t furniture = 0;  // pages where it held a template line
  bool kept = false;          // the generic cleaner kept such a line on some page
  bool article = false;       // it held the article's own text on some page
};

// A path worth a selector: it names an id or a class (a bare "div > p" would
// match the article's paragraphs too) and reads as one.
bool Proposable(const std::string& path) {
  return path.find_first_of("#.") != std::string::npos && static_cast<bool>(Selector::Parse(path));
}

struct Candidates {
  std::vector<LearnedSelector> drop;  // most widespread first
  LearnedSelector keep;               // text empty: none
};

// From each page's first-pass trace: elements holding template lines the
// generic cleaner kept somewhere, never the article's text (drop), and the
// element the article was found in on most pages (keep).
Candidates FindCandidates(const std::vector<const LearnInput*>& pages, const SiteTemplate& t, const Rules& rules) {
  std::unordered_set<std::string> furniture;
  for (const TemplateLine& l : t.lines) furniture.insert(DedupeKey(l.text));
  std::map<std::string, PathVotes> votes;
  std::map<std::string, std::size_t> articles;
  for (const LearnInput* in : pages) {
    Result<Document> doc = in->load();
    Trace trace;
    if (!doc || !Clean(*doc, rules, &trace)) continue;
    std::set<std::string> here;
    for (const Decision& d : trace.blocks) {
      if (d.path.empty()) continue;
      PathVotes& v = votes[d.path];
      if (furniture.count(DedupeKey(d.text))) here.insert(d.path), v.kept |= d.kept;
      else v.article |= d.kept;
    }
    for (const std::string& p : here) ++votes[p].furniture;
    if (!trace.article.empty()) ++articles[trace.article];
  }
  const std::size_t min_pages = TemplateMinPages(t.pages);
  Candidates c;
  for (const auto& [path, v] : votes)
    if (v.furniture >= min_pages && v.kept && !v.article && Proposable(path)) c.drop.push_back({path, v.furniture});
  std::stable_sort(c.drop.begin(), c.drop.end(), [](auto& a, auto& b) { return a.pages > b.pages; });
  if (c.drop.size() > tunables::kProposedMaxDrops) c.drop.resize(tunables::kProposedMaxDrops);
  for (const auto& [path, n] : articles)
    if (n >= min_pages && n > c.keep.pages && Proposable(path)) c.keep = {path, n};
  return c;
}

std::shared_ptr<SiteTemplate> WithSelectors(const SiteTemplate& t, std::vector<LearnedSelector> drop,
                                            std::vector<LearnedSelector> keep) {
  auto out = std::make_shared<SiteTemplate>();
  out->site = t.site, out->host = t.host, out->pages = t.pages, out->lines = t.lines;
  out->drop = std::move(drop), out->keep = std::move(keep);
  return out;
}

// Each page's paragraphs, cleaned with `t` (none for a page that fails).
using Outputs = std::vector<std::vector<std::string>>;
Outputs CleanAll(const std::vector<const LearnInput*>& pages, const Rules& rules,
                 const std::shared_ptr<const SiteTemplate>& t) {
  Outputs out;
  out.reserve(pages.size());
  CleanOptions options;
  options.learned = t;
  for (const LearnInput* in : pages) {
    Result<Document> doc = in->load();
    Result<Cleaned> c = doc ? Clean(*doc, rules, nullptr, options) : Result<Cleaned>(doc.error());
    out.push_back(c ? std::move(c->article.paragraphs) : std::vector<std::string>{});
  }
  return out;
}

// Whether every page keeps, with the selectors, each paragraph it had without.
bool LosesNothing(const Outputs& without, const Outputs& with) {
  for (std::size_t i = 0; i < without.size(); ++i)
    for (const std::string& p : without[i])
      if (std::find(with[i].begin(), with[i].end(), p) == with[i].end()) return false;
  return true;
}

// `t` with the selectors that pass the check: each drop in turn, then the
// keep, kept only when cleaning the template's pages with them loses no
// paragraph the learned lines alone keep.
std::shared_ptr<const SiteTemplate> CheckedSelectors(const std::vector<const LearnInput*>& pages,
                                                     std::shared_ptr<const SiteTemplate> t, const Rules& rules) {
  const Candidates c = FindCandidates(pages, *t, rules);
  if (c.drop.empty() && c.keep.text.empty()) return t;
  const Outputs base = CleanAll(pages, rules, t);
  std::vector<LearnedSelector> drops;
  for (const LearnedSelector& d : c.drop) {
    std::vector<LearnedSelector> trial = drops;
    trial.push_back(d);
    if (LosesNothing(base, CleanAll(pages, rules, WithSelectors(*t, trial, {})))) drops = std::move(trial);
    else spdlog::info("{}: drop '{}' not proposed: it would drop article text", Printable(t->site), d.text);
  }
  std::vector<LearnedSelector> keep;
  if (!c.keep.text.empty() && LosesNothing(base, CleanAll(pages, rules, WithSelectors(*t, drops, {c.keep}))))
    keep.push_back(c.keep);
  return WithSelectors(*t, std::move(drops), std::move(keep));
}

// The lines a proposal names the site by: template lines no default rule
// knows, headings rather than headlines (kProposedFingerprintWords words, no
// digits: a teaser's date or a count changes by the day), most widespread
// first; other template lines only when too few are.
std::vector<const TemplateLine*> Fingerprint(const SiteTemplate& t, const Vocabulary& known) {
  std::vector<const TemplateLine*> heading, other;
  for (const TemplateLine& l : t.lines) {
    if (known.FindMarker(l.text) || l.text.find_first_of("0123456789") != std::string::npos) continue;
    const std::string key = DedupeKey(l.text);
    const auto words = static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ')) + !key.empty();
    const bool fits = words >= tunables::kProposedFingerprintWords.first && words <= tunables::kProposedFingerprintWords.second;
    (fits ? heading : other).push_back(&l);
  }
  for (const TemplateLine* l : other)
    if (heading.size() < tunables::kProposedFingerprintLines / 2) heading.push_back(l);
  if (heading.size() > tunables::kProposedFingerprintLines) heading.resize(tunables::kProposedFingerprintLines);
  return heading;
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

std::string ProposeSiteFile(const SiteTemplate& t, const Rules& rules) {
  const std::string of = " of " + std::to_string(t.pages) + "\n";
  std::string out = "# Proposed by `sach learn` from " + std::to_string(t.pages) + " pages of " + t.site +
                    ": review it, then save it as rules/sites/<host>.toml.\n";
  out += "[site]\nname = " + TomlString(t.site) + "\n";
  if (!t.host.empty()) out += "hosts = [" + TomlString(t.host) + "]\n";
  out += "# The site's most widespread template lines that no default rule knows (a \"Share\" or \"Print\" is on\n"
         "# every site): two of them in a dump without a URL say it is this site's.\nfingerprint = [\n";
  for (const TemplateLine* l : Fingerprint(t, rules.Default())) out += "  " + TomlString(l->text) + ",\n";
  out += "]\nmin_fingerprint = 2\n\n[markers]\n# Lines on most of the site's pages, never inside an article of most.\nnav = [\n";
  for (const TemplateLine& l : t.lines)
    if (!rules.Default().FindMarker(l.text))  // a default marker already drops it: the entry would do nothing
      out += "  " + TomlString(l.text) + ",  # on " + std::to_string(l.pages) + of;
  out += "]\n";
  if (t.keep.empty() && t.drop.empty()) return out;
  out += "\n[html]\n";
  if (!t.keep.empty())
    out += "# The element the article was found in on most pages; cleaning them with it lost no paragraph.\nkeep = [" +
           TomlString(t.keep.front().text) + "]  # on " + std::to_string(t.keep.front().pages) + of;
  if (t.drop.empty()) return out;
  out += "# Elements that held template lines the generic cleaner kept, never the article's text.\ndrop = [\n";
  for (const LearnedSelector& d : t.drop) out += "  " + TomlString(d.text) + ",  # on " + std::to_string(d.pages) + of;
  return out + "]\n";
}

int RunLearn(const std::vector<std::string>& args, const Rules& rules, const std::string& site, const std::string& out) {
  InputListing listing = ListInputs(args);
  for (auto& p : listing.problems) spdlog::error("{}: {}", Printable(p.name), p.reason);
  std::vector<LearnInput> inputs = Loaders(listing);
  std::vector<int> template_of;
  auto templates = LearnBySite(inputs, rules, CleanOptions{}, site, template_of);
  std::string proposal;
  for (std::size_t k = 0; k < templates.size(); ++k) {
    auto& t = templates[k];
    if (t->pages < tunables::kTemplateMinPages) {
      spdlog::warn("{}: {} pages, a template needs {}", Printable(t->site), t->pages, tunables::kTemplateMinPages);
      continue;
    }
    std::vector<const LearnInput*> pages;
    for (std::size_t i = 0; i < inputs.size(); ++i)
      if (template_of[i] == static_cast<int>(k)) pages.push_back(&inputs[i]);
    t = CheckedSelectors(pages, t, rules);
    proposal += ProposeSiteFile(*t, rules);
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
