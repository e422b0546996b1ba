// The progress line (progress.h).
#include "progress.h"

#include <cstdio>

#include "tunables.h"

namespace sach {

ProgressLine::ProgressLine(bool bar, std::string unit)
    : bar_(bar), unit_(std::move(unit)), start_(std::chrono::steady_clock::now()) {}

ProgressLine::~ProgressLine() {
  std::lock_guard lock(mu_);
  Clear();
}

void ProgressLine::Update(int done, int total, int failed, const std::string& label) {
  if (!bar_) return;
  std::lock_guard lock(mu_);
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(tunables::kProgressRedrawMs) && done < total) return;
  last_ = now;
  double secs = std::chrono::duration<double>(now - start_).count();
  double rate = secs > 0 ? done / secs : 0.0;
  int width = tunables::kProgressBarWidth, filled = total ? width * done / total : width;
  std::string line = "\r\x1b[K[" + std::string(filled, '#') + std::string(width - filled, '.') + "] " +
                     std::to_string(done) + "/" + std::to_string(total) + " " + unit_;
  char tail[64];
  std::snprintf(tail, sizeof tail, "  %.1f/s  %d failed", rate, failed);
  line += tail;
  if (rate > 0 && done < total) {
    std::snprintf(tail, sizeof tail, "  ETA %.0f s", (total - done) / rate);
    line += tail;
  }
  if (!label.empty()) line += "  " + label;
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
  shown_ = true;
}

void ProgressLine::Say(spdlog::level::level_enum level, const std::string& msg) {
  if (!spdlog::should_log(level)) return;
  std::lock_guard lock(mu_);
  Clear();
  spdlog::log(level, "{}", msg);
}

void ProgressLine::Clear() {
  if (!bar_ || !shown_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  shown_ = false;
}

}  // namespace sach
