// The pipeline: each stage is a function in its own file; this reads as the list.
#include "sach/clean.h"

#include "sach/dump.h"
#include "sach/html.h"

namespace sach {

Result<Cleaned> Clean(const Document& doc, const Rules& rules, Trace* trace) {
  Result<Decoded> decoded = Decode(doc.bytes, doc.charset);  // stage 1: bytes -> NFC UTF-8
  if (!decoded) return decoded.error();

  Cleaned out;
  out.charset = decoded->charset;
  out.replaced = decoded->replaced;
  out.kind = DetectKind(decoded->text);
  const Vocabulary& vocab = rules.For(doc.url, decoded->text);  // per-site rules
  out.site = vocab.site;

  if (out.kind == InputKind::kHtml) {
    Result<Article> a = CleanHtml(decoded->text, vocab, trace);
    if (!a) return a.error();
    out.article = std::move(*a);
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
