// Metadata stage: recognising the lines that carry an article's title,
// byline and credited source. Dates are matched by the rules' date shapes
// (Vocabulary::MatchDateLine). Usage:
//   if (auto b = ParseByline("Tâm Hằng (TTXVN)", vocab)) { b->author; b->source; }
//   if (auto s = ParseSourceLine("Theo CHINHPHU.VN", vocab)) meta.source = *s;
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "sach/rules.h"

namespace sach {

struct Byline {
  std::string author;  // names as printed: "Lã Hoàn - Nguyễn Anh", "P.Y"
  std::string source;  // an agency credited with them: "TTXVN"
};

// A short line of names: "Công Tuấn", "Lã Hoàn - Nguyễn Anh", "Tin, ảnh: P.Y",
// "Tâm Hằng (TTXVN)". Sentences, captions and headlines are not bylines.
std::optional<Byline> ParseByline(std::string_view line, const Vocabulary& v);

// "Theo CHINHPHU.VN", "Nguồn: Báo Nhân Dân" -> the outlet's name.
std::optional<std::string> ParseSourceLine(std::string_view line, const Vocabulary& v);

// A line that can be an article's title: short, one sentence or none, no
// photo credit, not a date or a boilerplate marker.
bool LooksLikeTitle(std::string_view line, const Vocabulary& v);

}  // namespace sach

// --- HTML pages -------------------------------------------------------------
#include <utility>
#include <vector>

namespace sach {

class ParsedHtml;
struct PageTree;
struct Metadata;

using Origins = std::vector<std::pair<std::string, std::string>>;  // key -> where it came from

// Title, date, author, url and site from the page's markup: Open Graph and
// article:* meta tags, JSON-LD, <time datetime>, <h1>, <title> (minus the
// site-name suffix), <link rel=canonical>. Fields not found stay empty; the
// cleanup stage fills them from the article's own lines.
Metadata HtmlMetadata(const ParsedHtml& page, const PageTree& t, const Vocabulary& v, Origins* origins);

// The byline, date and source printed around the article (within a few
// levels of the top-scored element `top`): a visible byline beats markup
// (sites put a full name in JSON-LD and print the one readers know), a visible
// date with a time beats a markup date without one.
void ArticleMetadata(const PageTree& t, int top, const Vocabulary& v, Metadata& m, Origins* origins);

// "(TTXVN/Vietnam+)": a credited agency alone in brackets.
std::optional<std::string> ParseAgencyLine(std::string_view line, const Vocabulary& v);

// An ISO 8601 date-time from markup ("2026-06-25T09:19:00Z") in the form sach
// writes, the time moved to the rules' time zone: "2026-06-25T16:19+07:00".
// Falls back on the rules' date shapes for other spellings; nullopt if neither.
std::optional<std::string> NormalizeDate(std::string_view s, const Vocabulary& v);

// `title` without a site-name suffix or prefix ("Headline | Site", "Site - Headline").
std::string StripSiteName(std::string_view title, std::string_view site);

}  // namespace sach
