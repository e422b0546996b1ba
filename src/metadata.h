// HTML metadata: title, date, author, url and site from a page's markup (meta
// tags, JSON-LD, <time>, <h1>, <title>), then the byline, date and source
// printed around the article (read with meta_lines.h). Usage:
//   Metadata m = HtmlMetadata(parsed, tree, vocab, &origins);
//   ArticleMetadata(tree, top, vocab, m, &origins);
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sach/article.h"
#include "vocabulary.h"

namespace sach {

class ParsedHtml;
struct PageTree;

using Origins = std::vector<std::pair<std::string, std::string>>;  // key -> where it came from

// Title, date, author, url and site from the page's markup: Open Graph and
// article:* meta tags, JSON-LD, <time datetime>, <h1>, <title> (minus the
// site-name suffix), <link rel=canonical>. Fields not found stay empty; the
// cleanup stage fills them from the article's own lines.
struct MarkupMetadata {
  Metadata meta;
  // The markup's date of the last change (article:modified_time, JSON-LD
  // dateModified, <time itemprop=dateModified>), as NormalizeDate writes it;
  // "" when none, or when a meta tag states the publication time (that date
  // stands whatever the page prints).
  std::string modified;
};
MarkupMetadata HtmlMetadata(const ParsedHtml& page, const PageTree& t, const Vocabulary& v, Origins* origins);

// The byline, date and source printed around the article (within a few
// levels of the top-scored element `top`): a visible byline beats markup
// (sites put a full name in JSON-LD and print the one readers know), a visible
// date with a time beats a markup date without one; elsewhere than on the
// rules' pages a byline element beats the markup only when it says "By", and
// never when it only adds a role to the markup's name; a printed date that is
// the day of `modified` (MarkupMetadata) dates the page by that change. Then,
// page-wide: a date or byline printed anywhere fills what is still missing,
// and `modified` a date the markup gave no other way.
void ArticleMetadata(const PageTree& t, int top, const Vocabulary& v, const std::string& modified, Metadata& m,
                     Origins* origins);

// The pages the rules are written for: in their language, or ruled by a
// site file. Their naive times are the rules' time zone, and an author
// naming the site is the outlet.
bool RulesPage(const PageTree& t, const Vocabulary& v);

// An ISO 8601 date-time from markup ("2026-06-25T09:19:00+02:00") in the form
// sach writes, with the offset it states ("2026-06-25T09:19+02:00", Z as
// "+00:00"); a naive time stays naive (Vocabulary::InZone gives it the rules'
// zone). Falls back on the rules' date shapes for other spellings; nullopt
// if neither.
std::optional<std::string> NormalizeDate(std::string_view s, const Vocabulary& v);

// `title` without a site-name suffix or prefix ("Headline | Site", "Site - Headline").
std::string StripSiteName(std::string_view title, std::string_view site);

// The site and section names `title` carries, case folded: `site`
// (og:site_name), then each part StripSiteName cuts off it in turn, after the
// first only at the same separator ("Headline | Section | Site" gives "site",
// "section"; "Headline – Subtitle | Site" only "site").
std::vector<std::string> TitleSiteNames(std::string_view title, std::string_view site);

// `headline` (an <h1>) without the parts that are among `names`
// (TitleSiteNames), cut as StripSiteName cuts: "Opinion | Headline", "Headline - Site".
std::string StripKnownSiteNames(std::string_view headline, const std::vector<std::string>& names);

}  // namespace sach
