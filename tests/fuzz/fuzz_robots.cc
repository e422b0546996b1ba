// robots.txt: the parser, then Allowed() on fixed paths and on paths taken
// from the input (the values of its lines, as a crawler would meet them).
// Input: a robots.txt body.
#include <cstddef>
#include <cstdint>
#include <string>

#include "robots.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  sach_fuzz::Quiet();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view body = sach_fuzz::AsView(data, size);
  sach::Robots r = sach::Robots::Parse(body, "sach");
  // RFC 9309 2.3.1.3 (and robots.h): /robots.txt itself is always allowed.
  SACH_FUZZ_CHECK(r.Allowed("/robots.txt"));
  (void)r.crawl_delay_seconds();
  (void)r.sitemaps();
  for (std::string_view p : {"/", "", "/a/b.html?x=1", "/%7Euser/", "/~user/", "/tin-t%E1%BB%A9c", "/*$"})
    (void)r.Allowed(p);
  std::size_t start = 0;
  for (int n = 0; n < 32 && start < body.size(); ++n) {
    std::size_t end = std::min(body.find('\n', start), body.size());
    std::string_view line = body.substr(start, end - start);
    start = end + 1;
    std::size_t colon = line.find(':');
    std::string_view value = colon == std::string_view::npos ? line : line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    (void)r.Allowed(value);
    (void)r.Allowed("/" + std::string(value));
  }
  return 0;
}
