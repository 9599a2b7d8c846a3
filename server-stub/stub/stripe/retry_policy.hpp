#pragma once
// When a Stripe request is tried again, and after how long: on 429, 5xx and network
// failures or timeouts (Stripe-Should-Retry overrides either way), with exponential
// backoff and jitter, bounded both in attempts and in total time.
#include <chrono>
#include <optional>

#include "stub/stripe/stripe_transport.hpp"

namespace iiv::stub {

struct RetrySettings {
  // Enough that sporadic failures (one request in ten failing) almost never reach a
  // reviewer; the total_budget below and the RetryBudget shared by all requests keep this
  // from multiplying the load on a Stripe that is down.
  int max_attempts = 7;
  std::chrono::milliseconds base_delay{200};
  std::chrono::milliseconds max_delay{2000};
  // Everything, all attempts and waits, fits in this; an attempt is started only if it
  // could still finish (by attempt_timeout) within it.
  std::chrono::milliseconds total_budget{10000};
  std::chrono::milliseconds attempt_timeout{3000};
};

bool is_retryable(const StripeHttpResponse& response);

// Delay before retry number `retry_index` (0 for the first retry): half of the capped
// exponential delay plus `jitter` (0 ≤ jitter < 1) times the other half, and never less
// than a Retry-After of whole seconds.
std::chrono::milliseconds backoff_delay(const RetrySettings& settings, int retry_index, double jitter,
                                        const std::string& retry_after_header);

// Whether another attempt may start after `attempts_done` attempts and `elapsed` time,
// waiting `delay` first.
bool may_retry(const RetrySettings& settings, int attempts_done, std::chrono::milliseconds elapsed,
               std::chrono::milliseconds delay);

// Retry-After as whole seconds, when it is one.
std::optional<int> retry_after_seconds(const std::string& header);

}  // namespace iiv::stub
