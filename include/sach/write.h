// Write stage: an Article as text with YAML front matter, or as one JSON line;
// files are written to a temp file and renamed, so a crash never leaves half
// a file. Usage:
//   std::string out = FormatText(article);
//   Status st = WriteFileAtomic("out/page.txt", out);
#pragma once
#include <string>
#include <utility>
#include <vector>
#include <string_view>

#include "sach/article.h"
#include "sach/result.h"

namespace sach {

// A YAML plain scalar when that reads back as the same string, else a
// double-quoted one: values with ": " or " #", a leading indicator, leading or
// trailing spaces, or words YAML would read as bool/null/number/date.
std::string YamlScalar(std::string_view v);

// ---\ntitle: …\ndate: …\n---\n\nparagraph\n\nparagraph\n
// Keys in the order title, date, author, source, url, site; empty ones left out.
// `date` is always double-quoted ("2024-04-05"), so every reader gets a string.
std::string FormatText(const Article& a);

// The YAML front matter alone: ---\ntitle: …\n---\n, as FormatText starts.
std::string FormatFrontMatter(const Metadata& m);

// A markdown document: the front matter (Hugo, Jekyll and pandoc read it),
// "# Title", then the body with the structure Article::shapes records:
// headings as ##…, list items as "- ", table rows as a GitHub-flavoured table
// (the first row its header), quotes as "> ", <pre> as a fenced block. A
// character that would start markdown structure at a line's start is escaped.
std::string FormatMarkdown(const Article& a);

// {"title":…,"date":…,…,"text":"p1\n\np2"} and a newline; `input` is added as
// "input" when not empty, so lines can be traced back to their files.
// `extra` fields follow "input" (a web archive's record: "warc_record_id",
// "warc_date").
std::string FormatJsonLine(const Article& a, std::string_view input = {},
                           const std::vector<std::pair<std::string_view, std::string_view>>& extra = {});

std::string JsonString(std::string_view s);

// CSV (RFC 4180): the header row, then one row per article with these
// columns: a field holding `,` `"` or a line break is quoted, `"` doubled;
// the text is the paragraphs joined by "\n" (inside the quoted field); rows
// end in CRLF.
inline constexpr std::string_view kCsvHeader = "url,title,date,author,source,site,text\r\n";
std::string FormatCsvRow(const Article& a);
std::string CsvField(std::string_view s);

// Writes `content` to `path` via a temp file in the same directory and
// rename(2); parent directories are created. Unless `replace`, an existing
// `path` is left as it is and the write fails.
Status WriteFileAtomic(const std::string& path, std::string_view content, bool replace = true);

// The first half of WriteFileAtomic: `content` in a new temp file beside
// `path` (PATH.tmp-XXXXXX, parent directories created), whose name is returned.
Result<std::string> WriteTemp(const std::string& path, std::string_view content);

// Moves the finished temp file `tmp` to `path` (replacing it, or failing when
// it exists unless `replace`); `tmp` is gone afterwards either way.
Status Publish(const std::string& tmp, const std::string& path, bool replace);

}  // namespace sach
