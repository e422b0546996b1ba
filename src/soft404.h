// Soft 404: a page answered with 200 that says the article is not there
// ("Không tìm thấy trang", "Page not found"). Told by the rules' [not_found]
// phrases in its title or text, and by how little text it has. Usage:
//   if (auto phrase = NotFoundPhrase(article, vocab)) fail as gone;
#pragma once
#include <optional>
#include <string>

#include "sach/article.h"
#include "vocabulary.h"

namespace sach {

// The [not_found] phrase (as folded) the page's title or text holds when its
// text is short enough to be an error page; nullopt otherwise.
std::optional<std::string> NotFoundPhrase(const Article& a, const Vocabulary& v);

}  // namespace sach
