#include "common/token_bucket.hpp"

#include <algorithm>
#include <cmath>

namespace iiv::common {

TokenBucket::TokenBucket(double rate_per_second, double burst, Clock::time_point now)
    : rate_(rate_per_second), burst_(burst), tokens_(burst), updated_(now) {}

void TokenBucket::refill(Clock::time_point now) {
  if (now <= updated_) return;
  const double seconds = std::chrono::duration<double>(now - updated_).count();
  tokens_ = std::min(burst_, tokens_ + seconds * rate_);
  updated_ = now;
}

bool TokenBucket::try_take(Clock::time_point now, double n) {
  refill(now);
  if (tokens_ < n) return false;
  tokens_ -= n;
  return true;
}

TokenBucket::Clock::duration TokenBucket::time_until(Clock::time_point now, double n) {
  refill(now);
  if (tokens_ >= n) return Clock::duration::zero();
  const double seconds = (n - tokens_) / rate_;
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
}

TokenBucket::Clock::duration TokenBucket::reserve(Clock::time_point now, double n) {
  const Clock::duration wait = time_until(now, n);
  tokens_ -= n;
  return wait;
}

void TokenBucket::refund(double n) { tokens_ = std::min(burst_, tokens_ + n); }

bool TokenBucket::full(Clock::time_point now) {
  refill(now);
  return tokens_ >= burst_;
}

}  // namespace iiv::common
