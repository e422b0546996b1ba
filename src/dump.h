// Dump stage: cleaning text and markdown dumps left by naive scrapers — menus,
// share bars, related-news lists, captions printed twice — into an Article.
// Usage:
//   const Vocabulary& v = rules.For(doc.url, text);
//   Article a = CleanDump(text, v, &trace);   // trace may be null
#pragma once
#include <string_view>

#include "sach/article.h"
#include "vocabulary.h"

namespace sach {

Article CleanDump(std::string_view text, const Vocabulary& v, Trace* trace = nullptr);

// One markdown line as text: links keep their text, images, heading marks,
// emphasis and escapes go ("* [Tin tức](/tin)" -> "* Tin tức").
std::string MarkdownText(std::string_view line);

}  // namespace sach
