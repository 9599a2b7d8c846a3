// The stub's reading of Stripe's refusals, on arbitrary answers: what the error mapping
// makes of the status, the body and the Retry-After header, and the retry policy's reading
// of Retry-After and Date. Input: one byte choosing the transport outcome (its low three
// bits, modulo the number of outcomes), the endpoint (the next four bits) and whether
// sensitive results were asked for (the top bit); two bytes of status; then the
// Retry-After value, the Date value and the body, separated by newlines.
//
// Stripe's message is never passed on (it may quote part of a key): a mapped message holds
// no key-like text, and every answer is JSON with an error status.
#include <cstdint>
#include <string>

#include "common/http_date.hpp"
#include "fuzz_support.hpp"
#include "stub/stripe/retry_policy.hpp"
#include "stub/stripe/stripe_error_mapping.hpp"

namespace {

// TransportFailure's values, none to request_refused.
constexpr int kTransportOutcomes = static_cast<int>(iiv::stub::TransportFailure::request_refused) + 1;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using iiv::fuzz::require;
  namespace stub = iiv::stub;
  if (size < 3) return 0;
  const std::uint8_t choice = data[0];
  stub::StripeHttpResponse response;
  response.failure = static_cast<stub::TransportFailure>((choice & 7) % kTransportOutcomes);
  response.status = (data[1] << 8 | data[2]) % 700;
  std::string_view rest = iiv::fuzz::as_text(data + 3, size - 3);
  response.retry_after = std::string(iiv::fuzz::take_until(rest, '\n'));
  response.date = std::string(iiv::fuzz::take_until(rest, '\n'));
  response.body = std::string(rest);

  stub::StripeErrorContext context;
  context.endpoint = stub::kStripeEndpoints[((choice >> 3) & 15) % stub::kStripeEndpointCount];
  context.sensitive_requested = (choice & 0x80) != 0;

  const stub::ApiError error = stub::map_stripe_failure(response, context);
  const int status = stub::http_status(error.code);
  require(status >= 400 && status <= 599, "a failure maps to an error status");
  const std::string answer = stub::to_json(error).dump();
  for (const char* key_prefix : {"sk_", "rk_", "pk_"}) {
    require(error.message.find(key_prefix) == std::string::npos, "a mapped message quotes no key");
  }
  if (error.retry_after_s) require(*error.retry_after_s >= 0, "Retry-After is not negative");
  (void)stub::missing_permission(response.body, context);
  // A failure that would happen again the same way is never retried.
  if (response.failure == stub::TransportFailure::certificate_refused ||
      response.failure == stub::TransportFailure::answer_too_large ||
      response.failure == stub::TransportFailure::request_refused) {
    require(!stub::is_retryable(response), "a failure that would repeat is not retried");
  }

  (void)iiv::common::parse_http_date(response.date);
  const stub::RetrySettings settings;
  for (int retry = 0; retry < 3; ++retry) {
    const auto delay = stub::backoff_delay(settings, retry, 0.5, response.retry_after);
    require(delay.count() >= 0, "a backoff delay is not negative");
  }
  return 0;
}
