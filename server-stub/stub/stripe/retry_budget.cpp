#include "stub/stripe/retry_budget.hpp"

#include <algorithm>

namespace iiv::stub {

RetryBudget::RetryBudget(const RetryBudgetSettings& settings, Clock::time_point now)
    : settings_(settings), steady_(settings.steady_per_second, std::max(1.0, settings.steady_per_second), now) {}

void RetryBudget::on_request() {
  std::lock_guard<std::mutex> lock(mutex_);
  earned_ = std::min(settings_.most_saved, earned_ + settings_.share_of_requests);
}

bool RetryBudget::try_retry(Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (earned_ >= 1) {
    earned_ -= 1;
    return true;
  }
  return steady_.try_take(now);
}

}  // namespace iiv::stub
