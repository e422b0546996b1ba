// sach as a library: everything an embedder needs, in one include.
//
//   #include <sach/sach.h>
//   sach::Result<sach::Rules> rules = sach::Rules::Load(sach::DefaultRulesDir());
//   if (!rules) { report(rules.error().message); return; }     // "file:line: what is wrong"
//   sach::Document doc{"page.html", bytes, "https://example.vn/a.html", ""};
//   sach::Result<sach::Cleaned> c = sach::Clean(doc, *rules);   // never throws
//   if (c) std::cout << sach::FormatText(c->article);          // or FormatJsonLine
//   else report(doc.name + ": " + c.error().message);          // c.error().code says why
//
// The headers, each usable on its own:
//   clean.h    Clean: bytes in, an Article out (decode, HTML or dump route, metadata)
//   rules.h    Rules::Load, Rules::Lint, DefaultRulesDir
//   article.h  Document, Article, Metadata, CleanOptions (limits), Trace
//   write.h    FormatText / FormatJsonLine, WriteFileAtomic
//   explain.h  Explain: why each block was kept or dropped
//   fetch.h    Fetch: one URL over HTTP(S), politely, with retries
//   input.h    ReadInput (gunzips), ListInputs (walks folders)
//   decode.h   Decode: any charset to NFC UTF-8
//   crawl.h    RunCrawl / CrawlOnce, with crawl_config.h's CrawlConfig::Load
//   result.h   Result<T>, Error, ErrorCode: errors are values
//   limits.h   the default limits CleanOptions and FetchOptions start from
//
// Threads. A Rules is immutable once loaded, and copies share it: any number
// of threads may call Clean, Explain and the Format functions at once with one
// Rules (sach clean -j N and the crawler do). Each call owns its Document,
// Trace and result; nothing is cached between calls. Fetch may run on many
// threads; libcurl's global setup is done once, on first use, under a lock.
// Load rules once, not per page: loading compiles every pattern.
//
// Errors. No function here throws across the API: failures are Result values
// with a one-line message (the caller adds the input's name) and a code.
#pragma once
#include "sach/article.h"
#include "sach/clean.h"
#include "sach/crawl.h"
#include "sach/crawl_config.h"
#include "sach/decode.h"
#include "sach/explain.h"
#include "sach/fetch.h"
#include "sach/input.h"
#include "sach/limits.h"
#include "sach/result.h"
#include "sach/rules.h"
#include "sach/write.h"
