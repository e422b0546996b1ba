// What the crawler asks of the outside world: the time, waiting, and HTTP.
// The crawler reaches these only through CrawlIo, so a test can run a whole
// pass in-process against a fake site and a fake clock (politeness checked
// from the fake timeline, no real second slept); RealCrawlIo() is the
// default: the steady clock and sach::Fetch. Usage:
//   struct MyIo : CrawlIo { ... };  MyIo io;  options.io = &io;
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>

#include "sach/fetch.h"
#include "sach/result.h"

namespace sach {

class CrawlIo {
 public:
  using Clock = std::chrono::steady_clock;
  virtual ~CrawlIo() = default;

  virtual Clock::time_point Now() = 0;
  // A politeness wait or a retry's backoff: `d`, or less once `*stop` is set
  // (may be null): a stop request ends every wait at once.
  virtual void Sleep(Clock::duration d, const std::atomic<bool>* stop) = 0;
  // The wait between passes: `d`, or less once `*stop` is set (may be null).
  virtual void SleepUnlessStopped(Clock::duration d, const std::atomic<bool>* stop) = 0;
  // A worker with nothing to start: returns when `cv` is notified or at
  // `until` (Clock::time_point::max(): only when notified), `lock` held again;
  // may return early, as condition variables do. `busy`: tasks in progress on
  // other workers, each of which notifies `cv` when done (a fake clock lets
  // time pass only while none is, so it never runs ahead of a task's requests).
  virtual void WaitUntil(std::condition_variable& cv, std::unique_lock<std::mutex>& lock,
                         Clock::time_point until, int busy) = 0;
  // One URL, as sach::Fetch does it (may be called from several threads).
  virtual Result<Fetched> Fetch(const std::string& url, const FetchOptions& options) = 0;
};

// The real clock and network; one shared instance, stateless.
CrawlIo& RealCrawlIo();

}  // namespace sach
