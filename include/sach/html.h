// HTML route: pages parsed with Gumbo. This is the baseline extractor (title
// from <h1>/<title>, text of paragraph-level elements outside page chrome);
// the scored pipeline (prune, score, in-article cleaning) replaces it.
// Usage:
//   Result<Article> a = CleanHtml(utf8_html, vocab, &trace);
#pragma once
#include <string_view>

#include "sach/article.h"
#include "sach/result.h"
#include "sach/rules.h"

namespace sach {

Result<Article> CleanHtml(std::string_view html, const Vocabulary& v, Trace* trace = nullptr);

}  // namespace sach
