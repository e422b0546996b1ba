// The HTML stages on small inline pages: parse, prune, score, blocks,
// cleanup and metadata, each through the public pipeline entry CleanHtml
// unless the stage has its own API worth checking directly.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "html.h"
#include "metadata.h"
#include "page.h"
#include "parse.h"
#include "prune.h"
#include "sach/clean.h"
#include "test_support.h"

namespace {

// Prose long enough to be scored as article text (commas count).
std::string Para(const std::string& topic) {
  return "<p>" + topic + ", the report said, was discussed at length by the committee on Tuesday, "
         "and members agreed that further work is needed before the plan can go ahead.</p>";
}

std::string Page(const std::string& head, const std::string& body) {
  return "<!DOCTYPE html><html><head>" + head + "</head><body>" + body + "</body></html>";
}

sach::Article Extract(const std::string& html) {
  auto a = sach::CleanHtml(html, TestVocab());
  REQUIRE_MESSAGE(a.ok(), (a.ok() ? "" : a.error().message));
  return *a;
}

bool Has(const sach::Article& a, const std::string& needle) {
  return std::any_of(a.paragraphs.begin(), a.paragraphs.end(),
                     [&](const std::string& p) { return p.find(needle) != std::string::npos; });
}

}  // namespace

TEST_CASE("parse: script and style bodies are cut before parsing, JSON-LD is kept aside") {
  std::vector<std::string> ld;
  std::string out = sach::StripRawText(
      "<p>a</p><script>if (a < b) document.write('</p>')</script><STYLE>p{}</STYLE>"
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script>"
      "<!-- <script>kept in the comment</script> --><svg><path d='M0'/></svg>",
      &ld);
  CHECK(out.find("document.write") == std::string::npos);
  CHECK(out.find("p{}") == std::string::npos);
  CHECK(out.find("<path") == std::string::npos);
  CHECK(out.find("kept in the comment") == std::string::npos);  // comments go whole
  REQUIRE(ld.size() == 1);
  CHECK(ld[0] == "{\"@type\":\"NewsArticle\"}");
  auto parsed = sach::ParseHtml("<p>x");
  REQUIRE(parsed.ok());
  CHECK(parsed->root() != nullptr);
}

TEST_CASE("prune: a nav list, hidden elements and a menu class are dropped before scoring") {
  auto page = sach::ParseHtml(Page("", "<nav><ul><li><a href=/>Home</a></li></ul></nav>"
                                       "<div class=\"site-menu\"><a href=/a>Section</a></div>"
                                       "<div style=\"display: none\">Hidden words</div>"
                                       "<div role=\"navigation\"><a href=/b>Trang chủ</a></div>"
                                       "<div id=story>" + Para("The budget") + "</div>"));
  REQUIRE(page.ok());
  sach::PageTree t = sach::BuildTree(page->root());
  sach::Prune(t, TestVocab(), {});
  int dropped_nav = 0, dropped_hidden = 0, dropped_menu = 0, dropped_role = 0;
  for (auto& n : t.nodes) {
    if (!n.dropped) continue;
    dropped_role += n.role == "navigation" && std::string_view(n.why).find("nav role \"navigation\" (") == 0;
    dropped_nav += n.tag == GUMBO_TAG_NAV;
    dropped_hidden += sach::Attr(n.g, "style").find("none") != std::string_view::npos;
    dropped_menu += sach::Attr(n.g, "class") == "site-menu";
  }
  CHECK(dropped_nav == 1);
  CHECK(dropped_hidden == 1);
  CHECK(dropped_menu == 1);
  CHECK(dropped_role == 1);  // by [html.roles], naming the rule
  CHECK(t[t.body].chars > 100);  // the story is still counted
}

TEST_CASE("score: the article wins over a sidebar of links, and a sibling paragraph joins it") {
  std::string sidebar = "<div class=\"sidebar\"><ul>";
  for (int i = 0; i < 20; ++i) sidebar += "<li><a href=/x>Another headline about something else</a></li>";
  sidebar += "</ul></div>";
  auto a = Extract(Page("<title>T</title>", sidebar + "<div class=\"article-body\">" + Para("The budget") +
                                                Para("The tax plan") + Para("The vote") + "</div>" +
                                                Para("A closing paragraph outside the body element")));
  CHECK(a.paragraphs.size() == 4);
  CHECK_FALSE(Has(a, "Another headline"));
  CHECK(Has(a, "A closing paragraph outside"));
}

TEST_CASE("score: a page wrapped in one <form> still yields its article") {
  auto a = Extract(Page("", "<form action=\"/search\"><input name=q><div id=content>" + Para("The harbour") +
                                Para("The ferry") + Para("The tide tables") + "</div></form>"));
  CHECK(a.paragraphs.size() == 3);
  CHECK(Has(a, "The ferry"));
}

TEST_CASE("cleanup: a related box inside the article goes with its links, the text after it stays") {
  auto a = Extract(Page("", "<article>" + Para("The first part") +
                                "<div><p><strong>Tin liên quan</strong></p><ul>"
                                "<li><a href=/1>Công an tỉnh triệt phá đường dây đánh bạc qua mạng</a></li>"
                                "<li><a href=/2>Khởi tố vụ án lừa đảo chiếm đoạt tài sản</a></li></ul></div>" +
                                Para("The second part") + "</article>"));
  CHECK(a.paragraphs.size() == 2);
  CHECK_FALSE(Has(a, "Tin liên quan"));
  CHECK_FALSE(Has(a, "đánh bạc"));
  CHECK(Has(a, "The second part"));
}

TEST_CASE("cleanup: a caption printed twice is kept once, the visible figcaption") {
  auto a = Extract(Page("", "<article>" + Para("The bridge") +
                                "<figure><img src=a.jpg><figcaption>Workers finish the new bridge over the "
                                "Hau river on Monday</figcaption></figure>"
                                "<p class=\"caption\">Workers finish the new bridge over the Hau river on Monday</p>" +
                                Para("The traffic") + "</article>"));
  CHECK(std::count_if(a.paragraphs.begin(), a.paragraphs.end(),
                      [](auto& p) { return p.find("Workers finish") != std::string::npos; }) == 1);
}

TEST_CASE("cleanup: the trailing name line and the source credit move to the metadata") {
  auto a = Extract(Page("", "<article>" + Para("The flood") + Para("The rescue") +
                                "<p style=\"text-align:right\"><strong>Tâm Hằng (TTXVN)</strong></p></article>"));
  CHECK(a.meta.author == "Tâm Hằng");
  CHECK(a.meta.source == "TTXVN");
  CHECK_FALSE(Has(a, "Tâm Hằng"));
  auto agency = Extract(Page("", "<article>" + Para("The flood") + Para("The rescue") + "<p>(TTXVN/Vietnam+)</p></article>"));
  CHECK(agency.meta.source == "TTXVN/Vietnam+");
  CHECK(agency.meta.author.empty());  // an agency alone in brackets is a credit, not a name
  auto b = Extract(Page("", "<article>" + Para("The flood") + Para("The rescue") + "<p>Theo CHINHPHU.VN</p></article>"));
  CHECK(b.meta.source == "CHINHPHU.VN");
  CHECK_FALSE(Has(b, "Theo CHINHPHU"));
}

TEST_CASE("blocks: table rows join their cells with a tab, <br> is a space, <pre> keeps its lines") {
  auto a = Extract(Page("", "<article>" + Para("The results") +
                                "<table><tr><th>Tỉnh</th><th>Số vụ</th></tr><tr><td>Cần Thơ</td><td>12</td></tr></table>"
                                "<p>Line one<br>line two, with more words to make it long enough to keep.</p>"
                                "<pre>a = 1\n  b = 2</pre></article>"));
  CHECK(Has(a, "Tỉnh\tSố vụ"));
  CHECK(Has(a, "Cần Thơ\t12"));
  CHECK(Has(a, "Line one line two"));
  CHECK(Has(a, "a = 1\n  b = 2"));
}

TEST_CASE("metadata: Open Graph, article:published_time, canonical URL and site name") {
  auto a = Extract(Page("<title>Headline here today | Báo Mẫu</title>"
                        "<meta property=\"og:title\" content=\"Headline here today\">"
                        "<meta property=\"og:site_name\" content=\"Báo Mẫu\">"
                        "<meta property=\"article:published_time\" content=\"2026-06-25T09:19:00Z\">"
                        "<meta name=\"author\" content=\"Giáp Công\">"
                        "<link rel=\"canonical\" href=\"https://example.vn/a.html\">",
                        "<article>" + Para("The body") + Para("More body") + "</article>"));
  CHECK(a.meta.title == "Headline here today");
  CHECK(a.meta.date == "2026-06-25T09:19+00:00");  // the page's own offset is kept
  CHECK(a.meta.author == "Giáp Công");
  CHECK(a.meta.url == "https://example.vn/a.html");
  CHECK(a.meta.site == "Báo Mẫu");
}

TEST_CASE("metadata: JSON-LD, <time datetime>, <h1>, <title> suffix and a visible date") {
  auto ld = Extract(Page("<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"NewsArticle\","
                         "\"headline\":\"From JSON-LD\",\"datePublished\":\"2025-12-24T09:30:00+07:00\","
                         "\"author\":[{\"@type\":\"Person\",\"name\":\"Lương Ý\"}]}]}</script>",
                         "<article>" + Para("The body") + Para("More body") + "</article>"));
  CHECK(ld.meta.title == "From JSON-LD");
  CHECK(ld.meta.date == "2025-12-24T09:30+07:00");
  CHECK(ld.meta.author == "Lương Ý");

  const std::string visible_page = Page("<title>Nhà máy xử lý rác chậm tiến độ - Báo Mẫu</title>",
                                        "<div class=\"detail\"><h1>Nhà máy xử lý rác chậm tiến độ</h1>"
                                        "<div class=\"date\">Thứ Năm, 16/07/2026 17:17</div>"
                                        "<div class=\"content\">" + Para("The body") + Para("More body") + "</div></div>");
  auto in_lang = [&](const std::string& lang) {
    std::string page = visible_page;
    return page.replace(page.find("<html>"), 6, "<html lang=\"" + lang + "\">");
  };
  auto visible = Extract(in_lang("vi"));
  CHECK(visible.meta.title == "Nhà máy xử lý rác chậm tiến độ");
  CHECK(visible.meta.date == "2026-07-16T17:17+07:00");  // a page in the rules' language: their zone
  // Stated in another language, or told by its words, the page's printed time stays naive.
  CHECK(Extract(in_lang("en")).meta.date == "2026-07-16T17:17");
  CHECK(Extract(visible_page).meta.date == "2026-07-16T17:17");

  auto time = Extract(Page("<title>Only a title tag here | Site</title>",
                           "<article><time datetime=\"2024-04-05\">5 April</time>" + Para("The body") +
                               Para("More") + "</article>"));
  CHECK(time.meta.title == "Only a title tag here");
  CHECK(time.meta.date == "2024-04-05");
}

TEST_CASE("metadata: a reworded <h1> is the title, a site-name <h1> is not") {
  auto title = [](const std::string& og, const std::string& h1) {
    return Extract(Page("<meta property=\"og:title\" content=\"" + og + "\">",
                        "<header><h1>" + h1 + "</h1></header><article>" + Para("The body") + Para("More") +
                            "</article>")).meta.title;
  };
  CHECK(title("Harbour plan approved after long debate", "Council approves the harbour plan") ==
        "Council approves the harbour plan");  // shares words: the printed headline
  CHECK(title("Harbour plan approved after long debate", "The Evening Ledger") ==
        "Harbour plan approved after long debate");  // shares none: the site's name
  auto two = Extract(Page("<meta property=\"og:title\" content=\"Harbour plan approved - Harbour Blog\">"
                          "<meta property=\"og:site_name\" content=\"Harbour Blog\">",
                          "<h1>Harbour Blog</h1><article><h1>Harbour plan approved</h1>" + Para("The body") +
                              Para("More") + "</article>"));
  CHECK(two.meta.title == "Harbour plan approved");  // the <h1> closest to og:title, not the site's
}

TEST_CASE("metadata: a byline printed outside the article fills an author the markup lacks") {
  auto author = [](const std::string& head, const std::string& top) {
    return Extract(Page(head, top + "<article>" + Para("The body") + Para("More") + "</article>")).meta.author;
  };
  CHECK(author("", "<p><span>By <a href=/p>Dana Reyes</a></span> <span>December 2, 2025</span></p>") == "Dana Reyes");
  CHECK(author("", "<div><div>Written by</div><div>Dana Reyes</div></div>") == "Dana Reyes");
  CHECK(author("<meta name=\"author\" content=\"Lee Park\">", "<p>By Dana Reyes</p>") == "Lee Park");  // markup first
  CHECK(author("", "<p>Sponsored Content</p><p>Browse by Modality</p>") == "");  // one word is a menu
  CHECK(author("<meta name=\"twitter:label1\" content=\"Written by\"><meta name=\"twitter:data1\" content=\"Lee Park\">"
               "<meta name=\"twitter:label2\" content=\"Est. reading time\"><meta name=\"twitter:data2\" content=\"5 minutes\">",
               "") == "Lee Park");  // a Twitter card field labelled as a byline
}

TEST_CASE("metadata: a link to the writer's page names the author when nothing else does") {
  auto author = [](const std::string& top) {
    return Extract(Page("", "<article>" + top + Para("The body") + Para("More") + "</article>")).meta.author;
  };
  CHECK(author("<div><a href=\"https://example.com/author/dana-reyes/\">Dana Reyes</a></div>") == "Dana Reyes");
  CHECK(author("<div><a href=\"/authors/dr\">More stories by Dana Reyes and the desk today</a></div>") == "");
  CHECK(author("<div><a href=\"/topics/dana-reyes/\">Dana Reyes</a></div>") == "");  // no writer's page
}

TEST_CASE("metadata: an author field ending in the outlet gives the names alone, one without a letter none") {
  auto author = [](const std::string& name, const std::string& site) {
    return Extract(Page("<meta name=\"author\" content=\"" + name + "\"><meta property=\"og:site_name\" content=\"" +
                            site + "\">",
                        "<article>" + Para("The body") + Para("More") + "</article>")).meta.author;
  };
  CHECK(author("Sandee LaMotte, CNN", "CNN") == "Sandee LaMotte");
  CHECK(author("Ana Ruiz and Bo Lee, The Commercial Appeal", "Memphis Commercial Appeal") == "Ana Ruiz and Bo Lee");
  CHECK(author(", USA TODAY", "USA TODAY") == "");
  CHECK(author("262588213843476", "Gist") == "");
  CHECK(author("Dana Reyes, Senior Editor", "The Daily Editor") == "Dana Reyes, Senior Editor");  // a role, not the outlet
}

TEST_CASE("metadata: a writer's card printing the name over a job title names the writer alone") {
  auto author = [](const std::string& top) {
    return Extract(Page("", "<article>" + top + Para("The body") + Para("More") + "</article>")).meta.author;
  };
  // A link to the writer's page holding a photo, the name and the job title.
  CHECK(author("<a href=\"/author/dana-reyes\"><div><img src=\"d.png\" alt=\"\"><div><p>Dana Reyes</p>"
               "<p>Tech Reporter</p></div></div></a>") == "Dana Reyes");
  // A byline box: the name as a heading, the role in the block under it.
  CHECK(author("<div class=\"card author\"><div class=\"author-top\"><a href=\"/team/dr\"><h4>Dana Reyes</h4>"
               "<div>Head Winemaker, Co-Founder</div></a></div></div>") == "Dana Reyes");
}

TEST_CASE("metadata: several markup authors are written as the page prints them together") {
  auto author = [](const std::string& names, const std::string& top) {
    return Extract(Page("<script type=\"application/ld+json\">{\"@type\":\"Article\",\"author\":[" + names +
                            "]}</script>",
                        top + "<article>" + Para("The body") + Para("More") + "</article>")).meta.author;
  };
  CHECK(author("{\"name\":\"Ana Ruiz\"},{\"name\":\"Bo Lee\"}", "<p>By Ana Ruiz and Bo Lee</p>") ==
        "Ana Ruiz and Bo Lee");
  CHECK(author("{\"name\":\"Ana Ruiz\"},{\"name\":\"Bo Lee\"},{\"name\":\"Cy Tan\"}",
               "<p>By Ana Ruiz, Bo Lee, and Cy Tan</p>") == "Ana Ruiz, Bo Lee, and Cy Tan");
  CHECK(author("{\"name\":\"Ana Ruiz\"},{\"name\":\"Bo Lee\"}", "<p>Ana Ruiz met the mayor; Bo Lee did not</p>") ==
        "Ana Ruiz, Bo Lee");  // not printed together: the markup's list
}

TEST_CASE("metadata: a date printed anywhere in the page fills a date the markup lacks") {
  auto date = [](const std::string& head, const std::string& top) {
    return Extract(Page(head, top + "<article>" + Para("The body") + Para("More") + "</article>")).meta.date;
  };
  CHECK(date("", "<header class=\"site-header\"><div>August 28, 2025</div></header>") == "2025-08-28");
  CHECK(date("<meta property=\"article:published_time\" content=\"2024-01-02\">", "<div>August 28, 2025</div>") ==
        "2024-01-02");  // markup first
  CHECK(date("", "<p>Founded in 1999, we ship worldwide.</p>") == "");  // a sentence is no date line
  CHECK(date("", "<p>Dana Reyes | October 15, 2025</p>") == "2025-10-15");  // between separators
  CHECK(date("", "<p>February 4, 2025 - 11 minutes</p>") == "2025-02-04");
  CHECK(date("", "<p>Founded May 3, 2020 by Dana Reyes - read on</p>") == "");  // inside a phrase
  CHECK(date("<meta name=\"DC.Date\" content=\"2019-06-25\">", "") == "2019-06-25");
  CHECK(date("<meta name=\"published\" content=\"July 17, 2025\">"
             "<meta property=\"article:published_time\" content=\"2025-07-16\">", "") == "2025-07-16");  // standard first
}

TEST_CASE("metadata: a date printed inside the byline or in the text of a <time> is the date") {
  auto meta = [](const std::string& head, const std::string& top) {
    return Extract(Page(head, "<article>" + top + Para("The body") + Para("More") + "</article>")).meta;
  };
  CHECK(meta("", "<div class=\"byline\">By Dana Reyes on May 3, 2020</div>").date == "2020-05-03");
  CHECK(meta("", "<div class=\"byline\">Dana Reyes</div><div class=\"byline\">Posted May 3, 2020 by Dana</div>")
            .date == "2020-05-03");
  CHECK(meta("", "<p>Posted <time>on Friday December 19, 2025 @08:00PM</time></p>").date == "2025-12-19");
  // A datetime that is no date is as good as none: the text tells.
  CHECK(meta("", "<time datetime=\"on Friday December 19, 2025\">on Friday December 19, 2025</time>").date ==
        "2025-12-19");
  // The markup's date comes first; a <time> printing no date gives none.
  CHECK(meta("<meta property=\"article:published_time\" content=\"2024-01-02\">",
             "<time>on Friday December 19, 2025</time>").date == "2024-01-02");
  CHECK(meta("", "<time>a while ago</time>").date == "");
  // A numeric markup date read day first is March 9 when the article prints
  // the month's name so; a printed date that agrees, or is another day, changes nothing.
  const std::string ambiguous = "<meta property=\"article:published_time\" content=\"03-09-2026\">";
  CHECK(meta(ambiguous, "<div>Published March 9, 2026</div>").date == "2026-03-09");
  CHECK(meta(ambiguous, "<div>Published September 3, 2026</div>").date == "2026-09-03");
  CHECK(meta("<meta property=\"article:published_time\" content=\"2026-09-03\">", "<div>March 10, 2026</div>").date ==
        "2026-09-03");
  // A short line saying it was posted holds the date among other words.
  CHECK(meta("", "<div>Posted on the 15/12/2025 at 19:00 by <a href=\"/u\">@jdoe</a></div>").date == "2025-12-15");
  CHECK(meta("", "<div>Postedit note of 15/12/2025 by the desk</div>").date == "");
  // After a short label, and year first with dots or slashes.
  CHECK(meta("", "<p><span>Essay - Published: 2025.12.17 | </span><a href=\"/t\">ai</a></p>").date == "2025-12-17");
  CHECK(meta("", "<div>2025/12/17 14:05</div>").date.starts_with("2025-12-17T14:05"));
  CHECK(meta("", "<div>A long essay on the way it was Published: 2025.12.17</div>").date == "");
  // A date as loose text beside a container's blocks.
  CHECK(meta("", "<fieldset><legend>Week two</legend> 20 December 2025 <div>Notes of the week.</div></fieldset>").date ==
        "2025-12-20");
  // A sidebar of the post's facts is dropped, but a date under its
  // "Published" label is the article's; a teaser's date there is not.
  auto sidebar = [](const std::string& facts) {
    return Extract(Page("", "<div class=\"post\"><div class=\"post-sidebar\">" + facts + "</div><div class=\"post-body\">" +
                                Para("The body") + Para("More") + "</div></div>"))
        .meta.date;
  };
  CHECK(sidebar("<div><h4>Published</h4><div>July 8, 2025</div></div><div><h4>Category</h4><div>Lists</div></div>") ==
        "2025-07-08");
  CHECK(sidebar("<div><h4>Latest</h4><div>July 8, 2025</div></div>") == "");
}

TEST_CASE("metadata: a page printing the day of its last change as its date has that date") {
  auto date = [](const std::string& head, const std::string& top) {
    return Extract(Page(head, "<article>" + top + Para("The body") + Para("More") + "</article>")).meta.date;
  };
  const std::string ld = "<script type=\"application/ld+json\">{\"@type\":\"BlogPosting\","
                         "\"datePublished\":\"2021-08-12T19:35:44+00:00\",\"dateModified\":\"2025-02-22T22:13:14+00:00\"}"
                         "</script>";
  // The page shows the change's day: the markup's time of the change.
  CHECK(date(ld, "<div class=\"meta\">Last Updated: February 22, 2025</div>") == "2025-02-22T22:13+00:00");
  CHECK(date("<meta property=\"article:modified_time\" content=\"2025-02-22T22:13:14+00:00\">"
             "<script type=\"application/ld+json\">{\"@type\":\"Article\",\"datePublished\":\"2021-08-12\"}</script>",
             "<div>Feb 22, 2025</div>") == "2025-02-22T22:13+00:00");
  // The page prints its publication day, or no date, or another day: the published date.
  CHECK(date(ld, "<div>August 12, 2021</div>") == "2021-08-12T19:35+00:00");
  CHECK(date(ld, "") == "2021-08-12T19:35+00:00");
  CHECK(date(ld, "<div>March 1, 2024</div>") == "2021-08-12T19:35+00:00");
  // A meta tag stating the publication time says when it was first out: an update printed beside it changes nothing.
  CHECK(date("<meta property=\"article:published_time\" content=\"2015-05-12T08:00:00+00:00\">"
             "<meta property=\"article:modified_time\" content=\"2026-01-25T19:56:29+00:00\">",
             "<div>Updated January 25, 2026</div>") == "2015-05-12T08:00+00:00");
  // The page header holding the headline prints the date, whatever its class says.
  CHECK(Extract(Page("", "<section class=\"banner\"><h1>Harbour plan approved</h1><p>Updated: December 09, 2025</p>"
                         "</section><main><article>" + Para("The body") + Para("More") + Para("Still more") +
                         "</article></main>")).meta.date == "2025-12-09");
}

TEST_CASE("metadata: an <h1> set in capitals is written as the page announces the same words") {
  auto title = [](const std::string& head, const std::string& h1) {
    return Extract(Page(head, "<header><h1>" + h1 + "</h1></header><article>" + Para("The body") + Para("More") +
                                  "</article>")).meta.title;
  };
  CHECK(title("<meta property=\"og:title\" content=\"Tips for Online Success\">", "TIPS FOR ONLINE SUCCESS") ==
        "Tips for Online Success");
  CHECK(title("<title>Weekend Coding Agent | Labs</title>", "WEEKEND<br>CODING<br><span>AGENT</span>") ==
        "Weekend Coding Agent");  // a line break parts words
  CHECK(title("<meta property=\"og:title\" content=\"GAAP Compliance: Best Practices\">",
              "SUPPORTING GAAP COMPLIANCE") == "SUPPORTING GAAP COMPLIANCE");  // other words: the <h1>
  CHECK(title("<meta property=\"og:title\" content=\"Tips for online success\">", "Tips For Online Success") ==
        "Tips For Online Success");  // not in capitals: the <h1> as printed
}

TEST_CASE("metadata: an <h1> printing the announced title after a section label or a date is that title") {
  auto title = [](const std::string& head, const std::string& h1) {
    return Extract(Page(head, "<header><h1>" + h1 + "</h1></header><article>" + Para("The body") + Para("More") +
                                  "</article>")).meta.title;
  };
  const std::string og = "<meta property=\"og:title\" content=\"Preparing a transition in Debusine\">";
  CHECK(title(og, "<strong>Blog:</strong> Preparing a transition in Debusine") == "Preparing a transition in Debusine");
  CHECK(title(og, "<span>Dec 18 2025</span> Preparing a transition in Debusine") ==
        "Preparing a transition in Debusine");
  // Words without a separator, or after the title, are the headline's own.
  CHECK(title(og, "Now Preparing a transition in Debusine") == "Now Preparing a transition in Debusine");
  CHECK(title(og, "Preparing a transition in Debusine: step by step") ==
        "Preparing a transition in Debusine: step by step");
}

TEST_CASE("metadata: a byline's name and the label or role in the next element stay apart") {
  auto author = [](const std::string& top) {
    return Extract(Page("", top + "<article>" + Para("The body") + Para("More") + "</article>")).meta.author;
  };
  // An author card dropped below the article: its name and label are two paragraphs.
  CHECK(Extract(Page("", "<article>" + Para("The body") + Para("More") + "</article><div class=\"author-card\">"
                         "<a href=\"/authors/ml\"><img src=\"ml.jpg\" alt=\"\"><div><p>Matteo Laratta</p>"
                         "<p>| Author</p></div></a></div>")).meta.author == "Matteo Laratta");
  CHECK(author("<div class=\"byline\"><p>By Dana Reyes</p><p>Editor</p></div>") != "Dana ReyesEditor");
}

TEST_CASE("metadata: a printed byline adding a role to the markup's name keeps the markup's name") {
  auto author = [](const std::string& byline) {
    return Extract(Page("<meta name=\"author\" content=\"Dana Reyes\">",
                        "<article><div class=\"byline\">" + byline + "</div>" + Para("The body") + Para("More") +
                            "</article>")).meta.author;
  };
  CHECK(author("Dana Reyes, Senior Editor") == "Dana Reyes");
  CHECK(author("By Dana Reyes-Ortiz") == "Dana Reyes-Ortiz");  // another name, printed as a byline: it wins
  CHECK(author("San Diego") == "Dana Reyes");  // a byline element without 'By' on an English page: not a name
  auto vi = Extract("<!DOCTYPE html><html lang=\"vi\"><head><meta name=\"author\" content=\"Báo Mẫu Online\"></head>"
                    "<body><article><div class=\"author\">Giáp Công</div>" + Para("The body") + Para("More") +
                    "</article></body></html>");
  CHECK(vi.meta.author == "Giáp Công");  // the rules' pages print the name readers know, without 'By'
}

TEST_CASE("metadata: a site-name suffix or prefix is cut from <title>") {
  CHECK(sach::StripSiteName("Ukraine có Thủ tướng mới | Báo Tin tức", "Báo Tin tức") == "Ukraine có Thủ tướng mới");
  CHECK(sach::StripSiteName("VTV - Bãi rác quá tải ở Đồng Tháp", "") == "Bãi rác quá tải ở Đồng Tháp");
  CHECK(sach::StripSiteName("A title - with a dash inside it", "Other") == "A title - with a dash inside it");
  // Two pipes: each short part after the first is a section or the site, named or not.
  auto title = [](const std::string& t) {
    return Extract(Page("<title>" + t + "</title>", "<h1>" + t + "</h1><article>" + Para("The body") + Para("More") +
                                                        "</article>")).meta.title;
  };
  CHECK(title("How babies sleep through the night | Patient Education | UC Davis Children's Hospital") ==
        "How babies sleep through the night");
  CHECK(title("How babies sleep through the night | Advice for new parents at home") ==
        "How babies sleep through the night | Advice for new parents at home");  // one pipe: a long part stays
}

TEST_CASE("metadata: a section or site name in the <h1> is cut as the <title> cuts it") {
  auto title = [](const std::string& head, const std::string& h1) {
    return Extract(Page(head, "<header><h1>" + h1 + "</h1></header><article>" + Para("The body") + Para("More") +
                                  "</article>")).meta.title;
  };
  // The <title>'s section suffix, and the site name of og:site_name, printed in the <h1>.
  CHECK(title("<title>Harbour plan approved after debate | Opinion</title>",
              "Harbour plan approved after long debate | Opinion") == "Harbour plan approved after long debate");
  CHECK(title("<title>Harbour plan approved after debate</title><meta property=\"og:site_name\" content=\"Ledger\">",
              "Harbour plan approved after long debate - Ledger") == "Harbour plan approved after long debate");
  CHECK(title("<title>Opinion | Harbour plan approved after debate</title>",
              "Opinion | Harbour plan approved after long debate") == "Harbour plan approved after long debate");
  // A title escaped twice by its CMS is decoded once more, so its parts still match.
  CHECK(title("<title>Data tools for 2026 | Python, SQL &#x26; AI | Splunk</title>",
              "Data tools for 2026 | Python, SQL &amp;#x26; AI") == "Data tools for 2026");
  // Section and site after the same separator both go; a subtitle the <title> sets off otherwise stays.
  CHECK(title("<title>Harbour plan approved | City News | The Ledger</title>",
              "Harbour plan approved | City News | The Ledger") == "Harbour plan approved");
  CHECK(title("<title>Harbour plan approved – what it means | The Ledger</title>",
              "Harbour plan approved – what it means") == "Harbour plan approved – what it means");
  // A part the <title> does not cut is the headline's own.
  CHECK(title("<title>Harbour plan approved after debate | The Ledger</title>",
              "Harbour plan approved after debate | A city divided") ==
        "Harbour plan approved after debate | A city divided");
  CHECK(sach::TitleSiteNames("Headline words here | City News | The Ledger", "Ledger Online") ==
        std::vector<std::string>{"ledger online", "the ledger", "city news"});
}

TEST_CASE("html: a page with almost no text, or only a script, is an error, not an empty article") {
  sach::Document empty{"empty.html", "<html><body><div><a href=/>Home</a></div></body></html>", {}, {}};
  auto r = sach::Clean(empty, TestRules());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("no article text") != std::string::npos);
  sach::Document script{"s.html", "<html><head><script>var a = '<p>not text</p>';</script></head>"
                                  "<body><script>document.write('x')</script></body></html>", {}, {}};
  CHECK_FALSE(sach::Clean(script, TestRules()).ok());
}

TEST_CASE("html: malformed pages give a result, never a crash or a hang") {
  SUBCASE("unclosed tags") {
    auto a = Extract("<html><body><div><p>" + std::string("Unclosed text, with commas, that goes on for a while ") +
                     "<div><span><b>and more, and more, and more text here" );
    CHECK_FALSE(a.paragraphs.empty());
  }
  SUBCASE("100 000-deep nesting (Gumbo alone: ~13 s; the parse stage cuts tags past 1000 levels)") {
    std::string html = "<html><body>";
    for (int i = 0; i < 100000; ++i) html += i % 3 ? "<div>" : "<section class=x>";
    html += Para("Deep inside");
    for (int i = 100000; i-- > 0;) html += i % 3 ? "</div>" : "</section>";
    auto a = Extract(html + Para("After the nest") + "</body></html>");
    CHECK(Has(a, "Deep inside"));
    CHECK(Has(a, "After the nest"));
  }
  SUBCASE("the nesting guard keeps structure below its limit") {
    std::string cut = sach::StripRawText("<div><div><p>x</p></div></div>", nullptr);
    CHECK(cut == "<div><div><p>x</p></div></div>");
    std::string deep;
    for (int i = 0; i < 1005; ++i) deep += "<div>";
    for (int i = 0; i < 1005; ++i) deep += "</div>";
    std::string kept = sach::StripRawText(deep, nullptr);
    CHECK(kept.size() == deep.size() - 5 * (5 + 6));  // five <div> and five </div> cut
  }
  SUBCASE("a 30 MB page") {
    std::string p = Para("A long page");
    std::string html = "<html><body><article>";
    html.reserve(31u << 20);
    while (html.size() < (30u << 20)) html += p;
    auto a = Extract(html + "</article></body></html>");
    CHECK(a.paragraphs.size() == 1);  // the same paragraph repeated is kept once
  }
  SUBCASE("100 000 unclosed formatting elements and a tag with 200 000 attributes") {
    // Both make Gumbo quadratic (minutes); the parse stage defuses them first.
    std::string html = "<html><body>" + Para("Before the flood");
    for (int i = 0; i < 100000; ++i) html += "<b>";
    html += "<p";
    for (int i = 0; i < 200000; ++i) html += " a" + std::to_string(i) + "=x";
    html += ">" + std::string("After it, with commas, words, and more words to make a paragraph.") + "</p>";
    auto a = Extract(html);
    CHECK(Has(a, "Before the flood"));
    CHECK(Has(a, "After it"));
  }
  SUBCASE("binary garbage with tags") {
    std::string html = "<html><body><p>";
    for (int i = 0; i < 5000; ++i) html += static_cast<char>('<' + (i * 7919) % 60);
    auto a = sach::CleanHtml(html, TestVocab());
    CHECK((a.ok() || !a.error().message.empty()));
  }
}

TEST_CASE("cleanup: with captions off, figcaptions and caption paragraphs are left out") {
  std::string html = Page("", "<article>" + Para("The bridge") +
                                  "<figure><img src=a.jpg><figcaption>Workers finish the new bridge</figcaption></figure>" +
                                  Para("The traffic") + "</article>");
  sach::CleanOptions off;
  off.captions = false;
  auto a = sach::CleanHtml(html, TestVocab(), nullptr, off);
  REQUIRE(a.ok());
  CHECK(a->paragraphs.size() == 2);
  CHECK(Has(Extract(html), "Workers finish"));  // kept by default
}

TEST_CASE("html: the trace says what was dropped and why, and what the article kept") {
  sach::Trace trace;
  auto a = sach::CleanHtml(Page("", "<nav><a href=/>Trang chủ</a></nav><article>" + Para("The budget") +
                                        Para("The vote") + "</article><div class=\"comments\">Bình luận hay quá</div>"),
                           TestVocab(), &trace);
  REQUIRE(a.ok());
  auto find = [&](const std::string& text) {
    return std::find_if(trace.blocks.begin(), trace.blocks.end(),
                        [&](const sach::Decision& d) { return d.text.find(text) != std::string::npos; });
  };
  auto nav = find("Trang chủ");
  REQUIRE(nav != trace.blocks.end());
  CHECK_FALSE(nav->kept);
  CHECK(nav->why.find("navigation") != std::string::npos);
  auto comment = find("Bình luận hay");
  REQUIRE(comment != trace.blocks.end());
  CHECK(comment->why.find("rules/default.toml") != std::string::npos);  // the class rule that matched
  auto body = find("The budget");
  REQUIRE(body != trace.blocks.end());
  CHECK(body->kept);
}

TEST_CASE("rules: a page without a URL is matched to its site by its canonical link") {
  CHECK(sach::SniffPageUrl("<html><head><meta property='og:url' content='https://a.vn/x'>"
                           "<LINK REL=\"canonical\" HREF=\"https://bocongan.gov.vn/tin-tuc/a.html\"></head>") ==
        "https://bocongan.gov.vn/tin-tuc/a.html");
  CHECK(sach::SniffPageUrl("<html><head><meta property=\"og:url\" content=\"https://a.vn/x\"></head>") ==
        "https://a.vn/x");
  CHECK(sach::SniffPageUrl("<html><head></head><body><link rel=canonical href=https://late.vn></body>").empty());
  sach::Document doc{"page.html",
                     Page("<link rel=\"canonical\" href=\"https://bocongan.gov.vn/tin-tuc/a.html\">",
                          "<article>" + Para("The budget") + Para("The vote") + "</article>"),
                     {}, {}};
  auto c = sach::Clean(doc, TestRules());
  REQUIRE(c.ok());
  CHECK(c->site == "bocongan.gov.vn");
  CHECK(c->article.meta.url == "https://bocongan.gov.vn/tin-tuc/a.html");
}

TEST_CASE("score: an embedded post inside the article stays, whatever its wrapper's class says") {
  // Long enough for the first, strict attempt to be kept.
  auto a = Extract(Page("", "<article>" + Para("The campaign") + Para("The budget") + Para("The poster") +
                                "<div class=\"social-media-embed\"><blockquote class=\"twitter-tweet\"><p>Yes this is "
                                "real and the state spent half a million dollars on it, people said.</p></blockquote></div>" +
                                Para("The reaction") + "</article>"));
  CHECK(Has(a, "Yes this is real"));
}

TEST_CASE("html: a page in decomposed UTF-8 comes out NFC, text and metadata") {
  // "Việt Nam" spelled with combining marks (e + U+0323 + U+0302).
  const std::string nfd = "Vie\xCC\xA3\xCC\x82t Nam";
  const std::string nfc = "Vi\xE1\xBB\x87t Nam";
  sach::Document doc{"nfd.html",
                     Page("<title>" + nfd + " today</title>",
                          "<article>" + Para(nfd + " and the sea") + Para("The second") + "</article>"),
                     {}, {}};
  auto c = sach::Clean(doc, TestRules());
  REQUIRE(c.ok());
  CHECK(c->article.meta.title == nfc + " today");
  REQUIRE_FALSE(c->article.paragraphs.empty());
  CHECK(c->article.paragraphs[0].rfind(nfc, 0) == 0);
}

TEST_CASE("prune: a hidden element holding most of the page is the body a script shows, a hidden copy stays hidden") {
  // Streamed server rendering: a visible shell, the article in <div hidden>.
  std::string streamed = Page("<title>t</title>", "<div id=\"shell\"><p>Loading the page, please wait.</p></div>"
                                                  "<div hidden id=\"S:0\"><article><h1>Harbour plan</h1>" +
                                                      Para("The harbour plan") + Para("The second phase") +
                                                      Para("The budget") + "</article></div>");
  sach::Article a = Extract(streamed);
  CHECK(Has(a, "The harbour plan, the report said"));
  CHECK(Has(a, "The budget, the report said"));
  // The same text hidden for another screen size beside its visible copy:
  // the hidden one holds half the page, not more, and is not read twice.
  std::string copy = Para("The harbour plan") + Para("The second phase");
  sach::Article b = Extract(Page("<title>t</title>", "<div class=\"desktop\">" + copy +
                                                         "</div><div style=\"display:none\" class=\"mobile\">" + copy +
                                                         "</div>"));
  int seen = 0;
  for (auto& p : b.paragraphs) seen += p.find("The harbour plan, the report said") != std::string::npos;
  CHECK(seen == 1);
}

TEST_CASE("prune: React's streamed segments (div hidden id S:N) are shown whatever their size, other hidden parts are not") {
  // A long visible article; a segment streamed later holds its last section
  // (less than half the page) and a hidden box holds text never shown.
  std::string visible;
  for (const char* p : {"The harbour plan", "The second phase", "The budget", "The council", "The port authority"})
    visible += Para(p);
  sach::Article a = Extract(Page("<title>t</title>",
                                 "<article><h1>Harbour plan</h1>" + visible + "<template id=\"B:1\"></template>"
                                 "</article><div hidden id=\"S:1\">" + Para("The streamed section") +
                                 "</div><div hidden id=\"promo\">" + Para("The hidden promotion") + "</div>"));
  CHECK(Has(a, "The harbour plan, the report said"));
  CHECK(Has(a, "The streamed section, the report said"));
  CHECK_FALSE(Has(a, "The hidden promotion, the report said"));
}

TEST_CASE("parse: a streamed segment takes its placeholder's place, the fallback goes") {
  // <template id="B:1"> marks where S:1 goes; "Loading…" shows until it comes.
  std::string page = Page("<title>t</title>",
                          "<article><h1>Harbour plan</h1>" + Para("The harbour plan") + Para("The second phase") +
                              "<!--$?--><template id=\"B:1\"></template><div>Loading paragraph...</div><!--/$-->" +
                              Para("The council") + Para("The port authority") + "</article><aside>" +
                              Para("Other news") + "</aside><div hidden id=\"S:1\">" + Para("The streamed budget") +
                              "</div>");
  sach::Article a = Extract(page);
  std::vector<std::string> starts;
  for (const std::string& p : a.paragraphs) starts.push_back(p.substr(0, p.find(',')));
  CHECK(starts == std::vector<std::string>{"Harbour plan", "The harbour plan", "The second phase", "The streamed budget", "The council",
                                           "The port authority"});
}

TEST_CASE("parse: a segment streamed inside a segment takes its bare placeholder's place") {
  // S:1 fills B:1 and holds <template id="P:2">, where S:2 goes
  // ($RS("S:2","P:2")); nothing follows P:2 that could be a fallback.
  std::string page = Page("<title>t</title>",
                          "<article><h1>Harbour plan</h1>" + Para("The harbour plan") + Para("The second phase") +
                              "<!--$?--><template id=\"B:1\"></template><!--/$-->" + Para("The port authority") +
                              "</article><div hidden id=\"S:1\">" + Para("The streamed budget") +
                              "<template id=\"P:2\"></template>" + Para("The budget's end") +
                              "</div><div hidden id=\"S:2\">" + Para("The nested costs") + "</div>");
  sach::Article a = Extract(page);
  std::vector<std::string> starts;
  for (const std::string& p : a.paragraphs) starts.push_back(p.substr(0, p.find(',')));
  CHECK(starts == std::vector<std::string>{"Harbour plan", "The harbour plan", "The second phase", "The streamed budget",
                                           "The nested costs", "The budget's end", "The port authority"});
}

TEST_CASE("prune: class words inside code name highlighter tokens, not page parts") {
  std::string code = "<pre><code><span class=\"keyword\">const</span> res = parse(num); "
                     "<span class=\"comment\">// parse the number first</span></code></pre>";
  sach::Article a = Extract(Page("<title>t</title>", "<article>" + Para("The parser") + code + Para("The result") +
                                                         "</article>"));
  CHECK(Has(a, "const res = parse(num);"));
  CHECK(Has(a, "// parse the number first"));
}

TEST_CASE("prune: an element holding most of the page's text and prose is kept whatever its class says") {
  std::string body = Para("The council") + Para("The second reading") + Para("The vote");
  sach::Article a = Extract(Page("<title>t</title>", "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
                                                     "<div class=\"page-footer\"><h1>Council vote</h1>" + body +
                                                         "</div>"));
  CHECK(Has(a, "The council, the report said"));
  CHECK(Has(a, "The vote, the report said"));
  // A real footer beside the article is still dropped.
  sach::Article b = Extract(Page("<title>t</title>", "<div class=\"story\">" + body + Para("The fourth") +
                                                         "</div><div class=\"footer\">" + Para("Copyright notice") +
                                                         "</div>"));
  CHECK(Has(b, "The vote, the report said"));
  CHECK_FALSE(Has(b, "Copyright notice"));
}

TEST_CASE("html: when a relaxed attempt wins, clean and the trace read its tree, not the last one's") {
  // All the text sits in a box whose class names boilerplate: the strict
  // attempt prunes it and finds nothing, the next one keeps it.
  const std::string html =
      Page("<title>T</title>", "<div hidden>Ẩn đi</div><div class=\"comment-list\">" + Para("The budget") +
                                   Para("The tax plan") + Para("The vote") + Para("The schedule") + "</div>");
  sach::Trace trace;
  auto traced = sach::CleanHtml(html, TestVocab(), &trace);
  REQUIRE(traced.ok());
  const sach::Article plain = Extract(html);
  CHECK(plain.paragraphs == traced->paragraphs);
  CHECK(plain.meta.author == traced->meta.author);
  CHECK(plain.meta.date == traced->meta.date);
  std::vector<std::string> kept;
  std::string hidden_why;
  for (auto& d : trace.blocks) {
    if (d.kept) kept.push_back(d.text);
    if (d.text.find("Ẩn đi") != std::string::npos) hidden_why = d.why;
  }
  // The trace names the attempt that won: a relaxed one.
  CHECK(hidden_why.find("dropped: hidden: ") != std::string::npos);
  CHECK(hidden_why.find("[strict]") == std::string::npos);
  CHECK(kept == plain.paragraphs);
  CHECK(plain.paragraphs.size() == 4);
}

TEST_CASE("html: when a later attempt loses, metadata is read from the winner's tree, in clean as in the trace") {
  // Too little text for any attempt to stop early. The strict attempt keeps
  // the story; the relaxed ones keep the comma-heavy sidebar, less text, and
  // with it a date line the strict attempt dropped. It used to reach clean's
  // metadata (read from the last tree) but not explain's.
  const std::string tags = "<p>Tags: a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, x, y, z</p>";
  const std::string html =
      Page("<title>T</title>", "<div class=\"wrap\"><div class=\"sidebar-date\">05/04/2022 10:30</div>"
                               "<div class=\"story\">" + Para("The budget") + Para("The vote") + "</div></div>"
                               "<div class=\"sidebar\">" + tags + tags + "</div>");
  sach::Trace trace;
  auto traced = sach::CleanHtml(html, TestVocab(), &trace);
  REQUIRE(traced.ok());
  const sach::Article plain = Extract(html);
  CHECK(plain.paragraphs == traced->paragraphs);
  CHECK(Has(plain, "The budget"));
  CHECK(plain.meta.date == traced->meta.date);
  CHECK(plain.meta.date.empty());  // the winner dropped the date line with the sidebar class
}

TEST_CASE("metadata: a stated offset is kept, a naive time is local on Vietnamese pages only") {
  auto date = [](const std::string& lang, const std::string& when) {
    std::string html = "<!DOCTYPE html><html lang=\"" + lang + "\"><head><title>t</title>"
                       "<meta property=\"article:published_time\" content=\"" + when + "\"></head><body><article>" +
                       Para("The body") + Para("More body") + "</article></body></html>";
    return Extract(html).meta.date;
  };
  CHECK(date("en", "2025-12-17T22:30:00-05:00") == "2025-12-17T22:30-05:00");  // not the next day elsewhere
  CHECK(date("de", "2025-12-17T22:30:00+0100") == "2025-12-17T22:30+01:00");
  CHECK(date("en", "2025-12-17T22:30:00") == "2025-12-17T22:30");               // naive stays naive
  CHECK(date("vi", "2025-12-17T22:30:00") == "2025-12-17T22:30+07:00");         // the rules' zone
  CHECK(date("en", "2025-12-17") == "2025-12-17");
}

TEST_CASE("metadata: markup authors lose a 'By' and character references, a site-named author goes on Vietnamese pages") {
  auto author = [](const std::string& lang, const std::string& ld_author, const std::string& site) {
    std::string html = "<!DOCTYPE html><html lang=\"" + lang + "\"><head><title>t</title>"
                       "<meta property=\"og:site_name\" content=\"" + site + "\">"
                       "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":{\"name\":\"" +
                       ld_author + "\"}}</script></head><body><article>" + Para("The body") + Para("More body") +
                       "</article></body></html>";
    return Extract(html).meta.author;
  };
  CHECK(author("en", "By Dana Reyes", "The Daily") == "Dana Reyes");
  CHECK(author("en", "Maria &amp; Katerina", "The Daily") == "Maria & Katerina");
  CHECK(author("en", "Anna &#x4E;ovak", "The Daily") == "Anna Novak");
  auto graph = Extract(Page("<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"Article\","
                            "\"author\":{\"@id\":\"https://ex.com/#p1\"}},{\"@type\":\"Person\","
                            "\"@id\":\"https://ex.com/#p1\",\"name\":\"Dana Reyes\"}]}</script>",
                            "<article>" + Para("The body") + Para("More body") + "</article>"));
  CHECK(graph.meta.author == "Dana Reyes");  // an author given by reference to a Person in the graph
  auto marked = [](const std::string& top) {
    return Extract(Page("", top + "<article>" + Para("The body") + Para("More body") + "</article>")).meta.author;
  };
  CHECK(marked("<p>Posted in News by <a rel=\"author\" href=\"/u/dana\">Dana Reyes</a></p>") == "Dana Reyes");
  CHECK(marked("<div itemprop=\"author\" itemscope><img alt=\"\"><span itemprop=\"name\">Lee Park</span>"
               "<span>Staff writer</span></div>") == "Lee Park");  // microdata: the name part
  CHECK(author("en", "Hardtail Canada", "Hardtail Canada") == "Hardtail Canada");  // a shop signs its posts
  CHECK(author("vi", "Báo Mẫu", "Báo Mẫu") == "");  // the outlet, not a writer
  CHECK(author("vi", "Giáp Công", "Báo Mẫu") == "Giáp Công");
}

TEST_CASE("score: a plain list inside the article is its text, a linked one with a boilerplate class is not") {
  // Short items score little and the tag weighs -3: the list scores below 0.
  std::string items;
  for (const char* w : {"Preheat the oven to two hundred degrees", "Whisk the eggs with the sugar until pale",
                        "Fold in the flour and bake for an hour"})
    items += std::string("<li><span>") + w + "</span></li>";
  std::string links;
  for (int i = 0; i < 6; ++i) links += "<li><a href=\"/a" + std::to_string(i) + "\">Another recipe " + std::to_string(i) + "</a></li>";
  sach::Article a = Extract(Page("<title>t</title>", "<article>" + Para("The recipe") + Para("The second") +
                                                         Para("The third") + "<ul>" + items + "</ul>" + Para("The oven") +
                                                         Para("The fifth") + Para("The sixth") +
                                                         "<ul class=\"more-news\">" + links + "</ul></article>"));
  CHECK(Has(a, "Whisk the eggs with the sugar until pale"));
  CHECK_FALSE(Has(a, "Another recipe 3"));
}

TEST_CASE("score: a sibling section of prose joins the article though its paragraphs sit too deep to score it") {
  // Twelve paragraphs in the first section make it the article; the second
  // section's three sit six levels down, past the ancestors a score reaches.
  std::string deep_open, deep_close, first;
  for (int i = 0; i < 6; ++i) deep_open += "<div>", deep_close += "</div>";
  for (int i = 0; i < 12; ++i) first += Para("Paragraph " + std::to_string(i));
  std::string second = Para("The second part") + Para("Its next paragraph") + Para("Its last paragraph");
  sach::Article a = Extract(Page("<title>t</title>", "<div id=\"page\"><section>" + first + "</section><section>" +
                                                         deep_open + second + deep_close + "</section></div>"
                                                         "<div class=\"other\">" + Para("Elsewhere") + "</div>"));
  CHECK(Has(a, "Paragraph 11, the report said"));
  CHECK(Has(a, "The second part, the report said"));
  CHECK(Has(a, "Its last paragraph, the report said"));
}

TEST_CASE("score: a body cut into one section per paragraph is kept whole, not a disclaimer outscoring each") {
  // Page builders print each paragraph alone, six levels down in its own
  // section: no section scores much, and a three-paragraph disclaimer beside
  // a link list outscores every one. The body's prose region wins.
  std::string deep_open, deep_close, body, menu = "<div>";
  for (int i = 0; i < 6; ++i) deep_open += "<div>", deep_close += "</div>";
  for (int i = 0; i < 16; ++i)
    body += "<section>" + deep_open + "<p>Section " + std::to_string(i) +
            " is a part of the plan that members of the committee discussed at length on Tuesday before they "
            "agreed that more work is needed.</p>" + deep_close + "</section>";
  for (int i = 0; i < 40; ++i) menu += "<a href=\"/x" + std::to_string(i) + "\">Menu entry " + std::to_string(i) + "</a> ";
  menu += "</div>";
  std::string disclaimer = "<div class=\"legal\">" + Para("The firm is registered") + Para("Advice is given") +
                           Para("Past returns") + "</div>";
  sach::Article a = Extract(Page("<title>t</title>", menu + "<div id=\"post\">" + body + "</div><div><div>" +
                                                         disclaimer + menu + "</div></div>"));
  for (int i = 0; i < 16; ++i) CHECK(Has(a, "Section " + std::to_string(i) + " is a part"));
  CHECK_FALSE(Has(a, "The firm is registered"));
}

TEST_CASE("score: an article of loose text and pairs of br is chosen alone, not with the sidebar beside it") {
  // An old layout: the story is one element of text set as paragraphs by
  // <br><br>, with no <p>; beside it a column list and a short <p> note. The
  // story has no <p> text to be a chunk of, so nothing climbs to the layout.
  std::string story = "<div id=\"story\">";
  for (int i = 0; i < 8; ++i)
    story += "Part " + std::to_string(i) + " of the story tells how the council, after a long debate, voted for the "
             "new bridge that the town has wanted for years.<br>\n<br>\n";
  story += "</div>";
  std::string side = "<div class=\"col\"><h2>Columns</h2><ul>";
  for (int i = 0; i < 10; ++i) side += "<li>Column of writer " + std::to_string(i) + "</li>";
  side += "</ul><p>Our columns appear every week in print and on this site.</p></div>";
  sach::Article a = Extract(Page("<title>t</title>", "<div id=\"main\">" + side + story + "</div>"));
  CHECK(Has(a, "Part 0 of the story"));
  CHECK(Has(a, "Part 7 of the story"));
  CHECK_FALSE(Has(a, "Column of writer 3"));
  CHECK_FALSE(Has(a, "Our columns appear"));
}

TEST_CASE("prune: the element holding most of an article's paragraphs stays whatever its class word says") {
  // A newsletter site names its body "newsletter-…", an ad word elsewhere;
  // with the body dropped, the sign-up text would pass for the article.
  std::string body, signup;
  for (int i = 0; i < 6; ++i) body += Para("Issue part " + std::to_string(i));
  for (int i = 0; i < 8; ++i) signup += "<p>Join thousands of readers and get our letter every week in your inbox.</p>";
  // Menus hold most of the page's characters: the body holds no majority of the page.
  std::string menu = "<div class=\"menu\">";
  for (int i = 0; i < 120; ++i) menu += "<a href=\"/m" + std::to_string(i) + "\">Menu entry " + std::to_string(i) + "</a> ";
  menu += "</div>";
  sach::Article a = Extract(Page("<title>t</title>", menu + "<main><article><h1>The issue</h1>"
                                                     "<div class=\"rich-text-newsletter\">" + body +
                                                     "</div></article><div>" + signup +
                                                     "</div></main>"));
  CHECK(Has(a, "Issue part 0, the report said"));
  CHECK(Has(a, "Issue part 5, the report said"));
}

TEST_CASE("prune: class words match where a name's token starts, and utility classes name nothing") {
  sach::CleanOptions off;
  off.captions = false;
  // "subheader-" holds no "header-" nav word; a Tailwind utility naming a
  // sidebar is no sidebar; "newsCaption" is a caption (a camelCase step).
  std::string html = Page("", "<article>" + Para("The bridge") + "<div class=\"post-subheader-note\">" +
                                  Para("The river") + "</div><div class=\"[&_.sidebar]:hidden md:flex\">" +
                                  Para("The tunnel") + "</div>" +
                                  "<p><img src=a.jpg><span class=\"newsCaption\">Workers finish the bridge</span></p>" +
                                  Para("The traffic") + Para("The toll") + Para("The ferry") + Para("The port") +
                                  "</article>");
  auto a = sach::CleanHtml(html, TestVocab(), nullptr, off);
  REQUIRE(a.ok());
  CHECK(Has(*a, "The bridge, the report said"));
  CHECK(Has(*a, "The river, the report said"));
  CHECK(Has(*a, "The tunnel, the report said"));
  CHECK(Has(*a, "The traffic, the report said"));
  CHECK_FALSE(Has(*a, "Workers finish"));
}

TEST_CASE("score: the body the markup declares is the article when it holds nearly all the scored one's prose") {
  // The scored article is the post wrapper; the author's note beside the
  // declared body is not the article's text.
  std::string body;
  for (int i = 0; i < 8; ++i) body += Para("Body part " + std::to_string(i));
  sach::Article a = Extract(Page("<title>t</title>", "<div class=\"post\"><h1>Title</h1><div itemprop=\"articleBody\">" +
                                                         body + "</div><p>Jane Doe writes about city planning, transport "
                                                         "and housing for the paper, and has covered the council since "
                                                         "2015.</p></div>"));
  CHECK(Has(a, "Body part 0, the report said"));
  CHECK(Has(a, "Body part 7, the report said"));
  CHECK_FALSE(Has(a, "Jane Doe writes"));
}

TEST_CASE("score: a list of links between the article's paragraphs is its text, one after them is not") {
  std::string sources, more;
  for (int i = 0; i < 4; ++i)
    sources += "<li><a href=\"https://example.org/s" + std::to_string(i) + "\">Source report " + std::to_string(i) + "</a></li>";
  for (int i = 0; i < 4; ++i) more += "<li><a href=\"/m" + std::to_string(i) + "\">Another story " + std::to_string(i) + "</a></li>";
  sach::Article a = Extract(Page("<title>t</title>", "<article>" + Para("The study") + Para("The data") + "<ul>" +
                                                         sources + "</ul>" + Para("The method") + Para("The result") +
                                                         "<ul>" + more + "</ul></article>"));
  CHECK(Has(a, "Source report 2"));
  CHECK(Has(a, "The result, the report said"));
  CHECK_FALSE(Has(a, "Another story 2"));
}

TEST_CASE("cleanup: a short line that recurs stays, a lead printed twice in a row or a paragraph printed again goes") {
  const std::string lead = "<p>Eight workers rescued from the tank are recovering well after two days of treatment.</p>";
  std::string body = lead + lead;
  for (int day = 1; day <= 3; ++day)
    body += "<h2>Day " + std::to_string(day) + "</h2><p>Eat every 2-3 hours</p>" + Para("The plan for day " + std::to_string(day));
  body += Para("The plan for day 1");
  sach::Article a = Extract(Page("<title>t</title>", "<article>" + body + "</article>"));
  auto count = [&](const std::string& needle) {
    return std::count_if(a.paragraphs.begin(), a.paragraphs.end(),
                         [&](const std::string& p) { return p.find(needle) != std::string::npos; });
  };
  CHECK(count("Eight workers rescued") == 1);
  CHECK(count("Eat every 2-3 hours") == 3);
  CHECK(count("The plan for day 1, the report said") == 1);
}

TEST_CASE("score: a block weighed down only by a box word stays when it is nearly all prose") {
  // A page builder names every product card "widget"; the card's review is
  // the article's text. A widget of links is still judged by its links.
  std::string links;
  for (int i = 0; i < 6; ++i) links += "<a href=\"/shop" + std::to_string(i) + "\">Buy model " + std::to_string(i) + "</a> ";
  sach::Article a = Extract(Page("<title>t</title>", "<article>" + Para("The test") + Para("The method") +
                                                         Para("The field") + "<div class=\"c-product-widget\">" +
                                                         Para("The first washer") + Para("Its drum") + Para("Its price") +
                                                         "</div><div class=\"c-product-widget\">" + links +
                                                         "</div>" + Para("The verdict") + "</article>"));
  CHECK(Has(a, "The first washer, the report said"));
  CHECK(Has(a, "Its price, the report said"));
  CHECK(Has(a, "The verdict, the report said"));
  CHECK_FALSE(Has(a, "Buy model 3"));
}

TEST_CASE("score: a box holding a page builder's text divs, not paragraphs, is prose too") {
  // "media" weighs the block down; its text sits in <div>s five levels down,
  // so no score reaches it: the leaf blocks' text tells it is prose.
  auto text_div = [](const std::string& topic) {
    return "<div class=\"item\"><div class=\"name\">" + topic + "</div><div class=\"write-up\">" + topic +
           " lasts two years, and some types will last several years, so be sure your mechanic uses the "
           "correct type for your car.</div></div>";
  };
  std::string items;
  for (const char* topic : {"Coolant", "Engine oil", "The brake fluid", "Wiper blades", "Spark plugs"})
    items += text_div(topic);
  sach::Article a = Extract(Page("<title>t</title>", "<article>" + Para("The checklist") + Para("The guide") +
                                                         Para("The shop") + Para("The owner") +
                                                         "<div class=\"media-block\"><div><div><div><div>" + items +
                                                         "</div></div></div></div></div>" + Para("The verdict") +
                                                         "</article>"));
  CHECK(Has(a, "Engine oil lasts two years"));
  CHECK(Has(a, "Spark plugs lasts two years"));
  CHECK(Has(a, "The verdict, the report said"));
}

TEST_CASE("score: when class words drop more of the article than they keep, the page is judged without them") {
  // A page builder wraps every paragraph in a "widget": the strict attempt
  // keeps the four unwrapped paragraphs, the article is mostly the rest.
  std::string body = "<div class=\"entry\">" + Para("The lead") + Para("The summary") + Para("The outline") +
                     Para("The method");
  for (const char* topic : {"The first app", "The second app", "The third app", "The fourth app", "The fifth app",
                            "The sixth app"})
    body += "<section><div class=\"elementor-widget-wrap\"><div class=\"elementor-widget\">"
            "<div class=\"elementor-widget-container\">" + Para(topic) + "</div></div></div></section>";
  sach::Article a = Extract(Page("<title>t</title>", body + "</div>"));
  CHECK(Has(a, "The lead, the report said"));
  CHECK(Has(a, "The first app, the report said"));
  CHECK(Has(a, "The sixth app, the report said"));
}

TEST_CASE("score: a link-heavy card between the article's paragraphs keeps its text, its links go") {
  // A ranked list: each card links its heading and ends in a box of links
  // to more; its own paragraph is the article's. After the article, a
  // next-post teaser of the same shape goes whole.
  auto card = [](const std::string& name) {
    std::string links;
    for (int i = 0; i < 5; ++i)
      links += "<li><a href=\"/" + name + "/guide-" + std::to_string(i) + "\">Our guide number " + std::to_string(i) +
               " to the " + name + " application essays</a></li>";
    return "<div class=\"hub-item\"><h2>1. <a href=\"/" + name + "\">" + name + "</a></h2><p>" + name +
           " is recognized as one of the long-term leaders, and its graduates, classes and faculty are known "
           "around the world for their work.</p><div class=\"links\"><h4>More:</h4><ul>" + links +
           "</ul></div></div>";
  };
  sach::Article a = Extract(Page("<title>t</title>", "<article>" + Para("The ranking") + Para("The method") +
                                                         card("Harbour School") + card("Valley School") +
                                                         Para("The verdict") + Para("The caveat") +
                                                         "<div class=\"next-post\"><a href=\"/next\">Next post: the "
                                                         "harbour ranking of last year</a><p><a href=\"/next\">Read "
                                                         "it</a> A short teaser of the next post.</p></div>"
                                                         "</article>"));
  CHECK(Has(a, "Harbour School is recognized as one of the long-term leaders"));
  CHECK(Has(a, "Valley School is recognized as one of the long-term leaders"));
  CHECK_FALSE(Has(a, "Our guide number 3"));
  CHECK(Has(a, "The caveat, the report said"));
  CHECK_FALSE(Has(a, "A short teaser of the next post"));
}

TEST_CASE("prune: a heading named a header keeps its text, a related heading and a menu still go") {
  // A newsletter platform classes every heading of a post "header-anchor-post".
  sach::Article a = Extract(Page(
      "<title>t</title>",
      "<div class=\"site-menu\"><h3>Sections of the site today</h3><a href=\"/a\">World</a></div>"
      "<article>" + Para("The harbour plan") + "<h2 class=\"header-anchor-post\">What the council decided</h2>" +
          Para("The council") + "<h3 class=\"header-anchor-post\">Who pays for the new quay</h3>" + Para("The budget") +
          "<h2 class=\"related-header\">Related stories from the port</h2>" + Para("The vote") + "</article>"));
  CHECK(Has(a, "What the council decided"));
  CHECK(Has(a, "Who pays for the new quay"));
  CHECK_FALSE(Has(a, "Related stories from the port"));
  CHECK_FALSE(Has(a, "Sections of the site today"));
}

TEST_CASE("parse: a streamed segment holding its own placeholder stays where it is") {
  // A swap would put the segment inside itself: a cycle no walk would leave.
  std::string page = Page("<title>t</title>", "<div hidden id=\"S:2\"><article>" + Para("The harbour plan") +
                                                  "<template id=\"B:2\"></template>" + Para("The council") +
                                                  "</article></div><template id=\"B:3\"></template>"
                                                  "<div id=\"S:3\"><div id=\"x\"><template id=\"B:3\"></template></div></div>");
  sach::Article a = Extract(page);
  CHECK(Has(a, "The harbour plan, the report said"));
  CHECK(Has(a, "The council, the report said"));
}
