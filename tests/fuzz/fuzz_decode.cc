// Decode: raw bytes (a page or a dump, any charset) -> UTF-8.
// Input: one option byte (charset hint, NFC on/off), then the bytes.
#include <cstddef>
#include <cstdint>

#include "fuzz_common.h"
#include "sach/decode.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  sach_fuzz::Quiet();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  sach_fuzz::Input in(data, size);
  static constexpr std::string_view kHints[] = {"", "utf-8", "windows-1258", "iso-8859-1", "utf-16le", "bogus"};
  std::string_view hint = kHints[(in.options & 7) % 6];
  std::string own_hint;
  if ((in.options & 7) == 6) {
    // A charset name as a server might send it: the first line, up to 40 bytes.
    own_hint = std::string(in.rest.substr(0, std::min(in.rest.find('\n'), std::size_t{40})));
    hint = own_hint;
  }
  bool nfc = !(in.options & 8);

  sach::Result<sach::Decoded> d = sach::Decode(in.rest, hint, nfc);
  if (!d) return 0;
  SACH_FUZZ_CHECK(sach_fuzz::IsValidUtf8(d->text));
  SACH_FUZZ_CHECK(!d->charset.empty());
  (void)sach::DetectKind(d->text);
  std::string again = d->text;
  sach::ToNfc(again);
  SACH_FUZZ_CHECK(sach_fuzz::IsValidUtf8(again));
  if (nfc) SACH_FUZZ_CHECK(again == d->text);  // already NFC: ToNfc changes nothing
  return 0;
}
