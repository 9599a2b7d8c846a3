#include "stub/stripe/stripe_budget.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

namespace iiv::stub {

namespace {

constexpr std::chrono::milliseconds kLongestMaxWait{60'000};
constexpr int kMostWaiting = 10'000;

int whole_seconds_at_least_one(common::TokenBucket::Clock::duration wait) {
  const double seconds = std::chrono::duration<double>(wait).count();
  return std::max(1, static_cast<int>(std::ceil(seconds)));
}

}  // namespace

common::Result<StripeBudgetMode, std::string> parse_stripe_budget_mode(std::string_view text) {
  if (text == "off") return StripeBudgetMode::off;
  if (text == "sandbox") return StripeBudgetMode::sandbox;
  if (text == "live") return StripeBudgetMode::live;
  return common::Fail(std::string("the Stripe budget mode must be sandbox, live or off"));
}

const char* stripe_budget_mode_name(StripeBudgetMode mode) {
  switch (mode) {
    case StripeBudgetMode::off: return "off";
    case StripeBudgetMode::sandbox: return "sandbox";
    case StripeBudgetMode::live: return "live";
  }
  return "?";
}

common::Result<common::Done, std::string> validate(const StripeBudgetSettings& settings) {
  if (!(settings.safety_fraction > 0.0 && settings.safety_fraction <= 1.0))
    return common::Fail(std::string("the Stripe budget's safety fraction must be above 0 and at most 1"));
  if (settings.max_wait.count() < 0 || settings.max_wait > kLongestMaxWait)
    return common::Fail(std::string("the Stripe budget's longest wait must be 0..60000 ms"));
  if (settings.max_waiting < 0 || settings.max_waiting > kMostWaiting)
    return common::Fail(std::string("the Stripe budget's queue must hold 0..10000 callers"));
  return common::Done{};
}

StripeBudget::StripeBudget(StripeBudgetSettings settings, Now now, Sleeper sleeper)
    : settings_(settings),
      now_(now ? std::move(now) : Now([] { return Clock::now(); })),
      sleeper_(sleeper ? std::move(sleeper) : Sleeper([](Clock::duration d) { std::this_thread::sleep_for(d); })) {
  if (settings_.mode == StripeBudgetMode::off) return;
  const auto& limits = common::stripe_rate_limits(
      settings_.mode == StripeBudgetMode::live ? common::StripeMode::live : common::StripeMode::sandbox);
  const auto start = now_();
  // One second's worth of burst: a quiet stub may send that many at once, as Stripe allows.
  const auto bucket = [&](double documented_per_second) {
    const double rate = documented_per_second * settings_.safety_fraction;
    return common::TokenBucket(rate, std::max(1.0, rate), start);
  };
  global_.emplace(bucket(limits.global_per_second));
  for (std::size_t i = 0; i < kStripeEndpointCount; ++i) per_endpoint_.push_back(bucket(limits.endpoint_per_second));
  files_writes_.emplace(bucket(limits.files_writes_per_second));
}

std::vector<common::TokenBucket*> StripeBudget::buckets_for(StripeEndpoint endpoint) {
  std::vector<common::TokenBucket*> buckets{&*global_, &per_endpoint_[static_cast<std::size_t>(endpoint)]};
  if (endpoint == StripeEndpoint::create_file_link) buckets.push_back(&*files_writes_);
  return buckets;
}

common::Result<common::Done, StripeBudgetRefusal> StripeBudget::acquire(StripeEndpoint endpoint) {
  std::unique_lock<std::mutex> lock(mutex_);
  StripeBudgetCounts& counts = counts_.by_endpoint[static_cast<std::size_t>(endpoint)];
  if (settings_.mode == StripeBudgetMode::off) {
    ++counts.immediate;
    return common::Done{};
  }

  const auto now = now_();
  const auto buckets = buckets_for(endpoint);
  Clock::duration wait = Clock::duration::zero();
  for (auto* bucket : buckets) wait = std::max(wait, bucket->time_until(now));

  if (wait > settings_.max_wait) {
    ++counts.refused_wait_too_long;
    return common::Fail(
        StripeBudgetRefusal{StripeBudgetRefusal::Reason::wait_too_long, whole_seconds_at_least_one(wait)});
  }
  if (wait > Clock::duration::zero() && counts_.waiting >= settings_.max_waiting) {
    ++counts.refused_queue_full;
    return common::Fail(StripeBudgetRefusal{StripeBudgetRefusal::Reason::queue_full, whole_seconds_at_least_one(wait)});
  }
  // Reserved now, so later callers queue behind this one instead of racing it for tokens.
  for (auto* bucket : buckets) bucket->reserve(now);
  if (wait == Clock::duration::zero()) {
    ++counts.immediate;
    return common::Done{};
  }

  ++counts.waited;
  counts.wait_seconds += std::chrono::duration<double>(wait).count();
  ++counts_.waiting;
  lock.unlock();
  sleeper_(wait);
  lock.lock();
  --counts_.waiting;
  return common::Done{};
}

StripeBudgetSnapshot StripeBudget::snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return counts_;
}

}  // namespace iiv::stub
