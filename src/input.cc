// Read stage: files, standard input and directory walks; gzip transparently.
#include "sach/input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "tunables.h"

namespace sach {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kExtensions[] = {".txt", ".md", ".markdown", ".html", ".htm", ".shtml", ".xhtml", ".warc", ".wet"};

bool EndsWithNoCase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i]) return false;
  return true;
}

// "page.html.gz" -> "page"; "x.dat" -> "x"; "README" -> "README".
std::string StripExtensions(std::string name) {
  if (EndsWithNoCase(name, ".gz")) name.resize(name.size() - 3);
  for (auto ext : kExtensions)
    if (EndsWithNoCase(name, ext) && name.size() > ext.size()) return name.substr(0, name.size() - ext.size());
  if (auto dot = name.rfind('.'); dot != std::string::npos && dot > 0) name.resize(dot);
  return name;
}

// Owns a file descriptor; copying would double-close it.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string TooLarge(std::size_t size, std::size_t limit) {
  return "too large: " + std::to_string(size) + " bytes (limit " + std::to_string(limit) + ")";
}

// Reads everything from `fd`, failing once more than `limit` bytes arrive.
Result<std::string> ReadAll(int fd, std::size_t limit, std::size_t size_hint) {
  std::string data;
  data.reserve(std::min(size_hint, limit) + 1);
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Fail(std::string("cannot read: ") + std::strerror(errno));
    if (n == 0) break;
    if (data.size() + static_cast<std::size_t>(n) > limit) return Fail(TooLarge(data.size() + n, limit));
    data.append(buf, static_cast<std::size_t>(n));
  }
  return data;
}

bool IsGzip(std::string_view b) {
  return b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0x1f && static_cast<unsigned char>(b[1]) == 0x8b;
}

}  // namespace

bool IsCleanableName(std::string_view filename) {
  if (EndsWithNoCase(filename, ".gz")) filename.remove_suffix(3);
  for (auto ext : kExtensions)
    if (EndsWithNoCase(filename, ext)) return true;
  return false;
}

bool IsWebArchiveName(std::string_view filename) {
  if (EndsWithNoCase(filename, ".gz")) filename.remove_suffix(3);
  return EndsWithNoCase(filename, ".warc") || EndsWithNoCase(filename, ".wet");
}

std::string MirroredName(const std::string& arg) {
  fs::path p = fs::path(arg).lexically_normal();
  fs::path out;
  for (const fs::path& part : p.relative_path()) {
    const std::string s = part.string();
    if (s == "." || s.empty()) continue;
    out /= (s == "..") ? fs::path("__") : part;  // never above --out
  }
  if (out.empty()) return "input";
  return (out.parent_path() / StripExtensions(out.filename().string())).string();
}

namespace {

// A folder sach must not read while walking: --out inside an input folder.
bool IsSkipped(const fs::path& dir, const fs::path& skip) {
  std::error_code ec;
  return !skip.empty() && fs::equivalent(dir, skip, ec) && !ec;
}

// Walks directory `p` (argument `arg`): hidden entries are skipped and
// symlinked directories not followed (no cycles), entries that cannot be read
// become problems. Names are relative to the directory.
void WalkDirectory(const std::string& arg, const fs::path& p, const fs::path& skip, InputListing& out) {
  std::error_code ec;
  std::vector<InputFile> found;
  fs::recursive_directory_iterator it(p, fs::directory_options::none, ec), end;
  if (ec) {
    out.problems.push_back({arg, "cannot list: " + ec.message()});
    return;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) {
      out.problems.push_back({it->path().string(), "cannot list: " + ec.message()});
      ec.clear();
      continue;
    }
    const fs::path& entry = it->path();
    std::string name = entry.filename().string();
    const bool dir = it->is_directory(ec);
    if ((!name.empty() && name[0] == '.') || (dir && IsSkipped(entry, skip))) {
      if (dir) it.disable_recursion_pending();
      if (dir && IsSkipped(entry, skip)) out.skipped.push_back({entry.string(), "the output folder, not read"});
      continue;
    }
    if (!IsCleanableName(name)) continue;
    std::error_code sec;
    if (fs::is_directory(fs::status(entry, sec))) continue;
    fs::path rel = entry.lexically_relative(p);
    found.push_back({entry.string(), (rel.parent_path() / StripExtensions(name)).string()});
  }
  if (found.empty() && !ec)
    out.problems.push_back({arg, "no inputs (no file ending in .html .htm .txt .md .warc .wet, or those with .gz)"});
  std::sort(found.begin(), found.end(), [](auto& a, auto& b) { return a.path < b.path; });
  out.files.insert(out.files.end(), found.begin(), found.end());
}

}  // namespace

InputListing ListInputs(const std::vector<std::string>& args, const std::string& skip_dir) {
  InputListing out;
  const fs::path skip(skip_dir);
  for (const std::string& arg : args) {
    if (arg == "-") {
      out.files.push_back({"-", "stdin"});
      continue;
    }
    std::error_code ec;
    fs::path p(arg);
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      // A dangling symlink exists but cannot be read: say so rather than "missing".
      if (fs::is_symlink(fs::symlink_status(p, ec)))
        out.problems.push_back({arg, "cannot read: broken symbolic link"});
      else
        out.problems.push_back({arg, "no such file or directory"});
      continue;
    }
    if (fs::is_directory(st)) WalkDirectory(arg, p, skip, out);
    else out.files.push_back({arg, MirroredName(arg)});
  }
  return out;
}

Result<std::string> ReadInput(const std::string& path, std::size_t limit, InputOrigin* origin) {
  Result<std::string> raw = Fail("");
  if (path == "-") {
    raw = ReadAll(STDIN_FILENO, limit, 1 << 16);
  } else {
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) return Fail(std::string("cannot read: ") + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return Fail(std::string("cannot read: ") + std::strerror(errno));
    if (S_ISDIR(st.st_mode)) return Fail("is a directory");
    // Refuse before reading when the size is known.
    if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > limit)
      return Fail(TooLarge(static_cast<std::size_t>(st.st_size), limit));
    raw = ReadAll(fd.get(), limit, S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size) : 1 << 16);
  }
  if (origin) *origin = {};
  if (!raw || !IsGzip(*raw)) return raw;
  return Gunzip(*raw, limit, origin);
}

Result<Document> ReadDocument(const std::string& path, std::size_t limit) {
  if (IsWebArchiveName(path))
    return Fail("a web archive (WARC, WET) holds many pages: sach clean reads it, record by record",
                ErrorCode::kUnsupported);
  InputOrigin origin;
  Result<std::string> bytes = ReadInput(path, limit, &origin);
  if (!bytes) return bytes.error();
  return Document{path, std::move(*bytes), std::move(origin.url), std::move(origin.charset)};
}

std::string FormatOrigin(const InputOrigin& origin) {
  std::string out = "url: " + origin.url + "\n";
  if (!origin.charset.empty()) out += "charset: " + origin.charset + "\n";
  return out;
}

InputOrigin ParseOrigin(std::string_view comment) {
  InputOrigin origin;
  while (!comment.empty()) {
    std::string_view line = comment.substr(0, comment.find('\n'));
    comment.remove_prefix(std::min(comment.size(), line.size() + 1));
    if (line.starts_with("url: ")) origin.url = line.substr(5);
    else if (line.starts_with("charset: ")) origin.charset = line.substr(9);
  }
  // Only a web address: a comment some other tool wrote names no page.
  if (!origin.url.starts_with("http://") && !origin.url.starts_with("https://")) origin = {};
  return origin;
}

Result<std::string> Gunzip(std::string_view bytes, std::size_t limit, InputOrigin* origin) {
  z_stream zs{};
  // 15 + 32: a gzip or zlib header, detected automatically.
  if (inflateInit2(&zs, 15 + 32) != Z_OK) return Fail("cannot start gzip decoder");
  struct End {
    z_stream* z;
    ~End() { inflateEnd(z); }
  } end{&zs};
  // The first member's comment, where a kept page names its URL.
  std::string comment(origin ? tunables::kMaxRawCommentBytes : 0, '\0');
  gz_header head{};
  if (origin) {
    head.comment = reinterpret_cast<Bytef*>(comment.data());
    head.comm_max = static_cast<uInt>(comment.size());
    inflateGetHeader(&zs, &head);
  }
  std::string out;
  out.reserve(std::min(limit, bytes.size() * 4));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  char buf[1 << 16];
  for (;;) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    int rc = inflate(&zs, Z_NO_FLUSH);
    std::size_t produced = sizeof buf - zs.avail_out;
    if (out.size() + produced > limit)
      return Fail("too large after decompression (limit " + std::to_string(limit) + " bytes)");
    out.append(buf, produced);
    if (rc == Z_STREAM_END) {
      if (origin && head.done == 1 && comment.find('\0') != std::string::npos)  // none: cut short, not read
        *origin = ParseOrigin(comment.c_str());
      // Concatenated gzip members (as `cat a.gz b.gz` makes) are one stream.
      if (zs.avail_in > 0 && IsGzip(std::string_view(reinterpret_cast<char*>(zs.next_in), zs.avail_in))) {
        if (inflateReset(&zs) != Z_OK) return Fail("corrupt gzip data");
        continue;
      }
      return out;
    }
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) return Fail("truncated gzip data");
    if (rc != Z_OK) return Fail(std::string("corrupt gzip data: ") + (zs.msg ? zs.msg : "inflate failed"));
  }
}

}  // namespace sach
