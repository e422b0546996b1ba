// The live progress line of a long run on a terminal (crawl, clean): a bar,
// done / total, the rate, failures, the ETA and a label, redrawn about ten
// times a second on stderr; nothing when `bar` is false (log lines say it
// all then). Log lines go through Say() so they never land inside the bar.
// Usage:
//   ProgressLine p(isatty(2), "pages");  p.Update(done, total, failed, "host");  p.Say(level, "msg");
#pragma once
#include <chrono>
#include <mutex>
#include <string>
#include <utility>

#include <spdlog/spdlog.h>

namespace sach {

class ProgressLine {
 public:
  // `unit` names what is counted: "pages", "inputs".
  ProgressLine(bool bar, std::string unit);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  bool bar() const { return bar_; }
  // `total` may grow (a crawl queues as it reads); the last call (done ==
  // total) is always drawn.
  void Update(int done, int total, int failed, const std::string& label);
  // A log line, after the bar is wiped (it comes back on the next Update).
  void Say(spdlog::level::level_enum level, const std::string& msg);

 private:
  void Clear();  // mu_ held

  bool bar_;
  std::string unit_;
  std::chrono::steady_clock::time_point start_, last_{};
  bool shown_ = false;
  std::mutex mu_;
};

}  // namespace sach
