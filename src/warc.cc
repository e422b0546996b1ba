// WARC and WET reading: gzip members inflated one by one, records parsed
// from the inflated stream, broken members and records skipped with a line
// naming their offset. Format: ISO 28500 (WARC/1.0, WARC/1.1), Common Crawl's
// WET conversions.
#include "warc.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "sach/input.h"
#include "text.h"
#include "tunables.h"

namespace sach {

namespace {

constexpr std::string_view kVersion = "WARC/1.";
constexpr std::string_view kGzipMagic = "\x1f\x8b\x08";

bool StartsWithGzip(std::string_view b) { return b.size() >= 3 && b.substr(0, 3) == kGzipMagic; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Header lines "Name: value" of a WARC record or an HTTP message, the first
// line (version or status line) left out; names lowercased.
std::vector<std::pair<std::string, std::string>> HeaderFields(std::string_view head) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t eol = head.find('\n');
  head.remove_prefix(eol == std::string_view::npos ? head.size() : eol + 1);
  while (!head.empty()) {
    eol = head.find('\n');
    std::string_view line = head.substr(0, eol);
    head.remove_prefix(eol == std::string_view::npos ? head.size() : eol + 1);
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    out.emplace_back(AsciiLower(Trim(line.substr(0, colon))), std::string(Trim(line.substr(colon + 1))));
  }
  return out;
}

std::string Field(const std::vector<std::pair<std::string, std::string>>& fields, std::string_view name) {
  for (const auto& [k, v] : fields)
    if (k == name) return v;
  return {};
}

bool ParseSize(std::string_view s, std::uint64_t& out, int base = 10) {
  s = Trim(s);
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out, base);
  return ec == std::errc() && end == s.data() + s.size();
}

// The end of a header block: after "\r\n\r\n" (or a bare "\n\n").
std::size_t HeaderEnd(std::string_view b, std::size_t from = 0) {
  const std::size_t crlf = b.find("\r\n\r\n", from), lf = b.find("\n\n", from);
  if (crlf == std::string_view::npos && lf == std::string_view::npos) return std::string_view::npos;
  return crlf < lf ? crlf + 4 : lf + 2;
}

// Where a record's version line starts in `b` at or after `from`: at the
// start of the buffer or of a line.
std::size_t FindVersionLine(std::string_view b, std::size_t from) {
  for (std::size_t at = b.find(kVersion, from); at != std::string_view::npos; at = b.find(kVersion, at + 1))
    if (at == 0 || b[at - 1] == '\n') return at;
  return std::string_view::npos;
}

// A chunked HTTP body decoded; what a writer cut short is kept up to the cut.
std::string Dechunk(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  while (!body.empty()) {
    const std::size_t eol = body.find('\n');
    if (eol == std::string_view::npos) break;
    std::string_view size_line = body.substr(0, eol);
    size_line = size_line.substr(0, size_line.find(';'));  // chunk extensions
    std::uint64_t n = 0;
    if (!ParseSize(size_line, n, 16) || n == 0) break;
    body.remove_prefix(eol + 1);
    out.append(body.substr(0, std::min<std::uint64_t>(n, body.size())));
    body.remove_prefix(std::min<std::uint64_t>(n, body.size()));
    if (body.starts_with("\r\n")) body.remove_prefix(2);
    else if (body.starts_with("\n")) body.remove_prefix(1);
  }
  return out;
}

bool IsPageType(std::string_view mime) {
  return mime.empty() || mime == "text/html" || mime == "application/xhtml+xml" || mime == "text/plain";
}

}  // namespace

bool LooksLikeWarc(std::string_view head) {
  if (StartsWithGzip(head)) {
    // The first bytes of the first member, inflated.
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK) return false;
    char out[16];
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(head.data()));
    zs.avail_in = static_cast<uInt>(head.size());
    zs.next_out = reinterpret_cast<Bytef*>(out);
    zs.avail_out = sizeof out;
    inflate(&zs, Z_SYNC_FLUSH);
    const std::size_t n = sizeof out - zs.avail_out;
    inflateEnd(&zs);
    return std::string_view(out, n).starts_with(kVersion);
  }
  return head.starts_with(kVersion);
}

Result<std::unique_ptr<WarcReader>> WarcReader::Open(const std::string& path, std::size_t max_record_bytes) {
  if (path == "-") return std::unique_ptr<WarcReader>(new WarcReader(0, false, max_record_bytes));
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Fail(std::string("cannot read: ") + std::strerror(errno), ErrorCode::kIo);
  return std::unique_ptr<WarcReader>(new WarcReader(fd, true, max_record_bytes));
}

WarcReader::WarcReader(int fd, bool own_fd, std::size_t max_record_bytes)
    : fd_(fd), own_fd_(own_fd), max_record_(max_record_bytes) {
  inflateInit2(&zs_, 15 + 16);  // gzip only
}

WarcReader::~WarcReader() {
  inflateEnd(&zs_);
  if (own_fd_) ::close(fd_);
}

bool WarcReader::IsWarc() {
  while (in_.size() < tunables::kWarcSniffBytes && ReadMore()) {
  }
  return LooksLikeWarc(in_);
}

Result<std::string> WarcReader::ReadAllRaw(std::size_t limit) {
  keep_all_ = true;
  while (in_.size() <= limit && ReadMore()) {
  }
  if (in_.size() > limit) return Fail("larger than the limit (" + std::to_string(limit) + " bytes)", ErrorCode::kLimit);
  return std::move(in_);
}

bool WarcReader::ReadMore() {
  if (eof_) return false;
  // Drop raw bytes no longer needed: before the current member's start (or
  // all inflated ones when not in a member, or when a member outgrows what a
  // record may hold: a whole-file gzip is not rescanned).
  std::size_t keep_from = in_member_ ? member_start_ : in_pos_;
  if (in_member_ && in_pos_ - member_start_ > max_record_) keep_from = in_pos_;
  if (keep_all_) keep_from = 0;
  if (keep_from > 0) {
    in_.erase(0, keep_from);
    in_base_ += keep_from;
    in_pos_ -= keep_from;
    member_start_ = member_start_ >= keep_from ? member_start_ - keep_from : 0;
  }
  const std::size_t old = in_.size();
  in_.resize(old + tunables::kWarcReadChunk);
  ssize_t n;
  do n = ::read(fd_, in_.data() + old, tunables::kWarcReadChunk);
  while (n < 0 && errno == EINTR);
  in_.resize(old + static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
  if (n <= 0) eof_ = true;
  return n > 0;
}

std::uint64_t WarcReader::OffsetAt(std::size_t buf_pos) const {
  const std::uint64_t at = buf_base_ + buf_pos;
  if (!gzip_) return at;
  std::uint64_t member = 0;
  for (const auto& [start, file_offset] : marks_)
    if (start <= at) member = file_offset;
  return member;
}

// The member being inflated is corrupt or cut short: what it gave is
// dropped, and reading goes on at the next gzip header after its start.
void WarcReader::SkipBrokenMember(std::vector<WarcProblem>& problems, const char* why) {
  const std::uint64_t member_offset = in_base_ + member_start_;
  if (!marks_.empty()) {
    const std::uint64_t start = marks_.back().first;
    if (start < buf_base_) buf_.clear();  // all that is left to parse came from the broken member
    else if (start - buf_base_ <= buf_.size()) buf_.resize(start - buf_base_);
    out_total_ = buf_base_ + buf_.size();
    marks_.pop_back();
  }
  problems.push_back({member_offset, std::string("gzip member ") + why + "; its record is lost"});
  ++dropped_;
  in_member_ = false;
  ScanToMember(member_start_ + 1);
}

// in_pos_ to the next gzip header at or after `from` (or the end).
void WarcReader::ScanToMember(std::size_t from) {
  from = std::min(from, in_.size());
  for (;;) {
    const std::size_t at = std::string_view(in_).find(kGzipMagic, from);
    if (at != std::string::npos) {
      in_pos_ = at;
      return;
    }
    // Keep the last two bytes: a header may straddle the read.
    in_pos_ = in_.size() >= 2 ? in_.size() - 2 : 0;
    if (!ReadMore()) {
      in_pos_ = in_.size();
      return;
    }
    from = in_pos_;
  }
}

bool WarcReader::InflateSome(std::vector<WarcProblem>& problems) {
  for (;;) {
    if (!in_member_) {
      while (in_.size() - in_pos_ < 3 && ReadMore()) {
      }
      if (in_pos_ >= in_.size()) return false;
      if (!StartsWithGzip(std::string_view(in_).substr(in_pos_))) {
        problems.push_back({in_base_ + in_pos_, "garbage between gzip members; skipped to the next member"});
        ScanToMember(in_pos_ + 1);
        continue;
      }
      inflateReset(&zs_);
      member_start_ = in_pos_;
      in_member_ = true;
      marks_.emplace_back(out_total_, in_base_ + member_start_);
    }
    if (in_pos_ >= in_.size() && !ReadMore()) {
      SkipBrokenMember(problems, "cut short at the end of the file");
      continue;
    }
    char out[1 << 16];
    zs_.next_in = reinterpret_cast<Bytef*>(in_.data() + in_pos_);
    zs_.avail_in = static_cast<uInt>(in_.size() - in_pos_);
    zs_.next_out = reinterpret_cast<Bytef*>(out);
    zs_.avail_out = sizeof out;
    const int rc = inflate(&zs_, Z_NO_FLUSH);
    in_pos_ = in_.size() - zs_.avail_in;
    const std::size_t produced = sizeof out - zs_.avail_out;
    buf_.append(out, produced);
    out_total_ += produced;
    if (rc == Z_STREAM_END) {
      in_member_ = false;
      if (produced) return true;
      continue;
    }
    if (rc == Z_OK || rc == Z_BUF_ERROR) {
      if (produced) return true;
      continue;
    }
    SkipBrokenMember(problems, (std::string("corrupt (") + (zs_.msg ? zs_.msg : "inflate failed") + ")").c_str());
  }
}

bool WarcReader::Fill(std::vector<WarcProblem>& problems) {
  if (!started_) {
    started_ = true;
    while (in_.size() < 3 && ReadMore()) {
    }
    gzip_ = StartsWithGzip(in_);
  }
  if (gzip_) return InflateSome(problems);
  if (in_pos_ >= in_.size() && !ReadMore()) return false;
  buf_.append(in_, in_pos_);
  out_total_ += in_.size() - in_pos_;
  in_pos_ = in_.size();
  return true;
}

// buf_ starts with no record: drop up to the next version line.
bool WarcReader::Resync(std::vector<WarcProblem>& problems, const std::string& why) {
  problems.push_back({OffsetAt(0), why});
  std::size_t from = 1;
  for (;;) {
    const std::size_t at = FindVersionLine(buf_, from);
    if (at != std::string::npos) {
      buf_.erase(0, at);
      buf_base_ += at;
      return true;
    }
    const std::size_t keep = std::min(buf_.size(), kVersion.size());
    buf_base_ += buf_.size() - keep;
    buf_.erase(0, buf_.size() - keep);
    if (!Fill(problems)) return false;
    from = 0;
  }
}

bool WarcReader::Next(WarcRecord& rec, std::vector<WarcProblem>& problems) {
  for (;;) {
    bool done = false;
    if (ParseRecord(rec, problems, done)) return true;
    if (done) return false;
  }
}

// One attempt at the record at the start of buf_: true when `rec` holds it;
// else `done` says whether the input has ended (false: try again).
bool WarcReader::ParseRecord(WarcRecord& rec, std::vector<WarcProblem>& problems, bool& done) {
  auto consume = [&](std::size_t n) {
    buf_.erase(0, n);
    buf_base_ += n;
    while (marks_.size() > 1 && marks_[1].first <= buf_base_) marks_.erase(marks_.begin());
  };
  // Blank lines between records are tolerated.
  for (;;) {
    const std::size_t skip = buf_.find_first_not_of("\r\n");
    if (skip != std::string::npos) {
      consume(skip);
      if (buf_.size() >= kVersion.size()) break;
    } else {
      consume(buf_.size());
    }
    if (!Fill(problems)) {
      if (!buf_.empty()) problems.push_back({OffsetAt(0), "garbage at the end of the file"});
      done = true;
      return false;
    }
  }
  if (!std::string_view(buf_).starts_with(kVersion)) {
    done = !Resync(problems, "garbage where a record should start; skipped to the next record");
    return false;
  }
  // A broken gzip member dropped while filling took this record's bytes
  // with it (and said so): parsing starts again on what is left.
  const std::uint64_t dropped = dropped_;
  auto fill = [&] { return Fill(problems) && dropped_ == dropped; };
  // No more bytes for this record: the end of the input, or its member was
  // dropped (then parsing goes on with what follows).
  auto cut_short = [&] {
    if (dropped_ != dropped) return false;
    if (!buf_.empty()) problems.push_back({OffsetAt(0), "a record cut short at the end of the file"});
    consume(buf_.size());
    done = true;
    return false;
  };
  std::size_t head_end;
  while ((head_end = HeaderEnd(buf_)) == std::string::npos) {
    if (buf_.size() > tunables::kMaxWarcHeaderBytes) {
      done = !Resync(problems, "a record header without an end; skipped to the next record");
      return false;
    }
    if (!fill()) return cut_short();
  }
  const auto fields = HeaderFields(std::string_view(buf_).substr(0, head_end));
  std::uint64_t length = 0;
  if (!ParseSize(Field(fields, "content-length"), length) || length > max_record_) {
    const std::string why = length > max_record_ ? "a record longer than the limit (" + std::to_string(max_record_) +
                                                       " bytes); skipped to the next record"
                                                 : "a record without a valid Content-Length; skipped to the next record";
    done = !Resync(problems, why);
    return false;
  }
  const std::size_t end = head_end + static_cast<std::size_t>(length);
  while (buf_.size() < end + 4)
    if (!fill()) {
      if (dropped_ != dropped || buf_.size() < end) return cut_short();
      break;  // the end of the input: the two line ends may be missing
    }
  // The block ends with two line ends; else the length is wrong.
  if (std::string_view(buf_).substr(end, 4) != "\r\n\r\n" &&
      !(buf_.size() < end + 4 && std::string_view("\r\n\r\n").starts_with(std::string_view(buf_).substr(end)))) {
    done = !Resync(problems, "a record whose Content-Length does not end at its end; skipped to the next record");
    return false;
  }
  rec.offset = OffsetAt(0);
  rec.type = AsciiLower(Field(fields, "warc-type"));
  rec.target_uri = Field(fields, "warc-target-uri");
  if (rec.target_uri.size() > 1 && rec.target_uri.front() == '<' && rec.target_uri.back() == '>')
    rec.target_uri = rec.target_uri.substr(1, rec.target_uri.size() - 2);  // WARC/1.0's draft form
  rec.date = Field(fields, "warc-date");
  rec.record_id = Field(fields, "warc-record-id");
  rec.content_type = Field(fields, "content-type");
  rec.block.assign(buf_, head_end, static_cast<std::size_t>(length));
  consume(std::min(buf_.size(), end + 4));
  return true;
}

Result<std::optional<Document>> WarcDocument(const WarcRecord& rec, std::size_t limit, std::string& skipped) {
  if (rec.type == "conversion") return std::optional<Document>(Document{{}, rec.block, rec.target_uri, {}});
  if (rec.type != "response" && rec.type != "resource") {
    skipped = (rec.type.empty() ? std::string("untyped") : rec.type) + " record";
    return std::optional<Document>();
  }
  std::string_view block = rec.block, body = block;
  std::string content_type, encoding, transfer;
  if (rec.type == "response") {
    if (!block.starts_with("HTTP/")) {
      skipped = "response record without an HTTP message";
      return std::optional<Document>();
    }
    const std::size_t head_end = HeaderEnd(block);
    if (head_end == std::string_view::npos) {
      skipped = "response record whose HTTP header has no end";
      return std::optional<Document>();
    }
    std::string_view status_line = block.substr(0, block.find('\n'));
    std::uint64_t status = 0;
    const std::size_t sp = status_line.find(' ');
    if (sp == std::string_view::npos || !ParseSize(status_line.substr(sp + 1, 3), status)) {
      skipped = "response record with no HTTP status";
      return std::optional<Document>();
    }
    if (status < 200 || status > 299) {
      skipped = "HTTP status " + std::to_string(status);
      return std::optional<Document>();
    }
    const auto fields = HeaderFields(block.substr(0, head_end));
    content_type = Field(fields, "content-type");
    encoding = AsciiLower(Field(fields, "content-encoding"));
    transfer = AsciiLower(Field(fields, "transfer-encoding"));
    body = block.substr(head_end);
  } else {
    content_type = rec.content_type;  // a resource: only a page (wget also stores its log and arguments so)
    if (AsciiLower(content_type).find("html") == std::string::npos) {
      skipped = "resource record (not a page)";
      return std::optional<Document>();
    }
  }
  const std::string mime = AsciiLower(Trim(std::string_view(content_type).substr(0, content_type.find(';'))));
  if (!IsPageType(mime)) {
    skipped = "not a page (" + mime + ")";
    return std::optional<Document>();
  }
  std::string charset;
  if (const std::size_t at = AsciiLower(content_type).find("charset="); at != std::string::npos) {
    std::string_view c = Trim(std::string_view(content_type).substr(at + 8));
    c = c.substr(0, c.find(';'));
    if (c.size() >= 2 && (c.front() == '"' || c.front() == '\'')) c = c.substr(1, c.size() - 2);
    charset = std::string(Trim(c));
  }
  std::string bytes = transfer.find("chunked") != std::string::npos ? Dechunk(body) : std::string(body);
  if (encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate") {
    Result<std::string> plain = Gunzip(bytes, limit);
    if (!plain) return Fail("Content-Encoding " + encoding + ": " + plain.error().message);
    bytes = std::move(*plain);
  } else if (!encoding.empty() && encoding != "identity") {
    skipped = "Content-Encoding " + encoding + " (not read)";
    return std::optional<Document>();
  }
  return std::optional<Document>(Document{{}, std::move(bytes), rec.target_uri, std::move(charset)});
}

}  // namespace sach
