// Shared by the tests: the project's own rules, loaded once.
#pragma once
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

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
