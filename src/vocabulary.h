// What the loaded rules hold, for the stages: the vocabulary of phrases,
// class words, selectors and date shapes (the default merged with a site's),
// and the sites. Internal: an embedder sees only sach::Rules (sach/rules.h).
//   const Vocabulary& v = rules.For(doc.url, text);   // default + matching site
//   if (const Marker* m = v.FindMarker(line)) ...     // m->kind, m->origin
#pragma once
#include <array>
#include <bitset>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sach/result.h"
#include "sach/rules.h"
#include "selector.h"
#include "word_masks.h"

#include <unicode/uversion.h>
U_NAMESPACE_BEGIN
class RegexPattern;
U_NAMESPACE_END

namespace sach {

// What a boilerplate phrase stands for. A dump line that is one of these
// phrases is never article text; the concept says what follows it.
enum class Concept {
  kRelated,  // "Tin liên quan", "Xem thêm": a list of other articles follows
  kShare,    // "In", "Chia sẻ", "Facebook": share / print widgets
  kComment,  // "Viết bình luận mới": comment box
  kAfterword,  // "About the author", "Was this page helpful?": what pages print after an article
  kSearch,   // "Tìm kiếm": search box
  kNav,      // site menu and sidebar headings
  kFooter,   // site footer lines
  kWidget,   // "THÔNG TIN CẦN BIẾT": a box whose own lines (up to a blank) go too
  kTags,     // "Tag", "Từ khóa": a list of tag links
  kAd,       // "Quảng cáo", class="banner": advertising
  kCaption,  // class="caption": photo captions (kept once)
  kContent,  // class="article-body": words that mark article text
  kByline,   // class="author", "date": the byline area (read for metadata)
  kLead,     // class="sapo", "lead": the article's lead paragraph
  kBox,      // class="widget", "media": boxes that are only weighed down, never dropped unseen
  kText,     // class="post", "entry": weighed up, but no shield against pruning
  kTemplate, // learned, not written: a line on most pages of the site (template.h)
};
std::string_view ConceptName(Concept c);

struct Marker {
  Concept kind;
  std::string phrase;  // as written in the rule file
  std::string origin;  // "rules/default.toml:12"
};

// A date shape: an ICU regex with named groups y, d, the month as a number m
// or a name mon ([date] months), and optional H, M.
struct DateShape {
  std::shared_ptr<icu::RegexPattern> pattern;
  std::string origin;
  int y = 0, m = 0, mon = 0, d = 0, H = 0, M = 0;  // group numbers; 0 = absent
};

struct DateMatch {
  std::string iso;     // 2024-04-05, 2023-02, 2021-09-30T08:20 (naive: see Vocabulary::InZone)
  std::string rest;    // for prefix shapes: the text after the date
  std::string origin;  // the rule that matched
  bool named_month = false;  // the month was a name ("March 9"): no day/month order to guess
};

// Everything the cleaner consults for one document: the default rules merged
// with those of the site the document belongs to.
class Vocabulary {
 public:
  // The marker whose phrase is the whole line (case and spacing ignored), or
  // whose share words make up the whole line ("Chia sẻFacebook").
  const Marker* FindMarker(std::string_view line) const;
  // Whether a link's target (a URL, maybe followed by a markdown title) is a
  // writer's page: its path holds one of `author_paths`.
  bool LinksToWriter(std::string_view target) const;
  // FindMarker of each of `line`'s first word prefixes, shortest first (split
  // at its spaces: one word, two, ..., never the whole line), at most
  // out.size() of them; returns how many. The line is folded once for all.
  struct PrefixMarker {
    std::size_t end = 0;  // the prefix is line.substr(0, end)
    const Marker* marker = nullptr;
  };
  std::size_t FindPrefixMarkers(std::string_view line, std::span<PrefixMarker> out) const;
  // Adds a whole-line marker (a learned template's line), as the loader adds
  // a rule file's phrases.
  void AddMarker(Marker m);
  // The whole line is a date (and time): "05/04/2024", "Thứ Năm, ngày 30/09/2021 | 08:20".
  std::optional<DateMatch> MatchDateLine(std::string_view line) const;
  // The first date with its day in a shape of the date lines anywhere inside
  // `text`: "By Jane Doe on May 3, 2020", "on Friday December 19, 2025 @08:00PM".
  // Callers keep `text` short (a byline, a <time>): every shape is searched.
  std::optional<DateMatch> FindDate(std::string_view text) const;
  // The line starts with a scraper's date field: " date 2023-02 Text…".
  std::optional<DateMatch> MatchDatePrefix(std::string_view line) const;
  // A printed or naive time ("2021-09-30T08:20") in `timezone` when the
  // document is one the rules are written for (`local`); other naive times
  // stay naive, and dates and zoned times are as they are.
  std::string InZone(std::string iso, bool local) const;
  // The language (index into function_languages) of a text whose `words`
  // hold `hits[i]` function words of language i: the one they hold most of,
  // when enough to tell (kKnownLanguageShare); -1 when none.
  int KnownLanguage(const std::vector<std::size_t>& hits, std::size_t words) const;

  std::string site;                           // site name, empty for the default rules
  std::string timezone = "+07:00";            // offset written with times
  std::string language;                       // <html lang> of the rules' own pages: "vi"
  std::vector<std::string> byline_prefixes;   // folded: "tin, ảnh:", "bài:"
  std::vector<std::string> byline_labels;     // folded: "author", "full bio"
  std::vector<std::string> author_paths;      // folded: "/author/" (a writer's page)
  // [byline] word_names: languages whose names are everyday words ("vi":
  // Công, Bằng): a capitalised line between the headline and the date is
  // their byline whatever words it shares with the text.
  std::vector<std::string> word_name_languages;
  std::vector<std::string> source_prefixes;   // folded: "theo", "nguồn:"
  std::vector<std::string> caption_markers;   // folded: "ảnh:"
  std::vector<std::string> photo_agencies;    // folded: "getty images": a credit line ends with one
  std::vector<std::string> agencies;          // as printed: "TTXVN", "VNA"
  std::vector<std::string> not_found;         // folded: "không tìm thấy trang", "page not found"
  // How a line opens, read off its words (DedupeKey).
  struct Opening {
    std::string key;     // DedupeKey of the phrase: a line's key starts with it
    std::string phrase;  // as written, for reasons
    std::string origin;  // FILE:LINE
  };
  // [date] published: a short line opening with one ("Posted on …") holds the date.
  std::vector<Opening> published_labels;
  // [promo] calls_to_action: a short paragraph under the text holding one ("sign up for") is a promo.
  std::vector<Opening> calls_to_action;
  // [notice] openings: a paragraph opening with one is a site's notice
  // (cookie banner, a form's consent), never article text.
  std::vector<Opening> notices;
  // [caption] descriptions: how images' alt texts open ("Headshot of"): a
  // dump line opening with one is an image, not text.
  std::vector<Opening> image_descriptions;
  // [caption] labels: what an image's alt text says when it only labels it
  // ("Chú thích ảnh": photo caption): alone a line goes, opening one it is cut.
  std::vector<Opening> image_labels;
  // The entry of `openings` a line of DedupeKey `key` opens with, or null.
  static const Opening* FindOpening(const std::vector<Opening>& openings, std::string_view key);

  // [function_words]: closed-class words ("the", "của") by language, folded;
  // the value has bit i set for function_languages[i]. Dump lines are told
  // from menus by the share of these words.
  WordMasks function_words;
  std::vector<std::string> function_languages;  // "en", "vi", in file order

  // [html.classes]: words looked for in an element's lower-cased class and id.
  struct ClassHint {
    std::string word;  // lower case; matched as a substring
    Concept kind;
    std::string origin;
    std::string why;  // for traces: "nav class/id word \"menu\" (rules/default.toml:80)"
  };
  std::vector<ClassHint> class_hints;

  // [html.roles]: values of the ARIA role attribute, by concept ("navigation" is nav).
  struct RoleHint {
    std::string role;
    Concept kind;
    std::string why;  // "nav role \"navigation\" (rules/default.toml:120)"
  };
  std::vector<RoleHint> role_hints;

  // [html] keep / drop: site selectors. `keep` names the article's parts
  // (every topmost match, in document order, is the article: no scoring);
  // `drop` removes elements.
  struct SiteSelector {
    Selector selector;
    std::string origin;
    std::string why;  // for traces: "site drop selector '.box' (rules/sites/x.toml:4)"
  };
  std::vector<SiteSelector> keep, drop;
  // [html] title_suffixes: cut from the end of the title (" - Báo Cần Thơ").
  std::vector<std::string> title_suffixes;

  // Internals filled by the loader.
  struct StringHash {  // looked up by string_view, no copy
    using is_transparent = void;
    std::size_t operator()(std::string_view w) const { return std::hash<std::string_view>{}(w); }
  };
  std::unordered_map<std::string, Marker, StringHash, std::equal_to<>> markers;  // key: folded phrase
  // Phrases written "More articles by {name}": the phrase and a name after it.
  std::unordered_map<std::string, Marker, StringHash, std::equal_to<>> named_markers;
  std::vector<std::string> named_first_words;  // their phrases' first words: most lines start with none
  // Folded, by first byte and then longest first: a line's next word is
  // looked for only among those starting with its byte, share_words
  // [share_word_from[b], share_word_from[b + 1]) (most lines start with none).
  std::vector<std::pair<std::string, Marker>> share_words;
  std::array<std::uint32_t, 257> share_word_from{};
  std::size_t longest_marker = 0;  // bytes of the longest line FindMarker can match
  std::vector<DateShape> date_lines;
  std::vector<DateShape> date_prefixes;
  std::unordered_map<std::string, int> month_names;  // folded name or abbreviation -> 1..12
 private:
  bool MayBeMarker(std::string_view line) const;
  const Marker* FindMarkerKey(std::string_view key, std::size_t line_bytes) const;
  const Marker* ShareWordsLine(std::string_view key) const;
  const Marker* NamedMarkerLine(std::string_view key) const;
};

struct SiteRules {
  std::string name;
  std::vector<std::string> hosts;        // host or parent domain: "bocongan.gov.vn"
  std::vector<std::string> fingerprint;  // folded whole lines of the site's template
  std::size_t min_fingerprint = 2;       // how many must occur for a dump without URL
  Vocabulary vocab;                      // default merged with the site's additions
};

// What Rules::Load builds and every copy of the Rules shares, read-only.
struct RulesData {
  Vocabulary base;
  std::vector<SiteRules> sites;
  // Every site's fingerprint lines -> the sites (indices) that list them, so
  // a text's lines are looked up once, not against each site in turn.
  std::unordered_map<std::string, std::vector<std::size_t>> fingerprints;
  std::size_t longest_fingerprint = 0;
  // Their first bytes (every byte when one is empty): a line whose key
  // starts otherwise is none, and needs no folding to tell.
  std::bitset<256> fingerprint_starts;
};

}  // namespace sach
