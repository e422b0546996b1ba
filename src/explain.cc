// `sach explain`: the trace of one input, in document order.
#include "text.h"
#include "sach/explain.h"

#include <algorithm>
#include <sstream>

#include "sach/clean.h"
#include "sach/tunables.h"

namespace sach {
namespace {

std::string Snippet(const std::string& text) {
  std::string s = text;
  for (char& c : s)
    if (c == '\n' || c == '\t') c = ' ';
  if (s.size() <= tunables::kTraceSnippetBytes) return s;
  std::size_t cut = tunables::kTraceSnippetBytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…";
}

}  // namespace

Result<std::string> Explain(const Document& doc, const Rules& rules, const CleanOptions& options) {
  Trace trace;
  Result<Cleaned> c = Clean(doc, rules, &trace, options);
  if (!c) return c.error();
  const bool html = c->kind == InputKind::kHtml;
  // HTML decisions come from two passes (elements, then blocks): put them in
  // document order; ties keep the element before the blocks written from it.
  if (html)
    std::stable_sort(trace.blocks.begin(), trace.blocks.end(),
                     [](const Decision& a, const Decision& b) { return a.element < b.element; });

  std::ostringstream out;
  out << Printable(doc.name) << ": " << (html ? "HTML" : "text dump") << ", " << c->charset
      << ", rules: " << (c->site.empty() ? "default" : c->site) << "\n\nmetadata:\n";
  const Metadata& m = c->article.meta;
  const std::pair<const char*, const std::string*> fields[] = {
      {"title", &m.title}, {"date", &m.date}, {"author", &m.author},
      {"source", &m.source}, {"url", &m.url}, {"site", &m.site}};
  for (auto& [key, value] : fields) {
    if (value->empty()) continue;
    std::string from = "given";
    for (auto& [k, origin] : trace.origins)
      if (k == key) from = origin;
    out << "  " << key << ": " << *value << "  <- " << from << "\n";
  }
  std::size_t kept = 0;
  for (auto& d : trace.blocks) kept += d.kept;
  out << "\nblocks (" << kept << " kept, " << trace.blocks.size() - kept << " dropped):\n";
  for (auto& d : trace.blocks) {
    std::string where = html ? "#" + std::to_string(d.element) : "line " + std::to_string(d.line);
    out << "  " << where << (d.kept ? "  kept     " : "  DROPPED  ") << d.why << "\n      " << Snippet(d.text)
        << "\n";
  }
  return out.str();
}

}  // namespace sach
