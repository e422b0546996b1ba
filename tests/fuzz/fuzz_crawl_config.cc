// The crawl config parser (TOML, URLs, ICU URL patterns) and what the crawler
// asks of a parsed config: article / listing patterns, allowed hosts.
// Input: a crawl config file.
#include <cstddef>
#include <cstdint>

#include "url.h"
#include "fuzz_common.h"
#include "sach/crawl_config.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  sach_fuzz::Quiet();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  sach::Result<sach::CrawlConfig> c = sach::CrawlConfig::Parse(sach_fuzz::AsView(data, size), "fuzz.toml");
  if (!c) {
    SACH_FUZZ_CHECK(!c.error().message.empty());
    return 0;
  }
  static const std::string kUrls[] = {
      "https://bocongan.gov.vn/bai-viet/tin-tuc-1712345",
      "https://baochinhphu.vn/chinh-tri.htm",
      "http://example.com/a?page=2",
  };
  for (const sach::CrawlSite& s : c->sites) {
    (void)s.HasArticlePatterns();
    int n = 0;
    for (const std::string& u : s.start) {
      if (++n > 8) break;
      (void)s.IsArticle(u);
      (void)s.IsListing(u);
      (void)s.AllowedHost(sach::UrlHost(u));
    }
    for (const std::string& u : kUrls) {
      (void)s.IsArticle(u);
      (void)s.IsListing(u);
      (void)s.AllowedHost(sach::UrlHost(u));
    }
  }
  return 0;
}
