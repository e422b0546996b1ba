// The whole pipeline (sach::Clean) for the html and dump targets: rules loaded
// once from the source tree, options taken from the input's first byte, and
// the documented shape of a result checked.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz_common.h"
#include "sach/article.h"
#include "sach/clean.h"
#include "vocabulary.h"
#include "sach/write.h"

namespace sach_fuzz {

inline const sach::Rules& LoadedRules() {
  static const sach::Rules* rules = [] {
    sach::Result<sach::Rules> r = sach::Rules::Load(SACH_DEFAULT_RULES_DIR);
    if (!r) {
      std::fprintf(stderr, "fuzz: cannot load %s: %s\n", SACH_DEFAULT_RULES_DIR, r.error().message.c_str());
      std::abort();
    }
    return new sach::Rules(std::move(*r));
  }();
  return *rules;
}

// Where a document may say it came from: no URL, a URL no site file knows,
// and each site with rules of its own (site selectors, extra phrases).
inline std::string_view UrlFor(unsigned k) {
  static constexpr std::string_view kUrls[] = {
      "",
      "https://example.com/a/b.html",
      "https://baocantho.com.vn/tin-tuc-a123.html",
      "https://baochinhphu.vn/bai-viet-102240405.htm",
      "https://baotintuc.vn/thoi-su/bai-20240405.htm",
      "https://bocongan.gov.vn/bai-viet/tin-tuc-1712345",
      "https://www.vietnamplus.vn/bai-viet-post123.vnp",
      "https://vtcnews.vn/bai-viet-ar123.html",
  };
  return kUrls[k % (sizeof kUrls / sizeof kUrls[0])];
}

// Options byte: bits 0-2 the URL, bit 3 a trace, bit 4 captions off,
// bit 5 a windows-1258 charset header (bits 6-7 are the caller's).
inline void CleanAndCheck(std::string bytes, std::uint8_t options) {
  sach::Document doc;
  doc.name = "fuzz";
  doc.bytes = std::move(bytes);
  doc.url = std::string(UrlFor(options & 7));
  if (options & 32) doc.charset = "windows-1258";
  sach::Trace trace;
  sach::CleanOptions clean;
  clean.captions = !(options & 16);

  sach::Result<sach::Cleaned> c = sach::Clean(doc, LoadedRules(), (options & 8) ? &trace : nullptr, clean);
  if (!c) return;
  const sach::Article& a = c->article;
  SACH_FUZZ_CHECK(!a.paragraphs.empty());  // Clean fails rather than return no text
  for (const std::string& p : a.paragraphs) {
    SACH_FUZZ_CHECK(!p.empty());
    SACH_FUZZ_CHECK(IsValidUtf8(p));
  }
  const sach::Metadata& m = a.meta;
  for (const std::string* f : {&m.title, &m.date, &m.author, &m.source, &m.url, &m.site})
    SACH_FUZZ_CHECK(IsValidUtf8(*f));
  for (const sach::Decision& d : trace.blocks) SACH_FUZZ_CHECK(IsValidUtf8(d.text));
  // The write stage on what came out (YAML quoting, JSON escaping).
  std::string text = sach::FormatText(a);
  std::string json = sach::FormatJsonLine(a, doc.name);
  SACH_FUZZ_CHECK(IsValidUtf8(text));
  SACH_FUZZ_CHECK(IsValidUtf8(json));
  // One shape per paragraph when there are shapes (markdown reads them so).
  SACH_FUZZ_CHECK(a.shapes.empty() || a.shapes.size() == a.paragraphs.size());
  SACH_FUZZ_CHECK(IsValidUtf8(sach::FormatMarkdown(a)));
}

}  // namespace sach_fuzz
