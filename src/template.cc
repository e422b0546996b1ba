// Template stage: lines that repeat across a site's pages, learned from the
// first pass of a batch and applied as markers in the second.
#include "template.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "dedupe.h"
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

// Kept blocks between the first and the last kept one: the article's inside.
std::vector<bool> Interior(const std::vector<Decision>& blocks) {
  std::vector<bool> inside(blocks.size(), false);
  std::size_t first = blocks.size(), last = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i)
    if (blocks[i].kept) first = std::min(first, i), last = i;
  for (std::size_t i = first + 1; i < last; ++i) inside[i] = blocks[i].kept;
  return inside;
}

}  // namespace

void TemplateLearner::AddPage(const std::vector<Decision>& blocks) {
  ++pages_;
  const std::vector<bool> inside = Interior(blocks);
  std::unordered_set<std::string> on_page;  // a line counts once per page
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    std::string key = DedupeKey(blocks[i].text);
    if (key.empty() || !on_page.insert(key).second) continue;
    TemplateLine& t = seen_[key];
    if (t.pages == 0) t.text = blocks[i].text;
    ++t.pages;
    t.interior += inside[i];
  }
  if (seen_.size() > tunables::kTemplateMaxLines) Forget();
}

void TemplateLearner::Forget() {
  for (auto it = seen_.begin(); it != seen_.end();) it = it->second.pages == 1 ? seen_.erase(it) : std::next(it);
}

std::vector<TemplateLine> TemplateLearner::Learn() const {
  std::vector<TemplateLine> out;
  if (pages_ < tunables::kTemplateMinPages) return out;
  const auto min_pages = std::max(tunables::kTemplateMinPages,
                                  static_cast<std::size_t>(std::ceil(tunables::kTemplateMinShare * pages_)));
  for (const auto& [key, t] : seen_)
    if (t.pages >= min_pages && !ArticleSentence(t, key)) out.push_back(t);
  // Most widespread first, then by text: the same batch learns the same list.
  std::sort(out.begin(), out.end(), [](const TemplateLine& a, const TemplateLine& b) {
    return a.pages != b.pages ? a.pages > b.pages : a.text < b.text;
  });
  return out;
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

const Vocabulary& SiteTemplate::Over(const Vocabulary& base) const {
  std::lock_guard lock(mu_);
  std::unique_ptr<Vocabulary>& v = made_[&base];
  if (!v) v = std::make_unique<Vocabulary>(WithTemplate(base, lines, site, pages));
  return *v;
}

}  // namespace sach
