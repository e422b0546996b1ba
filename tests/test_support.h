// Shared by the tests: the project's own rules, loaded once.
#pragma once
#include <doctest/doctest.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "vocabulary.h"

inline const sach::Rules& TestRules() {
  static const sach::Rules rules = [] {
    auto r = sach::Rules::Load(SACH_SOURCE_DIR "/rules");
    if (!r) {
      FAIL("rules failed to load: " << r.error().message);
      std::abort();
    }
    return std::move(*r);
  }();
  return rules;
}

inline const sach::Vocabulary& TestVocab() { return TestRules().Default(); }

// A whole file's bytes ("" when it cannot be read).
inline std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// `data` as one gzip member (what .gz files and WARC records hold).
inline std::string Gzip(std::string_view data) {
  z_stream zs{};
  REQUIRE(deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

// `text` broken as a wrapping converter breaks it: greedily at spaces, every
// line at most `width` columns (ASCII), the first opening with `first` (a
// list item's bullet), the others with `indent`.
inline std::string WrapAt(const std::string& text, std::size_t width, const std::string& first = "",
                          const std::string& indent = "") {
  std::string out = first, line;
  std::size_t lead = first.size();
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find(' ', at);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(at, end - at);
    at = end + 1;
    if (!line.empty() && lead + line.size() + 1 + word.size() > width) {
      out += line + "\n" + indent;
      lead = indent.size();
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  return out + line + "\n";
}
