// Decode stage: charsets, invalid bytes, NFC, and HTML-or-dump detection.
#include "sach/decode.h"

#include <doctest/doctest.h>

using sach::Decode;
using sach::DetectKind;
using sach::InputKind;

namespace {
// "Việt Nam tăng cường hợp tác" in windows-1258: base letters and the code
// page's own letters (ê ă ư ơ) followed by combining tone marks (0xF2 dot
// below, 0xCC grave, 0xEC acute).
const std::string k1258 = "Vi\xEA\xF2t Nam t\xE3ng c\xFD\xF5\xCCng h\xF5\xF2p ta\xEC" "c";
const std::string kUtf8 = "Việt Nam tăng cường hợp tác";
}  // namespace

TEST_CASE("decode: valid UTF-8 passes through, a BOM is dropped") {
  auto d = Decode(kUtf8);
  REQUIRE(d.ok());
  CHECK(d->text == kUtf8);
  CHECK(d->charset == "UTF-8");
  CHECK(d->replaced == 0);
  auto bom = Decode("\xEF\xBB\xBF" + kUtf8);
  REQUIRE(bom.ok());
  CHECK(bom->text == kUtf8);
}

TEST_CASE("decode: UTF-16 with a byte-order mark") {
  std::string le("\xFF\xFE", 2);
  for (char c : std::string("Tin")) le += std::string{c, '\0'};
  le += std::string("\xC7\x1E", 2);  // U+1EC7 ệ
  auto d = Decode(le);
  REQUIRE(d.ok());
  CHECK(d->charset == "UTF-16LE");
  CHECK(d->text == "Tinệ");
}

TEST_CASE("decode: windows-1258 is detected and composed to NFC") {
  auto d = Decode(k1258);
  REQUIRE(d.ok());
  CHECK(d->charset == "windows-1258");
  CHECK(d->text == kUtf8);
  CHECK(d->replaced == 0);
}

TEST_CASE("decode: a declared charset and a caller's hint are honoured") {
  std::string page = "<html><head><meta charset=\"windows-1258\"></head><body><p>" + k1258 + "</p></body></html>";
  auto d = Decode(page);
  REQUIRE(d.ok());
  CHECK(d->charset == "windows-1258");
  CHECK(d->text.find(kUtf8) != std::string::npos);
  auto hinted = Decode(k1258, "windows-1258");
  REQUIRE(hinted.ok());
  CHECK(hinted->text == kUtf8);
  // A hint ICU does not know is ignored, not fatal.
  auto unknown = Decode(kUtf8, "x-no-such-charset");
  REQUIRE(unknown.ok());
  CHECK(unknown->text == kUtf8);
}

TEST_CASE("decode: invalid bytes in UTF-8 are replaced and counted") {
  auto d = Decode(kUtf8 + " abc\xFF\xFE" "def " + kUtf8);
  REQUIRE(d.ok());
  CHECK(d->charset == "UTF-8");
  CHECK(d->replaced == 2);
  CHECK(d->text == kUtf8 + " abc\uFFFD\uFFFDdef " + kUtf8);
}

TEST_CASE("decode: decomposed text comes out NFC") {
  auto d = Decode("Vie\xCC\xA3\xCC\x82t");  // e + dot below + circumflex
  REQUIRE(d.ok());
  CHECK(d->text == "Việt");
}

TEST_CASE("decode: empty and binary input are errors") {
  auto empty = Decode("");
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().message == "empty input");
  auto png = Decode(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  REQUIRE_FALSE(png.ok());
  CHECK(png.error().message == "not a page: a PNG image");
  CHECK(png.error().code == sach::ErrorCode::kUnsupported);
  auto binary = Decode(std::string("\x7F" "ELF\x02\x01\x01\0\0\0", 10));
  REQUIRE_FALSE(binary.ok());
  CHECK(binary.error().message.find("binary") != std::string::npos);
}

TEST_CASE("decode: NotAPage names a PDF, an image or JSON by first bytes or Content-Type, passes pages") {
  using sach::NotAPage;
  CHECK(NotAPage("%PDF-1.7\n%\xE2\xE3") == "a PDF document");
  CHECK(NotAPage("\xFF\xD8\xFF\xE0\0\x10JFIF") == "a JPEG image");
  CHECK(NotAPage("GIF89a\x01\0") == "a GIF image");
  CHECK(NotAPage("PK\x03\x04\x14\0") == "a ZIP archive");
  CHECK(NotAPage("%PDF-1.4", "text/html; charset=utf-8") == "a PDF document (served as text/html)");
  CHECK(NotAPage("%PDF-1.4", "Application/PDF") == "application/pdf (a PDF document)");
  CHECK(NotAPage("{\"a\": 1}", "application/json; charset=utf-8") == "application/json (JSON data)");
  CHECK(NotAPage("{}", "application/ld+json") == "application/ld+json (JSON data)");
  CHECK(NotAPage("x", "image/svg+xml") == "image/svg+xml (an image)");
  CHECK(NotAPage("x", "video/mp4") == "video/mp4 (a video)");
  CHECK(NotAPage("\x89PNG\r\n\x1a\n", "application/octet-stream") == "application/octet-stream (a PNG image)");
  // Pages, texts, feeds and sitemaps; JSON only by its type; gzip is not judged.
  CHECK(NotAPage("<html>", "text/html") == "");
  CHECK(NotAPage("{Tin nhanh} Hà Nội", "text/plain") == "");
  CHECK(NotAPage("{\"a\": 1}") == "");
  CHECK(NotAPage("<rss/>", "application/rss+xml") == "");
  CHECK(NotAPage("<feed/>", "application/atom+xml") == "");
  CHECK(NotAPage("<urlset/>", "application/xml") == "");
  CHECK(NotAPage("<html/>", "application/xhtml+xml") == "");
  CHECK(NotAPage("\x1f\x8b\x08\0") == "");
  CHECK(NotAPage("") == "");
}

TEST_CASE("detect: HTML documents and fragments, text and markdown dumps") {
  CHECK(DetectKind("<!DOCTYPE html><html><body></body></html>") == InputKind::kHtml);
  CHECK(DetectKind("  <!-- saved --> <html lang=\"vi\">") == InputKind::kHtml);
  CHECK(DetectKind("<?xml version=\"1.0\"?>\n<html>") == InputKind::kHtml);
  CHECK(DetectKind("<div class=\"article\"><p>Một.</p></div>") == InputKind::kHtml);
  CHECK(DetectKind("<p>Một đoạn.</p>") == InputKind::kHtml);
  CHECK(DetectKind("Tiêu đề\n\nĐoạn một.<br>Đoạn hai.") == InputKind::kText);
  CHECK(DetectKind("# Tiêu đề\n\n[Trang chủ](https://bocongan.gov.vn/)") == InputKind::kText);
  CHECK(DetectKind("<pre>not a tag we know") == InputKind::kText);
}

TEST_CASE("detect: markdown that keeps the page's raw HTML blocks is a dump, an HTML fragment is not") {
  // pandoc's gfm: the <div>s it cannot say, then markdown links and headings.
  const std::string md = "<div id=\"page\" class=\"site\">\n\n-   [Home](https://example.com/)\n"
                         "-   [News](/news)\n\n</div>\n\n## A headline\n\nText with [a link](https://example.org/).\n";
  CHECK(DetectKind(md) == InputKind::kText);
  CHECK(DetectKind("<section>" + md) == InputKind::kText);
  // Two marks are not enough, and a document's head is HTML whatever follows.
  CHECK(DetectKind("<div><p>See [docs](https://example.com/) and [faq](/faq).</p></div>") == InputKind::kHtml);
  CHECK(DetectKind("<!DOCTYPE html><html><body><pre>" + md + "</pre></body></html>") == InputKind::kHtml);
}

TEST_CASE("decode: random bytes without NULs are binary, not a guessed charset") {
  std::string noise;
  unsigned x = 12345;
  for (int i = 0; i < 4096; ++i) {
    x = x * 1103515245u + 12345u;
    noise.push_back(static_cast<char>(1 + (x >> 16) % 255));
  }
  auto d = Decode(noise);
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().message.find("binary") != std::string::npos);
}

TEST_CASE("decode: a page cut mid-way (no leading tag) is HTML by its closing tags, a dump is not") {
  CHECK(sach::DetectKind("h đạo</a></div>\n<div class=\"x\"><a href=\"/a\">A</a></div><p>t</p><p>u</p><span>v</span>") ==
        sach::InputKind::kHtml);
  CHECK(sach::DetectKind("Tin liên quan\n\nCông an tỉnh <b>triệt phá</b> đường dây\n") == sach::InputKind::kText);
  // A dump of a post about code: its sample closes one tag again and again.
  std::string post = "Ben's blog\n\nLooping over structs in CFML\n\n";
  for (int i = 0; i < 6; ++i) post += "<cfscript>\n  user = { name: \"Laura\" };\n</cfscript>\n\nThe loop above prints it.\n\n";
  CHECK(sach::DetectKind(post) == sach::InputKind::kText);
}

TEST_CASE("decode: a label that lies loses to the bytes") {
  // windows-1258 bytes under <meta charset="utf-8"> (a legacy page in a new template).
  auto legacy = Decode("<html><head><meta charset=\"utf-8\"></head><body><p>" + k1258 + "</p></body></html>");
  REQUIRE(legacy.ok());
  CHECK(legacy->charset == "windows-1258");
  CHECK(legacy->text.find(kUtf8) != std::string::npos);
  CHECK(legacy->replaced == 0);
  // UTF-8 bytes served as iso-8859-1 (a server default).
  auto mislabelled = Decode(kUtf8, "iso-8859-1");
  REQUIRE(mislabelled.ok());
  CHECK(mislabelled->charset == "UTF-8");
  CHECK(mislabelled->text == kUtf8);
  // Plain ASCII says nothing: the label stands.
  CHECK(Decode("plain text", "iso-8859-1")->charset != "UTF-8");
}

TEST_CASE("decode: UTF-16 without a byte-order mark, little- and big-endian") {
  std::u16string text = u"Tin tức: Việt Nam tăng cường hợp tác phòng, chống tội phạm";
  std::string le, be;
  for (char16_t c : text) {
    le += static_cast<char>(c & 0xFF), le += static_cast<char>(c >> 8);
    be += static_cast<char>(c >> 8), be += static_cast<char>(c & 0xFF);
  }
  auto l = Decode(le), b = Decode(be);
  REQUIRE(l.ok());
  REQUIRE(b.ok());
  CHECK(l->charset == "UTF-16LE");
  CHECK(b->charset == "UTF-16BE");
  CHECK(l->text == "Tin tức: Việt Nam tăng cường hợp tác phòng, chống tội phạm");
  CHECK(b->text == l->text);
}

TEST_CASE("decode: TCVN3 (ABC) legacy text, detected or declared, also under a lying UTF-8 label") {
  // "Việt Nam tăng cường hợp tác" in TCVN3: one byte per toned letter.
  const std::string tcvn3 = "Vi\xD6t Nam t\xA8ng c\xAD\xEAng h\xEEp t\xB8" "c";
  auto d = Decode(tcvn3);
  REQUIRE(d.ok());
  CHECK(d->charset == "TCVN3");
  CHECK(d->text == kUtf8);
  auto declared = Decode(tcvn3, "TCVN3");
  REQUIRE(declared.ok());
  CHECK(declared->text == kUtf8);
  auto lying = Decode("<html><head><meta charset=\"utf-8\"></head><body><p>" + tcvn3 + "</p></body></html>");
  REQUIRE(lying.ok());
  CHECK(lying->charset == "TCVN3");
  CHECK(lying->text.find(kUtf8) != std::string::npos);
  // windows-1258 stays windows-1258.
  CHECK(Decode(k1258)->charset == "windows-1258");
}

namespace {
// `s` (UTF-8) as it shows after being read as windows-1252 and saved as
// UTF-8 again: each byte 0x80–0xFF becomes the character windows-1252 gives
// it, or the C1 control of that number where the code page has none.
std::string Mangle(const std::string& s) {
  static const char* const kRow[32] = {"€", "\xC2\x81", "‚", "ƒ", "„", "…", "†", "‡", "ˆ", "‰", "Š",
                                       "‹", "Œ", "\xC2\x8D", "Ž", "\xC2\x8F", "\xC2\x90", "‘", "’", "“",
                                       "”", "•", "–", "—", "˜", "™", "š", "›", "œ", "\xC2\x9D", "ž", "Ÿ"};
  std::string out;
  for (unsigned char c : s) {
    if (c < 0x80) out += static_cast<char>(c);
    else if (c < 0xA0) out += kRow[c - 0x80];
    else out += static_cast<char>(0xC0 | (c >> 6)), out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}
}  // namespace

TEST_CASE("decode: mojibake of UTF-8 read as windows-1252 is taken back") {
  // Both shapes: windows-1252's own characters ("’" as "â€™") and Latin-1's
  // C1 controls ("—" as "â" U+0080 U+0094), with two-byte runs ("é", NBSP)
  // on the same page taken back too.
  for (std::string mangled : {Mangle("It’s a café — “Việt Nam”\u00A0now"),
                              std::string("It\xC3\xA2\xC2\x80\xC2\x99s a caf\xC3\x83\xC2\xA9")}) {
    auto d = Decode("<p>" + mangled + "</p>");
    REQUIRE(d.ok());
    CHECK(d->text.find("It’s a café") != std::string::npos);
    CHECK(d->unmangled >= 2);
  }
  CHECK(Decode(Mangle("Việt Nam tăng cường"))->text == "Việt Nam tăng cường");
}

TEST_CASE("decode: text that only looks like mojibake is left alone") {
  // Two-byte look-alikes with no sure run on the page: a capital before a
  // non-breaking space or a quote, "Ã©" named in a text about encodings.
  for (std::string text : {std::string("NGÃ\u00A0BA ĐÔ” and “È” and Ã© shown"), std::string("CAFÉ\u00A0NOW")}) {
    auto d = Decode(text);
    REQUIRE(d.ok());
    CHECK(d->text == text);
    CHECK(d->unmangled == 0);
  }
  // A sure run elsewhere does not turn "ĐÔ”" into a Cyrillic letter.
  auto d = Decode("It" + Mangle("’") + "s ĐÔ”");
  REQUIRE(d.ok());
  CHECK(d->text == "It’s ĐÔ”");
}
