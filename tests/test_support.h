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
