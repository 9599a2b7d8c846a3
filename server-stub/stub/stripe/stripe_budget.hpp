#pragma once
// The stub's client-side budget under Stripe's documented rate limits, so a burst of
// bundles waits here briefly (or is refused with 429 stripe_budget_exhausted) instead of
// drawing 429s from Stripe, which would cost retries and slow every reviewer down.
//
// Token buckets (common::TokenBucket), each at the documented rate times a safety fraction
// and holding one second's worth: one global, one per endpoint the stub calls, and one for
// Files API writes (create_file_link). A call takes a token from every bucket that applies,
// or from none.
//
// Several replicas behind a load balancer share one Stripe account, so their budgets add
// up: give each replica safety_fraction / replicas.
#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "common/stripe_api.hpp"
#include "common/token_bucket.hpp"
#include "stub/stripe/stripe_endpoint.hpp"

namespace iiv::stub {

enum class StripeBudgetMode { off, sandbox, live };

// "off", "sandbox" or "live" (for the command line and config files).
common::Result<StripeBudgetMode, std::string> parse_stripe_budget_mode(std::string_view text);
const char* stripe_budget_mode_name(StripeBudgetMode mode);

struct StripeBudgetSettings {
  // sandbox: the stricter limits, right for test keys and a safe guess for live ones.
  StripeBudgetMode mode = StripeBudgetMode::sandbox;
  double safety_fraction = 0.8;              // (0, 1]: share of Stripe's limits used
  std::chrono::milliseconds max_wait{2000};  // a call waits at most this long for tokens
  int max_waiting = 32;                      // callers that may wait at once
};

common::Result<common::Done, std::string> validate(const StripeBudgetSettings& settings);

// Why a call was refused, and when asking again makes sense.
struct StripeBudgetRefusal {
  enum class Reason { wait_too_long, queue_full };
  Reason reason;
  int retry_after_seconds;  // whole seconds, at least 1 (the Retry-After of the 429)
};

// Counts per endpoint, for the iiv_stripe_budget_* metrics.
struct StripeBudgetCounts {
  std::uint64_t immediate = 0;              // calls that found tokens at once
  std::uint64_t waited = 0;                 // calls that waited for tokens, then went ahead
  double wait_seconds = 0;                  // the total time those calls waited
  std::uint64_t refused_wait_too_long = 0;  // refused: the wait would exceed max_wait
  std::uint64_t refused_queue_full = 0;     // refused: max_waiting callers were already waiting
};

struct StripeBudgetSnapshot {
  std::array<StripeBudgetCounts, kStripeEndpointCount> by_endpoint;  // indexed by StripeEndpoint
  int waiting = 0;                                                   // callers waiting now

  const StripeBudgetCounts& of(StripeEndpoint endpoint) const {
    return by_endpoint[static_cast<std::size_t>(endpoint)];
  }
};

class StripeBudget {
 public:
  using Clock = common::TokenBucket::Clock;
  using Now = std::function<Clock::time_point()>;
  using Sleeper = std::function<void(Clock::duration)>;

  // `settings` must pass validate(). Tests pass a fake clock and sleeper.
  explicit StripeBudget(StripeBudgetSettings settings, Now now = {}, Sleeper sleeper = {});

  // Before each request to Stripe (each attempt, retries included): takes the tokens, waiting
  // for them when that takes at most max_wait and fewer than max_waiting callers are waiting.
  // Otherwise takes nothing and says when to try again.
  common::Result<common::Done, StripeBudgetRefusal> acquire(StripeEndpoint endpoint);

  StripeBudgetSnapshot snapshot() const;
  const StripeBudgetSettings& settings() const { return settings_; }

 private:
  std::vector<common::TokenBucket*> buckets_for(StripeEndpoint endpoint);

  StripeBudgetSettings settings_;
  Now now_;
  Sleeper sleeper_;
  mutable std::mutex mutex_;
  std::optional<common::TokenBucket> global_;
  std::vector<common::TokenBucket> per_endpoint_;  // indexed by StripeEndpoint
  std::optional<common::TokenBucket> files_writes_;
  StripeBudgetSnapshot counts_;
};

}  // namespace iiv::stub
