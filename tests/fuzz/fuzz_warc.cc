// The WARC reader (src/warc.h) and what a record gives to clean: archives
// are outside bytes, gzipped per record or whole, cut short or corrupt.
// Input: the archive's bytes, read through a memory file as from disk.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_common.h"
#include "warc.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  sach_fuzz::Quiet();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr std::size_t kLimit = 1u << 20;
  const int fd = memfd_create("warc", MFD_CLOEXEC);
  if (fd < 0) return 0;
  for (std::size_t done = 0; done < size;) {
    const ssize_t n = ::write(fd, data + done, size - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  auto reader = sach::WarcReader::Open(path, kLimit);
  ::close(fd);  // the reader holds its own descriptor
  if (!reader) return 0;
  sach::WarcRecord rec;
  std::vector<sach::WarcProblem> problems;
  std::uint64_t last = 0;
  bool first = true;
  while ((*reader)->Next(rec, problems)) {
    // Records come in file order, each within the limit.
    SACH_FUZZ_CHECK(rec.block.size() <= kLimit);
    SACH_FUZZ_CHECK(first || rec.offset >= last);  // records of one gzip member share its offset
    first = false;
    last = rec.offset;
    std::string skipped;
    auto doc = sach::WarcDocument(rec, kLimit, skipped);
    if (doc && *doc) SACH_FUZZ_CHECK((*doc)->bytes.size() <= kLimit && skipped.empty());
    if (doc && !*doc) SACH_FUZZ_CHECK(!skipped.empty());
  }
  for (const auto& p : problems) SACH_FUZZ_CHECK(!p.reason.empty());
  return 0;
}
