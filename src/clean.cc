// The pipeline: each stage is a function in its own file; this reads as the list.
#include "sach/clean.h"

#include "dump.h"
#include "html.h"
#include "soft404.h"
#include "template.h"
#include "watchdog.h"

#include <cstdio>

namespace sach {

namespace {

// Dumps past the line limits are not article dumps (and would cost memory
// and time out of proportion): refused with the limit named.
Status CheckDumpLimits(std::string_view text, const CleanOptions& o) {
  std::size_t lines = 0, start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++lines;
    if (end - start > o.max_line_bytes)
      return Fail("line " + std::to_string(lines) + " is longer than " + std::to_string(o.max_line_bytes >> 10) +
                  " KiB (--max-line-kb): not a text dump");
    if (lines > o.max_dump_lines)
      return Fail("more than " + std::to_string(o.max_dump_lines) + " lines (--max-lines): not an article dump");
    start = end + 1;
  }
  return Ok{};
}

}  // namespace

Result<Cleaned> Clean(const Document& doc, const Rules& rules, Trace* trace, const CleanOptions& options) {
  PageDeadline deadline(options.max_seconds);
  Result<Cleaned> c = CleanStages(doc, rules, trace, options);
  if (PastDeadline()) {
    char limit[32];
    std::snprintf(limit, sizeof limit, "%g", options.max_seconds);
    return Fail(std::string("took longer than ") + limit + " s (--max-seconds): skipped");
  }
  return c;
}

Result<Cleaned> CleanStages(const Document& doc, const Rules& rules, Trace* trace, const CleanOptions& options) {
  // Stage 1: bytes -> UTF-8. Dumps are normalised to NFC whole; a page only
  // in what it keeps (most of a page is markup), see below.
  Result<Decoded> decoded = Decode(doc.bytes, doc.charset, /*nfc=*/false);
  if (!decoded) return decoded.error();

  Cleaned out;
  out.charset = decoded->charset;
  out.replaced = decoded->replaced;
  out.kind = DetectKind(decoded->text);
  if (out.kind == InputKind::kText) {
    if (Status st = CheckDumpLimits(decoded->text, options); !st) return st.error();
    ToNfc(decoded->text);
  }
  // Per-site rules: by the URL; a page without one names itself (canonical),
  // a dump by its template's lines (fingerprint).
  // A page fetched through a mirror or a test server (a URL no site file
  // knows) still names its site in its canonical URL.
  const Vocabulary* chosen = &rules.For(doc.url, out.kind == InputKind::kHtml ? std::string_view{} : decoded->text);
  if (out.kind == InputKind::kHtml && chosen->site.empty()) chosen = &rules.For(SniffPageUrl(decoded->text), {});
  if (options.learned) chosen = &options.learned->Over(*chosen);
  const Vocabulary& vocab = *chosen;
  out.site = vocab.site;

  if (out.kind == InputKind::kHtml) {
    Result<Article> a = CleanHtml(decoded->text, vocab, trace, options);
    if (!a) return a.error();
    out.article = std::move(*a);
    for (auto& p : out.article.paragraphs) ToNfc(p);
    Metadata& m = out.article.meta;
    for (std::string* f : {&m.title, &m.date, &m.author, &m.source, &m.url, &m.site}) ToNfc(*f);
  } else {
    out.article = CleanDump(decoded->text, vocab, trace);
    if (PastDeadline()) return Fail("past the time limit");
  }
  if (auto phrase = NotFoundPhrase(out.article, vocab))
    return Fail("the page says it is not there (\"" + *phrase + "\"): a soft 404, no article", ErrorCode::kGone);
  if (out.article.paragraphs.empty())
    return Fail(out.kind == InputKind::kHtml ? "no article text found in the HTML"
                                             : "no article text found in the dump");
  if (out.article.meta.url.empty()) out.article.meta.url = doc.url;
  return out;
}

}  // namespace sach
