// Crawl state: one SQLite file (WAL), one connection shared under a mutex,
// and an flock(2) on FILE.lock so two crawls never share a state.
#include "state.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <memory>

namespace sach {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS pages(
  url TEXT PRIMARY KEY,
  site TEXT NOT NULL,
  role TEXT NOT NULL,
  status TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_fetch INTEGER NOT NULL DEFAULT 0,
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  lastmod TEXT NOT NULL DEFAULT '',
  hash TEXT NOT NULL DEFAULT '',
  output TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT '',
  failures INTEGER NOT NULL DEFAULT 0,
  parent TEXT NOT NULL DEFAULT '',
  content TEXT NOT NULL DEFAULT '',
  alias_of TEXT NOT NULL DEFAULT '',
  pending TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS pages_parent ON pages(parent) WHERE parent <> '';
CREATE INDEX IF NOT EXISTS pages_site_status ON pages(site, status);
CREATE INDEX IF NOT EXISTS pages_output ON pages(output) WHERE output <> '';
CREATE TABLE IF NOT EXISTS templates(
  site TEXT PRIMARY KEY,
  data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS robots(
  origin TEXT PRIMARY KEY,
  fetched INTEGER NOT NULL,
  status INTEGER NOT NULL,
  body BLOB NOT NULL);
)sql";

// Columns added after the first release: a state written before them gets them
// on open ("duplicate column" when already there is expected).
constexpr const char* kAddedColumns[] = {
    "ALTER TABLE pages ADD COLUMN content TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE pages ADD COLUMN alias_of TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE pages ADD COLUMN pending TEXT NOT NULL DEFAULT ''",
};
constexpr const char* kContentIndex =
    "CREATE INDEX IF NOT EXISTS pages_content ON pages(site, content) WHERE content <> ''";

const char* kStatusNames[] = {"queued", "writing", "done", "failed", "skipped", "alias", "gone"};

PageStatus StatusOf(std::string_view s) {
  for (int i = 0; i < 7; ++i)
    if (s == kStatusNames[i]) return static_cast<PageStatus>(i);
  return PageStatus::kQueued;
}

// A prepared statement, finalised by its owner.
struct Stmt {
  sqlite3_stmt* s = nullptr;
  Stmt(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &s, nullptr); }
  ~Stmt() { sqlite3_finalize(s); }
  explicit operator bool() const { return s != nullptr; }
  void Bind(int i, const std::string& v) { sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); }
  void Bind(int i, std::int64_t v) { sqlite3_bind_int64(s, i, v); }
  std::string Text(int col) {
    const unsigned char* t = sqlite3_column_text(s, col);
    return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(s, col))) : "";
  }
};

constexpr const char* kColumns =
    "url, site, role, status, first_seen, last_fetch, etag, last_modified, lastmod, hash, output, error, failures, "
    "content, alias_of, pending";

PageRecord Row(Stmt& q) {
  PageRecord r;
  r.url = q.Text(0);
  r.site = q.Text(1);
  r.role = q.Text(2) == "listing" ? PageRole::kListing : PageRole::kArticle;
  r.status = StatusOf(q.Text(3));
  r.first_seen = sqlite3_column_int64(q.s, 4);
  r.last_fetch = sqlite3_column_int64(q.s, 5);
  r.etag = q.Text(6);
  r.last_modified = q.Text(7);
  r.lastmod = q.Text(8);
  r.hash = q.Text(9);
  r.output = q.Text(10);
  r.error = q.Text(11);
  r.failures = sqlite3_column_int(q.s, 12);
  r.content = q.Text(13);
  r.alias_of = q.Text(14);
  r.pending = q.Text(15);
  return r;
}

const char* RoleName(PageRole r) { return r == PageRole::kListing ? "listing" : "article"; }

}  // namespace

const char* ToString(PageStatus s) { return kStatusNames[static_cast<int>(s)]; }

CrawlState::CrawlState(CrawlState&& o) noexcept : db_(o.db_), lock_fd_(o.lock_fd_) {
  o.db_ = nullptr;
  o.lock_fd_ = -1;
}

CrawlState::~CrawlState() {
  if (db_) sqlite3_close(db_);
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

Error CrawlState::DbError() const { return Fail(std::string("crawl state: ") + sqlite3_errmsg(db_), ErrorCode::kIo); }

Status CrawlState::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    return Fail(msg);
  }
  return Ok{};
}

Result<CrawlState> CrawlState::Open(const std::string& path) {
  CrawlState st;
  std::string lock = path + ".lock";
  st.lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (st.lock_fd_ < 0) return Fail(lock + ": " + std::strerror(errno), ErrorCode::kIo);
  if (::flock(st.lock_fd_, LOCK_EX | LOCK_NB) != 0)
    return Fail(path + ": another crawl is using this state (" + lock + " is locked)", ErrorCode::kLocked);
  if (sqlite3_open_v2(path.c_str(), &st.db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK)
    return Fail(path + ": " + (st.db_ ? sqlite3_errmsg(st.db_) : "cannot open"));
  sqlite3_busy_timeout(st.db_, 5000);
  // WAL with synchronous=NORMAL survives a killed process (only a power cut
  // may lose the last transactions), and commits are cheap.
  if (Status s = st.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"); !s)
    return Fail(path + ": not a crawl state (" + s.error().message + ")");
  if (Status s = st.Exec(kSchema); !s) return Fail(path + ": " + s.error().message);
  for (const char* add : kAddedColumns)
    if (Status s = st.Exec(add); !s && s.error().message.find("duplicate column") == std::string::npos)
      return Fail(path + ": " + s.error().message);
  if (Status s = st.Exec(kContentIndex); !s) return Fail(path + ": " + s.error().message);
  return st;
}

Result<bool> CrawlState::Discover(const std::string& url, const std::string& site, PageRole role,
                                  const std::string& lastmod, const std::string& parent) {
  std::lock_guard lock(mu_);
  Stmt q(db_,
         "INSERT OR IGNORE INTO pages(url, site, role, status, first_seen, lastmod, parent) VALUES(?,?,?,'queued',?,?,?)");
  if (!q) return DbError();
  q.Bind(1, url);
  q.Bind(2, site);
  q.Bind(3, std::string(RoleName(role)));
  q.Bind(4, static_cast<std::int64_t>(std::time(nullptr)));
  q.Bind(5, lastmod);
  q.Bind(6, parent);
  if (sqlite3_step(q.s) != SQLITE_DONE) return DbError();
  return sqlite3_changes(db_) > 0;
}

Status CrawlState::SetLastmod(const std::string& url, const std::string& lastmod) {
  std::lock_guard lock(mu_);
  Stmt q(db_, "UPDATE pages SET lastmod = ? WHERE url = ?");
  if (!q) return DbError();
  q.Bind(1, lastmod);
  q.Bind(2, url);
  if (sqlite3_step(q.s) != SQLITE_DONE) return DbError();
  return Ok{};
}

Result<std::vector<std::string>> CrawlState::Children(const std::string& parent) {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  Stmt q(db_, "SELECT url FROM pages WHERE parent = ? AND role = 'listing' ORDER BY rowid");
  if (!q) return DbError();
  q.Bind(1, parent);
  int rc;
  while ((rc = sqlite3_step(q.s)) == SQLITE_ROW) out.push_back(q.Text(0));
  if (rc != SQLITE_DONE) return DbError();
  return out;
}

Result<std::optional<PageRecord>> CrawlState::Get(const std::string& url) {
  std::lock_guard lock(mu_);
  Stmt q(db_, (std::string("SELECT ") + kColumns + " FROM pages WHERE url = ?").c_str());
  if (!q) return DbError();
  q.Bind(1, url);
  int rc = sqlite3_step(q.s);
  if (rc == SQLITE_DONE) return std::optional<PageRecord>();
  if (rc != SQLITE_ROW) return DbError();
  return std::optional<PageRecord>(Row(q));
}

Status CrawlState::Put(const PageRecord& r) {
  std::lock_guard lock(mu_);
  // An upsert, not INSERT OR REPLACE: columns this record does not carry
  // (parent) keep their values.
  Stmt q(db_, (std::string("INSERT INTO pages(") + kColumns +
               ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(url) DO UPDATE SET site=excluded.site, "
               "role=excluded.role, status=excluded.status, last_fetch=excluded.last_fetch, etag=excluded.etag, "
               "last_modified=excluded.last_modified, lastmod=excluded.lastmod, hash=excluded.hash, "
               "output=excluded.output, error=excluded.error, failures=excluded.failures, "
               "content=excluded.content, alias_of=excluded.alias_of, pending=excluded.pending")
                  .c_str());
  if (!q) return DbError();
  q.Bind(1, r.url);
  q.Bind(2, r.site);
  q.Bind(3, std::string(RoleName(r.role)));
  q.Bind(4, std::string(ToString(r.status)));
  q.Bind(5, r.first_seen ? r.first_seen : static_cast<std::int64_t>(std::time(nullptr)));
  q.Bind(6, r.last_fetch);
  q.Bind(7, r.etag);
  q.Bind(8, r.last_modified);
  q.Bind(9, r.lastmod);
  q.Bind(10, r.hash);
  q.Bind(11, r.output);
  q.Bind(12, r.error);
  q.Bind(13, static_cast<std::int64_t>(r.failures));
  q.Bind(14, r.content);
  q.Bind(15, r.alias_of);
  q.Bind(16, r.pending);
  if (sqlite3_step(q.s) != SQLITE_DONE) return DbError();
  return Ok{};
}

namespace {

// Every row a prepared query yields, or the error that cut it short.
Result<std::vector<PageRecord>> Rows(sqlite3* db, Stmt& q) {
  std::vector<PageRecord> out;
  int rc;
  while ((rc = sqlite3_step(q.s)) == SQLITE_ROW) out.push_back(Row(q));
  if (rc != SQLITE_DONE) return Fail(std::string("crawl state: ") + sqlite3_errmsg(db), ErrorCode::kIo);
  return out;
}

}  // namespace

Result<std::vector<PageRecord>> CrawlState::Pending(const std::string& site, int max_failures) {
  std::lock_guard lock(mu_);
  Stmt q(db_, (std::string("SELECT ") + kColumns +
               " FROM pages WHERE site = ? AND role = 'article' AND (status IN ('queued','writing') OR "
               "(status IN ('failed','gone') AND failures < ?)) ORDER BY first_seen, rowid")
                  .c_str());
  if (!q) return DbError();
  q.Bind(1, site);
  q.Bind(2, static_cast<std::int64_t>(max_failures));
  return Rows(db_, q);
}

Result<std::vector<PageRecord>> CrawlState::Interrupted() {
  std::lock_guard lock(mu_);
  Stmt q(db_, (std::string("SELECT ") + kColumns + " FROM pages WHERE status = 'writing'").c_str());
  if (!q) return DbError();
  return Rows(db_, q);
}

Result<std::vector<PageRecord>> CrawlState::ByContent(const std::string& site, const std::string& content) {
  std::lock_guard lock(mu_);
  Stmt q(db_, (std::string("SELECT ") + kColumns +
               " FROM pages WHERE site = ? AND content = ? AND output <> '' AND status <> 'alias' ORDER BY rowid")
                  .c_str());
  if (!q) return DbError();
  if (content.empty()) return std::vector<PageRecord>();
  q.Bind(1, site);
  q.Bind(2, content);
  return Rows(db_, q);
}

Result<std::optional<std::string>> CrawlState::OutputOwner(const std::string& output) {
  std::lock_guard lock(mu_);
  Stmt q(db_, "SELECT url FROM pages WHERE output = ? LIMIT 1");
  if (!q) return DbError();
  q.Bind(1, output);
  int rc = sqlite3_step(q.s);
  if (rc == SQLITE_DONE) return std::optional<std::string>();
  if (rc != SQLITE_ROW) return DbError();
  return std::optional<std::string>(q.Text(0));
}

Result<std::optional<CrawlState::RobotsRecord>> CrawlState::GetRobots(const std::string& origin) {
  std::lock_guard lock(mu_);
  Stmt q(db_, "SELECT fetched, status, body FROM robots WHERE origin = ?");
  if (!q) return DbError();
  q.Bind(1, origin);
  int rc = sqlite3_step(q.s);
  if (rc == SQLITE_DONE) return std::optional<RobotsRecord>();
  if (rc != SQLITE_ROW) return DbError();
  RobotsRecord r;
  r.fetched = sqlite3_column_int64(q.s, 0);
  r.status = static_cast<long>(sqlite3_column_int64(q.s, 1));
  const void* b = sqlite3_column_blob(q.s, 2);
  if (b) r.body.assign(static_cast<const char*>(b), static_cast<std::size_t>(sqlite3_column_bytes(q.s, 2)));
  return std::optional<RobotsRecord>(std::move(r));
}

Result<std::optional<std::string>> CrawlState::GetTemplate(const std::string& site) {
  std::lock_guard lock(mu_);
  Stmt q(db_, "SELECT data FROM templates WHERE site = ?");
  if (!q) return DbError();
  q.Bind(1, site);
  int rc = sqlite3_step(q.s);
  if (rc == SQLITE_DONE) return std::optional<std::string>();
  if (rc != SQLITE_ROW) return DbError();
  return std::optional<std::string>(q.Text(0));
}

Status CrawlState::PutTemplate(const std::string& site, const std::string& data) {
  std::lock_guard lock(mu_);
  Stmt q(db_, "INSERT OR REPLACE INTO templates(site, data) VALUES(?,?)");
  if (!q) return DbError();
  q.Bind(1, site);
  q.Bind(2, data);
  if (sqlite3_step(q.s) != SQLITE_DONE) return DbError();
  return Ok{};
}

Status CrawlState::PutRobots(const std::string& origin, const RobotsRecord& r) {
  std::lock_guard lock(mu_);
  Stmt q(db_, "INSERT OR REPLACE INTO robots(origin, fetched, status, body) VALUES(?,?,?,?)");
  if (!q) return DbError();
  q.Bind(1, origin);
  q.Bind(2, r.fetched);
  q.Bind(3, static_cast<std::int64_t>(r.status));
  sqlite3_bind_blob(q.s, 4, r.body.data(), static_cast<int>(r.body.size()), SQLITE_TRANSIENT);
  if (sqlite3_step(q.s) != SQLITE_DONE) return DbError();
  return Ok{};
}

}  // namespace sach
