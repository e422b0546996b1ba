// Every tunable number of sach in one place, each with the reason for its value.
// Phrases and patterns are not here: they are data in rules/.
#pragma once
#include <cstddef>

namespace sach::tunables {

// --- input ----------------------------------------------------------------
// Largest input accepted, after gunzip. The biggest real article pages seen are
// ~3 MB; 32 MiB leaves room for inline-image pages while refusing runaway
// files and gzip bombs before they eat memory.
inline constexpr std::size_t kMaxInputBytes = 32u << 20;
// A file with a NUL byte in its first 8 KiB is binary, not a page or a dump
// (UTF-16 is recognised by its BOM before this check).
inline constexpr std::size_t kBinarySniffBytes = 8192;
// ...or when more than this percent of those bytes are C0 control characters
// other than tab, newline, carriage return and form feed: text has almost
// none, compressed or random data has ~12%.
inline constexpr std::size_t kMaxControlPercent = 5;
// How far into a page <meta charset> is looked for (the HTML spec says 1024;
// real pages put long <head> scripts first, so be generous).
inline constexpr std::size_t kMetaCharsetScanBytes = 16384;
// Bytes that are not all valid UTF-8 are still read as UTF-8 (with the bad
// ones replaced) when this share of their non-ASCII bytes forms valid UTF-8
// sequences: legacy 8-bit text almost never does (a lead byte must be followed
// by the right number of continuation bytes), UTF-8 with a few corrupt bytes
// is above 0.9.
inline constexpr double kMinUtf8Share = 0.8;

// --- dump cleaning --------------------------------------------------------
// A title is a short line: Vietnamese headlines run 40-160 characters; a first
// line longer than this is a paragraph (a dump that lost its title).
inline constexpr std::size_t kMaxTitleChars = 250;
// A paragraph that proves the article goes on after a boilerplate marker: a
// sentence (ends in . ! ? … or a closing quote) of at least this many words.
// Headlines never end in a full stop; 10 words keeps short captions out.
inline constexpr std::size_t kMinResumeWords = 10;
// A byline is a short line of names; the longest in the samples ("Lã Hoàn -
// Nguyễn Anh") is 5 words, team bylines reach ~10.
inline constexpr std::size_t kMaxBylineWords = 12;
inline constexpr std::size_t kMaxBylineChars = 80;
// "Theo CHINHPHU.VN": the credited outlet is a name of a few words, not a clause.
inline constexpr std::size_t kMaxSourceWords = 6;

// --- caption dedupe -------------------------------------------------------
// Two adjacent lines are one caption printed twice (alt text, then visible
// caption) when the shorter one's words appear, in order, in the longer one at
// least this fraction. The reworded pairs of the samples score 0.92-1.0; two
// different captions of one photo series ("A gives B a gift" / "B gives A a
// gift") score ~0.4 because word order is kept.
inline constexpr double kCaptionContainment = 0.8;
// ...and the longer is at most this many times the shorter in words, so a
// short caption is not swallowed by the paragraph that mentions its subject.
inline constexpr double kCaptionMaxLengthRatio = 2.5;
// Captions shorter than this many words are compared for equality only: with
// 1-2 words, containment says nothing.
inline constexpr std::size_t kCaptionMinWords = 3;

}  // namespace sach::tunables
