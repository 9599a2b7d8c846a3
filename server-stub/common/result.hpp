#pragma once
// The one way the servers report failure: a Result holds either the value or the failure
// (the stub's ApiError, the emulator's Stripe-shaped ApiError). Callers test it, then take
// one or the other; taking the wrong side is a programming error and asserts.
#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace iiv::common {

// A marker for "it failed": `return Fail(error);` reads better than a constructor call and
// keeps a Result<std::string, std::string> unambiguous.
template <class E>
struct Fail {
  explicit Fail(E failure) : error(std::move(failure)) {}
  E error;
};
template <class E>
Fail(E) -> Fail<E>;

template <class T, class E>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit on purpose
  template <class F, class = std::enable_if_t<std::is_constructible_v<E, F&&>>>
  Result(Fail<F> failure) : state_(std::in_place_index<1>, std::move(failure.error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(state_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const E& error() const& {
    assert(!ok());
    return std::get<1>(state_);
  }
  E&& error() && {
    assert(!ok());
    return std::get<1>(std::move(state_));
  }

 private:
  std::variant<T, E> state_;
};

// For operations that give nothing back but may fail.
struct Done {};

}  // namespace iiv::common
