// Cleanup stage: the HTML route hands its blocks to the line stage (lines.h),
// shared with dumps. Inside the extracted article, what is still not article
// text. Related-news boxes ("Tin liên quan" and the links after it), share and
// tag bars, the title printed again, date/byline/source lines (moved to the
// metadata), captions printed twice and repeated paragraphs. The line tests are
// the dump cleaner's (rules' markers, ParseByline, CompareCaptions), so HTML
// and dumps agree. Usage:
//   CleanupArticle(blocks, vocab, meta, &origins);   // clears Block::kept
#pragma once
#include <vector>

#include "blocks.h"
#include "sach/article.h"
#include "metadata.h"

namespace sach {

// With `captions` false, caption blocks (figcaption, caption classes) go too.
void CleanupArticle(std::vector<Block>& blocks, const Vocabulary& v, Metadata& meta, Origins* origins,
                    bool captions = true);

}  // namespace sach
