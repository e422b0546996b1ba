// Stage 1, decode: raw bytes -> NFC-normalised UTF-8, and what kind of input
// it is. Usage:
//   Result<Decoded> d = Decode(doc.bytes, doc.charset);
//   if (d && d->replaced) warn(...);  InputKind k = DetectKind(d->text);
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "sach/result.h"

namespace sach {

struct Decoded {
  std::string text;          // valid UTF-8, NFC unless Decode was asked not to
  std::string charset;       // the charset used, e.g. "UTF-8", "windows-1258"
  std::size_t replaced = 0;  // invalid byte sequences replaced by U+FFFD
  std::size_t unmangled = 0; // mojibake runs ("â€™") taken back to what they stood for ("’")
};

// Charset choice, first that applies: a byte-order mark; `charset_hint` (from
// an HTTP header); <meta charset> / http-equiv in the first bytes; UTF-8 when
// the bytes are valid UTF-8; otherwise ICU charset detection, with a
// Vietnamese check that picks windows-1258 (ICU's detector does not know it).
// Fails on empty input, on a file NotAPage names (kUnsupported) and on binary
// data (NUL bytes without a UTF-16 BOM).
// Text that was once UTF-8 read as windows-1252 and saved again ("â€™" for
// "’") is taken back, when it holds a run no real text has (a C1 control, or
// three such characters making one).
// With `nfc` false, UTF-8 input is left in its own normal form: the HTML
// route normalises only the text it keeps (a page is mostly markup), while
// text converted from a legacy charset is always normalised.
Result<Decoded> Decode(std::string_view bytes, std::string_view charset_hint = {}, bool nfc = true);

// What a file or response is when it is not a page or a text, for a one-line
// error ("not a page: " + this); empty when it may be one. The first bytes
// decide whatever `content_type` says: %PDF- "a PDF document", PNG, JPEG and
// GIF "a ... image", PK\3\4 "a ZIP archive" (gzip is not judged: inputs are
// gunzipped before). Then `content_type` (an HTTP header, parameters allowed;
// empty: none given): text/*, application/xml and application/*+xml may be
// pages; any other type is not ("application/pdf (a PDF document)"). JSON is
// told by its type only: a text dump may start with "{". Decode refuses what
// this names; Fetch with FetchOptions::pages_only asks it with the response's type.
std::string NotAPage(std::string_view bytes, std::string_view content_type = {});

// Normalises `s` (valid UTF-8) to NFC in place; cheap when it already is.
void ToNfc(std::string& s);

enum class InputKind { kHtml, kText };

// HTML when the text starts (after white space and comments) with a doctype,
// <html, <head, <body, or when well-known block tags make up the start of it;
// otherwise a text or markdown dump.
InputKind DetectKind(std::string_view text);

}  // namespace sach
