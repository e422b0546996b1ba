// Crawl config loader: a TOML file -> CrawlConfig, every key checked, every
// URL pattern compiled once (ICU regex) before a single request is made.
#include "sach/crawl_config.h"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "text.h"
#include "url.h"
#include "sach/input.h"
#include "tunables.h"

namespace sach {

class UrlPatterns {
 public:
  std::vector<std::unique_ptr<icu::RegexPattern>> patterns;

  // Searched anywhere in the URL (anchor with ^...$ in the config to match the
  // whole). A match that runs past the time limit counts as no match.
  bool Search(const std::string& url) const {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(url);
    for (const auto& p : patterns) {
      UErrorCode st = U_ZERO_ERROR;
      std::unique_ptr<icu::RegexMatcher> m(p->matcher(u, st));
      if (U_FAILURE(st)) continue;
      m->setTimeLimit(tunables::kUrlPatternTimeLimit, st);
      if (m->find(st) && U_SUCCESS(st)) return true;
    }
    return false;
  }
};

bool CrawlSite::AllowedHost(std::string_view host) const {
  // A listed host or a subdomain of it: www. and province subdomains.
  for (const std::string& h : hosts)
    if (HostWithin(host, h)) return true;
  return false;
}

bool CrawlSite::HasArticlePatterns() const { return articles && !articles->patterns.empty(); }
bool CrawlSite::IsArticle(const std::string& url) const { return articles && articles->Search(url); }
bool CrawlSite::IsListing(const std::string& url) const { return listings && listings->Search(url); }

namespace {

// Reads one table's keys into a site, reporting "FILE:LINE: ..." on the first
// problem. Keys known to both [defaults] and [[site]] are read by Common.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  std::string Where(const toml::node& n) const { return file_ + ":" + std::to_string(n.source().begin.line); }

  Status Number(const toml::node& n, std::string_view key, double lo, double hi, double* out) {
    std::optional<double> v = n.value<double>();
    if (!v || !std::isfinite(*v) || *v < lo || *v > hi) {
      std::ostringstream msg;
      msg << Where(n) << ": " << key << " must be a number from " << lo << " to " << hi;
      return Fail(msg.str());
    }
    *out = *v;
    return Ok{};
  }

  Status Strings(const toml::node& n, std::string_view key, std::vector<std::string>* out) {
    const toml::array* arr = n.as_array();
    if (!arr) return Fail(Where(n) + ": " + std::string(key) + " must be an array of strings");
    for (const toml::node& item : *arr) {
      auto s = item.value<std::string>();
      if (!s || s->empty()) return Fail(Where(item) + ": " + std::string(key) + " must hold non-empty strings");
      out->push_back(*s);
    }
    return Ok{};
  }

  // Returns true when `key` was one of the shared keys (and read it).
  Result<bool> Common(std::string_view key, const toml::node& n, CrawlSite* s) {
    double v = 0;
    auto num = [&](double lo, double hi) { return Number(n, key, lo, hi, &v); };
    Status st = Ok{};
    if (key == "max_depth") {
      if ((st = num(0, 20))) s->max_depth = static_cast<int>(v);
    } else if (key == "max_pages") {
      if ((st = num(1, 1e7))) s->max_pages = static_cast<int>(v);
    } else if (key == "delay_seconds") {
      if ((st = num(0, 3600))) s->delay_seconds = v;
    } else if (key == "concurrency") {
      if ((st = num(1, 16))) s->concurrency = static_cast<int>(v);
    } else if (key == "max_failures") {
      if ((st = num(1, 1000))) s->max_failures = static_cast<int>(v);
    } else if (key == "timeout_seconds") {
      if ((st = num(0.1, 3600))) s->fetch.total_timeout_ms = std::lround(v * 1000);
    } else if (key == "connect_timeout_seconds") {
      if ((st = num(0.1, 600))) s->fetch.connect_timeout_ms = std::lround(v * 1000);
    } else if (key == "stall_seconds") {
      if ((st = num(1, 600))) s->fetch.low_speed_seconds = std::lround(v);
    } else if (key == "retries") {
      if ((st = num(0, 10))) s->fetch.retries = static_cast<int>(v);
    } else if (key == "backoff_seconds") {
      if ((st = num(0, 600))) s->fetch.backoff_ms = std::lround(v * 1000);
    } else if (key == "max_page_mb") {
      if ((st = num(0.01, 1024))) s->fetch.max_bytes = static_cast<std::size_t>(v * (1 << 20));
    } else if (key == "learn_template") {
      if (const auto* b = n.as_boolean()) s->learn_template = b->get();
      else st = Fail(Where(n) + ": learn_template must be true or false");
    } else if (key == "drop_params") {
      // A site's list replaces the defaults' (it may need one of them kept).
      s->drop_params.clear();
      st = Strings(n, key, &s->drop_params);
    } else {
      return false;
    }
    if (!st) return st.error();
    return true;
  }

  Result<std::shared_ptr<const UrlPatterns>> Patterns(const toml::node& n, std::string_view key) {
    std::vector<std::string> sources;
    if (Status st = Strings(n, key, &sources); !st) return st.error();
    auto out = std::make_shared<UrlPatterns>();
    for (const std::string& src : sources) {
      UErrorCode st = U_ZERO_ERROR;
      UParseError pe{};
      std::unique_ptr<icu::RegexPattern> p(icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(src), 0, pe, st));
      if (U_FAILURE(st))
        return Fail(Where(n) + ": " + std::string(key) + " pattern '" + src + "' does not compile (" + u_errorName(st) +
                    " at offset " + std::to_string(pe.offset) + ")");
      out->patterns.push_back(std::move(p));
    }
    return std::shared_ptr<const UrlPatterns>(std::move(out));
  }

  Status Site(const toml::table& t, CrawlSite* s) {
    for (auto&& [k, n] : t) {
      std::string_view key = k.str();
      Result<bool> common = Common(key, n, s);
      if (!common) return common.error();
      if (*common) continue;
      if (key == "name") {
        auto v = n.value<std::string>();
        if (!v || !SafeName(*v)) return Fail(Where(n) + ": name must be a short folder name ([A-Za-z0-9._-], not . or ..)");
        s->name = *v;
      } else if (key == "start") {
        if (Status st = Strings(n, key, &s->start); !st) return st;
        for (std::string& u : s->start) {
          std::string norm = NormalizeUrl(u);
          if (norm.empty()) return Fail(Where(n) + ": start URL '" + u + "' is not an http(s) URL");
          u = norm;
        }
      } else if (key == "hosts") {
        if (Status st = Strings(n, key, &s->hosts); !st) return st;
        for (std::string& h : s->hosts) h = AsciiLower(h);
      } else if (key == "articles") {
        auto p = Patterns(n, key);
        if (!p) return p.error();
        s->articles = *p;
      } else if (key == "listings") {
        auto p = Patterns(n, key);
        if (!p) return p.error();
        s->listings = *p;
      } else {
        return Fail(Where(n) + ": unknown key '" + std::string(key) + "' in [[site]]");
      }
    }
    return Ok{};
  }

  static bool SafeName(const std::string& name) {
    if (name.empty() || name.size() > 100 || name == "." || name == "..") return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    });
  }

 private:
  std::string file_;
};

}  // namespace

Result<CrawlConfig> CrawlConfig::Parse(std::string_view text, const std::string& name) {
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    return Fail(name + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
  Reader r(name);
  CrawlConfig config;
  config.path = name;
  CrawlSite defaults;
  for (auto&& [k, n] : root) {
    std::string_view key = k.str();
    if (key == "crawl") {
      const toml::table* t = n.as_table();
      if (!t) return Fail(r.Where(n) + ": [crawl] must be a table");
      for (auto&& [ck, cn] : *t) {
        double v = 0;
        if (ck.str() == "workers") {
          if (Status st = r.Number(cn, "workers", 1, 64, &v); !st) return st.error();
          config.workers = static_cast<int>(v);
        } else if (ck.str() == "interval_minutes") {
          if (Status st = r.Number(cn, "interval_minutes", 0.1, 7 * 24 * 60, &v); !st) return st.error();
          config.interval_minutes = v;
        } else if (ck.str() == "robots_agent") {
          auto a = cn.value<std::string>();
          if (!a || a->empty()) return Fail(r.Where(cn) + ": robots_agent must be a product token");
          config.robots_agent = *a;
        } else {
          return Fail(r.Where(cn) + ": unknown key '" + std::string(ck.str()) + "' in [crawl]");
        }
      }
    } else if (key == "defaults") {
      const toml::table* t = n.as_table();
      if (!t) return Fail(r.Where(n) + ": [defaults] must be a table");
      for (auto&& [dk, dn] : *t) {
        Result<bool> common = r.Common(dk.str(), dn, &defaults);
        if (!common) return common.error();
        if (!*common) return Fail(r.Where(dn) + ": unknown key '" + std::string(dk.str()) + "' in [defaults]");
      }
    } else if (key != "site") {
      return Fail(r.Where(n) + ": unknown key '" + std::string(key) + "' (expected [crawl], [defaults], [[site]])");
    }
  }
  // Sites after [defaults], wherever it is written.
  std::set<std::string> names;
  if (const toml::node* sites = root.get("site")) {
    const toml::array* arr = sites->as_array();
    if (!arr) return Fail(r.Where(*sites) + ": site must be written [[site]]");
    for (const toml::node& n : *arr) {
      const toml::table* t = n.as_table();
      if (!t) return Fail(r.Where(n) + ": site must be written [[site]]");
      CrawlSite s = defaults;
      if (Status st = r.Site(*t, &s); !st) return st.error();
      if (s.start.empty()) return Fail(r.Where(n) + ": [[site]] needs start = [URL, ...]");
      if (s.hosts.empty())
        for (const std::string& u : s.start)
          if (std::find(s.hosts.begin(), s.hosts.end(), UrlHost(u)) == s.hosts.end()) s.hosts.push_back(UrlHost(u));
      if (s.name.empty()) s.name = s.hosts.front();
      if (!Reader::SafeName(s.name))
        return Fail(r.Where(n) + ": give the site a name = \"...\" ([A-Za-z0-9._-]); '" + s.name + "' cannot be a folder");
      if (!names.insert(s.name).second) return Fail(r.Where(n) + ": a second site named '" + s.name + "'");
      for (const std::string& u : s.start)
        if (!s.AllowedHost(UrlHost(u)))
          return Fail(r.Where(n) + ": start URL " + u + " is not on the site's hosts");
      config.sites.push_back(std::move(s));
    }
  }
  if (config.sites.empty()) return Fail(name + ": no [[site]] to crawl");
  return config;
}

Result<CrawlConfig> CrawlConfig::Load(const std::string& path) {
  Result<std::string> text = ReadInput(path, tunables::kMaxConfigBytes);
  if (!text) return Fail(path + ": " + text.error().message);
  return Parse(*text, path);
}

}  // namespace sach
