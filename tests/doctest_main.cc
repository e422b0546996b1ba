// The one test binary: doctest's runner, all *_test.cc files linked in, plus
// the check that keeps ctest honest. A run that executes no test case fails
// (a filter that matches nothing is a test that silently never runs), and
// when SACH_CASE_LOG names a file, the names of the cases that ran are
// appended to it, so scripts/test.sh can compare what ctest ran with what
// --list-test-cases defines.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

unsigned g_cases_run = 0;
std::string g_names_run;  // one name a line

struct CaseLog : doctest::IReporter {
  explicit CaseLog(const doctest::ContextOptions&) {}
  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats& s) override { g_cases_run = s.numTestCasesPassingFilters; }
  void test_case_start(const doctest::TestCaseData& d) override { g_names_run.append(d.m_name).append("\n"); }
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats&) override {}
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}
};

REGISTER_LISTENER("caselog", 1, CaseLog);

// One write(2) with O_APPEND: entries that ctest runs in parallel never interleave.
bool AppendNames(const char* path) {
  int fd = ::open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  bool ok = ::write(fd, g_names_run.data(), g_names_run.size()) == static_cast<ssize_t>(g_names_run.size());
  return ::close(fd) == 0 && ok;
}

}  // namespace

int main(int argc, char** argv) {
  doctest::Context context(argc, argv);
  int rc = context.run();
  if (context.shouldExit()) return rc;  // --help, --list-test-cases…
  if (g_cases_run == 0) {
    std::fprintf(stderr, "sach_tests: no test case matched the filters, so nothing was tested\n");
    return rc != 0 ? rc : 1;
  }
  const char* log = std::getenv("SACH_CASE_LOG");
  if (log && *log && !AppendNames(log)) {
    std::fprintf(stderr, "sach_tests: cannot append to SACH_CASE_LOG %s\n", log);
    return rc != 0 ? rc : 1;
  }
  return rc;
}
