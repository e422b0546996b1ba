// The pipeline in one call: decode -> detect kind -> (dump cleaner | HTML
// extractor) -> metadata defaults. Usage:
//   Result<Cleaned> c = Clean(doc, rules);
//   if (c) std::cout << FormatText(c->article); else report(doc.name, c.error());
#pragma once
#include <string>

#include "sach/article.h"
#include "sach/decode.h"
#include "sach/result.h"
#include "sach/rules.h"

namespace sach {

struct Cleaned {
  Article article;
  InputKind kind = InputKind::kText;
  std::string charset;
  std::size_t replaced = 0;  // invalid byte sequences replaced while decoding
  std::string site;          // the site rules used, empty for the default rules
};

// Fails (as a value) on empty or binary input, and when no article text is
// found. Never throws.
// Fails too when the input breaks a limit of `options` (dump lines, time).
Result<Cleaned> Clean(const Document& doc, const Rules& rules, Trace* trace = nullptr,
                      const CleanOptions& options = {});

// The stages without the time limit (Clean sets it and checks it).
Result<Cleaned> CleanStages(const Document& doc, const Rules& rules, Trace* trace, const CleanOptions& options);

}  // namespace sach
