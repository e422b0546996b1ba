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
#include "sach/result.h"
#include "vocabulary.h"

namespace sach {

struct TemplateLine {
  std::string text;          // as first printed
  std::size_t pages = 0;     // pages it is on
  std::size_t interior = 0;  // pages where the first pass kept it inside the article
};

// One page as the learner reads it: its distinct lines in order, folded,
// each with its text and whether the first pass kept it.
struct PageLines {
  struct Line {
    std::string key, text;
    bool kept = false;  // the first pass kept it
  };
  std::vector<Line> lines;
};
PageLines ReadPage(const std::vector<Decision>& blocks);

class TemplateLearner {
 public:
  // One page's blocks in document order, as the first pass decided them.
  void AddPage(const std::vector<Decision>& blocks) { AddPage(ReadPage(blocks)); }
  void AddPage(const PageLines& page);
  // The share of the page's dropped lines (the article's own lines never
  // recur, so they would only dilute it) this learner has seen on its pages:
  // high for a page of the same template (its menus, boxes, footer), near 0
  // for another site's page or a redesigned one.
  double Overlap(const PageLines& page) const;
  // The lines that are the site's template: on at least kTemplateMinPages
  // pages and kTemplateMinShare of them, unless they read as the article's own
  // recurring sentence (a full sentence kept inside the article on most of
  // its pages: a ministry's standard closing line). Empty below
  // kTemplateMinPages pages.
  std::vector<TemplateLine> Learn() const;
  std::size_t Pages() const { return pages_; }
  // What is worth keeping between runs: the lines on two pages or more.
  std::vector<TemplateLine> Recurring() const;
  // A learner that goes on from `pages` pages and their recurring lines.
  static TemplateLearner Resume(std::size_t pages, const std::vector<TemplateLine>& lines);

 private:
  void Forget();  // bounds memory: lines seen on one page only go
  std::unordered_map<std::string, TemplateLine> seen_;  // folded text -> counts
  std::size_t pages_ = 0;
};

// The pages of one site, split by template: a page joins the template whose
// lines it shares most (at least kTemplateJoinShare of its lines), else it
// starts one of its own. A redesign midway is learned as a second template,
// not mixed with the first; pages without a URL find their site this way.
class TemplateClusters {
 public:
  // The template the page joined (an index).
  std::size_t AddPage(const std::vector<Decision>& blocks);
  std::size_t Size() const { return learners_.size(); }
  const TemplateLearner& operator[](std::size_t i) const { return learners_[i]; }
  // As the crawl state keeps them: TOML, each [[template]] its pages and
  // recurring lines (text, pages, interior). FromToml reads it back.
  std::string ToToml() const;
  static Result<TemplateClusters> FromToml(std::string_view toml);

 private:
  std::vector<TemplateLearner> learners_;
};

// The pages a line (or an element's path) must be on to be template, of
// `pages`: kTemplateMinPages and kTemplateMinShare of them.
std::size_t TemplateMinPages(std::size_t pages);

// A TOML basic string: "text" with quotes, backslashes and controls escaped.
std::string TomlString(std::string_view s);

// `base` with each template line added as a marker of concept kTemplate,
// origin "template of SITE: on K of N pages".
Vocabulary WithTemplate(const Vocabulary& base, const std::vector<TemplateLine>& lines, std::string_view site,
                        std::size_t pages);

// A learned template as CleanOptions::learned carries it to Clean: the
// vocabulary a page is cleaned with, plus the template, made once per
// vocabulary and shared by the threads of a batch.
struct SiteTemplate {
  std::string site;  // for traces: the host, or the folder of its first page; "(template 2)" after a redesign
  std::string host;  // the site's host when its pages name one
  std::size_t pages = 0;
  std::vector<TemplateLine> lines;
  // HTML: selectors `sach learn` found and checked on the site's pages (the
  // article's element; elements holding template lines), applied as a site
  // file's [html] keep and drop would be.
  struct LearnedSelector {
    std::string text;
    std::size_t pages = 0;  // pages it held what it was learned from
  };
  std::vector<LearnedSelector> keep, drop;

  const Vocabulary& Over(const Vocabulary& base) const;

 private:
  mutable std::mutex mu_;
  mutable std::map<const Vocabulary*, std::unique_ptr<Vocabulary>> made_;
};

}  // namespace sach
