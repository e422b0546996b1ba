// The flat word table of [function_words].
#include <doctest/doctest.h>

#include <string>

#include "word_masks.h"

TEST_CASE("word masks: words are found with their bits after the table grows, others are not") {
  sach::WordMasks t;
  CHECK(t.Find("the") == 0u);  // empty table
  for (int i = 0; i < 1000; ++i) t.Add("w" + std::to_string(i), 1u << (i % 3));
  t.Add("w7", 8u);  // a second language's bit on a word already there
  CHECK(t.size() == 1000u);
  CHECK(t.longest() == 4u);
  for (int i = 0; i < 1000; ++i) CHECK(t.Find("w" + std::to_string(i)) == ((1u << (i % 3)) | (i == 7 ? 8u : 0u)));
  CHECK(t.Find("w1000") == 0u);
  CHECK(t.Find("w") == 0u);
  CHECK(t.Find("") == 0u);
  CHECK_FALSE(t.Contains("w10000"));  // longer than any word
}

TEST_CASE("word masks: bytes beyond ASCII are compared as they are") {
  sach::WordMasks t;
  t.Add("của", 2u);
  t.Add("", 1u);  // no word: ignored
  CHECK(t.Find("của") == 2u);
  CHECK(t.Find("cua") == 0u);
  CHECK(t.size() == 1u);
}
