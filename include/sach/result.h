// Errors are values: every stage returns Result<T>, so one bad page never
// aborts a batch. Usage:
//   Result<std::string> r = ReadInput(path);
//   if (!r) log(r.error().message); else use(*r);
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace sach {

struct Error {
  std::string message;  // one line, no trailing period; the caller adds the input's name
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

inline Error Fail(std::string message) { return Error{std::move(message)}; }

}  // namespace sach
