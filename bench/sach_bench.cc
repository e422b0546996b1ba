// sach_bench: pages/s, MB/s and peak RSS of sach::Clean over a set of pages.
// Pages are read (and gunzipped) before the clock starts; the timed part is
// what a crawler or batch run spends per page: decode, parse, extract.
//   sach_bench [--threads N] [--rounds R] [--rules DIR] FILE...
// Prints one line: tool=sach threads=N pages=P seconds=S pages_per_s=X
// mb_per_s=Y peak_rss_mb=Z failed=F
//   sach_bench --warc [--rounds R] FILE...
// The WARC reader alone (src/warc.h): every record read and turned into a
// page (HTTP headers, chunked, Content-Encoding), nothing cleaned. Prints
// tool=warc-reader records=N pages=P seconds=S records_per_s=X mb_per_s=Y
// (MB of the files as stored, gzip included) peak_rss_mb=Z problems=K
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "sach/clean.h"
#include "sach/input.h"
#include "warc.h"

namespace {

int WarcBench(const std::vector<std::string>& files, int rounds) {
  std::size_t records = 0, pages = 0, problems = 0, bytes = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int round = 0; round < rounds; ++round)
    for (const std::string& f : files) {
      auto reader = sach::WarcReader::Open(f, sach::tunables::kMaxInputBytes);
      if (!reader) {
        std::fprintf(stderr, "sach_bench: %s: %s\n", f.c_str(), reader.error().message.c_str());
        return 2;
      }
      std::FILE* in = std::fopen(f.c_str(), "rb");
      if (in) {
        std::fseek(in, 0, SEEK_END);
        bytes += static_cast<std::size_t>(std::ftell(in));
        std::fclose(in);
      }
      sach::WarcRecord rec;
      std::vector<sach::WarcProblem> seen;
      std::string skipped;
      while ((*reader)->Next(rec, seen)) {
        ++records;
        auto doc = sach::WarcDocument(rec, sach::tunables::kMaxInputBytes, skipped);
        pages += doc && *doc;
      }
      problems += seen.size();
    }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("tool=warc-reader records=%zu pages=%zu seconds=%.3f records_per_s=%.1f mb_per_s=%.2f "
              "peak_rss_mb=%.1f problems=%zu\n",
              records, pages, seconds, records / seconds, static_cast<double>(bytes) / seconds / 1e6,
              ru.ru_maxrss / 1024.0, problems);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int threads = 1, rounds = 3;
  bool warc = false;
  std::string rules_dir = sach::DefaultRulesDir();
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--threads" && i + 1 < argc) threads = std::max(1, std::atoi(argv[++i]));
    else if (a == "--rounds" && i + 1 < argc) rounds = std::max(1, std::atoi(argv[++i]));
    else if (a == "--rules" && i + 1 < argc) rules_dir = argv[++i];
    else if (a == "--warc") warc = true;
    else files.push_back(a);
  }
  if (warc && !files.empty()) return WarcBench(files, rounds);
  if (files.empty()) {
    std::fprintf(stderr, "usage: sach_bench [--threads N] [--rounds R] [--rules DIR] FILE...\n"
                         "       sach_bench --warc [--rounds R] FILE...\n");
    return 2;
  }
  auto rules = sach::Rules::Load(rules_dir);
  if (!rules) {
    std::fprintf(stderr, "sach_bench: %s\n", rules.error().message.c_str());
    return 2;
  }
  std::vector<sach::Document> docs;
  std::size_t bytes = 0;
  for (auto& f : files) {
    auto b = sach::ReadInput(f);
    if (!b) {
      std::fprintf(stderr, "sach_bench: %s: %s\n", f.c_str(), b.error().message.c_str());
      continue;
    }
    bytes += b->size();
    docs.push_back({f, std::move(*b), {}, {}});
  }
  const std::size_t total = docs.size() * static_cast<std::size_t>(rounds);
  std::atomic<std::size_t> next{0}, failed{0};
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < total;) {
      auto r = sach::Clean(docs[i % docs.size()], *rules);
      if (!r) failed.fetch_add(1);
    }
  };
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("tool=sach threads=%d pages=%zu seconds=%.3f pages_per_s=%.1f mb_per_s=%.2f peak_rss_mb=%.1f failed=%zu\n",
              threads, total, seconds, total / seconds,
              static_cast<double>(bytes) * rounds / seconds / 1e6, ru.ru_maxrss / 1024.0, failed.load());
  return 0;
}
