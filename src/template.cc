// Template stage: lines that repeat across a site's pages, learned from the
// first pass of a batch and applied as markers in the second.
#include "template.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <unordered_set>

#include "dedupe.h"
#include "selector.h"
#include "text.h"
#include "tunables.h"

namespace sach {

namespace {

// The article's own recurring sentence, not furniture: a whole sentence the
// first pass kept inside the article on most of the pages it is on.
bool ArticleSentence(const TemplateLine& t, std::string_view key) {
  const auto words = static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ')) + 1;
  return 2 * t.interior > t.pages && words >= tunables::kProseMinWords && EndsSentence(t.text);
}

// Which of the page's lines the first pass kept inside the article: between
// its first and last kept lines that are not already recurring (on
// kTemplateRecurringPages earlier pages). A slogan or teaser list the first
// pass took as the article's end is recurring from the third page on, so it
// no longer stretches the article over itself; a closing sentence in the
// middle of every article stays inside.
std::vector<bool> Interior(const PageLines& page, const std::unordered_map<std::string, TemplateLine>& seen) {
  const std::size_t n = page.lines.size();
  std::size_t first = n, last = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!page.lines[i].kept) continue;
    auto it = seen.find(page.lines[i].key);
    if (it != seen.end() && it->second.pages >= tunables::kTemplateRecurringPages) continue;
    first = std::min(first, i), last = i;
  }
  std::vector<bool> inside(n, false);
  for (std::size_t i = first + 1; i < last; ++i) inside[i] = page.lines[i].kept;
  return inside;
}

}  // namespace

PageLines ReadPage(const std::vector<Decision>& blocks) {
  PageLines page;
  page.lines.reserve(blocks.size());
  std::unordered_set<std::string> on_page;  // a line counts once per page
  for (const Decision& d : blocks) {
    std::string key = DedupeKey(d.text);
    if (key.empty() || !on_page.insert(key).second) continue;
    page.lines.push_back({std::move(key), d.text, d.kept});
  }
  return page;
}

void TemplateLearner::AddPage(const PageLines& page) {
  ++pages_;
  const std::vector<bool> inside = Interior(page, seen_);
  for (std::size_t i = 0; i < page.lines.size(); ++i) {
    TemplateLine& t = seen_[page.lines[i].key];
    if (t.pages == 0) t.text = page.lines[i].text;
    ++t.pages;
    t.interior += inside[i];
  }
  if (seen_.size() > tunables::kTemplateMaxLines) Forget();
}

double TemplateLearner::Overlap(const PageLines& page) const {
  std::size_t seen = 0, dropped = 0;
  for (const PageLines::Line& l : page.lines)
    if (!l.kept) ++dropped, seen += seen_.count(l.key);
  return dropped ? static_cast<double>(seen) / static_cast<double>(dropped) : 0.0;
}

std::size_t TemplateClusters::AddPage(const std::vector<Decision>& blocks) {
  const PageLines page = ReadPage(blocks);
  std::size_t best = learners_.size();
  double best_overlap = tunables::kTemplateJoinShare;
  for (std::size_t i = 0; i < learners_.size(); ++i)
    if (double o = learners_[i].Overlap(page); o >= best_overlap) best = i, best_overlap = o;
  if (best == learners_.size()) learners_.emplace_back();
  learners_[best].AddPage(page);
  return best;
}

void TemplateLearner::Forget() {
  for (auto it = seen_.begin(); it != seen_.end();) it = it->second.pages == 1 ? seen_.erase(it) : std::next(it);
}

std::vector<TemplateLine> TemplateLearner::Learn() const {
  std::vector<TemplateLine> out;
  if (pages_ < tunables::kTemplateMinPages) return out;
  const std::size_t min_pages = TemplateMinPages(pages_);
  for (const auto& [key, t] : seen_)
    if (t.pages >= min_pages && !ArticleSentence(t, key)) out.push_back(t);
  // Most widespread first, then by text: the same batch learns the same list.
  std::sort(out.begin(), out.end(), [](const TemplateLine& a, const TemplateLine& b) {
    return a.pages != b.pages ? a.pages > b.pages : a.text < b.text;
  });
  return out;
}

std::size_t TemplateMinPages(std::size_t pages) {
  return std::max(tunables::kTemplateMinPages,
                  static_cast<std::size_t>(std::ceil(tunables::kTemplateMinShare * static_cast<double>(pages))));
}

Vocabulary WithTemplate(const Vocabulary& base, const std::vector<TemplateLine>& lines, std::string_view site,
                        std::size_t pages) {
  Vocabulary v = base;
  for (const TemplateLine& t : lines)
    v.AddMarker(Marker{Concept::kTemplate, t.text,
                       "template of " + std::string(site) + ": on " + std::to_string(t.pages) + " of " +
                           std::to_string(pages) + " pages"});
  return v;
}

std::vector<TemplateLine> TemplateLearner::Recurring() const {
  std::vector<TemplateLine> out;
  for (const auto& [key, t] : seen_)
    if (t.pages >= 2) out.push_back(t);
  std::sort(out.begin(), out.end(), [](const TemplateLine& a, const TemplateLine& b) { return a.text < b.text; });
  return out;
}

TemplateLearner TemplateLearner::Resume(std::size_t pages, const std::vector<TemplateLine>& lines) {
  TemplateLearner l;
  l.pages_ = pages;
  for (const TemplateLine& t : lines)
    if (std::string key = DedupeKey(t.text); !key.empty()) l.seen_[key] = t;
  return l;
}

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

std::string TemplateClusters::ToToml() const {
  std::string out = "# sach's learned templates of one site (src/template.h)\n";
  for (const TemplateLearner& l : learners_) {
    out += "\n[[template]]\npages = " + std::to_string(l.Pages()) + "\nlines = [\n";
    for (const TemplateLine& t : l.Recurring())
      out += "  { text = " + TomlString(t.text) + ", pages = " + std::to_string(t.pages) +
             ", interior = " + std::to_string(t.interior) + " },\n";
    out += "]\n";
  }
  return out;
}

Result<TemplateClusters> TemplateClusters::FromToml(std::string_view text) {
  toml::table root;
  try {  // toml++ reports syntax errors by exception: caught here, a value outside
    root = toml::parse(text);
  } catch (const toml::parse_error& e) {
    return Fail("learned templates: " + std::string(e.description()));
  }
  TemplateClusters out;
  const toml::array* templates = root["template"].as_array();
  if (!templates) return out;
  for (const toml::node& node : *templates) {
    const toml::table* t = node.as_table();
    if (!t) return Fail("learned templates: a template is not a table");
    const auto pages = static_cast<std::size_t>((*t)["pages"].value_or(std::int64_t{0}));
    std::vector<TemplateLine> lines;
    if (const toml::array* a = (*t)["lines"].as_array())
      for (const toml::node& l : *a) {
        const toml::table* row = l.as_table();
        if (!row) continue;
        lines.push_back({std::string((*row)["text"].value_or(std::string_view{})),
                         static_cast<std::size_t>((*row)["pages"].value_or(std::int64_t{0})),
                         static_cast<std::size_t>((*row)["interior"].value_or(std::int64_t{0}))});
      }
    out.learners_.push_back(TemplateLearner::Resume(pages, lines));
  }
  return out;
}

const Vocabulary& SiteTemplate::Over(const Vocabulary& base) const {
  std::lock_guard lock(mu_);
  std::unique_ptr<Vocabulary>& v = made_[&base];
  if (v) return *v;
  v = std::make_unique<Vocabulary>(WithTemplate(base, lines, site, pages));
  auto add = [&](const std::vector<LearnedSelector>& from, const char* kind, auto& to) {
    for (const LearnedSelector& l : from)
      if (Result<Selector> sel = Selector::Parse(l.text))
        to.push_back({std::move(*sel), "template of " + site,
                      std::string("learned ") + kind + " selector '" + l.text + "' (template of " + site + ": on " +
                          std::to_string(l.pages) + " of " + std::to_string(pages) + " pages)"});
  };
  add(keep, "keep", v->keep);
  add(drop, "drop", v->drop);
  return *v;
}

}  // namespace sach
