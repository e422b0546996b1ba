// `sach explain`: the trace of one input, in document order.
#include "text.h"
#include "sach/explain.h"

#include <algorithm>
#include <sstream>

#include "sach/clean.h"
#include "tunables.h"

namespace sach {
namespace {

// A block's text on one line: whole with -v, else cut after a whole word.
std::string Snippet(const std::string& text, bool whole) {
  return Clipped(text, whole ? text.size() : tunables::kTraceSnippetBytes);
}

// The decisions [i, end) that one entry covers: a run of dropped lines with
// one shared reason, or the single decision i.
std::size_t RunEnd(const std::vector<Decision>& blocks, std::size_t i, bool every_line) {
  const Decision& d = blocks[i];
  std::size_t end = i + 1;
  if (every_line || d.kept || d.run.empty()) return end;
  while (end < blocks.size() && !blocks[end].kept && blocks[end].run == d.run) ++end;
  return end;
}

// The lines of a run dropped for a reason of their own as well (a rule's
// marker among the menu lines), the first few.
void NotesOfRun(const std::vector<Decision>& blocks, std::size_t i, std::size_t end, std::ostringstream& out) {
  std::size_t notes = 0;
  for (std::size_t k = i; k < end; ++k) {
    if (blocks[k].why == blocks[k].run) continue;
    if (notes++ == tunables::kExplainRunNotes) {
      out << "      …\n";
      return;
    }
    out << "      line " << blocks[k].line << ": " << blocks[k].why << "\n";
  }
}

// The decisions, kept and dropped, a run of lines sharing a reason as one entry.
void PrintBlocks(Trace& trace, bool html, bool every_line, std::ostringstream& out) {
  // HTML decisions come from two passes (elements, then blocks): put them in
  // document order; ties keep the element before the blocks written from it.
  if (html)
    std::stable_sort(trace.blocks.begin(), trace.blocks.end(),
                     [](const Decision& a, const Decision& b) { return a.element < b.element; });
  std::size_t kept = 0;
  for (auto& d : trace.blocks) kept += d.kept;
  out << "\nblocks (" << kept << " kept, " << trace.blocks.size() - kept << " dropped):\n";
  for (std::size_t i = 0, end; i < trace.blocks.size(); i = end) {
    end = RunEnd(trace.blocks, i, every_line);
    const Decision& d = trace.blocks[i];
    if (end - i > 1) {
      const Decision& last = trace.blocks[end - 1];
      out << "  lines " << d.line << "-" << last.line << "  DROPPED  " << d.run << ", " << end - i
          << " lines (-v shows each)\n      " << Snippet(d.text, false) << "\n";
      NotesOfRun(trace.blocks, i, end, out);
      continue;
    }
    std::string where(html ? "#" : "line ");  // appended: GCC 12 warns (-Wrestrict) on "#" + string
    where += html ? std::to_string(d.element) : std::to_string(d.line);
    out << "  " << where << (d.kept ? "  kept     " : "  DROPPED  ") << d.why;
    if (!d.path.empty()) out << "  @ " << d.path;
    out << "\n      " << Snippet(d.text, every_line) << "\n";
  }
}

}  // namespace

Result<std::string> Explain(const Document& doc, const Rules& rules, const CleanOptions& options, bool every_line,
                            std::string* dropped) {
  Trace trace;
  Result<Cleaned> c = Clean(doc, rules, &trace, options);
  if (!c) {
    // Nothing kept: why each block went is what the user asks next. HTML
    // decisions have no input line.
    if (dropped && !trace.blocks.empty()) {
      const bool html = std::any_of(trace.blocks.begin(), trace.blocks.end(), [](const Decision& d) { return d.line == 0; });
      std::ostringstream out;
      PrintBlocks(trace, html, every_line, out);
      *dropped = out.str();
    }
    return c.error();
  }
  const bool html = c->kind == InputKind::kHtml;

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
  PrintBlocks(trace, html, every_line, out);
  return out.str();
}

}  // namespace sach
