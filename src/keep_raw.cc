// Pages kept as fetched: a URL as a path below the --keep-raw folder, the
// body gzipped with its URL in the gzip header.
#include "keep_raw.h"

#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>

#include "text.h"
#include "sach/input.h"
#include "tunables.h"
#include "sach/write.h"

namespace sach {
namespace fs = std::filesystem;
namespace {

// A URL part as a file name: [a-z0-9._-] runs, no leading dots ("..",
// hidden files), bounded; empty when nothing is left.
std::string SafeName(std::string_view part) {
  std::string out = AsciiRuns(part, "._-");
  while (!out.empty() && out.front() == '.') out.erase(0, 1);
  if (out.size() > tunables::kMaxUrlFileName) out.resize(tunables::kMaxUrlFileName);
  return out;
}

// FNV-1a, 32 bits, as 8 hex digits: short, and the same on every machine.
std::string ShortHash(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", h);
  return buf;
}

bool EndsWithPageExtension(const std::string& name) {
  for (const char* ext : {".html", ".htm", ".shtml", ".xhtml"})
    if (name.ends_with(ext)) return true;
  return false;
}

}  // namespace

std::string RawPath(std::string_view url) {
  if (auto scheme = url.find("://"); scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find('#'));
  std::string_view query;
  if (auto q = url.find('?'); q != std::string_view::npos) query = url.substr(q + 1), url = url.substr(0, q);
  std::string_view authority = url.substr(0, url.find('/'));
  std::string_view path = url.substr(authority.size());
  if (auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string host = SafeName(authority);
  fs::path out(host.empty() ? "host" : host);
  std::string name;
  while (!path.empty()) {
    path.remove_prefix(1);  // the '/'
    std::string_view segment = path.substr(0, path.find('/'));
    path.remove_prefix(segment.size());
    std::string safe = SafeName(segment);
    if (path.empty()) name = safe;  // the last segment; "" after a trailing '/'
    else if (!safe.empty()) out /= safe;
  }
  if (name.empty()) name = "index";
  if (!query.empty()) {  // appended piece by piece: GCC 12 warns (-Wrestrict) on "@" + string
    name += '@';
    name += SafeName(query).substr(0, tunables::kMaxUrlFileName / 2);
    name += '-';
    name += ShortHash(query);
  }
  return (out / (name + (EndsWithPageExtension(name) ? ".gz" : ".html.gz"))).string();
}

Result<std::string> GzipPage(std::string_view body, const std::string& url, const std::string& charset) {
  z_stream zs{};
  // 15 + 16: a gzip wrapper, so the header can carry the comment.
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return Fail("cannot start gzip encoder");
  struct End {
    z_stream* z;
    ~End() { deflateEnd(z); }
  } end{&zs};
  std::string comment = FormatOrigin({url, charset});
  gz_header head{};
  head.comment = reinterpret_cast<Bytef*>(comment.data());
  head.os = 3;  // Unix; time stays 0, so one page always gzips to the same bytes
  if (deflateSetHeader(&zs, &head) != Z_OK) return Fail("cannot write a gzip header");
  std::string out(deflateBound(&zs, static_cast<uLong>(body.size())) + comment.size() + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  zs.avail_in = static_cast<uInt>(body.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  if (deflate(&zs, Z_FINISH) != Z_STREAM_END) return Fail("cannot gzip the page");
  out.resize(zs.total_out);
  return out;
}

Status KeepRaw(const std::string& dir, const std::string& url, std::string_view body, const std::string& charset,
               bool replace) {
  const std::string path = (fs::path(dir) / RawPath(url)).string();
  InputOrigin kept;
  std::error_code ec;
  if (fs::exists(fs::symlink_status(path, ec))) {
    // The same page kept before: nothing to write. (The limit covers the
    // gzip file of this page, even incompressible, and stops a far larger one.)
    Result<std::string> old = ReadInput(path, 2 * body.size() + tunables::kMaxRawCommentBytes, &kept);
    if (old && *old == body && kept.url == url) return Ok{};
    if (!replace) return Fail(path + " exists, with another page (--overwrite replaces it)", ErrorCode::kExists);
  }
  Result<std::string> gz = GzipPage(body, url, charset);
  if (!gz) return gz.error();
  Result<std::string> tmp = WriteTemp(path, *gz);
  if (!tmp) return tmp.error();
  return Publish(*tmp, path, replace);
}

}  // namespace sach
