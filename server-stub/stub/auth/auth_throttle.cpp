#include "stub/auth/auth_throttle.hpp"

#include <cmath>

namespace iiv::stub {

namespace {

double refill_rate(const AuthThrottleSettings& settings) {
  const double seconds = static_cast<double>(settings.window.count() > 0 ? settings.window.count() : 1);
  return settings.max_failures > 0 ? settings.max_failures / seconds : 1.0;
}

}  // namespace

AuthThrottle::AuthThrottle(const AuthThrottleSettings& settings)
    : enabled_(settings.max_failures > 0),
      failures_(refill_rate(settings), settings.max_failures > 0 ? settings.max_failures : 1,
                settings.max_tracked_clients) {}

std::optional<int> AuthThrottle::retry_after(const std::string& client_key, Clock::time_point now) {
  if (!enabled_) return std::nullopt;
  const auto wait = failures_.time_until_token(client_key, now);
  if (wait == Clock::duration::zero()) return std::nullopt;
  return static_cast<int>(std::ceil(std::chrono::duration<double>(wait).count()));
}

void AuthThrottle::record_failure(const std::string& client_key, Clock::time_point now) {
  if (enabled_) failures_.spend(client_key, now);
}

}  // namespace iiv::stub
