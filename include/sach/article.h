// The data that flows through the pipeline: a Document (bytes and what is
// known about them) goes in, an Article (metadata + paragraphs) comes out.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sach/limits.h"

namespace sach {

struct SiteTemplate;  // src/template.h

// Input to the cleaner. Tests and the fetcher build these directly; the CLI
// fills them from files, so no stage touches the disk.
struct Document {
  std::string name;     // for messages: a path, "-" for stdin, or a URL
  std::string bytes;    // raw, possibly not UTF-8; already gunzipped
  std::string url;      // where it came from, when known
  std::string charset;  // from an HTTP Content-Type header, when known
};

struct Metadata {
  std::string title;
  std::string date;    // ISO 8601: 2024-04-05, 2023-02, 2021-09-30T08:20+07:00
  std::string author;
  std::string source;  // the outlet the article credits ("Theo CHINHPHU.VN")
  std::string url;
  std::string site;
};

// Choices a user makes about the output, the same for every input.
struct CleanOptions {
  // Photo captions are article text by the labelling rules of samples/ (each
  // printed once); some uses (and the public AEB benchmark) want them out.
  bool captions = true;
  // Hard limits (defaults and reasons in tunables.h; flags override them).
  double max_seconds = tunables::kMaxSecondsPerPage;  // per input; 0: none
  std::size_t max_dump_lines = tunables::kMaxDumpLines;
  std::size_t max_line_bytes = tunables::kMaxDumpLineBytes;
  std::size_t max_open_elements = tunables::kMaxOpenElements;
  // `clean --learn`: the template learned from the other pages of the input's
  // site (internal; an embedder leaves it empty).
  std::shared_ptr<const SiteTemplate> learned;
};

// What a paragraph was on the page, for an output that keeps the structure
// (markdown); the text output does not read it.
struct Shape {
  enum Kind : std::uint8_t { kParagraph, kHeading, kListItem, kTableRow, kQuote, kCode };
  Kind kind = kParagraph;
  std::uint8_t level = 0;  // kHeading: 1-6, as <h1>-<h6>
  bool first_row = false;  // kTableRow: the first kept row of its table (its cells joined by tabs)
  std::uint32_t ordinal = 0;  // kListItem of an <ol>: the number it shows; 0 for other items
};

struct Article {
  Metadata meta;
  std::vector<std::string> paragraphs;  // NFC UTF-8, whitespace folded, non-empty
  // One per paragraph for HTML; empty when the input tells nothing (a dump):
  // every paragraph a plain one.
  std::vector<Shape> shapes;
};

}  // namespace sach

namespace sach {

// Why each block of the input was kept or dropped, and where each metadata
// value came from: what `sach explain` prints and `sach check` reports.
struct Decision {
  std::size_t line = 0;  // 1-based line of the input the block starts on
  std::string text;
  bool kept = false;
  std::string why;       // "body", "title -> metadata", "share marker \"In\" (rules/default.toml:24)"
  int element = -1;      // HTML: the element's index in document order (0 for dumps' lines)
  std::string path;      // HTML: where the element sits, as a selector would name it: "div#main.article > p"
  // Dumps: the reason a whole run of lines shares ("after the end of the
  // article (line 44: ...)"); explain prints such a run as one entry.
  std::string run;
};

struct Trace {
  std::vector<Decision> blocks;                              // in document order
  std::string article;  // HTML: where the article was found, as a selector would name it: "div#main"
  std::vector<std::pair<std::string, std::string>> origins;  // metadata key -> where it came from
};

}  // namespace sach
