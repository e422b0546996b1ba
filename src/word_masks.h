// A set of short words, each with a bit mask, looked up by string_view with
// no allocation and no pointer chasing: every word of a dump is looked up
// ([function_words]), and a node-based hash map spent most of that time on
// cache misses. Open addressing over one array; the words in one buffer.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace sach {

class WordMasks {
 public:
  // Sets `bits` on `word` (added when new).
  void Add(std::string_view word, std::uint32_t bits) {
    if (word.empty()) return;
    if (2 * (count_ + 1) > slots_.size()) Grow();
    const std::uint64_t h = Hash(word);
    Slot& s = Probe(word, h);
    if (s.size == 0) {
      s = Slot{static_cast<std::uint32_t>(words_.size()), static_cast<std::uint32_t>(word.size()), 0,
               static_cast<std::uint32_t>(h)};
      words_.append(word);
      ++count_;
      if (word.size() > longest_) longest_ = word.size();
    }
    s.mask |= bits;
  }

  // The mask of `word`, 0 when it is none of the words.
  std::uint32_t Find(std::string_view word) const {
    if (slots_.empty() || word.empty() || word.size() > longest_) return 0;
    return Probe(word, Hash(word)).mask;
  }

  bool Contains(std::string_view word) const { return Find(word) != 0; }

  // Each word of `key` (words joined by one space, as DedupeKey writes them)
  // looked up: hits[b] counts the words with bit b, `masks` (when given)
  // gets every word's mask in order. Returns the number of words.
  std::size_t Tally(std::string_view key, std::vector<std::size_t>& hits, std::vector<std::uint32_t>* masks) const {
    std::size_t words = 0;
    for (std::size_t at = 0; at < key.size(); ++words) {
      std::size_t sp = at;  // words are short: a loop, not a call to find
      while (sp < key.size() && key[sp] != ' ') ++sp;
      const std::uint32_t m = Find(key.substr(at, sp - at));
      if (masks) masks->push_back(m);
      for (std::size_t b = 0; m != 0 && b < hits.size(); ++b) hits[b] += (m >> b) & 1u;
      at = sp + 1;
    }
    return words;
  }
  std::size_t size() const { return count_; }
  std::size_t longest() const { return longest_; }  // bytes

 private:
  struct Slot {
    std::uint32_t offset = 0, size = 0;  // of the word in words_; size 0: empty
    std::uint32_t mask = 0, hash = 0;    // hash: to skip most compares
  };

  // Words are short: their first and last bytes read as two numbers at
  // most 8 bytes wide (overlapping when shorter than 16), multiplied into one.
  static std::uint64_t Hash(std::string_view w) {
    const auto* p = reinterpret_cast<const unsigned char*>(w.data());
    const std::size_t n = w.size();
    std::uint64_t a = 0, b = 0;
    if (n >= 8) {
      std::memcpy(&a, p, 8);
      std::memcpy(&b, p + n - 8, 8);
    } else if (n >= 4) {
      std::uint32_t x, y;
      std::memcpy(&x, p, 4);
      std::memcpy(&y, p + n - 4, 4);
      a = x, b = y;
    } else if (n > 0) {
      a = (std::uint64_t{p[0]} << 16) | (std::uint64_t{p[n / 2]} << 8) | p[n - 1];
    }
    std::uint64_t h = (a ^ 0x9E3779B97F4A7C15ull) * (b ^ n ^ 0xC2B2AE3D27D4EB4Full);
    return h ^ (h >> 32);
  }

  template <class Self>
  static auto& ProbeIn(Self& self, std::string_view w, std::uint64_t h) {
    const std::size_t m = self.slots_.size() - 1;  // a power of two, never full
    for (std::size_t i = h & m;; i = (i + 1) & m) {
      auto& s = self.slots_[i];
      if (s.size == 0) return s;
      if (s.hash == static_cast<std::uint32_t>(h) && s.size == w.size() &&
          std::memcmp(self.words_.data() + s.offset, w.data(), w.size()) == 0)
        return s;
    }
  }
  Slot& Probe(std::string_view w, std::uint64_t h) { return ProbeIn(*this, w, h); }
  const Slot& Probe(std::string_view w, std::uint64_t h) const { return ProbeIn(*this, w, h); }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : 2 * old.size(), Slot{});
    for (const Slot& s : old)
      if (s.size) Probe(std::string_view(words_.data() + s.offset, s.size), Hash({words_.data() + s.offset, s.size})) = s;
  }

  std::vector<Slot> slots_;
  std::string words_;
  std::size_t count_ = 0, longest_ = 0;
};

}  // namespace sach
