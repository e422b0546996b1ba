// `sach explain`: why each block of an input was kept or dropped, and where
// each metadata value came from, in document order. Usage:
//   Result<std::string> report = Explain(doc, rules);
#pragma once
#include <string>

#include "sach/article.h"
#include "sach/result.h"
#include "sach/rules.h"

namespace sach {

// A plain-text report: a header line (kind, charset, site rules), the
// metadata with their origins, then one line per block: its position (input
// line for dumps, element number for HTML), kept/dropped, why, and its text.
// A dump's run of dropped lines that share one reason (before the article
// region, after the end of the article) is one entry naming its lines, unless
// `every_line`. Fails as Clean does (empty, binary, no article text); when
// blocks were read but none kept, `dropped` (if given) receives the blocks'
// part of the report: why each one went.
Result<std::string> Explain(const Document& doc, const Rules& rules, const CleanOptions& options = {},
                            bool every_line = false, std::string* dropped = nullptr);

}  // namespace sach
