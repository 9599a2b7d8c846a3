#include "stub/api/reviewer_rate.hpp"

#include <cmath>

namespace iiv::stub {

ReviewerRate::ReviewerRate(const ReviewerRateSettings& settings, std::size_t max_reviewers)
    : enabled_(settings.bundles_per_minute > 0),
      bundles_(settings.bundles_per_minute > 0 ? settings.bundles_per_minute / 60.0 : 1.0,
               settings.burst > 0 ? settings.burst : 1, max_reviewers) {}

std::optional<int> ReviewerRate::take(const std::string& reviewer_id, Clock::time_point now) {
  if (!enabled_) return std::nullopt;
  const auto wait = bundles_.take(reviewer_id, now);
  if (wait == Clock::duration::zero()) return std::nullopt;
  return static_cast<int>(std::ceil(std::chrono::duration<double>(wait).count()));
}

}  // namespace iiv::stub
