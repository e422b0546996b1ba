// Metadata lines: recognising the lines that carry an article's title, byline
// and credited source. Shared by the dump cleaner (dump.cc) and the HTML path
// (cleanup.cc, metadata.cc), so a line means the same in a dump and on a page.
// Dates are matched by the rules' date shapes (Vocabulary::MatchDateLine). Usage:
//   if (auto b = ParseByline("Tâm Hằng (TTXVN)", vocab)) { b->author; b->source; }
//   if (auto s = ParseSourceLine("Theo CHINHPHU.VN", vocab)) meta.source = *s;
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "vocabulary.h"

namespace sach {

struct Byline {
  std::string author;  // names as printed: "Lã Hoàn - Nguyễn Anh", "P.Y"
  std::string source;  // an agency credited with them: "TTXVN"
};

// A short line of names: "Công Tuấn", "Lã Hoàn - Nguyễn Anh", "Tin, ảnh: P.Y",
// "Tâm Hằng (TTXVN)". Sentences, captions and headlines are not bylines.
std::optional<Byline> ParseByline(std::string_view line, const Vocabulary& v);

// Whether `line` is names and nothing else: a byline with no prefix, label or
// agency around them ("Jane Doe", not "More by Jane Doe" or "Jane Doe (AP)").
bool OnlyNames(std::string_view line, const Vocabulary& v);

// A name as printed, without a byline prefix ("By ", "Bài:") or a label
// ("Author", "Full bio") around it; "" when nothing else is left.
std::string AuthorName(std::string_view raw, const Vocabulary& v);

// A byline that says it is one: "By Jane Doe", "Written by Jane Doe" -> the
// names. Lines without a byline prefix are not read (they may be anything).
std::optional<std::string> ParsePrefixedByline(std::string_view line, const Vocabulary& v);

// A byline's prefix or label printed alone ("Written by", "Author:"): the
// names follow in the next element.
bool IsBylineLabel(std::string_view line, const Vocabulary& v);

// "Theo CHINHPHU.VN", "Nguồn: Báo Nhân Dân" -> the outlet's name.
std::optional<std::string> ParseSourceLine(std::string_view line, const Vocabulary& v);

// "(TTXVN/Vietnam+)": a credited agency alone in brackets.
std::optional<std::string> ParseAgencyLine(std::string_view line, const Vocabulary& v);

// A line that can be an article's title: short, one sentence or none, no
// photo credit, not a date or a boilerplate marker.
bool LooksLikeTitle(std::string_view line, const Vocabulary& v);

// Whether the line holds a photo-credit marker of [caption] ("Ảnh:", "Photo:").
bool HasCaptionMarker(std::string_view line, const Vocabulary& v);

// A photo credit alone, no caption with it: "Photo: Hau Dinh, AP", "(Image
// credit: NASA)" — a credit marker first, then a few words of names.
bool IsCreditLine(std::string_view line, const Vocabulary& v);

// `line` holds `name` as whole words (case folded): "Jane Doe, Staff Writer"
// holds "JANE DOE".
bool HoldsName(const std::string& line, const std::string& name);

}  // namespace sach
