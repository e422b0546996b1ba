// Pages kept as fetched (`sach fetch --keep-raw DIR`, `sach crawl
// --keep-raw DIR`): each response body gzipped under DIR at a path mirroring
// its URL, the URL and charset in the gzip header's comment, so `sach clean
// DIR` and `sach explain FILE` clean it again, offline, as it was cleaned when
// fetched. `zcat` gives the bytes as the server sent them. Usage:
//   Status st = KeepRaw("raw", f->url, f->body, f->charset, /*replace=*/false);
#pragma once
#include <string>
#include <string_view>

#include "sach/result.h"

namespace sach {

// DIR-relative path of a URL's kept page: host (port as "-8080"), then each
// path segment, as [a-z0-9._-] runs; "index" for a path ending in "/"; a
// query folded into the last name as "@" its runs and a hash of the query as
// sent (runs alone could make two queries one name); ".html.gz" added (".gz"
// after a name ending in .html/.htm). Nothing in a URL leaves DIR.
std::string RawPath(std::string_view url);

// `body` gzipped, the URL and charset in the header's comment (FormatOrigin).
Result<std::string> GzipPage(std::string_view body, const std::string& url, const std::string& charset);

// Writes DIR/RawPath(url) via a temp file and rename(2). A file there with the
// same page (bytes and URL) is left as it is; one with other content is
// replaced only when `replace` (--overwrite for fetch; a crawl replaces a page
// that changed), else it stays and the call fails ("… exists").
Status KeepRaw(const std::string& dir, const std::string& url, std::string_view body, const std::string& charset,
               bool replace);

}  // namespace sach
