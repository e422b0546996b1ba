// robots.txt: the RFC 9309 examples, group choice, line syntax, percent-
// encoding, limits (size, pathological patterns) and the two fixed answers.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "robots.h"

using sach::Robots;

namespace {

Robots P(const std::string& body) { return Robots::Parse(body, "sach"); }

}  // namespace

TEST_CASE("robots: longest match wins, Allow wins a tie (RFC 9309 2.2.2)") {
  Robots r = P(
      "User-agent: *\n"
      "Allow: /example/page/\n"
      "Disallow: /example/page/disallowed.gif\n");
  CHECK(r.Allowed("/example/page/"));
  CHECK(r.Allowed("/example/page/index.html"));
  CHECK_FALSE(r.Allowed("/example/page/disallowed.gif"));
  CHECK(r.Allowed("/other"));

  Robots tie = P("User-agent: *\nDisallow: /folder\nAllow: /folder\n");
  CHECK(tie.Allowed("/folder/page"));
  Robots tie2 = P("User-agent: *\nAllow: /folder\nDisallow: /folder\n");  // order does not matter
  CHECK(tie2.Allowed("/folder/page"));

  Robots longer = P("User-agent: *\nAllow: /p\nDisallow: /\n");
  CHECK(longer.Allowed("/page"));
  CHECK_FALSE(longer.Allowed("/x"));

  // Wildcards count toward the length: "/*.html" (7) beats "/page" (5).
  Robots wild = P("User-agent: *\nAllow: /page\nDisallow: /*.html\n");
  CHECK_FALSE(wild.Allowed("/page.html"));
  CHECK(wild.Allowed("/page.php"));
}

TEST_CASE("robots: \"*\" and \"$\" in patterns") {
  Robots fish = P("User-agent: *\nDisallow: /fish*\n");
  CHECK_FALSE(fish.Allowed("/fish"));
  CHECK_FALSE(fish.Allowed("/fish.html"));
  CHECK_FALSE(fish.Allowed("/fishheads/yummy.html"));
  CHECK(fish.Allowed("/Fish.asp"));  // case matters in paths
  CHECK(fish.Allowed("/catfish"));

  Robots php = P("User-agent: *\nDisallow: /*.php$\n");
  CHECK_FALSE(php.Allowed("/filename.php"));
  CHECK_FALSE(php.Allowed("/folder/filename.php"));
  CHECK(php.Allowed("/filename.php?parameters"));
  CHECK(php.Allowed("/filename.php/"));
  CHECK(php.Allowed("/windows.PHP"));

  Robots mid = P("User-agent: *\nDisallow: /fish*.php\n");
  CHECK_FALSE(mid.Allowed("/fish.php"));
  CHECK_FALSE(mid.Allowed("/fishheads/catfish.php?parameters"));
  CHECK(mid.Allowed("/Fish.PHP"));

  Robots root = P("User-agent: *\nAllow: /$\nDisallow: /\n");
  CHECK(root.Allowed("/"));
  CHECK_FALSE(root.Allowed("/page"));

  // "$" only anchors at the end; "**" is the same as "*".
  Robots dollar = P("User-agent: *\nDisallow: /a$b\nDisallow: /x**y$\n");
  CHECK_FALSE(dollar.Allowed("/a$b/c"));
  CHECK(dollar.Allowed("/ab"));
  CHECK_FALSE(dollar.Allowed("/x123y"));
  CHECK_FALSE(dollar.Allowed("/xy"));
  CHECK(dollar.Allowed("/xy/"));

  // An anchored last piece must not overlap the earlier ones.
  Robots overlap = P("User-agent: *\nDisallow: /*ab*ba$\n");
  CHECK(overlap.Allowed("/aba"));
  CHECK_FALSE(overlap.Allowed("/abba"));

  // The query is part of what is matched.
  Robots query = P("User-agent: *\nDisallow: /search?\nDisallow: /*?sort=\n");
  CHECK_FALSE(query.Allowed("/search?q=x"));
  CHECK(query.Allowed("/search"));
  CHECK(query.Allowed("/tin-tuc?page=2&sort=new"));
  CHECK_FALSE(query.Allowed("/tin-tuc?sort=new"));
}

TEST_CASE("robots: our group over \"*\", case-insensitive, product token") {
  const std::string body =
      "User-agent: *\n"
      "Disallow: /\n"
      "\n"
      "User-agent: googlebot\n"
      "Allow: /\n"
      "\n"
      "User-agent: SACH\n"
      "Disallow: /private/\n";
  Robots r = P(body);
  CHECK(r.Allowed("/tin-tuc/a.html"));
  CHECK_FALSE(r.Allowed("/private/x"));
  // Someone else falls back on "*".
  Robots other = Robots::Parse(body, "otherbot");
  CHECK_FALSE(other.Allowed("/tin-tuc/a.html"));
  // Our agent given with a version still means the token "sach".
  CHECK_FALSE(Robots::Parse(body, "sach/0.1 (+https://example.vn)").Allowed("/private/x"));
  CHECK(Robots::Parse(body, "Sach/0.1").Allowed("/tin-tuc/a.html"));

  // A versioned User-agent value matches by its product token.
  Robots versioned = P("User-agent: *\nDisallow: /\nUser-agent: sach/1.0\nDisallow: /x\n");
  CHECK(versioned.Allowed("/y"));
  CHECK_FALSE(versioned.Allowed("/x"));

  // A different token that merely starts with ours is not ours.
  Robots prefix = P("User-agent: sachbot\nDisallow: /\nUser-agent: *\nDisallow: /x\n");
  CHECK(prefix.Allowed("/y"));
  CHECK_FALSE(prefix.Allowed("/x"));

  // Our group with no rules at all still beats "*": everything allowed.
  Robots empty_ours = P("User-agent: *\nDisallow: /\nUser-agent: sach\nDisallow:\n");
  CHECK(empty_ours.Allowed("/anything"));

  // Neither ours nor "*": everything allowed.
  Robots none = P("User-agent: googlebot\nDisallow: /\n");
  CHECK(none.Allowed("/anything"));
}

TEST_CASE("robots: groups are merged, several agents share a group") {
  Robots merged = P(
      "User-agent: sach\n"
      "Disallow: /a\n"
      "User-agent: googlebot\n"
      "Disallow: /g\n"
      "User-agent: Sach\n"
      "Disallow: /b\n");
  CHECK_FALSE(merged.Allowed("/a"));
  CHECK_FALSE(merged.Allowed("/b"));
  CHECK(merged.Allowed("/g"));

  Robots shared = P(
      "User-agent: googlebot\n"
      "User-agent: sach\n"
      "Disallow: /shared\n"
      "User-agent: bingbot\n"
      "Disallow: /bing\n");
  CHECK_FALSE(shared.Allowed("/shared/x"));
  CHECK(shared.Allowed("/bing"));

  // Star groups merge too when they are what applies.
  Robots stars = P("User-agent: *\nDisallow: /1\nUser-agent: x\nDisallow: /2\nUser-agent: *\nDisallow: /3\n");
  CHECK_FALSE(stars.Allowed("/1"));
  CHECK(stars.Allowed("/2"));
  CHECK_FALSE(stars.Allowed("/3"));

  // Rules before any User-agent line belong to no group.
  Robots orphan = P("Disallow: /orphan\nUser-agent: *\nDisallow: /x\n");
  CHECK(orphan.Allowed("/orphan"));
  CHECK_FALSE(orphan.Allowed("/x"));
}

TEST_CASE("robots: an empty Disallow allows everything") {
  Robots r = P("User-agent: *\nDisallow:\n");
  CHECK(r.Allowed("/"));
  CHECK(r.Allowed("/any/path?x=1"));
  Robots spaces = P("User-agent: *\nDisallow:    \t \nDisallow: /only\n");
  CHECK(spaces.Allowed("/x"));
  CHECK_FALSE(spaces.Allowed("/only"));
}

TEST_CASE("robots: comments, field case, whitespace, line ends, BOM") {
  Robots comments = P(
      "# a comment line\n"
      "   # an indented comment\n"
      "USER-AGENT :  *   # trailing comment\n"
      "disallow:/a#not-part-of-the-path\n"
      "DisAllow\t:\t/b\t\n"
      "this line has no colon\n"
      "unknown-field: whatever\n"
      "Disallow: /c\n");
  CHECK_FALSE(comments.Allowed("/a"));
  CHECK_FALSE(comments.Allowed("/abc"));
  CHECK_FALSE(comments.Allowed("/b"));
  CHECK_FALSE(comments.Allowed("/c"));
  CHECK(comments.Allowed("/d"));

  for (const char* eol : {"\r\n", "\r", "\n"}) {
    std::string body = std::string("User-agent: *") + eol + "Disallow: /x" + eol + "Allow: /x/ok" + eol +
                       "User-agent: sach" + eol + "Disallow: /y" + eol;
    Robots r = P(body);
    CAPTURE(eol);
    CHECK(r.Allowed("/x"));  // our group applies, not "*"
    CHECK_FALSE(r.Allowed("/y"));
    CHECK_FALSE(r.Allowed("/y2"));  // a prefix match
    CHECK(r.Allowed("/z"));
  }
  // A line with a mix of endings and no final newline.
  Robots mixed = P("User-agent: sach\r\nDisallow: /a\rDisallow: /b\nDisallow: /c");
  CHECK_FALSE(mixed.Allowed("/a"));
  CHECK_FALSE(mixed.Allowed("/b"));
  CHECK_FALSE(mixed.Allowed("/c"));

  Robots bom = P("\xEF\xBB\xBFUser-agent: sach\nDisallow: /bom\n");
  CHECK_FALSE(bom.Allowed("/bom"));
  CHECK(bom.Allowed("/other"));
}

TEST_CASE("robots: percent-encoding compared in one form (Vietnamese paths)") {
  // UTF-8 in the file, encoded in the URL.
  Robots raw = P("User-agent: *\nDisallow: /tin-tức/\n");
  CHECK_FALSE(raw.Allowed("/tin-t%E1%BB%A9c/bai-viet.html"));
  CHECK_FALSE(raw.Allowed("/tin-t%e1%bb%a9c/bai-viet.html"));  // lower-case hex too
  CHECK_FALSE(raw.Allowed("/tin-tức/bai-viet.html"));
  CHECK(raw.Allowed("/tin-tuc/bai-viet.html"));

  // Encoded in the file, UTF-8 in the path.
  Robots enc = P("User-agent: *\nDisallow: /th%E1%BB%83-thao\n");
  CHECK_FALSE(enc.Allowed("/thể-thao/bong-da"));
  CHECK_FALSE(enc.Allowed("/th%e1%bb%83-thao"));
  CHECK(enc.Allowed("/the-thao"));

  // RFC 9309 2.2.2 examples: "ツ" vs its encoding, encoded unreserved bytes.
  Robots rfc = P("User-agent: *\nDisallow: /foo/bar/ツ\nDisallow: /foo/bar/%62%61%7A\n");
  CHECK_FALSE(rfc.Allowed("/foo/bar/%E3%83%84"));
  CHECK_FALSE(rfc.Allowed("/foo/bar/baz"));
  CHECK(rfc.Allowed("/foo/bar/qux"));

  // An encoded "/" or "*" is a different character from the raw one.
  Robots reserved = P("User-agent: *\nDisallow: /a%2Fb\nDisallow: /file-%2A.html\n");
  CHECK_FALSE(reserved.Allowed("/a%2fb"));
  CHECK(reserved.Allowed("/a/b"));
  CHECK_FALSE(reserved.Allowed("/file-%2A.html"));
  CHECK(reserved.Allowed("/file-x.html"));
}

TEST_CASE("robots: crawl-delay and sitemaps") {
  Robots r = P(
      "Sitemap: https://a.vn/sitemap.xml\n"
      "User-agent: *\n"
      "Crawl-delay: 10\n"
      "Disallow: /x\n"
      "User-agent: sach\n"
      "Crawl-delay: 2.5\n"
      "Sitemap:   https://a.vn/news.xml   \n"
      "Disallow: /y\n"
      "sitemap: https://a.vn/late.xml\n");
  CHECK(r.crawl_delay_seconds() == doctest::Approx(2.5));
  REQUIRE(r.sitemaps().size() == 3);
  CHECK(r.sitemaps()[0] == "https://a.vn/sitemap.xml");
  CHECK(r.sitemaps()[1] == "https://a.vn/news.xml");
  CHECK(r.sitemaps()[2] == "https://a.vn/late.xml");
  // Sitemap lines do not end the group.
  CHECK_FALSE(r.Allowed("/y"));

  CHECK(P("User-agent: *\nCrawl-delay: 3\n").crawl_delay_seconds() == doctest::Approx(3));
  CHECK(P("User-agent: other\nCrawl-delay: 3\n").crawl_delay_seconds() == 0);
  CHECK(P("User-agent: sach\nCrawl-delay: 1000\n").crawl_delay_seconds() == doctest::Approx(60));
  CHECK(P("User-agent: sach\nCrawl-delay: -5\n").crawl_delay_seconds() == 0);
  CHECK(P("User-agent: sach\nCrawl-delay: 0.25\n").crawl_delay_seconds() == doctest::Approx(0.25));
  for (const char* bad : {"abc", "", "1s", "nan", "inf", "1e999x", "--1"}) {
    CAPTURE(bad);
    CHECK(P(std::string("User-agent: sach\nCrawl-delay: ") + bad + "\n").crawl_delay_seconds() == 0);
  }
  // A bad value is ignored, not taken as 0 over a good one.
  CHECK(P("User-agent: sach\nCrawl-delay: 4\nCrawl-delay: soon\n").crawl_delay_seconds() == doctest::Approx(4));
  CHECK(P("User-agent: *\nDisallow: /\n").sitemaps().empty());
  CHECK(P("User-agent: *\nDisallow: /\n").crawl_delay_seconds() == 0);
}

TEST_CASE("robots: bytes past 500 KiB are ignored") {
  std::string body = "User-agent: *\nDisallow: /early\n";
  const std::string pad = "# padding padding padding padding padding padding padding\n";
  while (body.size() < 600 * 1024) body += pad;
  body += "Disallow: /late\n";
  Robots r = P(body);
  CHECK_FALSE(r.Allowed("/early"));
  CHECK(r.Allowed("/late"));

  // A line cut by the limit is dropped, not read as its shorter prefix.
  std::string cut = "User-agent: *\nDisallow: /early\n";
  while (cut.size() < 512000 - 100) cut += "#\n";
  cut += std::string(512000 - 12 - cut.size(), '#') + "\n";  // ends 11 bytes before the limit
  cut += "Disallow: /private\n";                               // "Disallow: /" at the limit
  REQUIRE(cut.substr(0, 512000).substr(512000 - 11) == "Disallow: /");
  Robots c = P(cut);
  CHECK_FALSE(c.Allowed("/early"));
  CHECK(c.Allowed("/public"));
  CHECK(c.Allowed("/private"));

  // Many rules: parses, and the first ones hold.
  std::string many = "User-agent: *\n";
  for (int i = 0; i < 30000 && many.size() < 500000; ++i) many += "Disallow: /p" + std::to_string(i) + "\n";
  Robots m = P(many);
  CHECK_FALSE(m.Allowed("/p1"));
  CHECK(m.Allowed("/q"));
}

TEST_CASE("robots: pathological patterns stay fast") {
  // Naive backtracking would take forever here (tens of stars against a
  // long run of 'a' with no 'b').
  std::string pattern = "/";
  for (int i = 0; i < 40; ++i) pattern += "*a";
  std::string body = "User-agent: *\nDisallow: " + pattern + "*b\nDisallow: " + pattern + "$b\n" +
                     "Disallow: " + pattern + "*b$\nAllow: /*a*a*a*a*a*a*a*a*a*a*c\n";
  Robots r = P(body);
  const std::string path = "/" + std::string(200000, 'a');
  for (int i = 0; i < 20; ++i) CHECK(r.Allowed(path));
  CHECK_FALSE(r.Allowed(path + "b"));
  CHECK_FALSE(r.Allowed("/" + std::string(50, 'a') + "b"));
  CHECK(r.Allowed("/" + std::string(39, 'a') + "b"));  // 40 a's needed

  // Many rules of many stars each against a long path.
  std::string many = "User-agent: *\n";
  for (int i = 0; i < 2000; ++i) many += "Disallow: /*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b" + std::to_string(i) + "\n";
  Robots m = P(many);
  CHECK(m.Allowed("/" + std::string(20000, 'a')));
}

TEST_CASE("robots: garbage and binary input never fail") {
  std::mt19937 rng(42);
  for (int round = 0; round < 50; ++round) {
    std::string junk;
    std::size_t n = rng() % 5000;
    for (std::size_t i = 0; i < n; ++i) junk += static_cast<char>(rng() & 0xff);
    Robots r = P(junk);
    (void)r.Allowed("/");
    (void)r.Allowed(junk.substr(0, 100));
    CHECK(r.Allowed("/robots.txt"));
    CHECK(r.crawl_delay_seconds() >= 0);
    CHECK(r.crawl_delay_seconds() <= 60);
  }
  // Junk around real lines: the real lines still count.
  std::string mixed = std::string("\0\xff\xfe garbage \x01\x02:\x7f\n", 17) +
                      "<html><body>Not Found</body></html>\n"
                      "User-agent: *\nDisallow: /x\n" +
                      std::string("\0\0\0", 3) + "\n";
  Robots m = P(mixed);
  CHECK_FALSE(m.Allowed("/x"));
  CHECK(m.Allowed("/y"));
  // An HTML error page served as robots.txt allows everything.
  CHECK(P("<!doctype html><html><head><title>404</title></head></html>").Allowed("/a"));
  CHECK(P("").Allowed("/a"));
  // Odd paths given to Allowed.
  Robots r = P("User-agent: *\nDisallow: /\n");
  CHECK_FALSE(r.Allowed(""));
  CHECK_FALSE(r.Allowed("%"));
  CHECK_FALSE(r.Allowed("/%zz%4"));
}

TEST_CASE("robots: AllowAll, DisallowAll, and /robots.txt always allowed") {
  Robots all = Robots::AllowAll();
  CHECK(all.Allowed("/"));
  CHECK(all.Allowed("/any/thing?x=1"));
  CHECK(all.crawl_delay_seconds() == 0);
  CHECK(all.sitemaps().empty());

  Robots none = Robots::DisallowAll();
  CHECK_FALSE(none.Allowed("/"));
  CHECK_FALSE(none.Allowed("/any/thing?x=1"));
  CHECK(none.Allowed("/robots.txt"));

  Robots blocked = P("User-agent: *\nDisallow: /\nDisallow: /robots.txt\n");
  CHECK(blocked.Allowed("/robots.txt"));
  CHECK_FALSE(blocked.Allowed("/robots.txt.bak"));
  CHECK_FALSE(blocked.Allowed("/"));
}
