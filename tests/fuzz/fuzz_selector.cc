// The selector parser (site rules' keep/drop, a CSS subset) and the matcher:
// every selector that parses is matched against each element of a fixed page.
// Input: a selector list, as written in a rule file.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "page.h"
#include "parse.h"
#include "fuzz_common.h"
#include "selector.h"

namespace {

constexpr std::string_view kPage =
    "<!doctype html><html><head><title>t</title></head><body class=\"home page\">"
    "<div id=wrap class=\"container main\"><header><nav class=menu><ul><li><a href=/a>A</a></li>"
    "<li class=active><a href=\"/b\" data-x=\"y z\">B</a></li></ul></nav></header>"
    "<article class=\"detail\" itemprop=articleBody><h1 class=title>Tiêu đề</h1>"
    "<p class=sapo>Sapo</p><div class=\"content detail-content\"><p>Một</p><p>Hai <b>đậm</b></p>"
    "<figure><img src=a.jpg alt=\"ảnh\"><figcaption class=\"caption expNoEdit\">Chú thích</figcaption></figure>"
    "<div class=\"box relate\"><a href=/c>C</a></div><table><tr><td>1</td><td>2</td></tr></table></div>"
    "</article><aside id=sidebar><div class=widget><span>W</span></div></aside>"
    "<footer><p>Bản quyền</p></footer></div></body></html>";

sach::ParsedHtml* g_parsed = nullptr;
sach::PageTree* g_tree = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  sach_fuzz::Quiet();
  sach::Result<sach::ParsedHtml> p = sach::ParseHtml(kPage);
  if (!p) std::abort();
  g_parsed = new sach::ParsedHtml(std::move(*p));
  g_tree = new sach::PageTree(sach::BuildTree(g_parsed->root()));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  sach::Result<sach::Selector> s = sach::Selector::Parse(sach_fuzz::AsView(data, size));
  if (!s) {
    SACH_FUZZ_CHECK(!s.error().message.empty());
    return 0;
  }
  for (int i = 0; i < g_tree->size(); ++i) (void)s->Matches(*g_tree, i);
  // What parsed once parses again from its own text.
  SACH_FUZZ_CHECK(sach::Selector::Parse(s->text()).ok());
  return 0;
}
