// Helpers shared by the fuzz targets: quiet logging, a UTF-8 check for cheap
// invariants, and a way to take option bytes off the front of an input.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <spdlog/spdlog.h>

namespace sach_fuzz {

// Invariants are checked with this: a trap is a crash libFuzzer reports with
// the input that caused it.
#define SACH_FUZZ_CHECK(cond) \
  do {                        \
    if (!(cond)) __builtin_trap(); \
  } while (0)

inline void Quiet() { spdlog::set_level(spdlog::level::off); }

// Well-formed UTF-8 (shortest forms, no surrogates, at most U+10FFFF).
inline bool IsValidUtf8(std::string_view s) {
  std::size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) len = 3, lo = 0xA0;
    else if (c >= 0xE1 && c <= 0xEC) len = 3;
    else if (c == 0xED) len = 3, hi = 0x9F;
    else if (c >= 0xEE && c <= 0xEF) len = 3;
    else if (c == 0xF0) len = 4, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) len = 4, hi = 0x8F;
    else return false;
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if (d < (k == 1 ? lo : 0x80) || d > (k == 1 ? hi : 0xBF)) return false;
    }
    i += len;
  }
  return true;
}

// The input with its first byte taken off as an option byte (0 when empty).
struct Input {
  std::uint8_t options = 0;
  std::string_view rest;
  Input(const std::uint8_t* data, std::size_t size) {
    if (size > 0) {
      options = data[0];
      rest = std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1);
    }
  }
};

inline std::string_view AsView(const std::uint8_t* data, std::size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

}  // namespace sach_fuzz
