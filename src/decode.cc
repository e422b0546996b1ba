// Decode stage: bytes -> NFC UTF-8, with charset detection.
#include "sach/decode.h"

#include <unicode/normalizer2.h>
#include <unicode/bytestream.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <iterator>
#include <memory>
#include <optional>
#include <utility>

#include "text.h"
#include "tunables.h"

namespace sach {
namespace {

// ICU handles, closed by their owners.
using Converter = std::unique_ptr<UConverter, decltype(&ucnv_close)>;
using Detector = std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)>;

// Validates UTF-8, replacing each maximal invalid subpart with U+FFFD (the
// Unicode / WHATWG recommendation). Returns the count; `out` only written when
// something was invalid, so valid input is not copied.
std::size_t RepairUtf8(std::string_view s, std::string* out) {
  std::size_t bad = 0, i = 0, clean_from = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  int32_t pos = 0;
  while (pos < n) {
    // ASCII runs, the common case, eight bytes at a time.
    while (pos + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, p + pos, 8);
      if (word & 0x8080808080808080ull) break;
      pos += 8;
    }
    if (pos >= n) break;
    if (p[pos] < 0x80) {
      ++pos;
      continue;
    }
    int32_t start = pos;
    UChar32 c;
    U8_NEXT(p, pos, n, c);
    if (c >= 0) continue;
    if (out) {
      out->append(s.substr(clean_from, static_cast<std::size_t>(start) - clean_from));
      out->append("\xEF\xBF\xBD");
      clean_from = static_cast<std::size_t>(pos);
    }
    ++bad;
  }
  (void)i;
  if (out && bad) out->append(s.substr(clean_from));
  return bad;
}

// Mojibake: UTF-8 text once read as windows-1252 (or Latin-1) and saved as
// UTF-8 again, so "’" shows as "â€™", "—" as "â\u0080\u0094", "é" as "Ã©".
// Each such run is a lead character U+00C2–U+00F4 followed by characters
// that stand for UTF-8 continuation bytes.

// The byte 0x80–0xFF that `c` was read from as windows-1252, or -1.
int MisreadByte(UChar32 c) {
  if (c >= 0x80 && c <= 0xFF) return c;
  // windows-1252's 0x80–0x9F row, asked of ICU once (C++'s guarded init).
  static const std::array<UChar32, 32> row = [] {
    std::array<UChar32, 32> r{};
    UErrorCode status = U_ZERO_ERROR;
    Converter conv(ucnv_open("windows-1252", &status), &ucnv_close);
    for (int b = 0; b < 32 && U_SUCCESS(status); ++b) {
      char byte = static_cast<char>(0x80 + b);
      const char* src = &byte;
      r[b] = ucnv_getNextUChar(conv.get(), &src, src + 1, &status);
      if (U_FAILURE(status)) status = U_ZERO_ERROR, r[b] = -1;
      ucnv_reset(conv.get());
    }
    return r;
  }();
  for (int b = 0; b < 32; ++b)
    if (row[b] == c) return 0x80 + b;
  return -1;
}

// Code points a mojibake run is taken back to: Latin letters and their
// marks, Greek and Cyrillic, Vietnamese letters, punctuation, currency,
// letter-like signs and emoji. Anything else ("Ô”" would read as U+0514) is
// text that only looks like a run.
bool MojibakeTarget(UChar32 c) {
  return (c >= 0xA0 && c <= 0x24F) || (c >= 0x300 && c <= 0x4FF) || (c >= 0x1E00 && c <= 0x1EFF) ||
         (c >= 0x2000 && c <= 0x206F) || (c >= 0x20A0 && c <= 0x215F) || (c >= 0x1F000 && c <= 0x1FAFF);
}

struct MojibakeRun {
  UChar32 cp = -1;     // what the run stood for
  int32_t end = 0;     // byte after the run
  bool sure = false;   // a C1 control or three bytes or more: never real text
};

// The run starting at p[pos], if one does.
std::optional<MojibakeRun> ReadMojibake(const uint8_t* p, int32_t pos, int32_t n) {
  UChar32 lead;
  U8_NEXT(p, pos, n, lead);
  if (lead < 0xC2 || lead > 0xF4) return std::nullopt;
  int32_t need = lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
  uint8_t bytes[4] = {static_cast<uint8_t>(lead), 0, 0, 0};
  MojibakeRun run;
  run.sure = need > 1;
  for (int32_t k = 1; k <= need; ++k) {
    if (pos >= n || p[pos] < 0x80) return std::nullopt;
    UChar32 c;
    U8_NEXT(p, pos, n, c);
    int b = MisreadByte(c);
    if (b < 0x80 || b > 0xBF) return std::nullopt;
    bytes[k] = static_cast<uint8_t>(b);
    run.sure |= c < 0xA0;
  }
  int32_t at = 0;
  U8_NEXT(bytes, at, need + 1, run.cp);
  if (run.cp < 0 || at != need + 1 || !MojibakeTarget(run.cp)) return std::nullopt;
  run.end = pos;
  return run;
}

// Takes mojibake runs back to what they stood for, on a text holding at
// least one sure run: a text with only two-byte runs ("Ã©") is left alone,
// since a capital letter before a non-breaking space or a quote reads the
// same ("NGÃ\u00A0BA"). Returns how many runs were taken back.
std::size_t RepairMojibake(std::string& s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  // Leads U+00C2–U+00F4 are the bytes C3 82–C3 B4 in UTF-8.
  auto next_lead = [&](int32_t from) {
    for (const void* hit; from + 1 < n; ++from) {
      hit = std::memchr(p + from, 0xC3, static_cast<std::size_t>(n - from - 1));
      if (!hit) return n;
      from = static_cast<int32_t>(static_cast<const uint8_t*>(hit) - p);
      if (p[from + 1] >= 0x82 && p[from + 1] <= 0xB4) return from;
    }
    return n;
  };
  bool sure = false;
  for (int32_t at = next_lead(0); at < n && !sure; at = next_lead(at + 1))
    if (auto run = ReadMojibake(p, at, n)) sure = run->sure;
  if (!sure) return 0;
  std::string out;
  out.reserve(s.size());
  std::size_t repaired = 0;
  int32_t copied = 0;
  for (int32_t at = next_lead(0); at < n;) {
    auto run = ReadMojibake(p, at, n);
    if (!run) {
      at = next_lead(at + 1);
      continue;
    }
    out.append(s, static_cast<std::size_t>(copied), static_cast<std::size_t>(at - copied));
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, run->cp);
    out.append(buf, static_cast<std::size_t>(len));
    ++repaired;
    copied = run->end;
    at = next_lead(copied);
  }
  out.append(s, static_cast<std::size_t>(copied));
  s = std::move(out);
  return repaired;
}

// Binary data: a NUL byte, or many C0 control characters (text has tabs and
// line breaks, not bell and escape bytes), near the start.
bool LooksBinary(std::string_view b) {
  std::string_view head = b.substr(0, tunables::kBinarySniffBytes);
  if (std::memchr(head.data(), 0, head.size()) != nullptr) return true;
  std::size_t controls = 0;
  for (unsigned char c : head) controls += c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f';
  return controls * 100 > head.size() * tunables::kMaxControlPercent;
}

// <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">.
std::string MetaCharset(std::string_view bytes) {
  std::string head = AsciiLower(bytes.substr(0, tunables::kMetaCharsetScanBytes));
  for (std::size_t at = head.find("<meta"); at != std::string::npos; at = head.find("<meta", at + 5)) {
    std::size_t close = head.find('>', at);
    std::string_view tag = std::string_view(head).substr(at, close == std::string::npos ? std::string::npos : close - at);
    std::size_t cs = tag.find("charset");
    if (cs == std::string_view::npos) continue;
    std::size_t i = cs + 7;
    while (i < tag.size() && (tag[i] == ' ' || tag[i] == '=' || tag[i] == '"' || tag[i] == '\'')) ++i;
    std::size_t j = i;
    while (j < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[j])) || tag[j] == '-' || tag[j] == '_' ||
                              tag[j] == ':' || tag[j] == '.'))
      ++j;
    if (j > i) return std::string(tag.substr(i, j - i));
  }
  return {};
}

// The IANA name of a charset ICU can convert ("windows-1258", "UTF-8"), or empty.
std::string KnownCharset(std::string_view name) {
  if (name.empty()) return {};
  // ICU has no TCVN3 converter; ConvertTcvn3 below is ours.
  for (const char* alias : {"tcvn3", "tcvn", "vn3", "tcvn5712", "tcvn-5712", "x-viet-tcvn5712"})
    if (AsciiLower(name) == alias) return "TCVN3";
  std::string n(name);
  UErrorCode status = U_ZERO_ERROR;
  const char* internal = ucnv_getAlias(n.c_str(), 0, &status);  // resolves any alias ICU knows
  if (U_FAILURE(status) || !internal) return {};
  status = U_ZERO_ERROR;
  const char* iana = ucnv_getStandardName(internal, "IANA", &status);
  if (U_FAILURE(status) || !iana) {
    status = U_ZERO_ERROR;
    iana = ucnv_getStandardName(internal, "MIME", &status);
  }
  std::string out = U_SUCCESS(status) && iana ? iana : internal;
  if (AsciiLower(out) == "utf-8") return "UTF-8";
  return out;
}

// Converts `bytes` from `charset` to UTF-8, counting substitutions.
Result<Decoded> Convert(std::string_view bytes, const std::string& charset) {
  UErrorCode status = U_ZERO_ERROR;
  Converter conv(ucnv_open(charset.c_str(), &status), &ucnv_close);
  if (U_FAILURE(status)) return Fail("unknown charset " + charset);
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), conv.get(), status);
  if (U_FAILURE(status)) return Fail("cannot decode as " + charset + ": " + u_errorName(status));
  Decoded d;
  d.charset = charset;
  // Substitutions show as U+FFFD (or U+001A for some legacy converters).
  for (int32_t i = 0; i < u.length(); ++i) d.replaced += u.charAt(i) == 0xFFFD || u.charAt(i) == 0x1A;
  u.toUTF8String(d.text);
  return d;
}

// windows-1258 bytes that mean Vietnamese: the five combining tone marks and
// the letters ă â đ ê ô ơ ư in both cases.
bool IsVietnamese1258(unsigned char b) {
  switch (b) {
    case 0xCC: case 0xEC: case 0xD2: case 0xDE: case 0xF2:          // tone marks
    case 0xC3: case 0xE3: case 0xC2: case 0xE2: case 0xD0: case 0xF0:  // Ă ă Â â Đ đ
    case 0xCA: case 0xEA: case 0xD4: case 0xF4: case 0xD5: case 0xF5:  // Ê ê Ô ô Ơ ơ
    case 0xDD: case 0xFD:                                            // Ư ư
      return true;
    default:
      return false;
  }
}

// Vietnamese text in windows-1258 is dense in these bytes: nearly every
// syllable carries a tone mark or a modified vowel. Western windows-1252 text
// uses them rarely (é ô à...), so a majority of high bytes being Vietnamese
// ones, and tone marks among them, decides.
bool LooksLike1258(std::string_view b) {
  std::size_t high = 0, viet = 0, tones = 0;
  for (unsigned char c : b) {
    if (c < 0x80) continue;
    ++high;
    viet += IsVietnamese1258(c);
    tones += c == 0xCC || c == 0xEC || c == 0xD2 || c == 0xDE || c == 0xF2;
  }
  return high >= 4 && viet * 10 >= high * 6 && tones * 10 >= high * 2;
}

// TCVN3 (TCVN 5712:1993 "VN3", the ABC fonts .VnTime): the 8-bit Vietnamese
// code of older government documents, unknown to ICU. Each byte is a whole
// letter with its tone; this table maps 0xA0..0xFF (0: as windows-1252).
constexpr char16_t kTcvn3[96] = {
    0,      u'Ă', u'Â', u'Ê', u'Ô', u'Ơ', u'Ư', u'Đ', u'ă', u'â', u'ê', u'ô', u'ơ', u'ư', u'đ', 0,       // A0
    0,      0,    0,    0,    0,    u'à', u'ả', u'ã', u'á', u'ạ', 0,    u'ằ', u'ẳ', u'ẵ', u'ắ', 0,       // B0
    0,      0,    0,    0,    0,    0,    u'ặ', u'ầ', u'ẩ', u'ẫ', u'ấ', u'ậ', u'è', 0,    u'ẻ', u'ẽ',    // C0
    u'é',   u'ẹ', u'ề', u'ể', u'ễ', u'ế', u'ệ', u'ì', u'ỉ', 0,    0,    0,    u'ĩ', u'í', u'ị', u'ò',    // D0
    0,      u'ỏ', u'õ', u'ó', u'ọ', u'ồ', u'ổ', u'ỗ', u'ố', u'ộ', u'ờ', u'ở', u'ỡ', u'ớ', u'ợ', u'ù',    // E0
    0,      u'ủ', u'ũ', u'ú', u'ụ', u'ừ', u'ử', u'ữ', u'ứ', u'ự', u'ỳ', u'ỷ', u'ỹ', u'ý', u'ỵ', 0,       // F0
};

// TCVN3 text is dense in 0xA8..0xB9 (ă â ê ô ơ ư đ, and à ả ã á ạ, the most
// frequent tones): windows-1258 and windows-1252 put rare symbols there
// (ª « ¬ ° ± ² ³ µ ¶ ·), and windows-1258 spells tones with 0xCC 0xEC 0xD2
// 0xDE 0xF2 after a vowel instead.
bool LooksLikeTcvn3(std::string_view b) {
  std::size_t high = 0, tcvn = 0;
  for (unsigned char c : b) {
    if (c < 0x80) continue;
    ++high;
    tcvn += c >= 0xA8 && c <= 0xB9 && kTcvn3[c - 0xA0] != 0;
  }
  return high >= 4 && tcvn * 100 >= high * tunables::kMinTcvn3Percent;
}

Decoded ConvertTcvn3(std::string_view bytes) {
  icu::UnicodeString u;
  u.getBuffer(static_cast<int32_t>(bytes.size()));
  u.releaseBuffer(0);
  UErrorCode status = U_ZERO_ERROR;
  Converter latin(ucnv_open("windows-1252", &status), &ucnv_close);
  for (unsigned char c : bytes) {
    if (c < 0x80) {
      u.append(static_cast<char16_t>(c));
    } else if (c >= 0xA0 && kTcvn3[c - 0xA0]) {
      u.append(kTcvn3[c - 0xA0]);
    } else {
      char in = static_cast<char>(c);
      const char* src = &in;
      UChar32 cp = U_SUCCESS(status) ? ucnv_getNextUChar(latin.get(), &src, src + 1, &status) : 0xFFFD;
      if (U_FAILURE(status)) status = U_ZERO_ERROR, cp = 0xFFFD;
      u.append(cp);
    }
  }
  Decoded d;
  d.charset = "TCVN3";
  u.toUTF8String(d.text);
  return d;
}

// Share of high bytes that sit in valid UTF-8 sequences: near 1 for UTF-8 with
// a few corrupt bytes, near 0 for legacy 8-bit text.
double Utf8Share(std::string_view s) {
  std::size_t high = 0, valid = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t pos = 0; pos < n;) {
    if (p[pos] < 0x80) {
      ++pos;
      continue;
    }
    int32_t start = pos;
    UChar32 c;
    U8_NEXT(p, pos, n, c);
    high += static_cast<std::size_t>(pos - start);
    if (c >= 0) valid += static_cast<std::size_t>(pos - start);
  }
  return high ? static_cast<double>(valid) / static_cast<double>(high) : 1.0;
}

std::string DetectCharset(std::string_view bytes) {
  if (Utf8Share(bytes) >= tunables::kMinUtf8Share) return "UTF-8";
  if (LooksLikeTcvn3(bytes)) return "TCVN3";
  if (LooksLike1258(bytes)) return "windows-1258";
  UErrorCode status = U_ZERO_ERROR;
  Detector det(ucsdet_open(&status), &ucsdet_close);
  ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(std::min<std::size_t>(bytes.size(), 1 << 16)), &status);
  const UCharsetMatch* m = ucsdet_detect(det.get(), &status);
  if (U_SUCCESS(status) && m) {
    const char* name = ucsdet_getName(m, &status);
    if (U_SUCCESS(status) && name) {
      // UTF-16/32 without a BOM and without NUL bytes is a misdetection.
      std::string known = KnownCharset(name);
      if (!known.empty() && known.rfind("UTF-16", 0) != 0 && known.rfind("UTF-32", 0) != 0) return known;
    }
  }
  return "windows-1252";
}

bool LooksLikeHtmlStart(std::string_view b) {
  std::string head = AsciiLower(b.substr(0, 2048));
  return head.find("<html") != std::string::npos || head.find("<meta") != std::string::npos ||
         head.find("<!doctype") != std::string::npos;
}

// "UTF-16LE" / "UTF-16BE" for text without a byte-order mark: in its first
// bytes nearly every odd (LE) or even (BE) byte is NUL — ASCII and Latin
// letters, digits and spaces — while the other half has almost none.
// Vietnamese letters (U+1Exx) put 0x1E there instead, so the share is lower
// than for English; binary data has NULs on both sides.
std::string SniffUtf16(std::string_view b) {
  std::string_view head = b.substr(0, tunables::kBinarySniffBytes & ~std::size_t{1});
  if (head.size() < 16) return {};
  std::size_t nul[2] = {0, 0};
  for (std::size_t i = 0; i < head.size(); ++i) nul[i & 1] += head[i] == '\0';
  std::size_t half = head.size() / 2;
  auto text_like = [&](std::size_t zeros, std::size_t other) {
    return zeros * 100 >= half * tunables::kMinUtf16NulPercent && other * 100 <= half;
  };
  if (text_like(nul[1], nul[0])) return "UTF-16LE";
  if (text_like(nul[0], nul[1])) return "UTF-16BE";
  return {};
}

// Valid UTF-8 holding at least one multi-byte sequence (pure ASCII says
// nothing about the charset).
bool IsMultibyteUtf8(std::string_view s) {
  bool multibyte = false;
  for (unsigned char c : s)
    if (c >= 0x80) {
      multibyte = true;
      break;
    }
  return multibyte && RepairUtf8(s, nullptr) == 0;
}

// What the first bytes say a file is, when a format that is never a page.
std::string_view MagicKind(std::string_view b) {
  static constexpr std::pair<std::string_view, std::string_view> kMagic[] = {
      {"%PDF-", "a PDF document"},
      {"\x89PNG\r\n\x1a\n", "a PNG image"},
      {"\xFF\xD8\xFF", "a JPEG image"},
      {"GIF87a", "a GIF image"},
      {"GIF89a", "a GIF image"},
      {"PK\x03\x04", "a ZIP archive"},
  };
  for (const auto& [magic, kind] : kMagic)
    if (b.starts_with(magic)) return kind;
  return {};
}

// What a Content-Type (lower case, no parameters) says a response is, when not a page.
std::string_view TypeKind(std::string_view type) {
  if (type.empty() || type.starts_with("text/") || type == "application/xml" ||
      (type.starts_with("application/") && type.ends_with("+xml")))
    return {};  // HTML, text, XHTML, feeds, sitemaps
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {"application/pdf", "a PDF document"},  {"application/json", "JSON data"},
      {"application/zip", "a ZIP archive"},   {"application/gzip", "gzip data"},
      {"application/x-gzip", "gzip data"},    {"application/octet-stream", "binary data"},
  };
  for (const auto& [t, kind] : kTypes)
    if (type == t) return kind;
  if (type.starts_with("application/") && type.ends_with("+json")) return "JSON data";
  if (type.starts_with("image/")) return "an image";
  if (type.starts_with("audio/")) return "audio";
  if (type.starts_with("video/")) return "a video";
  return "not HTML or text";
}

}  // namespace

std::string NotAPage(std::string_view bytes, std::string_view content_type) {
  std::string type = AsciiLower(content_type.substr(0, content_type.find(';')));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.erase(0, 1);
  std::string_view magic = MagicKind(bytes), typed = TypeKind(type);
  if (!typed.empty()) return type + " (" + std::string(magic.empty() ? typed : magic) + ")";
  if (magic.empty()) return {};
  return std::string(magic) + (type.empty() ? "" : " (served as " + type + ")");
}

Result<Decoded> Decode(std::string_view bytes, std::string_view charset_hint, bool nfc) {
  if (bytes.empty()) return Fail("empty input");
  if (std::string kind = NotAPage(bytes); !kind.empty()) return Fail("not a page: " + kind, ErrorCode::kUnsupported);
  Decoded d;
  std::string charset;
  // 1. A byte-order mark wins.
  bool had_bom = false;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
    charset = "UTF-8";
    had_bom = true;
  } else if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFF\xFE") {
    charset = "UTF-16LE";
    bytes.remove_prefix(2);
  } else if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFE\xFF") {
    charset = "UTF-16BE";
    bytes.remove_prefix(2);
  }
  // 2. The caller's hint (HTTP Content-Type), then 3. the page's own declaration.
  if (charset.empty()) charset = KnownCharset(charset_hint);
  if (charset.empty() && LooksLikeHtmlStart(bytes)) charset = KnownCharset(MetaCharset(bytes));
  // A declared legacy 8-bit charset loses to bytes that are valid UTF-8 with
  // multi-byte sequences: servers mislabel UTF-8 pages as iso-8859-1 (a
  // default), while legacy Vietnamese text is practically never valid UTF-8.
  if (!charset.empty() && charset != "UTF-8" && charset.rfind("UTF-", 0) != 0 && IsMultibyteUtf8(bytes))
    charset = "UTF-8";
  // ...and a declared UTF-8 loses to bytes that mostly are not: a legacy page
  // (windows-1258) copied under a UTF-8 template. Detection decides then.
  // (Valid UTF-8, nearly every page, is told by the fast scan alone.)
  std::optional<std::size_t> invalid;  // invalid UTF-8 sequences, counted once
  auto count_invalid = [&] { return invalid ? *invalid : *(invalid = RepairUtf8(bytes, nullptr)); };
  if (charset == "UTF-8" && !had_bom && count_invalid() > 0 && Utf8Share(bytes) < tunables::kMinUtf8Share)
    charset.clear();
  // UTF-16 without a byte-order mark: text whose every other byte is NUL.
  if (charset.empty()) charset = SniffUtf16(bytes);
  if (charset.rfind("UTF-16", 0) != 0 && LooksBinary(bytes)) return Fail("binary data, not text or HTML");
  // 4. Valid UTF-8, else detection. The fast scan tells valid UTF-8, which
  // detection would take for UTF-8 anyway (all its high bytes are), and
  // its count is wanted below.
  if (charset.empty() && count_invalid() == 0) charset = "UTF-8";
  if (charset.empty()) charset = DetectCharset(bytes);

  if (charset == "UTF-8") {
    d.charset = "UTF-8";
    d.replaced = count_invalid();
    if (d.replaced) RepairUtf8(bytes, &d.text);
    else d.text.assign(bytes);
  } else {
    Result<Decoded> c = charset == "TCVN3" ? Result<Decoded>(ConvertTcvn3(bytes)) : Convert(bytes, charset);
    if (!c) return c.error();
    d = std::move(*c);
  }

  d.unmangled = RepairMojibake(d.text);
  // NFC: windows-1258 spells tones as combining marks; pages mix both forms.
  if (nfc || d.charset != "UTF-8") ToNfc(d.text);
  return d;
}

namespace {

// Fetched once under C++'s guarded static init: ICU's own once-flag is not
// visible to ThreadSanitizer, the guard is, so two workers normalising their
// first pages at once are seen to be ordered.
const icu::Normalizer2* NfcInstance() {
  static const icu::Normalizer2* nfc = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return nfc;
}

}  // namespace

void ToNfc(std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = NfcInstance();
  if (!nfc || nfc->isNormalizedUTF8(s, status) || U_FAILURE(status)) return;
  std::string out;
  out.reserve(s.size());
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, s, sink, nullptr, status);
  if (U_SUCCESS(status)) s = std::move(out);
}

namespace {

// A page cut out of the middle ("...h đạo</a></div> <div class=...") starts
// with no tag; closing tags of several elements give it away. Text dumps and
// markdown have none, or a code sample's few ("</cfscript>" in a post about it).
bool LooksLikeMarkup(std::string_view text) {
  std::string_view head = text.substr(0, tunables::kKindSniffBytes);
  std::size_t closes = 0;
  std::string_view names[tunables::kMinClosingTagNames];
  std::size_t distinct = 0;
  for (std::size_t at = head.find("</"); at != std::string_view::npos; at = head.find("</", at + 2)) {
    if (at + 2 >= head.size() || !std::isalpha(static_cast<unsigned char>(head[at + 2]))) continue;
    ++closes;
    const std::size_t end = std::min(head.find('>', at), head.size());
    const std::string_view name = head.substr(at + 2, end - at - 2);
    if (distinct < std::size(names) && std::find(names, names + distinct, name) == names + distinct)
      names[distinct++] = name;
  }
  return closes >= tunables::kMinClosingTags && distinct >= tunables::kMinClosingTagNames;
}

// Markdown that a converter saved with the page's raw HTML left in (pandoc's
// gfm keeps every <div> it cannot say) starts with a tag too: links and
// headings in markdown's own syntax, which no page's HTML holds as text,
// make it a dump.
bool HoldsMarkdown(std::string_view text) {
  std::string_view head = text.substr(0, tunables::kMarkdownSniffBytes);
  std::size_t marks = 0;
  for (std::size_t at = head.find("]("); at != std::string_view::npos && marks < tunables::kMinMarkdownMarks;
       at = head.find("](", at + 2)) {
    std::string_view target = head.substr(at + 2, 4);
    if (target == "http" || target.substr(0, 1) == "/") ++marks;
  }
  for (std::size_t at = head.find("\n#"); at != std::string_view::npos && marks < tunables::kMinMarkdownMarks;
       at = head.find("\n#", at + 2)) {
    std::size_t end = head.find_first_not_of('#', at + 1);
    if (end != std::string_view::npos && end - at - 1 <= 6 && head[end] == ' ') ++marks;
  }
  return marks >= tunables::kMinMarkdownMarks;
}

}  // namespace

InputKind DetectKind(std::string_view text) {
  // Skip white space, comments and an XML declaration, then look at the first tag.
  std::size_t i = 0;
  for (;;) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (text.substr(i, 4) == "<!--") {
      std::size_t end = text.find("-->", i + 4);
      if (end == std::string_view::npos) return InputKind::kText;
      i = end + 3;
    } else if (text.substr(i, 5) == "<?xml") {
      std::size_t end = text.find("?>", i);
      if (end == std::string_view::npos) return InputKind::kText;
      i = end + 2;
    } else {
      break;
    }
  }
  auto markup = [&] { return LooksLikeMarkup(text) && !HoldsMarkdown(text); };
  if (i >= text.size() || text[i] != '<') return markup() ? InputKind::kHtml : InputKind::kText;
  std::string tag = AsciiLower(text.substr(i + 1, 10));
  // The tag name ends there ("<p>", "<div ", "<html>").
  auto starts = [&](const char* s) {
    std::size_t n = std::strlen(s);
    return tag.compare(0, n, s) == 0 && (s[n - 1] == '>' || s[n - 1] == ' ' || tag.size() == n ||
                                         !std::isalnum(static_cast<unsigned char>(tag[n])));
  };
  // A document's head: HTML whatever follows.
  for (const char* s : {"!doctype", "html", "head", "body", "meta", "link", "title", "script", "style"})
    if (starts(s)) return InputKind::kHtml;
  // A fragment's first block: HTML, or markdown keeping the page's raw blocks.
  for (const char* s : {"div", "article", "section", "main", "table", "p>", "p ", "header", "nav"})
    if (starts(s)) return HoldsMarkdown(text) ? InputKind::kText : InputKind::kHtml;
  return markup() ? InputKind::kHtml : InputKind::kText;
}

}  // namespace sach
