// The limits an embedder may change per call (CleanOptions, FetchOptions,
// ReadInput): their defaults, each with the reason for its value. Every other
// tunable number is internal (src/tunables.h, which includes this file).
#pragma once
#include <cstddef>

namespace sach::tunables {

// Largest input accepted, after gunzip. The biggest real article pages seen are
// ~3 MB; 32 MiB leaves room for inline-image pages while refusing runaway
// files and gzip bombs before they eat memory.
inline constexpr std::size_t kMaxInputBytes = 32u << 20;

// Government sites answer in well under 10 s when they answer at all.
inline constexpr long kFetchConnectTimeoutMs = 10000;
inline constexpr long kFetchTotalTimeoutMs = 60000;

// Under 1 KB/s for 20 s is a stalled transfer, not a slow one.
inline constexpr long kFetchLowSpeedBytes = 1024;
inline constexpr long kFetchLowSpeedSeconds = 20;

// Article URLs redirect once or twice (http -> https, a canonical slug).
inline constexpr long kFetchMaxRedirects = 5;

// Three retries at 1, 2 and 4 s (plus up to 50% jitter) ride out a restart
// without hammering a site that is down.
inline constexpr int kFetchRetries = 3;
inline constexpr long kFetchBackoffMs = 1000;

// A page taking longer than this is reported and skipped: real pages clean in
// 5-50 ms, a 32 MiB one in ~1 s; minutes mean a pathological input.
inline constexpr double kMaxSecondsPerPage = 30;

// A dump with more lines than this is not an article dump (real ones have a
// few hundred); the line list would also cost ~40 bytes a line.
inline constexpr std::size_t kMaxDumpLines = 200000;

// A dump line longer than this is not text (base64, minified data). A
// naive scraper may put a whole article on one line: 1 MiB is ~20 of them.
inline constexpr std::size_t kMaxDumpLineBytes = 1u << 20;

// Elements nested deeper than this (counting those closed explicitly: div,
// span, table, ul...) lose their tags, keeping their text. Real pages nest
// 20-60 levels; Gumbo's cost per tag grows with the depth.
inline constexpr std::size_t kMaxOpenElements = 1000;

}  // namespace sach::tunables
