#include "emulator/stripe_rate_limiter.hpp"

#include <utility>

#include "common/stripe_api.hpp"

namespace iiv::emulator {

namespace {

std::optional<RateLimit> files_api_limit(Endpoint endpoint) {
  switch (endpoint) {
    case Endpoint::retrieve_file:
    case Endpoint::retrieve_file_link: return RateLimit::files_reads;
    case Endpoint::create_file_link: return RateLimit::files_writes;
    case Endpoint::list_sessions:
    case Endpoint::retrieve_session:
    case Endpoint::redact_session:
    case Endpoint::retrieve_report: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

const char* rate_limit_name(RateLimit limit) {
  switch (limit) {
    case RateLimit::global: return "global";
    case RateLimit::endpoint: return "endpoint";
    case RateLimit::files_reads: return "files_reads";
    case RateLimit::files_writes: return "files_writes";
  }
  return "?";
}

StripeRateLimiter::StripeRateLimiter(Now now) : now_(now ? std::move(now) : Now([] { return Clock::now(); })) {}

void StripeRateLimiter::rebuild(RateLimits mode, Clock::time_point now) {
  mode_ = mode;
  global_.reset();
  per_endpoint_.clear();
  files_reads_.reset();
  files_writes_.reset();
  if (mode == RateLimits::off) return;
  const auto& limits =
      common::stripe_rate_limits(mode == RateLimits::live ? common::StripeMode::live : common::StripeMode::sandbox);
  // One second's worth of burst: Stripe counts requests per second.
  const auto bucket = [now](double per_second) { return common::TokenBucket(per_second, per_second, now); };
  global_.emplace(bucket(limits.global_per_second));
  for (std::size_t i = 0; i < kEndpointCount; ++i) per_endpoint_.push_back(bucket(limits.endpoint_per_second));
  files_reads_.emplace(bucket(limits.files_reads_per_second));
  files_writes_.emplace(bucket(limits.files_writes_per_second));
}

common::Result<common::Done, RateLimit> StripeRateLimiter::admit(RateLimits mode, Endpoint endpoint) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto now = now_();
  if (mode != mode_) rebuild(mode, now);
  if (mode == RateLimits::off) return common::Done{};

  std::vector<std::pair<RateLimit, common::TokenBucket*>> applying = {
      {RateLimit::global, &*global_}, {RateLimit::endpoint, &per_endpoint_[static_cast<std::size_t>(endpoint)]}};
  if (const auto files = files_api_limit(endpoint))
    applying.emplace_back(*files, *files == RateLimit::files_reads ? &*files_reads_ : &*files_writes_);
  // All or nothing: a request refused by one limit must not use up the others.
  for (const auto& [limit, bucket] : applying)
    if (bucket->time_until(now) > Clock::duration::zero()) return common::Fail(limit);
  for (const auto& [limit, bucket] : applying) bucket->try_take(now);
  return common::Done{};
}

}  // namespace iiv::emulator
