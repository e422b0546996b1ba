// Batch driver for `sach clean`: list inputs, clean each, write results.
#include "sach/batch.h"

#include <functional>

#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>

#include "text.h"
#include "sach/clean.h"
#include "sach/fetch.h"
#include "sach/input.h"
#include "sach/write.h"

namespace sach {
namespace fs = std::filesystem;

namespace {

// Output names stay unique: two inputs called page.html in different
// arguments become page.txt and page-2.txt.
std::string UniqueName(const std::string& name, std::set<std::string>& used) {
  std::string candidate = name;
  for (int n = 2; !used.insert(candidate).second; ++n) candidate = name + "-" + std::to_string(n);
  return candidate;
}

// JSON lines are appended to a temp file that is renamed at the end, so
// articles.jsonl is either the previous complete file or the new one.
class JsonlFile {
 public:
  explicit JsonlFile(std::string path) : path_(std::move(path)) {}
  ~JsonlFile() {
    if (f_) {
      std::fclose(f_);
      std::remove(tmp_.c_str());
    }
  }
  JsonlFile(const JsonlFile&) = delete;
  JsonlFile& operator=(const JsonlFile&) = delete;

  Status Open() {
    std::error_code ec;
    fs::create_directories(fs::path(path_).parent_path(), ec);
    if (ec) return Fail("cannot create " + fs::path(path_).parent_path().string() + ": " + ec.message());
    tmp_ = path_ + ".tmp-XXXXXX";
    int fd = mkstemp(tmp_.data());
    if (fd < 0 || !(f_ = fdopen(fd, "w"))) return Fail("cannot create a temp file for " + path_ + ": " + std::strerror(errno));
    return Ok{};
  }
  Status Append(const std::string& line) {
    if (std::fwrite(line.data(), 1, line.size(), f_) != line.size())
      return Fail("cannot write " + path_ + ": " + std::strerror(errno));
    return Ok{};
  }
  Status Commit() {
    FILE* f = f_;
    f_ = nullptr;
    fchmod(fileno(f), 0644);
    if (std::fclose(f) != 0 || std::rename(tmp_.c_str(), path_.c_str()) != 0) {
      std::string err = std::strerror(errno);
      std::remove(tmp_.c_str());
      return Fail("cannot write " + path_ + ": " + err);
    }
    return Ok{};
  }

 private:
  std::string path_, tmp_;
  FILE* f_ = nullptr;
};

// Files named on the command line keep their path below the deepest folder
// they share, so `sach clean --out o a/x/input.txt a/y/input.txt` writes
// o/x/input.txt and o/y/input.txt; a single file keeps just its name.
void NameExplicitFiles(const std::vector<std::string>& args, std::vector<InputFile>& files) {
  std::set<std::string> named(args.begin(), args.end());
  std::vector<InputFile*> explicit_files;
  for (auto& f : files)
    if (f.path != "-" && named.count(f.path)) explicit_files.push_back(&f);
  if (explicit_files.size() < 2) return;
  auto parent = [](const std::string& p) { return fs::absolute(fs::path(p)).lexically_normal().parent_path(); };
  fs::path common = parent(explicit_files[0]->path);
  for (auto* f : explicit_files) {
    fs::path dir = parent(f->path);
    fs::path shared;
    auto a = common.begin(), b = dir.begin();
    for (; a != common.end() && b != dir.end() && *a == *b; ++a, ++b) shared /= *a;
    common = shared;
  }
  for (auto* f : explicit_files) {
    fs::path rel = parent(f->path).lexically_relative(common);
    if (!rel.empty() && rel != ".") f->out_name = (rel / f->out_name).string();
  }
}


// One input of a batch: its name in messages, its output name, and how to
// get it (read a file, fetch a URL). Loading happens in the loop, one at a time.
struct BatchItem {
  std::string name;
  std::string out_name;
  std::function<Result<Document>()> load;
};

int RunBatch(const std::vector<BatchItem>& items, std::size_t failed, const CleanCommand& cmd, const Rules& rules,
             std::ostream& out) {
  std::size_t cleaned = 0;

  std::unique_ptr<JsonlFile> jsonl;
  if (cmd.format == OutputFormat::kJsonl && !cmd.out_dir.empty()) {
    jsonl = std::make_unique<JsonlFile>((fs::path(cmd.out_dir) / "articles.jsonl").string());
    if (auto st = jsonl->Open(); !st) {
      spdlog::error("{}", st.error().message);
      return 1;
    }
  }

  std::set<std::string> used;
  for (const BatchItem& in : items) {
    Result<Document> doc = in.load();
    if (!doc) {
      spdlog::error("{}: {}", Printable(in.name), doc.error().message);
      ++failed;
      continue;
    }
    Result<Cleaned> c = Clean(*doc, rules, nullptr, cmd.options);
    if (!c) {
      spdlog::error("{}: {}", Printable(in.name), c.error().message);
      ++failed;
      continue;
    }
    if (c->replaced)
      spdlog::warn("{}: {} invalid byte sequence(s) in {} replaced", Printable(in.name), c->replaced, c->charset);
    spdlog::debug("{}: {} paragraphs, charset {}, rules {}", Printable(in.name), c->article.paragraphs.size(),
                  c->charset, c->site.empty() ? "default" : c->site);

    Status st = Ok{};
    if (cmd.format == OutputFormat::kJsonl) {
      std::string line = FormatJsonLine(c->article, in.name);
      if (jsonl) st = jsonl->Append(line);
      else out << line;
    } else if (cmd.out_dir.empty()) {
      out << FormatText(c->article);
    } else {
      std::string path = (fs::path(cmd.out_dir) / (UniqueName(in.out_name, used) + ".txt")).string();
      st = WriteFileAtomic(path, FormatText(c->article));
      if (st) spdlog::info("{} -> {}", Printable(in.name), Printable(path));
    }
    if (!st) {
      spdlog::error("{}: {}", Printable(in.name), st.error().message);
      ++failed;
      continue;
    }
    ++cleaned;
  }
  out.flush();
  if (jsonl) {
    if (auto st = jsonl->Commit(); !st) {
      spdlog::error("{}", st.error().message);
      return 1;
    }
  }
  if (!cmd.out_dir.empty())
    spdlog::info("{} cleaned, {} failed; output in {}", cleaned, failed, cmd.out_dir);
  return failed ? 1 : 0;
}

}  // namespace

int RunClean(const CleanCommand& cmd, const Rules& rules, std::ostream& out) {
  InputListing listing = ListInputs(cmd.inputs);
  NameExplicitFiles(cmd.inputs, listing.files);
  for (auto& p : listing.problems) spdlog::error("{}: {}", Printable(p.name), p.reason);
  std::vector<BatchItem> items;
  items.reserve(listing.files.size());
  for (const InputFile& f : listing.files)
    items.push_back({f.path, f.out_name, [path = f.path, limit = cmd.max_input_bytes]() -> Result<Document> {
                       Result<std::string> bytes = ReadInput(path, limit);
                       if (!bytes) return bytes.error();
                       return Document{path, std::move(*bytes), {}, {}};
                     }});
  return RunBatch(items, listing.problems.size(), cmd, rules, out);
}

int RunFetch(const CleanCommand& cmd, const FetchOptions& options, const Rules& rules, std::ostream& out) {
  FetchOptions fetch = options;
  fetch.max_bytes = std::min(fetch.max_bytes, cmd.max_input_bytes);
  std::vector<BatchItem> items;
  for (const std::string& url : cmd.inputs)
    items.push_back({url, UrlFileName(url), [url, &fetch]() -> Result<Document> {
                       Result<Fetched> f = Fetch(url, fetch);
                       if (!f) return f.error();
                       // The URL decides the site's rules and goes in the header; the
                       // charset from Content-Type goes to the decoder.
                       return Document{url, std::move(f->body), f->url, f->charset};
                     }});
  return RunBatch(items, 0, cmd, rules, out);
}

}  // namespace sach
