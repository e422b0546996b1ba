// Where bytes come from: files (gzip read transparently), standard input, and
// directories walked recursively. Usage:
//   InputListing in = ListInputs({"samples/", "page.html.gz", "-"});
//   for (auto& f : in.files) { Result<std::string> bytes = ReadInput(f.path); ... }
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sach/article.h"
#include "sach/result.h"
#include "sach/limits.h"

namespace sach {

struct InputFile {
  std::string path;      // as given or found; "-" for standard input
  // Relative name for --out, no extension, the same however a batch is split:
  // a file named on the command line, its path as given ("dumps/000_x/input");
  // a file found in a directory, its path below it; "stdin".
  std::string out_name;
};

struct InputProblem {
  std::string name;    // the input it concerns
  std::string reason;  // one line
};

struct InputListing {
  std::vector<InputFile> files;        // in argument order; directory entries sorted by path
  std::vector<InputProblem> problems;  // arguments or entries that cannot be listed, folders with no inputs
  std::vector<InputProblem> skipped;   // folders left out on purpose (the output folder)
};

// Files whose name ends in one of these (optionally followed by .gz) are taken
// from directories; a file named explicitly is always taken.
bool IsCleanableName(std::string_view filename);

// A web archive by its name (.warc, .wet, optionally .gz): `sach clean` reads
// it record by record; ReadDocument refuses it (it holds many pages).
bool IsWebArchiveName(std::string_view filename);

// Expands the command line's INPUT arguments. Directories are walked
// recursively (hidden entries skipped, symlinked directories not followed,
// `skip_dir` — the output folder — left out); a directory holding no input is
// a problem.
InputListing ListInputs(const std::vector<std::string>& args, const std::string& skip_dir = {});

// A path as given, as a relative output name without extension: "a/../b.html"
// -> "b", "/abs/x.html.gz" -> "abs/x", "../x.txt" -> "__/x" (never above --out).
std::string MirroredName(const std::string& arg);

// Where a file's bytes were fetched from, when the file says: a page kept by
// `--keep-raw` (keep_raw.h) names them in its gzip header's comment,
// "url: URL\ncharset: CHARSET\n". Empty when the file does not say.
struct InputOrigin {
  std::string url;
  std::string charset;
};

// Reads a whole file ("-" = standard input), gunzipping when the bytes start
// with the gzip magic. Fails with a one-line reason on unreadable files,
// corrupt gzip, and inputs larger than `limit` bytes after decompression.
// `origin`, when given, gets what a gzip header's comment says (else empty).
Result<std::string> ReadInput(const std::string& path, std::size_t limit = tunables::kMaxInputBytes,
                              InputOrigin* origin = nullptr);

// Gunzips `bytes`; fails when corrupt or when the output would exceed `limit`.
Result<std::string> Gunzip(std::string_view bytes, std::size_t limit, InputOrigin* origin = nullptr);

// "url: …\ncharset: …\n" and back: the gzip comment of a kept page.
std::string FormatOrigin(const InputOrigin& origin);
InputOrigin ParseOrigin(std::string_view comment);

// A file's bytes with its document: the URL and charset its gzip header
// names, if any, go with them, so a kept page cleans as when it was fetched.
Result<Document> ReadDocument(const std::string& path, std::size_t limit = tunables::kMaxInputBytes);

}  // namespace sach
