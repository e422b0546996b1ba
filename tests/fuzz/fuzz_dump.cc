// The dump cleaner (text and markdown dumps) through sach::Clean with the
// repository's rules: decode -> dump cleaner (markdown, metadata, dedupe) -> write.
// Input: one option byte (fuzz_clean_common.h; bit 6: start with a markdown
// "# " title), then the dump. HTML-looking inputs take the HTML route; the
// html target covers that.
#include <cstddef>
#include <cstdint>

#include "fuzz_clean_common.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  sach_fuzz::Quiet();
  (void)sach_fuzz::LoadedRules();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  sach_fuzz::Input in(data, size);
  std::string bytes(in.rest);
  if (in.options & 64) bytes.insert(0, "# ");
  sach_fuzz::CleanAndCheck(std::move(bytes), in.options);
  return 0;
}
