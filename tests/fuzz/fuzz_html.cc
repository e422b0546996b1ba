// The HTML pipeline end to end: decode -> parse -> prune -> score -> blocks ->
// cleanup + metadata -> write, through sach::Clean with the repository's rules.
// Input: one option byte (fuzz_clean_common.h; bit 6: make it HTML), then the page.
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
  // Half of the inputs are forced onto the HTML route: an input that does not
  // start with a tag is read as a dump unless it holds closing tags.
  if ((in.options & 64) && (bytes.empty() || bytes[0] != '<')) bytes.insert(0, "<html>");
  sach_fuzz::CleanAndCheck(std::move(bytes), in.options);
  return 0;
}
