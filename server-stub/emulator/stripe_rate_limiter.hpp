#pragma once
// Stripe's documented rate limits (common/stripe_api.hpp), enforced when the emulator is
// asked to (--rate-limits sandbox|live): a global limit on every API request, a limit per
// endpoint, and the Files API's own limits on reads (GET /v1/files/…, /v1/file_links/…)
// and writes (POST /v1/file_links). Each is a token bucket holding one second's worth, so
// a client that keeps under the rates is never refused and a burst beyond them is, as on
// Stripe. Transport-neutral: ApiService asks it before running a request.
#include <array>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "common/result.hpp"
#include "common/token_bucket.hpp"
#include "emulator/api_routes.hpp"
#include "emulator/runtime_config.hpp"

namespace iiv::emulator {

// Which limit refused a request (the stats count them apart).
enum class RateLimit { global, endpoint, files_reads, files_writes };
inline constexpr std::size_t kRateLimitCount = 4;
const char* rate_limit_name(RateLimit limit);

class StripeRateLimiter {
 public:
  using Clock = common::TokenBucket::Clock;
  using Now = std::function<Clock::time_point()>;

  explicit StripeRateLimiter(Now now = {});

  // Takes a token from every limit that applies to `endpoint` under `mode`, or takes none
  // and names the limit that refused. A change of mode starts from full buckets.
  common::Result<common::Done, RateLimit> admit(RateLimits mode, Endpoint endpoint);

 private:
  void rebuild(RateLimits mode, Clock::time_point now);

  Now now_;
  std::mutex mutex_;
  RateLimits mode_ = RateLimits::off;
  std::optional<common::TokenBucket> global_;
  std::vector<common::TokenBucket> per_endpoint_;  // indexed by Endpoint
  std::optional<common::TokenBucket> files_reads_;
  std::optional<common::TokenBucket> files_writes_;
};

}  // namespace iiv::emulator
