// Template stage: what repeats across many pages of one site is the site's
// furniture (menus, "most read" boxes, footers), never its articles. Learned
// from a batch's first pass, a template becomes markers of the site's
// vocabulary for the second pass, so the lines stage drops those lines on
// either route and explain names them ("template of HOST: on 14 of 15 pages").
// Usage:
//   TemplateLearner learner;
//   for (each page of the site) learner.AddPage(trace_of_its_first_clean);
//   Vocabulary v = WithTemplate(rules.For(url, text), learner.Learn(), "example.vn", learner.Pages());
#pragma once
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sach/article.h"
#include "vocabulary.h"

namespace sach {

struct TemplateLine {
  std::string text;          // as first printed
  std::size_t pages = 0;     // pages it is on
  std::size_t interior = 0;  // pages where the first pass kept it inside the article
};

class TemplateLearner {
 public:
  // One page's blocks in document order, as the first pass decided them.
  void AddPage(const std::vector<Decision>& blocks);
  // The lines that are the site's template: on at least kTemplateMinPages
  // pages and kTemplateMinShare of them, unless they read as the article's own
  // recurring sentence (a full sentence kept inside the article on most of
  // its pages: a ministry's standard closing line). Empty below
  // kTemplateMinPages pages.
  std::vector<TemplateLine> Learn() const;
  std::size_t Pages() const { return pages_; }

 private:
  void Forget();  // bounds memory: lines seen on one page only go
  std::unordered_map<std::string, TemplateLine> seen_;  // folded text -> counts
  std::size_t pages_ = 0;
};

// `base` with each template line added as a marker of concept kTemplate,
// origin "template of SITE: on K of N pages".
Vocabulary WithTemplate(const Vocabulary& base, const std::vector<TemplateLine>& lines, std::string_view site,
                        std::size_t pages);

// A learned template as CleanOptions::learned carries it to Clean: the
// vocabulary a page is cleaned with, plus the template, made once per
// vocabulary and shared by the threads of a batch.
struct SiteTemplate {
  std::string site;  // the host, or the folder the pages sit in
  std::size_t pages = 0;
  std::vector<TemplateLine> lines;

  const Vocabulary& Over(const Vocabulary& base) const;

 private:
  mutable std::mutex mu_;
  mutable std::map<const Vocabulary*, std::unique_ptr<Vocabulary>> made_;
};

}  // namespace sach
