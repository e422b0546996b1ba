// Errors are values: every stage returns Result<T>, so one bad page never
// aborts a batch. Usage:
//   Result<std::string> r = ReadInput(path);
//   if (!r) log(r.error().message); else use(*r);
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace sach {

// What kind of failure, for callers that act on it rather than print it.
enum class ErrorCode {
  kOther,
  kIo,           // a file, folder or connection could not be read or written (a timeout, a reset)
  kExists,       // the output exists and may not be replaced
  kLimit,        // an input or response past a limit
  kUnsupported,  // not a page or a text (a PDF, an image, JSON)
  kHttp,         // an HTTP status other than success; Error::http_status says which
  kStopped,      // the caller asked to stop (FetchOptions::wait said so) before the work was done
  kGone,         // a page saying it does not exist (a soft 404: status 200, "page not found")
  kLocked,       // another process holds it (a crawl state in use)
};

struct Error {
  std::string message;  // one line, no trailing period; the caller adds the input's name
  ErrorCode code = ErrorCode::kOther;
  int http_status = 0;  // with kHttp
};

// A small std::expected stand-in (C++20 has none): either a value or an Error.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}

  explicit operator bool() const { return v_.index() == 0; }
  bool ok() const { return v_.index() == 0; }
  T& operator*() { return std::get<0>(v_); }
  const T& operator*() const { return std::get<0>(v_); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// For stages that produce nothing but may fail.
struct Ok {};
using Status = Result<Ok>;

inline Error Fail(std::string message, ErrorCode code = ErrorCode::kOther) {
  return Error{std::move(message), code};
}

}  // namespace sach
