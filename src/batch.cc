// Batch driver for `sach clean`: list inputs, clean each, write results.
#include "batch.h"

#include <functional>
#include <map>
#include <utility>

#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "learn.h"
#include "progress.h"
#include "text.h"
#include "tunables.h"
#include "sach/clean.h"
#include "sach/fetch.h"
#include "sach/input.h"
#include "keep_raw.h"
#include "sach/write.h"
#include "warc.h"

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

// JSON lines and CSV rows are appended to a temp file that is renamed at the
// end, so articles.jsonl (.csv) is either the previous complete file or the new one.
class OneFile {
 public:
  OneFile(std::string path, bool replace) : path_(std::move(path)), replace_(replace) {}
  ~OneFile() {
    if (f_) {
      std::fclose(f_);
      std::remove(tmp_.c_str());
    }
  }
  OneFile(const OneFile&) = delete;
  OneFile& operator=(const OneFile&) = delete;

  Status Open() {
    std::error_code exists_ec, ec;
    // Said before any input is cleaned; Commit() checks again without a race.
    if (!replace_ && fs::exists(fs::symlink_status(path_, exists_ec)))
      return Fail(path_ + " exists (--overwrite replaces it)", ErrorCode::kExists);
    if (fs::path(path_).has_parent_path()) fs::create_directories(fs::path(path_).parent_path(), ec);
    if (ec) return Fail("cannot create " + fs::path(path_).parent_path().string() + ": " + ec.message());
    tmp_ = path_ + ".tmp-XXXXXX";
    int fd = mkstemp(tmp_.data());
    if (fd < 0 || !(f_ = fdopen(fd, "w"))) return Fail("cannot create a temp file for " + path_ + ": " + std::strerror(errno));
    return Ok{};
  }
  Status Append(std::string_view line) {
    if (std::fwrite(line.data(), 1, line.size(), f_) != line.size())
      return Fail("cannot write " + path_ + ": " + std::strerror(errno));
    return Ok{};
  }
  Status Commit() {
    FILE* f = f_;
    f_ = nullptr;
    fchmod(fileno(f), 0644);
    if (std::fclose(f) != 0) {
      std::string err = std::strerror(errno);
      std::remove(tmp_.c_str());
      return Fail("cannot write " + path_ + ": " + err);
    }
    return Publish(tmp_, path_, replace_);
  }

 private:
  std::string path_, tmp_;
  bool replace_;
  FILE* f_ = nullptr;
};

// One input of a batch: its name in messages, its output name, and how to
// get it (read a file, fetch a URL). Loading happens in the loop, one at a time.
struct BatchItem {
  std::string name;
  std::string out_name;
  std::function<Result<Document>()> load;
  std::shared_ptr<const SiteTemplate> learned;  // clean --learn: the template of the input's site
  std::string record_id = {}, fetched = {};     // a web archive's record: WARC-Record-ID, WARC-Date
};


// A batch's inputs, one at a time, in order: the listed files, and for a web
// archive (WARC, WET) its records as they are read, so a shard of any size
// is never held whole. Records that hold no page are counted, not cleaned.
class BatchSource {
 public:
  BatchSource(std::vector<BatchItem> items, std::size_t limit) : items_(std::move(items)), limit_(limit) {}

  std::optional<BatchItem> Next() {
    for (;;) {
      if (warc_) {
        if (std::optional<BatchItem> item = NextRecord()) return item;
        continue;
      }
      if (next_ >= items_.size()) return std::nullopt;
      BatchItem& in = items_[next_++];
      if (in.name == "-" || IsWebArchiveName(in.name)) {
        if (std::optional<BatchItem> item = OpenArchive(in)) return item;
        if (warc_) continue;
      }
      return std::move(in);
    }
  }
  // "N records skipped: 3 request record, 1 HTTP status 404" per archive, said once read.
  std::vector<std::string> TakeNotes() { return std::exchange(notes_, {}); }

 private:
  // A web archive's reader; an item when the input is not one after all
  // (standard input holding a page) or cannot be opened.
  std::optional<BatchItem> OpenArchive(BatchItem& in) {
    Result<std::unique_ptr<WarcReader>> r = WarcReader::Open(in.name, limit_);
    if (!r) return Failing(in.name, in.out_name, r.error());
    if (in.name == "-" && !(*r)->IsWarc()) {
      auto bytes = std::make_shared<Result<std::string>>((*r)->ReadAllRaw(limit_));
      in.load = [bytes, limit = limit_]() -> Result<Document> {
        if (!*bytes) return bytes->error();
        if (!(**bytes).starts_with("\x1f\x8b")) return Document{"-", std::move(**bytes), {}, {}};
        InputOrigin origin;
        Result<std::string> plain = Gunzip(**bytes, limit, &origin);
        if (!plain) return plain.error();
        return Document{"-", std::move(*plain), std::move(origin.url), std::move(origin.charset)};
      };
      return std::move(in);
    }
    warc_ = std::move(*r);
    warc_name_ = in.name;
    warc_out_ = in.out_name;
    skipped_.clear();
    return std::nullopt;
  }

  // The archive's next record that holds a page (or a problem to report);
  // nothing at its end, when the reader is closed.
  std::optional<BatchItem> NextRecord() {
    if (!problems_.empty()) {
      WarcProblem p = problems_.front();
      problems_.erase(problems_.begin());
      return Failing(RecordName(p.offset), warc_out_, Error{p.reason});
    }
    WarcRecord rec;
    if (!warc_->Next(rec, problems_)) {
      if (!problems_.empty()) return NextRecord();
      warc_.reset();
      Note();
      return std::nullopt;
    }
    std::string skipped;
    Result<std::optional<Document>> doc = WarcDocument(rec, limit_, skipped);
    const std::string name = RecordName(rec.offset);
    if (!doc) return Failing(name, warc_out_, doc.error());
    if (!*doc) {
      ++skipped_[skipped];
      return problems_.empty() ? std::nullopt : NextRecord();
    }
    auto page = std::make_shared<Document>(std::move(**doc));
    page->name = name;
    const std::string file = page->url.empty() ? "record-" + std::to_string(rec.offset) : UrlFileName(page->url);
    BatchItem item{name, (fs::path(warc_out_) / file).string(), [page] { return Result<Document>(*page); }, nullptr};
    item.record_id = rec.record_id;
    item.fetched = rec.date;
    return item;
  }

  std::string RecordName(std::uint64_t offset) const { return warc_name_ + "@" + std::to_string(offset); }

  static BatchItem Failing(const std::string& name, const std::string& out_name, Error e) {
    return BatchItem{name, out_name, [e] { return Result<Document>(e); }, nullptr};
  }

  void Note() {
    std::size_t n = 0;
    std::string what;
    for (const auto& [why, count] : skipped_) {
      n += count;
      what += (what.empty() ? "" : ", ") + std::to_string(count) + " " + why;
    }
    if (n) notes_.push_back(Printable(warc_name_) + ": " + std::to_string(n) + " records skipped (" + what + ")");
  }

  std::vector<BatchItem> items_;
  std::size_t next_ = 0, limit_;
  std::unique_ptr<WarcReader> warc_;
  std::string warc_name_, warc_out_;
  std::vector<WarcProblem> problems_;
  std::map<std::string, std::size_t> skipped_;
  std::vector<std::string> notes_;
};

// The files a batch reads, by identity: an output path naming one of them
// (`--out tree tree` over text dumps) would destroy an input.
class InputFiles {
 public:
  void Add(const std::string& path) {
    struct stat st {};
    if (path != "-" && ::stat(path.c_str(), &st) == 0) ids_.insert({st.st_dev, st.st_ino});
  }
  bool Holds(const std::string& path) const {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && ids_.count({st.st_dev, st.st_ino});
  }

 private:
  std::set<std::pair<dev_t, ino_t>> ids_;
};

// Writes one cleaned article below --out, never over an input.
Status WriteArticle(const std::string& path, const std::string& text, const InputFiles& inputs, bool overwrite) {
  if (inputs.Holds(path)) return Fail("would overwrite the input " + path + "; choose another --out", ErrorCode::kExists);
  return WriteFileAtomic(path, text, overwrite);
}

// Formats that put every article in one file (or on standard output).
bool OneFileFormat(OutputFormat format) { return format == OutputFormat::kJsonl || format == OutputFormat::kCsv; }

// An article in a format of one file per article.
std::string FormatArticle(const Article& a, OutputFormat format) {
  return format == OutputFormat::kMarkdown ? FormatMarkdown(a) : FormatText(a);
}

const char* Extension(OutputFormat format) { return format == OutputFormat::kMarkdown ? ".md" : ".txt"; }

// One input read and cleaned: the work a batch spreads over its threads.
Result<Cleaned> LoadAndClean(const BatchItem& in, const Rules& rules, const CleanOptions& options) {
  Result<Document> doc = in.load();
  if (!doc) return doc.error();
  if (!in.learned) return Clean(*doc, rules, nullptr, options);
  CleanOptions learned = options;
  learned.learned = in.learned;
  return Clean(*doc, rules, nullptr, learned);
}

// clean --learn's first pass: each item gets the template of its site.
void LearnTemplates(std::vector<BatchItem>& items, const CleanCommand& cmd, const Rules& rules) {
  std::vector<LearnInput> inputs;
  inputs.reserve(items.size());
  for (const BatchItem& in : items) inputs.push_back({in.name, in.load});
  std::vector<std::shared_ptr<const SiteTemplate>> learned = LearnSites(inputs, rules, cmd.options, cmd.site);
  for (std::size_t i = 0; i < items.size(); ++i) items[i].learned = std::move(learned[i]);
}

// The batch's results in input order, cleaned by `jobs` threads ahead of the
// reader: names, output order and log lines are what one thread gives. At
// most kBatchWindowPerJob results per thread wait to be taken, so memory is
// bounded by the window, not the batch. Inputs are taken from the source
// one at a time, under the lock (a web archive is read in order).
class OrderedResults {
 public:
  struct Done {
    BatchItem item;
    Result<Cleaned> cleaned;
  };
  OrderedResults(BatchSource& source, const Rules& rules, const CleanOptions& options, int jobs)
      : source_(source), rules_(rules), options_(options),
        window_(static_cast<std::size_t>(jobs) * tunables::kBatchWindowPerJob), slots_(window_) {
    if (jobs > 1)
      for (int i = 0; i < jobs; ++i) threads_.emplace_back([this] { Work(); });
  }
  ~OrderedResults() {
    {
      std::lock_guard lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }
  OrderedResults(const OrderedResults&) = delete;
  OrderedResults& operator=(const OrderedResults&) = delete;

  // The next input with its result, in order; nothing after the last.
  std::optional<Done> Next() {
    if (threads_.empty()) {
      std::optional<BatchItem> in = source_.Next();
      if (!in) return std::nullopt;
      Result<Cleaned> r = LoadAndClean(*in, rules_, options_);
      return Done{std::move(*in), std::move(r)};
    }
    std::unique_lock lock(mu_);
    std::optional<Done>& slot = slots_[taken_ % window_];
    cv_.wait(lock, [&] { return slot.has_value() || (exhausted_ && taken_ >= started_); });
    if (!slot) return std::nullopt;
    std::optional<Done> r = std::move(slot);
    slot.reset();
    ++taken_;
    cv_.notify_all();
    return r;
  }

  std::vector<std::string> TakeNotes() {
    std::lock_guard lock(mu_);
    return source_.TakeNotes();
  }

 private:
  void Work() {
    std::unique_lock lock(mu_);
    while (true) {
      cv_.wait(lock, [&] { return done_ || exhausted_ || started_ < taken_ + window_; });
      if (done_ || exhausted_) return;
      std::optional<BatchItem> in = source_.Next();
      if (!in) {
        exhausted_ = true;
        cv_.notify_all();
        return;
      }
      const std::size_t i = started_++;
      lock.unlock();
      Result<Cleaned> r = LoadAndClean(*in, rules_, options_);
      lock.lock();
      slots_[i % window_] = Done{std::move(*in), std::move(r)};
      cv_.notify_all();
    }
  }

  BatchSource& source_;
  const Rules& rules_;
  const CleanOptions& options_;
  const std::size_t window_;
  std::vector<std::optional<Done>> slots_;
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::size_t started_ = 0, taken_ = 0;  // inputs taken from the source; results handed out
  bool exhausted_ = false, done_ = false;
};

int RunBatch(std::vector<BatchItem> items, std::size_t failed, const CleanCommand& cmd, const Rules& rules,
             const InputFiles& inputs, std::ostream& out, int jobs) {
  std::size_t cleaned = 0;

  std::unique_ptr<OneFile> one;
  if (OneFileFormat(cmd.format) && !cmd.out_dir.empty()) {
    const std::string path = OneFilePath(cmd.out_dir, cmd.format);
    if (inputs.Holds(path)) {
      spdlog::error("{}: is an input; choose another --out", Printable(path));
      return 1;
    }
    one = std::make_unique<OneFile>(path, cmd.overwrite);
    if (auto st = one->Open(); !st) {
      spdlog::error("{}", st.error().message);
      return 1;
    }
  }
  if (cmd.format == OutputFormat::kCsv) {
    // The header row even when no article follows: the file says what it holds.
    if (Status st = one ? one->Append(kCsvHeader) : Status(Ok{}); !st) {
      spdlog::error("{}", st.error().message);
      return 1;
    }
    if (!one) out << kCsvHeader;
  }

  std::set<std::string> used;
  ProgressLine progress(cmd.progress, "inputs");
  // A web archive's records are counted as they come: the total grows.
  int total = static_cast<int>(items.size() + failed);
  auto say = [&](spdlog::level::level_enum level, const BatchItem& in, const std::string& what) {
    progress.Say(level, Printable(in.name) + ": " + what);
  };
  BatchSource source(std::move(items), cmd.max_input_bytes);
  OrderedResults results(source, rules, cmd.options, jobs);
  for (std::optional<OrderedResults::Done> done; (done = results.Next());) {
    const BatchItem& in = done->item;
    Result<Cleaned>& c = done->cleaned;
    total = std::max(total, static_cast<int>(cleaned + failed + 1));
    progress.Update(static_cast<int>(cleaned + failed), total, static_cast<int>(failed), Printable(in.name));
    if (!c) {
      say(spdlog::level::err, in, c.error().message);
      ++failed;
      continue;
    }
    if (c->replaced)
      say(spdlog::level::warn, in,
          std::to_string(c->replaced) + " invalid byte sequence(s) in " + c->charset + " replaced");
    if (spdlog::should_log(spdlog::level::debug))
      say(spdlog::level::debug, in,
          std::to_string(c->article.paragraphs.size()) + " paragraphs, charset " + c->charset + ", rules " +
              (c->site.empty() ? "default" : c->site));

    Status st = Ok{};
    if (OneFileFormat(cmd.format)) {
      std::string line =
          cmd.format == OutputFormat::kCsv
              ? FormatCsvRow(c->article)
              : FormatJsonLine(c->article, in.name, {{"warc_record_id", in.record_id}, {"warc_date", in.fetched}});
      if (one) st = one->Append(line);
      else out << line;
    } else if (cmd.out_dir.empty()) {
      out << FormatArticle(c->article, cmd.format);
    } else {
      std::string path =
          (fs::path(cmd.out_dir) / (UniqueName(in.out_name, used) + Extension(cmd.format))).string();
      st = WriteArticle(path, FormatArticle(c->article, cmd.format), inputs, cmd.overwrite);
      // With the progress line, where each went is what --out and -v say.
      if (st && !progress.bar()) progress.Say(spdlog::level::info, Printable(in.name) + " -> " + Printable(path));
    }
    if (!st) {
      say(spdlog::level::err, in, st.error().message);
      ++failed;
      continue;
    }
    ++cleaned;
  }
  for (const std::string& note : results.TakeNotes()) progress.Say(spdlog::level::info, note);
  progress.Update(static_cast<int>(cleaned + failed), total, static_cast<int>(failed), "");
  out.flush();
  if (one) {
    if (auto st = one->Commit(); !st) {
      spdlog::error("{}", st.error().message);
      return 1;
    }
  }
  if (!cmd.out_dir.empty())
    progress.Say(spdlog::level::info, std::to_string(cleaned) + " cleaned, " + std::to_string(failed) +
                                          " failed; output in " + cmd.out_dir);
  else if (progress.bar())
    progress.Say(spdlog::level::info, std::to_string(cleaned) + " cleaned, " + std::to_string(failed) + " failed");
  return failed ? 1 : 0;
}

// `--out tree tree`: the cleaned files would land among the inputs.
bool OutIsAnInputFolder(const CleanCommand& cmd) {
  if (cmd.out_dir.empty() || OneFileFormat(cmd.format)) return false;
  for (const std::string& arg : cmd.inputs) {
    std::error_code ec;
    if (arg != "-" && fs::is_directory(arg, ec) && fs::equivalent(arg, cmd.out_dir, ec) && !ec) {
      spdlog::error("{}: is the --out folder too; cleaned files would mix with the inputs (choose another --out)",
                    Printable(arg));
      return true;
    }
  }
  return false;
}

}  // namespace

std::string OneFilePath(const std::string& out, OutputFormat format) {
  const std::string ext = format == OutputFormat::kCsv ? ".csv" : ".jsonl";
  return out.ends_with(ext) ? out : (fs::path(out) / ("articles" + ext)).string();
}

int RunClean(const CleanCommand& cmd, const Rules& rules, std::ostream& out) {
  if (OutIsAnInputFolder(cmd)) return 2;
  InputListing listing = ListInputs(cmd.inputs, OneFileFormat(cmd.format) ? std::string() : cmd.out_dir);
  for (auto& p : listing.problems) spdlog::error("{}: {}", Printable(p.name), p.reason);
  for (auto& p : listing.skipped) spdlog::info("{}: {}", Printable(p.name), p.reason);
  std::vector<BatchItem> items;
  items.reserve(listing.files.size());
  InputFiles inputs;
  for (const InputFile& f : listing.files) inputs.Add(f.path);
  for (const InputFile& f : listing.files)
    items.push_back({f.path, f.out_name,
                     [path = f.path, limit = cmd.max_input_bytes] {
                       return ReadDocument(path, limit);  // a kept page brings its URL
                     },
                     nullptr});
  if (cmd.learn) {
    if (std::any_of(items.begin(), items.end(), [](const BatchItem& in) { return in.name == "-"; })) {
      spdlog::error("-: --learn reads its inputs twice, standard input cannot be one");
      return 2;
    }
    for (const BatchItem& in : items)
      if (IsWebArchiveName(in.name)) {
        spdlog::error("{}: --learn does not read web archives (WARC, WET) yet", Printable(in.name));
        return 2;
      }
    LearnTemplates(items, cmd, rules);
  }
  int jobs = cmd.jobs > 0 ? cmd.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return RunBatch(std::move(items), listing.problems.size(), cmd, rules, inputs, out, std::min(jobs, tunables::kMaxJobs));
}

int RunFetch(const CleanCommand& cmd, const FetchOptions& options, const Rules& rules, std::ostream& out) {
  FetchOptions fetch = options;
  fetch.max_bytes = std::min(fetch.max_bytes, cmd.max_input_bytes);
  std::vector<BatchItem> items;
  for (const std::string& url : cmd.inputs)
    items.push_back({url, UrlFileName(url),
                     [url, &fetch, &cmd]() -> Result<Document> {
                       Result<Document> page = FetchPage(url, fetch);
                       if (!page || cmd.keep_raw.empty()) return page;
                       Status kept = KeepRaw(cmd.keep_raw, page->url, page->bytes, page->charset, cmd.overwrite);
                       if (!kept) return kept.error();
                       return page;
                     },
                     nullptr});
  // One page at a time: a batch of URLs is mostly one site's, asked politely.
  return RunBatch(std::move(items), 0, cmd, rules, InputFiles{}, out, 1);
}

}  // namespace sach
