#pragma once
// Guessing tokens is slowed per client: after `max_failures` failed sign-ins within
// `window`, the client is refused (429 too_many_auth_failures, with Retry-After) without
// its token even being checked, until the window has given one failure back. Failures
// refill at max_failures per window, so a steady trickle of guesses stays throttled.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include "common/keyed_token_buckets.hpp"

namespace iiv::stub {

struct AuthThrottleSettings {
  int max_failures = 10;  // 0: no throttle
  std::chrono::seconds window{60};
  std::size_t max_tracked_clients = 65536;
};

class AuthThrottle {
 public:
  using Clock = common::KeyedTokenBuckets::Clock;

  explicit AuthThrottle(const AuthThrottleSettings& settings);

  // Seconds until this client may try again, or nullopt when it may try now.
  std::optional<int> retry_after(const std::string& client_key, Clock::time_point now);
  void record_failure(const std::string& client_key, Clock::time_point now);

 private:
  bool enabled_;
  common::KeyedTokenBuckets failures_;
};

}  // namespace iiv::stub
