// Every tunable number of sach in one place, each with the reason for its value.
// Phrases and patterns are not here: they are data in rules/. The limits an
// embedder may change are in include/sach/limits.h.
#pragma once
#include "sach/limits.h"

#include <cstddef>
#include <cstdint>
#include <utility>

namespace sach::tunables {

// --- input ----------------------------------------------------------------
// A file with a NUL byte in its first 8 KiB is binary, not a page or a dump
// (UTF-16 is recognised by its BOM before this check).
inline constexpr std::size_t kBinarySniffBytes = 8192;
// ...or when more than this percent of those bytes are C0 control characters
// other than tab, newline, carriage return and form feed: text has almost
// none, compressed or random data has ~12%.
inline constexpr std::size_t kMaxControlPercent = 5;
// Legacy 8-bit text is TCVN3 (not windows-1258/1252) when at least this
// percent of its high bytes are TCVN3's vowels ă â ê ô ơ ư đ and à ả ã á ạ
// (0xA8-0xB9): Vietnamese prose in TCVN3 has ~45-60%; windows-1258 ~0-3%
// (ª « ¬ ° ± ...), so the threshold sits far from both.
inline constexpr std::size_t kMinTcvn3Percent = 25;
// UTF-16 without a BOM: at least this percent of the high-half bytes of its
// first kBinarySniffBytes are NUL. Vietnamese prose in UTF-16 has ~55-65%
// (spaces, ASCII letters and digits); English ~100%; binary far less evenly.
inline constexpr std::size_t kMinUtf16NulPercent = 40;
// How far into a page <meta charset> is looked for (the HTML spec says 1024;
// real pages put long <head> scripts first, so be generous).
inline constexpr std::size_t kMetaCharsetScanBytes = 16384;
// Bytes that are not all valid UTF-8 are still read as UTF-8 (with the bad
// ones replaced) when this share of their non-ASCII bytes forms valid UTF-8
// sequences: legacy 8-bit text almost never does (a lead byte must be followed
// by the right number of continuation bytes), UTF-8 with a few corrupt bytes
// is above 0.9.
inline constexpr double kMinUtf8Share = 0.8;

// Input that does not start with a tag (a page cut mid-way) is HTML when
// the first this-many bytes hold at least kMinClosingTags closing tags; dumps
// and markdown have none.
inline constexpr std::size_t kKindSniffBytes = 16384;
inline constexpr std::size_t kMinClosingTags = 5;
// ...of at least this many elements: a page's text closes links, blocks and
// inline tags; a dump of a post about code closes its sample's one tag.
inline constexpr std::size_t kMinClosingTagNames = 3;
// Markdown with the page's raw HTML left in is told from HTML by this many
// markdown links ("](http", "](/") or "## " headings in its first this-many
// bytes: pandoc's gfm of a page may print 100 KB of <div>s before its first
// link (of the 892 such dumps of AEB's and wcxb-dev's pages, 13 show fewer
// in 256 KB); an HTML fragment holds them only where it shows markdown source.
inline constexpr std::size_t kMarkdownSniffBytes = 262144;
inline constexpr std::size_t kMinMarkdownMarks = 3;

// The longest line that can be a share bar of glued share words ("Chia sẻ
// Facebook Twitter Zalo Email In Lưu" is 45 bytes); longer lines are text.
inline constexpr std::size_t kMaxShareBarBytes = 120;
// A counted marker may run this much longer than the longest phrase: the
// count, and the post's title quoted after WordPress's "15 Replies to".
inline constexpr std::size_t kMaxCountedMarkerExtraBytes = 300;
// A marker written "More articles by {name}" takes a name of at most this
// many words (a person's, a site's or a section's: "Eduard Kovacs", "CFR"),
// and a line this much longer than the phrase.
inline constexpr std::size_t kMaxMarkerNameWords = 4;
inline constexpr std::size_t kMaxMarkerNameBytes = 64;

// --- fetching ---------------------------------------------------------------
// A Retry-After longer than this is not waited for in one run.
inline constexpr long kFetchMaxRetryAfterMs = 60000;
// A URL pattern of the crawl config may take this many ICU match steps (about
// milliseconds) on one URL; real patterns need microseconds, a catastrophic
// backtracking one is cut off rather than stalling the crawl.
inline constexpr int32_t kUrlPatternTimeLimit = 50;
// Config files are a few KB; anything over this is not one.
inline constexpr std::size_t kMaxConfigBytes = 4u << 20;
// robots.txt is kept this long before it is fetched again (RFC 9309 2.4:
// "should not use a cached version for more than 24 hours").
inline constexpr long kRobotsMaxAgeSeconds = 24 * 3600;
// A robots.txt larger than this is cut (the RFC asks parsers for 500 KiB).
inline constexpr std::size_t kRobotsMaxBytes = 512000;
// Between crawl passes the wait looks at the stop flag (set by SIGINT/SIGTERM)
// this often: a signal ends `sach crawl` within about this long.
inline constexpr long kCrawlStopPollMs = 200;
// Crawled articles are named by their URL's last segment; real slugs are
// 40-120 bytes, and the folder path adds ~40 to stay far below NAME_MAX.
inline constexpr std::size_t kMaxSlugBytes = 150;
// Output file names made from URLs stay below this many bytes.
inline constexpr std::size_t kMaxUrlFileName = 120;
// A block's shape for markdown (blocks.cc ShapeOf) is read from this many
// elements above it: a list item's or a quote's paragraph sits one or two
// below it, a table row two below its table; looking to the root would cost
// depth x blocks on every page, for every format.
inline constexpr int kShapeAncestors = 6;
// A page kept by --keep-raw names its URL and charset in its gzip header's
// comment; URLs past ~8 KiB are refused by most servers, so a longer comment
// is not one sach wrote and is not read.
inline constexpr std::size_t kMaxRawCommentBytes = 16384;

// --- hard limits (flags override them: sach clean --help) -------------------
// Lines longer than this many words are paragraphs, never captions: the
// caption comparison is quadratic in words (captions have 5-60).
inline constexpr std::size_t kMaxCaptionWords = 200;

// A page saying it was not found ([not_found] in the title or text) is a soft
// 404 when its text is this short: an error page's message and a few links
// run to tens of words; an article that quotes "page not found" runs to hundreds.
inline constexpr std::size_t kSoft404MaxWords = 150;

// `clean -j N`: each thread may run this many inputs ahead of the one being
// written, so a slow input does not idle the others; memory stays bounded by
// jobs x this many cleaned articles.
inline constexpr std::size_t kBatchWindowPerJob = 4;

// A line of hashtags (at least this many, the whole line at most this long:
// a tag row, not a sentence quoting one) is a tag list under the article.
inline constexpr int kMinHashtags = 2;
inline constexpr std::uint32_t kMaxHashtagLineChars = 300;

// WARC reading: raw bytes are read this many at a time (a few gzip members of
// an average record; big enough that a shard is read in few system calls).
inline constexpr std::size_t kWarcReadChunk = 256u << 10;
// A WARC record's header block is a dozen lines; one this long without its
// blank line is garbage, and the reader looks for the next record.
inline constexpr std::size_t kMaxWarcHeaderBytes = 64u << 10;
// Standard input is a WARC when its first bytes say so: the version line, or
// a gzip header and enough of the first member to inflate to it.
inline constexpr std::size_t kWarcSniffBytes = 4096;
// More threads than this is a typo, not a machine.
inline constexpr int kMaxJobs = 256;
// The progress line on a terminal: redrawn at most every this many ms (ten a
// second reads as live and costs nothing), a bar this many cells wide.
inline constexpr int kProgressRedrawMs = 100;
inline constexpr int kProgressBarWidth = 24;

// --- dump cleaning --------------------------------------------------------
// A front matter block (src/front_matter.cc) ends within this many lines:
// sach writes 8, static-site pages some tens; a longer run of "key: value"
// lines after a rule is data, not a page's header.
inline constexpr std::size_t kMaxFrontMatterLines = 200;
// A title is a short line: Vietnamese headlines run 40-160 characters; a first
// line longer than this is a paragraph (a dump that lost its title).
inline constexpr std::size_t kMaxTitleChars = 250;
// A paragraph that proves the article goes on after a boilerplate marker: a
// sentence (ends in . ! ? … or a closing quote) of at least this many words.
// Headlines never end in a full stop; 10 words keeps short captions out.
inline constexpr std::size_t kMinResumeWords = 10;
// A comment heading ends the article, whatever paragraphs follow it, only
// under this many words of the article's own paragraphs: a count printed in
// the header ("124 Comments" under a one-paragraph lead) heads no thread.
inline constexpr std::size_t kMinWordsAboveThread = 120;
// A byline is a short line of names; the longest in the samples ("Lã Hoàn -
// Nguyễn Anh") is 5 words, team bylines reach ~10.
inline constexpr std::size_t kMaxBylineWords = 12;
inline constexpr std::size_t kMaxBylineChars = 80;
// An author field's last part after a comma is the outlet it wrote for when
// it ends as the site's name does and shares at least this share of its
// words ("The Commercial Appeal" on the Memphis Commercial Appeal's page: 2
// of 3); a role sharing one word of two ("Senior Editor") is not.
inline constexpr double kOutletSharedWords = 0.6;
// A writer's card (photo, name, job title) is a few elements; the name is
// read off the first block of an element no larger than this.
inline constexpr int kMaxCardElements = 100;
// A publication word may follow a label of up to this many words on a page's
// date line ("Essay - Published: 2025.12.17": the post's kind, a section).
inline constexpr std::size_t kMaxWordsBeforePublished = 2;
// An <h1> printing the announced title with a label of at most this many
// words before or after it ("Blog:", "Dec 18 2025") is that title; the
// announced title must be this long to be found so (not a one-word name).
inline constexpr std::size_t kMaxTitleLabelWords = 3;
// In a title set off by two pipes or more ("Headline | Section | Site"), a
// part after a pipe of at most this many words is a section or the site.
inline constexpr std::size_t kMaxTitleSectionWords = 6;
inline constexpr std::size_t kMinLabelledTitleBytes = 16;
// A photo credit alone is a name and an agency ("David Zalubowski, STF /
// Associated Press": 5 words); a caption that opens with a credit marker
// ("Image: Jose Mourinho, left, has replaced ...") runs longer.
inline constexpr std::size_t kMaxCreditWords = 6;
// "Theo CHINHPHU.VN": the credited outlet is a name of a few words, not a clause.
inline constexpr std::size_t kMaxSourceWords = 6;

// A line of a dump this long (code points) that ends no sentence, followed
// in its block by a line starting in lower case, was broken by the dumper:
// text browsers wrap at 72-80 columns by default and at ~1000 bytes at most;
// a heading or a caption stays apart (shorter, or ended).
inline constexpr std::size_t kWrappedLineMinChars = 60;
// A dump wrapped at a fixed width (wrap.cc): the width lies between these
// (converters wrap at 72-80 by default; a user may ask for more)...
inline constexpr std::size_t kMinWrapWidth = 40;
inline constexpr std::size_t kMaxWrapWidth = 160;
// ...its full lines end within this many columns short of it (words of up to
// ten letters leave that much room at most)...
inline constexpr std::size_t kWrapSlack = 10;
// ...at least this many lines, and a fifth (1/kWrapWideShare) of the lines of
// kMinWrappedColumns or more, end there, against a tenth as many just past
// it (1/kWrapNearPerPast)...
inline constexpr std::size_t kMinWrappedLines = 10;
inline constexpr std::size_t kWrapWideShare = 5;
inline constexpr std::size_t kMinWrappedColumns = 30;
inline constexpr std::size_t kWrapNearPerPast = 10;
// ...and lines of prose (this many spaces or more, no list item, heading or
// table row) past it are under a tenth as many: unwrapped dumps print most
// paragraphs wider than any such width.
inline constexpr std::size_t kWrapProseSpaces = 8;
// A line's next word "did not fit" when it would have ended within this many
// columns of the width: lynx counts some letters of other scripts otherwise
// than we do (its Vietnamese lines end 3-5 columns short).
inline constexpr std::size_t kWrapFitSlack = 4;

// --- the article region of a whole-page dump (src/region.cc) -------------
// At most this many languages in [function_words]: each is a bit of a word's mask.
inline constexpr std::size_t kMaxFunctionLanguages = 32;
// The dump's language is known when this share of its words are function
// words of one language (English prose runs 0.4-0.5, a menu ~0.05): below
// it, lines are judged by length and punctuation alone.
inline constexpr double kKnownLanguageShare = 0.1;
// A line of prose: at least this share of function words (jusText's
// "good" paragraphs start near 0.3; lists of names and headlines run below
// 0.15), this many words, and a sentence end or this many characters.
inline constexpr double kProseFunctionShare = 0.25;
inline constexpr std::size_t kProseMinWords = 10;
inline constexpr std::size_t kProseMinChars = 150;
// Weak prose: a headline, a caption, a terse sentence. Counts for the region
// at kWeakProseWeight of its length.
inline constexpr double kWeakProseFunctionShare = 0.18;
inline constexpr double kWeakProseWeight = 0.3;
// Where the dump's own sentences (lines of kProseMinWords ending in . ! ?)
// hold fewer function words than English prose (~0.42), the two shares
// above scale with them: prose from 0.6 of their share, weak prose from 0.45.
inline constexpr double kProseShareOfSentences = 0.6;
inline constexpr double kWeakShareOfSentences = 0.45;
// Shorter than this (code points) a line is a short line: a menu item, a
// button, a subheading or a list item. The region takes it at a small cost.
inline constexpr std::size_t kShortLineChars = 40;
inline constexpr double kShortLineCost = 15;
// A long line that reads as nothing is weak prose from this length on
// (tables, code, numbers); shorter, it is noise.
inline constexpr std::size_t kLongLineChars = 120;
// A line longer than kProseMinChars whose visible characters are more than
// this share ASCII symbols is code or data, not prose. Over the wcxb-dev
// dumps' read half, lines past 0.25 held 1 line of article text (bs4) and 8
// (lynx) against 45k and 350k characters of other text.
inline constexpr double kMaxProseSymbolShare = 0.25;
// ...or more than this share a program's marks (MixOf().code): a script a
// dumper printed as text (turndown keeps <script>s), its strings wordy
// enough to pass the share above. Over AEB's and wcxb-dev's (read half)
// dumps by bs4, html2text and lynx, lines past 0.04 held no article text.
inline constexpr double kMaxProseCodeShare = 0.04;
// ...or less than this share words (MixOf().words): JSON and minified code,
// one long token after another, as turndown prints a page's <head>. Over
// the same dumps, lines under 0.3 held 0.01 % of the article text.
inline constexpr double kMinProseWordShare = 0.3;
// A token longer than this is no word (German compounds run to ~40 bytes).
inline constexpr std::size_t kMaxWordTokenBytes = 40;
// A symbolic line this long is a script or a JSON blob, never the article's
// (region.cc's CodeBlob): dropped inside the region too. Over the dumps named
// above, no symbolic line of 300 characters or more held article text.
inline constexpr std::size_t kCodeBlobChars = 500;
// Noise costs half its length, at least kNoiseMinCost: a run of menu lines
// outweighs a teaser paragraph, one stray line does not split an article.
inline constexpr double kNoiseCostPerChar = 0.5;
inline constexpr double kNoiseMinCost = 30;
// A list of teasers inside the region's run: this many date lines at one
// spacing, each record (headline, author, date, summary...) of at least
// kMinRecordLines lines (a date and a paragraph, twice, is a timeline) and
// at most kMaxRecordLines.
inline constexpr std::size_t kMinListDates = 3;
inline constexpr std::size_t kMinRecordLines = 3;
inline constexpr std::size_t kMaxRecordLines = 8;
// A line whose link text is more than this share of it is navigation.
inline constexpr double kMaxLinkShare = 0.5;
// A line printed again elsewhere in the dump (a menu twice, a caption under
// every photo) is noise below this many words; an article does not repeat
// its sentences.
inline constexpr std::size_t kRepeatedLineMaxWords = 25;
// A line that is one phrase of at least this many words twice over is an
// image's alt text and title (browser dumps); shorter doubles are phrases
// ("bye bye", "New York, New York").
inline constexpr std::size_t kMinDoubledWords = 3;
// A bracketed token of this many characters with no space is a file's name
// as a text browser shows an image without alt text (a CDN's hashed name,
// "[jiFgl7LHh4HHIh2kHaft40bMma0O_H0…]"); words and references are shorter.
inline constexpr std::size_t kMinFileTokenChars = 24;
// A line that is one bracketed phrase of at least this many words is an
// image's alt text as pandoc prints it ("[Workers finish the bridge]"); one
// bracketed word is a reference or a label ("[1]", "[city]").
inline constexpr std::size_t kMinBracketedAltWords = 2;
// A link's bracketed target after its text (html-to-text: "Tech [https://…]"):
// up to this many words before it count as link text. A menu item's label
// runs one to three words; a link inside a sentence costs that sentence little.
inline constexpr std::size_t kBracketLinkWords = 3;
// A dump's title in capitals takes the case of the same words printed
// elsewhere when it has this many words: one or two ("WEEKEND") are found
// inside too many other lines.
inline constexpr std::size_t kMinRecasedTitleWords = 3;
// A line of only this many rule characters or more ("___", "═══") is a drawn
// rule, no text; two are an emphasis or a dash pair.
inline constexpr std::size_t kMinRuleChars = 3;
// ...and of at most this many: alt texts printed twice in the dumps of both
// corpora run 1-41 words a half (one of 131); a paragraph may say a thing twice.
inline constexpr std::size_t kMaxDoubledWords = 50;
// Inside the article region, a line printed again only there is the
// article's own label ("Pros", "What we like", a table's "Yes") when it has
// at most this many words; longer repeats there are an image's title printed
// per photo. Measured on both halves of the wcxb-dev dumps and the AEB dumps.
inline constexpr std::size_t kRepeatedLabelMaxWords = 8;
// Lines that differ only in a trailing number are one line printed again
// when at least this many words come before it: a gallery's alt texts
// ("<headline> - 3"). Fewer are a label with a value ("Class size: 930").
inline constexpr std::size_t kCounterShapeMinWords = 4;

// The page's first prose line weighs this many times its length: the article
// usually comes before the teasers, comments and boxes that follow it, and a
// dump that ends in another article's teaser (a related box, a weather box)
// keeps its own article (no change to wcxb-dev's and AEB's dump figures
// beyond +-.006 per dumper, their mean unchanged).
inline constexpr double kFirstProseBonus = 2.0;

// Lines just above the region that may be the article's title, date and
// byline (a headline, a date, "By X", a share row between them).
inline constexpr std::size_t kDumpHeaderLines = 6;
// A headline above a whole page's article region has at least this many
// words; shorter lines there are buttons and labels ("Book a demo", "Sign
// in"). 5 gave the most right titles on wcxb-dev's dumps on both halves
// (bs4 .19 -> .30, lynx .18 -> .27; 4 and 6 fewer).
inline constexpr std::size_t kMinHeadlineWords = 5;
// A headline further above the region than kDumpHeaderLines (a table of
// contents or an author box between it and the text) is looked for this
// many lines up, and must share at least this share of its content words
// with the article's first lines (a menu entry names a topic, not the
// article); a header line sharing less loses to it. On wcxb-dev's dumps,
// even half (odd held back): bs4 titles 134 -> 148 of 354 (odd 145 -> 169),
// lynx 137 -> 149 (odd 144 -> 168); shares .3 to .6 and 50 to 200 lines
// within 5 of that, bodies unchanged.
inline constexpr std::size_t kFarTitleLines = 100;
inline constexpr double kFarTitleShare = 0.4;
// The headline shares its words with the article's first lines (the lead and
// first paragraphs name what the title names); this many lines are read.
inline constexpr std::size_t kTitleLeadLines = 5;
// The date line a headline stands above may be this many lines into the
// article region: a region may open on menu lines that read as prose ("Average
// Cost of X Average Cost of Y", a bs4 dump's row of links). From 5 to 12 the
// wcxb-dev dumps' titles rose bs4 +7, lynx +4 (both halves), none past 12.
inline constexpr std::size_t kDateAnchorLines = 12;
// A line of names under a dump's headline without "By" has at most this
// many words (first, middle and last names; two writers need "and").
inline constexpr std::size_t kMaxBareBylineWords = 4;
// Lines just below it that may be its byline and source ("Lã Hoàn - Nguyễn
// Anh", "Theo TTXVN"), up to the first boilerplate phrase or link row.
inline constexpr std::size_t kDumpTrailerLines = 3;
// A byline that says it is one ("By Jane Doe") is looked for this many lines
// above and below the region's start: pages put a share row, a photo and its
// caption, or a summary box between the byline and the text.
inline constexpr std::size_t kBylineSearchLines = 12;

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

// --- HTML parsing ---------------------------------------------------------
// Hostile-input guards before parsing (real pages stay far below): more
// unclosed formatting elements (<b>, <font>...) than this are not passed to
// Gumbo, and a start tag longer than kLongTagBytes with more attributes than
// kMaxAttributes loses its attributes. Gumbo is quadratic in both.
inline constexpr std::size_t kMaxOpenFormatting = 1000;
inline constexpr std::size_t kLongTagBytes = 8192;
inline constexpr std::size_t kMaxAttributes = 1000;
// A page's canonical URL is looked for in its <head>, within this many bytes
// (heads carry long inline scripts before their <link> tags).
inline constexpr std::size_t kHeadScanBytes = 256u << 10;
// Steps one selector may take matching one element (ancestor backtracking);
// real selectors need a few dozen, a hostile page could need billions.
inline constexpr int kSelectorMatchSteps = 4096;
// The parse arena's first chunk: most article pages (50-300 KB) need 1-2 MB of
// tree; smaller pages start at 4x their size, never below this.
inline constexpr std::size_t kArenaFirstChunk = 256u << 10;
// Chunks double up to this size; one chunk of at most this size is kept per
// thread for the next page, so peak memory stays flat over a batch.
inline constexpr std::size_t kArenaMaxChunk = 64u << 20;

// An <article>/<main> element protects its ancestors from pruning only when
// it holds at least 1/this of the page's text: comment threads and teaser
// lists use <article> for every small item.
inline constexpr std::uint32_t kArticleShareDenominator = 4;

// A heading longer than this is a headline, not a "Related posts" marker.
inline constexpr std::uint32_t kMaxMarkerChars = 60;

// --- HTML scoring (Readability's values unless said otherwise) -------------
// Text shorter than this is not scored as a paragraph: labels, buttons, dates.
inline constexpr std::uint32_t kMinScoredChars = 25;
// A paragraph's score reaches this many ancestors (parent 1, grandparent 1/2,
// then 1/(3*level)): articles nest their paragraphs 1-5 levels below the container.
inline constexpr int kScoreAncestors = 5;
// Candidates within this ratio of the best are its near-equals; when this many
// of them share an ancestor, the article is that ancestor.
inline constexpr float kAlternativeRatio = 0.75f;
inline constexpr std::size_t kMinAlternatives = 3;
// A sibling of the best candidate joins the article when it scores at least
// this share of it (and at least kMinSiblingScore)...
inline constexpr float kSiblingScoreRatio = 0.2f;
inline constexpr float kMinSiblingScore = 10.0f;
// ...or is a <p> longer than this with little linked text, or a shorter <p>
// with no link that holds a sentence.
inline constexpr std::uint32_t kSiblingParagraphChars = 80;
inline constexpr double kSiblingMaxLinkDensity = 0.25;
// A link-heavy card between the article's paragraphs is judged by its parts
// when it holds a <p> this long: teasers' excerpts run one line (80-100
// characters); 80 kept next/previous-post teasers, 200 fewer ranked cards.
inline constexpr std::uint32_t kCardProseChars = 120;
// A paragraph printed again further down is dropped when it is at least
// this long (prose, a paragraph's worth); shorter lines recur in real text.
inline constexpr std::uint32_t kRepeatedParagraphChars = kSiblingParagraphChars;
// An element with a caption class holding this many <p> or more wraps body
// text, not a photo's caption (a site's class word on its article wrapper).
inline constexpr std::uint16_t kCaptionMaxParagraphs = 2;

// A block weighed down only by a box word ("widget") stays when at least
// this share of its text is paragraph text (0.5-0.66 also kept product
// cards' specification lists; 0.8 keeps prose only).
inline constexpr double kBoxProseShare = 0.8;
// A sibling container joins the article when it holds at least this much
// paragraph text (two full paragraphs), most of its text: a section of an
// article split into sibling blocks, not a teaser or a caption.
inline constexpr std::uint32_t kSiblingProseChars = 5 * kSiblingParagraphChars;
// A lead paragraph ("sapo") outside the article's element is looked for
// this many levels up: sites nest it 1-3 levels away from the body text.
inline constexpr int kLeadMaxLevels = 3;
// Climb from the best candidate to an ancestor (at most kChunkClimbMaxLevels
// above the last step) holding this many times its unlinked paragraph text,
// when that ancestor is at most this linked: the rest of an article cut into
// chunks. Page builders wrap each chunk in 3-4 levels (block > text > section
// > html); 3 levels left their siblings out, 5-7 gained nothing more on
// wcxb-dev and lost precision on its odd half.
inline constexpr float kChunkClimbGain = 1.5f;
inline constexpr int kChunkClimbMaxLevels = 4;
inline constexpr double kChunkClimbMaxLinkDensity = 0.15;
// The prose region: the element maximising its prose (paragraph units of at
// least kSiblingParagraphChars, linked at most kSiblingMaxLinkDensity) minus
// this times the rest of its text. 1: a character of menu costs what a
// character of prose gains (0.5 and 2 chose the same regions on wcxb-dev).
inline constexpr double kProseRegionOtherCost = 1.0;
// The scored article gives way to the prose region when it holds less than
// this share of the region's prose: a clear miss, not a near tie (0.5 took
// AEB pages whose scored article was right and the region held a teaser list).
inline constexpr double kProseRegionMinShare = 0.3;
// The body the markup declares (itemprop=articleBody, a lone <article>)
// replaces the scored article when it sits inside it holding at least this
// share of its prose (the rest is an author box or a teaser beside it)...
inline constexpr double kDeclaredBodyTightShare = 0.9;
// ...or when it sits around it and the scored article holds less than this
// share of the declared body's prose (a body split in parts). 0.8-0.95 and
// 0.5-0.85 chose alike on wcxb-dev and AEB.
inline constexpr double kDeclaredBodyFullShare = 0.7;
// Share and tag bars are short; a "share" class on a long block is a wrapper.
inline constexpr std::uint32_t kShareMaxChars = 500;
// Blocks with this many commas are prose: never dropped conditionally.
inline constexpr std::uint32_t kConditionalMaxCommas = 10;
// A block of several images is a gallery widget when it holds fewer
// paragraphs per image than this (Readability: p < img / 2).
inline constexpr double kConditionalMinParagraphsPerImage = 0.5;
// A short block is kept when at least this share of its text is headings
// (a subheading inside the article, not a stray line of a widget).
inline constexpr double kConditionalHeadingShare = 0.9;
// A block with more form controls than its paragraphs / this is a form
// (Readability's input > p / 3).
inline constexpr double kConditionalParagraphsPerInput = 3;
// A block (not a list) is list-like when its <li> outnumber its <p> by this much.
inline constexpr std::uint16_t kConditionalListSlack = 100;
// A class/id content word is worth this (Readability: a paragraph or two of
// text), a boilerplate word takes as much away; a block that has a content
// word may be more linked.
inline constexpr int kClassWeightContent = 25;
// Linked share above which a block is navigation: 0.2 for plain blocks, 0.5
// for blocks whose class says content.
inline constexpr double kMaxLinkDensity = 0.2;
inline constexpr double kMaxLinkDensityContent = 0.5;
// Lists inside an article that are mostly links are "read more" lists (ours,
// not Readability's: it keeps them).
inline constexpr double kMaxListLinkDensity = 0.4;
// A block whose text is at least this share inside <blockquote> is quoted
// article text (an embedded post), never dropped for its class or links.
inline constexpr double kQuotedShare = 0.8;
// A block with one video/iframe and less text than this is a player.
inline constexpr std::uint32_t kEmbedMaxChars = 75;
// Fewer characters than this in the article: retry with pruning relaxed.
inline constexpr std::size_t kMinArticleChars = 500;

// The byline and date are looked for this many levels above the top-scored
// element: sites print them beside the headline, 1-4 levels from the body text.
inline constexpr int kMetadataRegionLevels = 4;
// The page's <h1> is its title when at least this share of the shorter of
// it and og:title (or <title>) is words of the other: a reworded headline
// shares a third or more; a site name or section heading in <h1> shares
// none. On the wcxb-dev even half any value from 0.05 to 0.3 scores alike.
inline constexpr double kMinTitleSharedWords = 0.3;
// Site and section names are cut off a title one at a time ("Headline |
// Section | Site" takes two cuts); three covers every title on wcxb-dev and
// bounds the loop on a title made of separators.
inline constexpr int kMaxTitleNameCuts = 3;
// Several authors printed together are joined by ", ", " and ", ", and "
// or " & ": at most this many characters between two names.
inline constexpr std::size_t kMaxNameGapChars = 6;

// explain quotes at most this many bytes of a block's text, cut after a
// whole word (-v quotes it whole); a line of a dump is still recognisable.
inline constexpr std::size_t kTraceSnippetBytes = 100;
// explain names a block's element by its path: up to this many steps from
// the element (or to the nearest ancestor with an id), each with at most this
// many class words; enough to write a selector from, short enough to read.
inline constexpr int kTracePathSteps = 4;
inline constexpr int kTracePathClasses = 2;
// A run of dropped dump lines in `sach explain` names at most this many of
// its lines that have a reason of their own (a marker): enough to see which
// rule ended the article, short enough to read.
inline constexpr std::size_t kExplainRunNotes = 3;

// --- the line stage: cleanup inside the article (both routes) ----------------
// A line after a "Tin liên quan" heading belongs to its list while at least
// this share of it is linked (headlines are whole links; prose has few).
inline constexpr double kMarkerLinkDensity = 0.5;
// "(VTC News) -" printed in its own element before the lead: a block this
// short ending in a dash is joined to the next one.
inline constexpr std::size_t kMaxDatelineChars = 40;
// Blocks at least this linked before the first or after the last line of
// text are navigation: breadcrumbs, "more stories" lists.
inline constexpr double kEdgeLinkDensity = 0.5;
// A marker glued to its links is one of the block's first this-many words
// ("Bài viết liên quan" is four).
inline constexpr int kMaxMarkerWords = 5;
// Headlines right above a box inside the article (other articles' titles
// set between the lead and the share bar) go with it from this many on: one
// line there may be a subheading.
inline constexpr std::size_t kMinBoxHeadlines = 2;
// A line opening with a share phrase of two words or more ("Theo dõi", "Follow
// us") is a follow button when it is at most this many words long.
inline constexpr std::size_t kMaxFollowButtonWords = 4;
// ...or the words before a colon this close to the line's start ("Read
// more:", "Xem thêm:"); a colon further in is a sentence's.
inline constexpr std::size_t kMaxMarkerColonBytes = 40;
// Above the text, a byline and a source line each take a line at most.
inline constexpr int kMaxHeadLines = 2;
// Below it: a name line, a "Theo X" credit and an "(TTXVN)" agency line.
inline constexpr int kMaxTailLines = 3;
// A call to action under the text is a sentence or three ("Join our Space
// Forums to keep talking space ... let us know at ..."): longer is text.
inline constexpr std::size_t kMaxCallToActionWords = 80;
// A date line is short: "Thứ Năm, 30/09/2021 | 08:20" is 27 characters.
inline constexpr std::size_t kMaxDateLineChars = 80;
// A time printed on the line after its date: "13:30", "13:30 (GMT+7)".
inline constexpr std::size_t kMaxTimeLineChars = 20;
// An image's alt text is its article's title and a counter of at most this
// many words: "- 1", "- Ảnh 1", "(photo 3)".
inline constexpr std::size_t kMaxCounterWords = 2;

// --- site templates learned from a batch (src/template.cc, clean --learn) ----
// A line is template when it is on at least this many pages of a site...
inline constexpr std::size_t kTemplateMinPages = 3;
// ...and on at least this share of them: a menu or footer is on every page, a
// box on most; an agency credit or a recurring phrase of articles on few.
inline constexpr double kTemplateMinShare = 0.6;
// A page belongs to a template when at least this share of the lines its
// first pass dropped are lines of that template's pages: most of them are
// furniture that recurs (sidebar headlines change by the day); a page of
// another site or of a redesign shares a few lines (the site's name, an address).
inline constexpr double kTemplateJoinShare = 0.2;
// A line on this many earlier pages of a template no longer bounds the next
// page's article when the learner tells the article's inside from its edges.
inline constexpr std::size_t kTemplateRecurringPages = 2;
// The learner forgets lines seen on one page only when it holds more than
// this many: memory stays bounded by what a template can hold (a site's
// furniture is a few hundred lines), not by the pages read.
inline constexpr std::size_t kTemplateMaxLines = 50000;
// A proposed site file's fingerprint: the site's most widespread template
// lines, as many as a hand-written one lists (rules/sites/*.toml hold 4-8).
inline constexpr std::size_t kProposedFingerprintLines = 6;
// A markdown dump's link line is read as its text when a site's fingerprint
// is looked for, up to this length: a menu item with its URL and title, not
// a paragraph full of links.
inline constexpr std::size_t kFingerprintLinkLineBytes = 600;
// ... preferring lines of this many words: a box's or a menu's heading ("Tin
// đọc nhiều trong tuần", "Liên kết website"), not a lone menu word that any
// site prints ("Giới thiệu") nor a select list of every provincial office.
inline constexpr std::pair<std::size_t, std::size_t> kProposedFingerprintWords{3, 8};
// `sach learn` checks each drop selector it could propose by cleaning the
// site's pages again with it: the most widespread this many, a handful per
// template (a site file holds 1-4), so checking costs a few passes, not one per path.
inline constexpr std::size_t kProposedMaxDrops = 8;

// --- buffers -------------------------------------------------------------------
// Words per dump line reserved up front: a dump's lines average about this
// many (menus fewer, prose more), so most dumps never regrow the buffer.
inline constexpr std::size_t kReserveWordsPerLine = 8;

}  // namespace sach::tunables
