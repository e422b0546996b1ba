// Web archives in: WARC files (.warc, .warc.gz gzipped whole or one member
// per record) and Common Crawl's WET files, read as a stream, record by
// record, with memory bounded by one record. A bad record (a gzip member cut
// short or corrupt, a wrong Content-Length, garbage between records) is one
// problem naming its offset; the reader resynchronises at the next record.
// Usage:
//   auto r = WarcReader::Open("shard.warc.gz");          // "-": standard input
//   WarcRecord rec; std::vector<WarcProblem> problems;
//   while (r->Next(rec, problems)) { ... WarcDocument(rec) ... }
#pragma once
#include <zlib.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sach/article.h"
#include "sach/result.h"

namespace sach {

struct WarcRecord {
  std::string type;        // WARC-Type: response, conversion, request, metadata, warcinfo, ...
  std::string target_uri;  // WARC-Target-URI
  std::string date;        // WARC-Date: when it was fetched
  std::string record_id;   // WARC-Record-ID, "<urn:uuid:…>"
  std::string content_type;
  std::string block;        // the content block (Content-Length bytes)
  // Where the record starts in the file: its byte offset, or in a gzipped
  // file its gzip member's (records sharing one member share it).
  std::uint64_t offset = 0;
};

struct WarcProblem {
  std::uint64_t offset = 0;
  std::string reason;  // one line
};

// True when a file's first bytes are a WARC record's version line, or a gzip
// member whose first bytes are (`head`: the file's start, gunzipped when gzip).
bool LooksLikeWarc(std::string_view head);

class WarcReader {
 public:
  // Opens `path` ("-": standard input; never closed). Fails when unreadable.
  static Result<std::unique_ptr<WarcReader>> Open(const std::string& path, std::size_t max_record_bytes);
  ~WarcReader();
  WarcReader(const WarcReader&) = delete;
  WarcReader& operator=(const WarcReader&) = delete;

  // Reads the input's first bytes: true when they are a WARC's (or a
  // gzipped one's). Before any Next().
  bool IsWarc();
  // For an input found not to be a WARC: its whole raw bytes, those read by
  // IsWarc() first; fails past `limit`.
  Result<std::string> ReadAllRaw(std::size_t limit);

  // The next whole record into `rec`; false at the end of the input. Records
  // lost on the way add a line each to `problems`.
  bool Next(WarcRecord& rec, std::vector<WarcProblem>& problems);

 private:
  WarcReader(int fd, bool own_fd, std::size_t max_record_bytes);
  // Appends decompressed bytes to buf_; false at the end of the input.
  bool Fill(std::vector<WarcProblem>& problems);
  bool ReadMore();  // appends raw bytes to in_; false at the end of the file
  bool InflateSome(std::vector<WarcProblem>& problems);
  void SkipBrokenMember(std::vector<WarcProblem>& problems, const char* why);
  void ScanToMember(std::size_t from);
  std::uint64_t OffsetAt(std::size_t buf_pos) const;
  bool Resync(std::vector<WarcProblem>& problems, const std::string& why);
  bool ParseRecord(WarcRecord& rec, std::vector<WarcProblem>& problems, bool& done);

  int fd_;
  bool own_fd_;
  std::size_t max_record_;
  bool gzip_ = false, eof_ = false, started_ = false, in_member_ = false;
  bool keep_all_ = false;  // ReadAllRaw: every raw byte read is kept
  z_stream zs_{};
  // Raw bytes read and not yet inflated; in_[0] sits at file offset in_base_.
  // The current gzip member's bytes are kept from its start (up to the
  // record limit), so a member found broken is rescanned for the next one.
  std::string in_;
  std::size_t in_pos_ = 0, member_start_ = 0;
  std::uint64_t in_base_ = 0;
  // Decompressed bytes not yet parsed; buf_[0] sits at stream offset buf_base_.
  std::string buf_;
  std::uint64_t buf_base_ = 0, out_total_ = 0;
  std::uint64_t dropped_ = 0;  // broken gzip members skipped so far
  // (stream offset where a gzip member's output starts, the member's file offset)
  std::vector<std::pair<std::uint64_t, std::uint64_t>> marks_;
};

// What a record gives to clean: a `response` holding a 2xx HTML page (HTTP
// headers read: status, charset, Content-Encoding, chunked transfer), or a
// WET `conversion` (a text dump). Anything else is skipped: no document,
// and why in `skipped` ("request record", "not HTML (image/png)", "HTTP
// status 404"). Fails on a payload that cannot be read (corrupt gzip).
Result<std::optional<Document>> WarcDocument(const WarcRecord& rec, std::size_t limit, std::string& skipped);

}  // namespace sach
