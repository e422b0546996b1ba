// The time limit of one page: Clean() sets a deadline for the thread it runs
// on, long loops ask PastDeadline() and stop early, and Clean() then fails the
// page ("took over N s") instead of returning a partial article. A batch goes
// on with the next input. Usage:
//   PageDeadline d(options.max_seconds);   // 0: no limit
//   for (...) { if (PastDeadline()) break; ... }
#pragma once

namespace sach {

class PageDeadline {
 public:
  explicit PageDeadline(double seconds);
  ~PageDeadline();
  PageDeadline(const PageDeadline&) = delete;
  PageDeadline& operator=(const PageDeadline&) = delete;

 private:
  long long saved_;  // the enclosing deadline (nested Clean calls keep the outer one)
};

// True once this thread's page has run past its deadline.
bool PastDeadline();

}  // namespace sach
