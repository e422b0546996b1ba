// The pipeline: each stage is a function in its own file; this reads as the list.
#include "sach/clean.h"

#include "sach/dump.h"
#include "sach/html.h"

namespace sach {

Result<Cleaned> Clean(const Document& doc, const Rules& rules, Trace* trace, const CleanOptions& options) {
  // Stage 1: bytes -> UTF-8. Dumps are normalised to NFC whole; a page only
  // in what it keeps (most of a page is markup), see below.
  Result<Decoded> decoded = Decode(doc.bytes, doc.charset, /*nfc=*/false);
  if (!decoded) return decoded.error();

  Cleaned out;
  out.charset = decoded->charset;
  out.replaced = decoded->replaced;
  out.kind = DetectKind(decoded->text);
  if (out.kind == InputKind::kText) ToNfc(decoded->text);
  // Per-site rules: by the URL; a page without one names itself (canonical),
  // a dump by its template's lines (fingerprint).
  // A page fetched through a mirror or a test server (a URL no site file
  // knows) still names its site in its canonical URL.
  const Vocabulary* chosen = &rules.For(doc.url, out.kind == InputKind::kHtml ? std::string_view{} : decoded->text);
  if (out.kind == InputKind::kHtml && chosen->site.empty()) chosen = &rules.For(SniffPageUrl(decoded->text), {});
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
  }
  if (out.article.paragraphs.empty())
    return Fail(out.kind == InputKind::kHtml ? "no article text found in the HTML"
                                             : "no article text found in the dump");
  if (out.article.meta.url.empty()) out.article.meta.url = doc.url;
  return out;
}

}  // namespace sach
