#include "stub/stripe/stripe_client.hpp"

#include <random>
#include <thread>

#include "common/http_date.hpp"
#include "common/secret_mask.hpp"
#include "common/stripe_api.hpp"
#include "stub/observe/json_log.hpp"

namespace iiv::stub {

namespace {

double thread_local_jitter() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

}  // namespace

StripeClient::StripeClient(StripeTransport& transport, KeyStore& keys, RetrySettings retry, Metrics& metrics,
                           AttemptGate gate, Sleeper sleeper, JitterSource jitter, RetryBudgetSettings retry_budget)
    : transport_(transport),
      keys_(keys),
      retry_(retry),
      metrics_(metrics),
      retry_budget_(retry_budget),
      gate_(gate ? std::move(gate) : AttemptGate([](StripeEndpoint) -> Result<Done> { return Done{}; })),
      sleeper_(sleeper ? std::move(sleeper)
                       : Sleeper([](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); })),
      jitter_(jitter ? std::move(jitter) : JitterSource(thread_local_jitter)) {}

Result<StripeAnswer> StripeClient::call(const StripeCall& call) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  const StripeErrorContext context{call.endpoint, call.sensitive_requested};

  StripeHttpRequest request{call.method,     call.path_and_query,  call.form_body,
                            keys_.current(), call.idempotency_key, common::kStripeApiVersion};
  if (request.api_key.empty()) {
    return Fail(ApiError{ErrorCode::stripe_key_missing, "The server has no Stripe API key configured.", {}});
  }

  retry_budget_.on_request();
  bool reread_after_401 = false;
  int attempts = 0;
  while (true) {
    if (auto admitted = gate_(call.endpoint); !admitted) return Fail(std::move(admitted).error());
    const auto attempt_started = Clock::now();
    const StripeHttpResponse response = transport_.send(request);
    ++attempts;
    const double seconds = std::chrono::duration<double>(Clock::now() - attempt_started).count();
    metrics_.stripe_call(endpoint_label(call.endpoint),
                         response.failure == TransportFailure::none ? response.status : 0, seconds);

    if (response.failure == TransportFailure::none && response.status >= 200 && response.status < 300) {
      auto object = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
      if (object.is_discarded() || !object.is_object()) {
        return Fail(ApiError{ErrorCode::stripe_error, "Stripe answered with something that is not a JSON object.", {}});
      }
      return StripeAnswer{std::move(object), common::parse_http_date(response.date)};
    }

    // A rolled key: re-read the key file once, and if it now holds another key, try again
    // with that one (not counted against the retry budget: it is not a transient failure).
    if (response.failure == TransportFailure::none && response.status == 401 && !reread_after_401) {
      reread_after_401 = true;
      const auto reload = keys_.reload();
      const std::string fresh = keys_.current();
      const bool changed = fresh != request.api_key;
      metrics_.key_reload("stripe_401", changed);
      log_event("key_reload", {{"trigger", "stripe_401"},
                               {"changed", changed},
                               {"read_ok", reload.ok()},
                               {"problem", reload.ok() ? std::string() : reload.error()},
                               {"key", common::mask_key(fresh)}});
      if (changed) {
        request.api_key = fresh;
        continue;
      }
    }

    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    if (is_retryable(response)) {
      const auto delay = backoff_delay(retry_, attempts - 1, jitter_(), response.retry_after);
      if (may_retry(retry_, attempts, elapsed, delay)) {
        const bool allowed = retry_budget_.try_retry(Clock::now());
        metrics_.stripe_retry(endpoint_label(call.endpoint), allowed);
        if (allowed) {
          sleeper_(delay);
          continue;
        }
      }
    }
    return Fail(map_stripe_failure(response, context));
  }
}

}  // namespace iiv::stub
