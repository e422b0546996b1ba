// robots.txt, as RFC 9309 says: the group for our product token (else "*"),
// Allow/Disallow by longest match (Allow wins a tie), "*" and "$" in
// patterns, percent-encoding compared in one form; Crawl-delay and Sitemap
// lines are read too. Usage:
//   Robots r = Robots::Parse(body, "sach");
//   if (!r.Allowed(UrlPathQuery(url))) skip(url);
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sach {

class Robots {
 public:
  // Every path allowed: no robots.txt (4xx), or an empty one.
  static Robots AllowAll();
  // Nothing allowed: robots.txt unreachable or 5xx (RFC 9309 2.3.1.4).
  static Robots DisallowAll();
  // `agent` is the product token matched case-insensitively against
  // User-agent lines ("sach"). Bytes past 500 KiB are ignored (the RFC's
  // minimum). Never fails: lines that do not parse are skipped.
  static Robots Parse(std::string_view body, std::string_view agent);

  // `path` is a URL's path and query ("/a/b.html?x=1"). /robots.txt itself
  // is always allowed.
  bool Allowed(std::string_view path) const;

  double crawl_delay_seconds() const { return crawl_delay_; }   // 0 when not given
  const std::vector<std::string>& sitemaps() const { return sitemaps_; }  // as printed

 private:
  struct Rule {
    std::string pattern;  // percent-encoding normalised
    bool allow = false;
  };
  std::vector<Rule> rules_;
  bool disallow_all_ = false;
  double crawl_delay_ = 0;
  std::vector<std::string> sitemaps_;
};

}  // namespace sach
