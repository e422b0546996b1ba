// Write stage: YAML front matter + paragraphs, JSON lines, atomic files.
#include "sach/write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace sach {
namespace fs = std::filesystem;

namespace {

std::array<std::pair<const char*, const std::string Metadata::*>, 6> kKeys{{
    {"title", &Metadata::title},
    {"date", &Metadata::date},
    {"author", &Metadata::author},
    {"source", &Metadata::source},
    {"url", &Metadata::url},
    {"site", &Metadata::site},
}};

bool NeedsQuotes(std::string_view v) {
  if (v.empty()) return true;
  if (v.front() == ' ' || v.back() == ' ') return true;
  // YAML indicators that may not start a plain scalar.
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(v.front()) != std::string_view::npos) return true;
  if (v.find(": ") != std::string_view::npos || v.find(" #") != std::string_view::npos) return true;
  if (v.back() == ':') return true;
  for (unsigned char c : v)
    if (c < 0x20 || c == 0x7F) return true;
  // Words a YAML 1.1 reader turns into bool or null.
  static const char* kSpecial[] = {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"};
  std::string lower;
  for (char c : v) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  for (auto* s : kSpecial)
    if (lower == s) return true;
  // Numbers (and ISO dates, which YAML reads as dates) would not come back
  // as strings.
  for (char c : v)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E' || c == '_'))
      return false;
  return true;
}

void AppendEscaped(std::string& out, std::string_view s) {
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
}

std::string Quoted(std::string_view v) {
  std::string out = "\"";
  AppendEscaped(out, v);  // JSON escapes are valid YAML double-quoted escapes
  out += '"';
  return out;
}

}  // namespace

Status Publish(const std::string& tmp, const std::string& path, bool replace) {
  // link(2) fails when the name exists: no moment where another writer's
  // file is replaced, unlike a stat before rename.
  const int rc = replace ? std::rename(tmp.c_str(), path.c_str()) : ::link(tmp.c_str(), path.c_str());
  const int err = errno;
  if (!replace || rc != 0) ::unlink(tmp.c_str());
  if (rc == 0) return Ok{};
  if (err == EEXIST) return Fail(path + " exists (--overwrite replaces it)", ErrorCode::kExists);
  return Fail("cannot write " + path + ": " + std::strerror(err), ErrorCode::kIo);
}

std::string YamlScalar(std::string_view v) { return NeedsQuotes(v) ? Quoted(v) : std::string(v); }

std::string JsonString(std::string_view s) { return Quoted(s); }

std::string FormatFrontMatter(const Metadata& m) {
  std::string out = "---\n";
  for (auto& [key, field] : kKeys) {
    const std::string& v = m.*field;
    if (v.empty()) continue;
    out += key;
    out += ": ";
    // A date is always a string: plain, a date-only value would read as a
    // YAML date object and a timed one as a string.
    out += field == &Metadata::date ? Quoted(v) : YamlScalar(v);
    out += '\n';
  }
  out += "---\n";
  return out;
}

std::string FormatText(const Article& a) {
  std::size_t size = 64;
  for (auto& p : a.paragraphs) size += p.size() + 2;
  std::string out;
  out.reserve(size);
  out += FormatFrontMatter(a.meta);
  for (auto& p : a.paragraphs) {
    out += '\n';
    out += p;
    out += '\n';
  }
  return out;
}

std::string FormatJsonLine(const Article& a, std::string_view input,
                           const std::vector<std::pair<std::string_view, std::string_view>>& extra) {
  std::string out = "{";
  auto field = [&](std::string_view key, std::string_view value) {
    if (out.size() > 1) out += ',';
    out += JsonString(key);
    out += ':';
    out += JsonString(value);
  };
  for (auto& [key, member] : kKeys)
    if (!(a.meta.*member).empty()) field(key, a.meta.*member);
  if (!input.empty()) field("input", input);
  for (const auto& [key, value] : extra)
    if (!value.empty()) field(key, value);
  std::string text;
  for (auto& p : a.paragraphs) {
    if (!text.empty()) text += "\n\n";
    text += p;
  }
  field("text", text);
  out += "}\n";
  return out;
}

std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';  // a quote inside is doubled
    out += c;
  }
  out += '"';
  return out;
}

std::string FormatCsvRow(const Article& a) {
  const Metadata& m = a.meta;
  std::string text;
  for (auto& p : a.paragraphs) {
    if (!text.empty()) text += '\n';
    text += p;
  }
  std::string out;
  const std::string* columns[] = {&m.url, &m.title, &m.date, &m.author, &m.source, &m.site, &text};  // kCsvHeader's
  for (const std::string* f : columns) {
    if (!out.empty()) out += ',';
    out += CsvField(*f);
  }
  out += "\r\n";
  return out;
}

Result<std::string> WriteTemp(const std::string& path, std::string_view content) {
  fs::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) {
    fs::create_directories(target.parent_path(), ec);
    if (ec) return Fail("cannot create " + target.parent_path().string() + ": " + ec.message(), ErrorCode::kIo);
  }
  // The temp file sits beside the target, so rename(2) stays on one file system.
  std::string tmp = path + ".tmp-XXXXXX";
  int fd = mkstemp(tmp.data());
  if (fd < 0) return Fail("cannot create a temp file for " + path + ": " + std::strerror(errno), ErrorCode::kIo);
  const char* p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      std::string err = std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return Fail("cannot write " + path + ": " + err, ErrorCode::kIo);
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  // Files come out as 0644 like any other output, not mkstemp's 0600.
  ::fchmod(fd, 0644);
  if (::close(fd) != 0) {
    std::string err = std::strerror(errno);
    ::unlink(tmp.c_str());
    return Fail("cannot write " + path + ": " + err, ErrorCode::kIo);
  }
  return tmp;
}

Status WriteFileAtomic(const std::string& path, std::string_view content, bool replace) {
  Result<std::string> tmp = WriteTemp(path, content);
  if (!tmp) return tmp.error();
  return Publish(*tmp, path, replace);
}

}  // namespace sach
