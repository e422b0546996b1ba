// Link discovery: HTML listing pages, RSS/Atom feeds, sitemaps and sitemap
// indexes (told apart by their content). Input: a response body.
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_set>

#include "links.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  sach_fuzz::Quiet();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  sach::Links l = sach::ExtractLinks(sach_fuzz::AsView(data, size), "https://bocongan.gov.vn/tin-tuc/");
  // links.h: absolute, http(s) only, each URL once.
  std::unordered_set<std::string> seen;
  for (const sach::Link& k : l.links) {
    SACH_FUZZ_CHECK(k.url.rfind("http://", 0) == 0 || k.url.rfind("https://", 0) == 0);
    SACH_FUZZ_CHECK(seen.insert(k.url).second);
  }
  return 0;
}
