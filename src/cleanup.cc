// Cleanup stage: boilerplate lines left inside the article.
#include "cleanup.h"

#include <unordered_map>

#include "dedupe.h"
#include "meta_lines.h"
#include "text.h"
#include "sach/tunables.h"

namespace sach {
namespace {

using namespace tunables;

class Cleanup {
 public:
  Cleanup(std::vector<Block>& b, const Vocabulary& v, Metadata& m, Origins* o)
      : b_(b), v_(v), m_(m), origins_(o) {}

  void Run() {
    JoinDatelines();
    DropTitle();
    DropMarkers();
    TrimLinkedEdges();
    LiftDates();
    LiftHead();
    LiftTail();
    DropDuplicateCaptions();
    DropRepeated();
  }

 private:
  void Drop(Block& b, std::string why) {
    if (!b.kept) return;
    b.kept = false;
    b.why = std::move(why);
  }
  void Set(std::string& field, const std::string& value, const char* key, std::string from) {
    if (!field.empty() || value.empty()) return;
    field = value;
    if (origins_) origins_->emplace_back(key, std::move(from));
  }
  std::optional<std::size_t> Next(std::size_t from) const {
    for (std::size_t i = from; i < b_.size(); ++i)
      if (b_[i].kept) return i;
    return std::nullopt;
  }
  std::optional<std::size_t> Last() const {
    for (std::size_t i = b_.size(); i-- > 0;)
      if (b_[i].kept) return i;
    return std::nullopt;
  }

  // "(VTC News) -" in its own element, then the lead: one paragraph.
  void JoinDatelines() {
    for (std::size_t i = 0; i + 1 < b_.size(); ++i) {
      Block& b = b_[i];
      if (!b.kept || b.chars > kMaxDatelineChars || b.text.size() < 2) continue;
      if (!EndsWithDash(b.text)) continue;
      Block& next = b_[i + 1];
      next.text = b.text + " " + next.text;
      next.chars += b.chars + 1;
      Drop(b, "dateline joined to the next paragraph");
    }
  }

  // The headline printed above the text is metadata, not body.
  void DropTitle() {
    if (m_.title.empty()) return;
    std::string key = DedupeKey(m_.title);
    for (auto& b : b_)
      if (b.kept && (b.heading || b.chars <= 2 * CharCount(m_.title)) && DedupeKey(b.text) == key)
        Drop(b, "title again -> metadata");
  }

  // "Tin liên quan" and the links under it; share/print/tag bars.
  void DropMarkers() {
    for (std::size_t i = 0; i < b_.size(); ++i) {
      Block& b = b_[i];
      if (!b.kept) continue;
      const Marker* m = v_.FindMarker(b.text);
      if (!m) {
        // "Xem thêm: <a>Other story</a>", "Tags <a>a</a>, <a>b</a>": a marker
        // heading glued to its links (its first few words, with or without a colon).
        if (b.LinkDensity() >= kMarkerLinkDensity) {
          std::size_t end = 0;
          for (int words = 0; words < kMaxMarkerWords && !m; ++words) {
            end = b.text.find(' ', end + 1);
            if (end == std::string::npos) break;
            m = v_.FindMarker(std::string_view(b.text).substr(0, end));
          }
          auto colon = b.text.find(':');
          if (!m && colon != std::string::npos && colon < 40) m = v_.FindMarker(b.text.substr(0, colon));
        }
        if (!m) continue;
        Drop(b, std::string(ConceptName(m->kind)) + " marker \"" + m->phrase + "\" (" + m->origin + ")");
        continue;
      }
      Drop(b, std::string(ConceptName(m->kind)) + " marker \"" + m->phrase + "\" (" + m->origin + ")");
      if (m->kind != Concept::kRelated && m->kind != Concept::kTags) continue;
      // The list that follows: linked lines, up to the first line of prose.
      for (std::size_t j = i + 1; j < b_.size(); ++j) {
        Block& n = b_[j];
        if (n.LinkDensity() < kMarkerLinkDensity) break;
        Drop(n, "under \"" + m->phrase + "\"");
      }
    }
  }

  // Links before the first line of text (breadcrumbs, topic labels) and after
  // the last one ("More stories" lists), and a heading with nothing under it.
  void TrimLinkedEdges() {
    for (auto i = Next(0); i && b_[*i].LinkDensity() >= kEdgeLinkDensity; i = Next(*i + 1))
      Drop(b_[*i], "links before the article text");
    for (auto i = Last(); i && i != Next(0); i = Last()) {
      Block& b = b_[*i];
      if (b.LinkDensity() >= kEdgeLinkDensity) Drop(b, "links after the article text");
      else if (b.heading) Drop(b, "heading with nothing under it");
      else break;
    }
  }

  // Lines that are only a date: the first gives the date when markup did not.
  void LiftDates() {
    for (auto& b : b_) {
      if (!b.kept || b.chars > kMaxDateLineChars) continue;
      if (auto d = v_.MatchDateLine(b.text)) {
        Set(m_.date, d->iso, "date", "date line in the article (" + d->origin + ")");
        Drop(b, "date line -> metadata");
      }
    }
  }

  // A byline or source line before the first paragraph.
  void LiftHead() {
    for (int round = 0; round < 2; ++round) {
      auto i = Next(0);
      if (!i) return;
      Block& b = b_[*i];
      if (b.heading || b.chars > kMaxBylineChars) return;
      if (!HasBylinePrefix(b.text)) return;
      auto by = ParseByline(b.text, v_);
      if (!by) return;
      Set(m_.author, by->author, "author", "byline above the article");
      Set(m_.source, by->source, "source", "agency in the byline");
      Drop(b, "byline -> metadata");
    }
  }

  bool HasBylinePrefix(const std::string& text) const {
    std::string f = FoldCase(text);
    for (auto& p : v_.byline_prefixes)
      if (f.compare(0, p.size(), p) == 0) return true;
    return false;
  }

  // The name line and "Theo X" credit Vietnamese sites print after the text.
  void LiftTail() {
    for (int round = 0; round < 3; ++round) {
      auto last = Last();
      if (!last || *last == *Next(0)) return;  // never take the only paragraph
      Block& b = b_[*last];
      if (b.heading) return;
      std::optional<std::string> s = ParseAgencyLine(b.text, v_);  // "(TTXVN/Vietnam+)"
      if (!s) s = ParseSourceLine(b.text, v_);                     // "Theo CHINHPHU.VN"
      if (s) {
        Set(m_.source, *s, "source", "source line after the article");
        Drop(b, "source -> metadata");
      } else if (auto by = ParseByline(b.text, v_)) {
        Set(m_.author, by->author, "author", "byline after the article");
        Set(m_.source, by->source, "source", "agency in the byline");
        Drop(b, "byline -> metadata");
      } else {
        return;
      }
    }
  }

  // One caption printed twice (a caption paragraph next to the figcaption).
  void DropDuplicateCaptions() {
    auto i = Next(0);
    while (i) {
      auto j = Next(*i + 1);
      if (!j) return;
      Block& a = b_[*i];
      Block& c = b_[*j];
      if (a.caption || c.caption) {
        switch (CompareCaptions(a.text, c.text)) {
          case CaptionPair::kKeepFirst: Drop(c, "caption printed twice"); continue;
          case CaptionPair::kKeepSecond: Drop(a, "caption printed twice"); break;
          case CaptionPair::kDifferent: break;
        }
      }
      i = j;
    }
  }

  // A paragraph printed twice: dropped when the copy follows it at once (a
  // lead printed again as the body's first paragraph) or is long enough to
  // be prose. Short lines recur in real text ("Eat every 2-3 hours" on each
  // day of a plan, the same question to each guest) and stay.
  void DropRepeated() {
    struct First {
      int node;          // the element of the first copy
      std::size_t at;    // its place among the kept blocks (then the last copy's)
    };
    std::unordered_map<std::string, First> seen;
    std::size_t kept = 0;
    for (auto& b : b_) {
      if (!b.kept) continue;
      auto [it, fresh] = seen.emplace(DedupeKey(b.text), First{b.node, kept});
      if (!fresh && (it->second.at + 1 == kept || b.chars >= tunables::kRepeatedParagraphChars)) {
        Drop(b, "repeated paragraph: duplicate of the block at #" + std::to_string(it->second.node));
        continue;
      }
      it->second.at = kept++;
    }
  }

  std::vector<Block>& b_;
  const Vocabulary& v_;
  Metadata& m_;
  Origins* origins_;
};

}  // namespace

void CleanupArticle(std::vector<Block>& blocks, const Vocabulary& v, Metadata& meta, Origins* origins,
                    bool captions) {
  if (!captions)
    for (auto& b : blocks)
      if (b.caption && b.kept) b.kept = false, b.why = "caption (captions are off)";
  Cleanup(blocks, v, meta, origins).Run();
}

}  // namespace sach
