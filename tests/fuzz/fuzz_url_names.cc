// URLs from pages and configs -> what the crawler resolves, dedupes and
// names files after: ResolveUrl / NormalizeUrl (and the parts taken from
// them), UrlFileName (fetch.h), ArticleSlug (crawl.h) and RawPath (keep_raw.h).
// Input: one option byte (which base URL), then a URL or href; a line break
// splits it into a base and a reference.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "url.h"
#include "fuzz_common.h"
#include "sach/crawl.h"
#include "sach/fetch.h"
#include "keep_raw.h"
#include "tunables.h"

namespace {

bool OnlyChars(const std::string& s, bool dots_and_underscores) {
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
              (dots_and_underscores && (c == '.' || c == '_'));
    if (!ok) return false;
  }
  return true;
}

void CheckName(const std::string& name, bool file_name) {
  SACH_FUZZ_CHECK(!name.empty());
  SACH_FUZZ_CHECK(name != "." && name != "..");
  SACH_FUZZ_CHECK(OnlyChars(name, file_name));
  SACH_FUZZ_CHECK(name.size() <= (file_name ? sach::tunables::kMaxUrlFileName : sach::tunables::kMaxSlugBytes));
}

void CheckUrl(const std::string& u) {
  if (u.empty()) return;
  SACH_FUZZ_CHECK(u.rfind("http://", 0) == 0 || u.rfind("https://", 0) == 0);
  SACH_FUZZ_CHECK(sach::NormalizeUrl(u) == u);  // normalised: normalising again changes nothing
}

// A kept page's path: relative, each part a name of [a-z0-9._@-], none
// hidden, "." or "..": it never leaves the --keep-raw folder.
void CheckRawPath(const std::string& path) {
  SACH_FUZZ_CHECK(!path.empty() && path.front() != '/');
  for (std::size_t at = 0; at <= path.size();) {
    std::size_t end = std::min(path.find('/', at), path.size());
    std::string part = path.substr(at, end - at);
    SACH_FUZZ_CHECK(!part.empty() && part.front() != '.');
    for (char c : part) SACH_FUZZ_CHECK(OnlyChars(std::string(1, c), true) || c == '@');
    at = end + 1;
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  sach_fuzz::Quiet();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  sach_fuzz::Input in(data, size);
  std::string_view url = in.rest;

  std::string n = sach::NormalizeUrl(url);
  CheckUrl(n);
  CheckName(sach::UrlFileName(url), true);
  CheckName(sach::ArticleSlug(std::string(url)), false);
  CheckRawPath(sach::RawPath(url));
  if (!n.empty()) {
    CheckName(sach::UrlFileName(n), true);
    CheckName(sach::ArticleSlug(n), false);
    (void)sach::UrlHost(n);
    (void)sach::UrlOrigin(n);
    SACH_FUZZ_CHECK(sach::UrlPathQuery(n).rfind('/', 0) == 0);
  }
  (void)sach::UrlHost(url);
  (void)sach::UrlOrigin(url);
  (void)sach::UrlPathQuery(url);

  // A reference resolved against a fixed page, or against the input's first line.
  static constexpr std::string_view kBases[] = {
      "https://bocongan.gov.vn/tin-tuc/", "http://a.vn", "https://a.vn:8443/x/y.html?q=1#f", "", "not a url",
  };
  CheckUrl(sach::ResolveUrl(kBases[in.options % 5], url));
  if (std::size_t nl = url.find('\n'); nl != std::string_view::npos)
    CheckUrl(sach::ResolveUrl(url.substr(0, nl), url.substr(nl + 1)));
  return 0;
}
