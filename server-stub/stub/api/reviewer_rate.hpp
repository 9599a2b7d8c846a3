#pragma once
// How many image link bundles one reviewer may ask for: a steady rate per minute with a
// burst, far above what a person looking at documents needs, far below what a script
// harvesting every image with a stolen token would take. Beyond it: 429
// reviewer_rate_limited with Retry-After, audited.
#include <chrono>
#include <optional>
#include <string>

#include "common/keyed_token_buckets.hpp"

namespace iiv::stub {

struct ReviewerRateSettings {
  int bundles_per_minute = 30;  // 0: no limit
  int burst = 10;
};

class ReviewerRate {
 public:
  using Clock = common::KeyedTokenBuckets::Clock;

  explicit ReviewerRate(const ReviewerRateSettings& settings, std::size_t max_reviewers = 4096);

  // Takes one bundle from the reviewer's allowance: nullopt when granted, else the
  // seconds until the next one is.
  std::optional<int> take(const std::string& reviewer_id, Clock::time_point now);

 private:
  bool enabled_;
  common::KeyedTokenBuckets bundles_;
};

}  // namespace iiv::stub
