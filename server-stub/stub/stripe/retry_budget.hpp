#pragma once
// Retries are bounded twice. Each request has its own bound (RetrySettings: attempts and
// total time); and all requests together may add only so many retries: a share of the
// requests made (20 %) plus a small steady allowance. When Stripe fails sporadically,
// every failed attempt is tried again; when it is down, retries cannot multiply the load
// on it, and reviewers hear so at once instead of after a row of doomed attempts.
#include <chrono>
#include <mutex>

#include "common/token_bucket.hpp"

namespace iiv::stub {

struct RetryBudgetSettings {
  double share_of_requests = 0.2;
  double steady_per_second = 10;
  double most_saved = 100;  // retries the share may bank while all goes well
};

class RetryBudget {
 public:
  using Clock = common::TokenBucket::Clock;

  explicit RetryBudget(const RetryBudgetSettings& settings = {}, Clock::time_point now = Clock::now());

  // A first attempt: earns its share of a retry.
  void on_request();
  // Whether one more retry may be made now (and if so, it is spent).
  bool try_retry(Clock::time_point now);

 private:
  RetryBudgetSettings settings_;
  std::mutex mutex_;
  double earned_ = 0;
  common::TokenBucket steady_;
};

}  // namespace iiv::stub
