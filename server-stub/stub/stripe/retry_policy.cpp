#include "stub/stripe/retry_policy.hpp"

#include <algorithm>
#include <cctype>

namespace iiv::stub {

bool is_retryable(const StripeHttpResponse& response) {
  switch (response.failure) {
    case TransportFailure::none: break;
    case TransportFailure::connect:
    case TransportFailure::timeout:
    case TransportFailure::other: return true;
    case TransportFailure::certificate_refused:
    case TransportFailure::answer_too_large:
    case TransportFailure::request_refused: return false;  // it would fail again the same way
  }
  if (response.should_retry == "false") return false;
  if (response.should_retry == "true") return true;
  return response.status == 429 || (response.status >= 500 && response.status <= 599);
}

std::optional<int> retry_after_seconds(const std::string& header) {
  if (header.empty() || header.size() > 6) return std::nullopt;
  if (!std::all_of(header.begin(), header.end(), [](unsigned char c) { return std::isdigit(c) != 0; })) {
    return std::nullopt;
  }
  return std::stoi(header);
}

std::chrono::milliseconds backoff_delay(const RetrySettings& settings, int retry_index, double jitter,
                                        const std::string& retry_after_header) {
  const int shift = std::clamp(retry_index, 0, 20);
  const auto exponential = settings.base_delay * (1LL << shift);
  const auto capped = std::min<std::chrono::milliseconds>(exponential, settings.max_delay);
  const double clamped_jitter = std::clamp(jitter, 0.0, 1.0);
  auto delay = capped / 2 + std::chrono::milliseconds(static_cast<long long>(clamped_jitter * (capped.count() / 2)));
  if (const auto seconds = retry_after_seconds(retry_after_header)) {
    delay = std::max<std::chrono::milliseconds>(delay, std::chrono::seconds(*seconds));
  }
  return delay;
}

bool may_retry(const RetrySettings& settings, int attempts_done, std::chrono::milliseconds elapsed,
               std::chrono::milliseconds delay) {
  if (attempts_done >= settings.max_attempts) return false;
  return elapsed + delay + settings.attempt_timeout <= settings.total_budget;
}

}  // namespace iiv::stub
