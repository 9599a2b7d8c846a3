#pragma once
// A token bucket: `burst` tokens at most, refilled at `rate_per_second`. The time is passed
// in, so every limit built on it (Stripe's rate limits in the emulator, the stub's Stripe
// budget, failed sign-ins per address, bundles per reviewer) is tested without sleeping.
// Not thread-safe: its owner holds the lock.
#include <chrono>

namespace iiv::common {

class TokenBucket {
 public:
  using Clock = std::chrono::steady_clock;

  // Starts full. rate_per_second > 0, burst >= 1.
  TokenBucket(double rate_per_second, double burst, Clock::time_point now);

  // Takes `n` tokens if there are that many now; otherwise takes nothing.
  bool try_take(Clock::time_point now, double n = 1);
  // How long until `n` tokens are there (zero when they are there now).
  Clock::duration time_until(Clock::time_point now, double n = 1);
  // Takes `n` tokens even when that leaves the bucket in debt, and says how long the caller
  // must wait for them: a queue in which each reservation waits behind the ones before it.
  Clock::duration reserve(Clock::time_point now, double n = 1);
  // Gives back tokens of a reservation that will not be used.
  void refund(double n = 1);
  // True when the bucket is full again (an idle key that can be forgotten).
  bool full(Clock::time_point now);

  double rate_per_second() const { return rate_; }
  double burst() const { return burst_; }

 private:
  void refill(Clock::time_point now);

  double rate_;
  double burst_;
  double tokens_;
  Clock::time_point updated_;
};

}  // namespace iiv::common
