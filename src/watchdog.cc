// A thread_local deadline: no stage needs it passed down, and each worker
// thread of a batch has its own.
#include "watchdog.h"

#include <chrono>

namespace sach {
namespace {

using Clock = std::chrono::steady_clock;
constexpr long long kNone = 0;
thread_local long long t_deadline = kNone;  // steady_clock ticks; kNone: no limit

long long Now() { return Clock::now().time_since_epoch().count(); }

}  // namespace

PageDeadline::PageDeadline(double seconds) : saved_(t_deadline) {
  if (seconds <= 0 || t_deadline != kNone) return;
  t_deadline = Now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds)).count();
}

PageDeadline::~PageDeadline() { t_deadline = saved_; }

bool PastDeadline() { return t_deadline != kNone && Now() > t_deadline; }

}  // namespace sach
