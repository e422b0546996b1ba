// Gunzip (input.h): .gz inputs and gzip-magic bytes are inflated with a size
// limit (gzip bombs). Input: the compressed bytes.
#include <cstddef>
#include <cstdint>

#include "fuzz_common.h"
#include "sach/input.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  sach_fuzz::Quiet();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr std::size_t kLimit = 1u << 20;
  sach::Result<std::string> r = sach::Gunzip(sach_fuzz::AsView(data, size), kLimit);
  if (r) SACH_FUZZ_CHECK(r->size() <= kLimit);
  return 0;
}
