// HTML route: parse -> prune -> score -> blocks -> cleanup, metadata read
// alongside (README's pipeline). Fails only when the parser does; a page with
// no text gives an empty article (Clean turns that into an error). Usage:
//   Result<Article> a = CleanHtml(utf8_html, vocab, &trace);
#pragma once
#include <string>
#include <string_view>

#include "sach/article.h"
#include "sach/result.h"
#include "vocabulary.h"

namespace sach {

// The page's own URL, from <link rel="canonical"> or og:url in its <head>
// (searched as text, before parsing, to choose the site's rules); "" if none.
std::string SniffPageUrl(std::string_view html);

Result<Article> CleanHtml(std::string_view html, const Vocabulary& v, Trace* trace = nullptr,
                          const CleanOptions& options = {});

}  // namespace sach
