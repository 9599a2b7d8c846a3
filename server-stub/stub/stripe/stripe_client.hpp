#pragma once
// Calls Stripe for the services: the current key and the pinned API version on every
// attempt, each attempt admitted by the client-side budget first, retries with backoff on
// 429/5xx/timeouts within a bounded budget, one key re-read (and one more try with the new
// key) when Stripe answers 401, metrics for every exchange, and errors mapped to ours.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "stub/api/api_error.hpp"
#include "stub/observe/metrics.hpp"
#include "stub/stripe/key_store.hpp"
#include "stub/stripe/retry_budget.hpp"
#include "stub/stripe/retry_policy.hpp"
#include "stub/stripe/stripe_error_mapping.hpp"
#include "stub/stripe/stripe_transport.hpp"

namespace iiv::stub {

struct StripeCall {
  StripeEndpoint endpoint;
  std::string method;          // "GET" or "POST"
  std::string path_and_query;  // ids validated by the caller
  std::string form_body;
  std::string idempotency_key;  // POST: the same one on every attempt
  bool sensitive_requested = false;
};

struct StripeAnswer {
  nlohmann::json object;                                   // a JSON object: anything else is a stripe_error
  std::optional<std::int64_t> stripe_time = std::nullopt;  // Stripe's clock (its Date header), Unix s
};

class StripeClient {
 public:
  using Sleeper = std::function<void(std::chrono::milliseconds)>;
  using JitterSource = std::function<double()>;  // uniform in [0, 1)
  // Admits one attempt (it may wait), or refuses it: the client-side budget under Stripe's
  // rate limits. None: every attempt is admitted.
  using AttemptGate = std::function<Result<Done>(StripeEndpoint)>;

  StripeClient(StripeTransport& transport, KeyStore& keys, RetrySettings retry, Metrics& metrics, AttemptGate gate = {},
               Sleeper sleeper = {}, JitterSource jitter = {}, RetryBudgetSettings retry_budget = {});

  Result<StripeAnswer> call(const StripeCall& call);

  // The key the next call would use (services check its kind before calling).
  std::string current_key() const { return keys_.current(); }
  const RetrySettings& retry_settings() const { return retry_; }

 private:
  StripeTransport& transport_;
  KeyStore& keys_;
  RetrySettings retry_;
  Metrics& metrics_;
  RetryBudget retry_budget_;
  AttemptGate gate_;
  Sleeper sleeper_;
  JitterSource jitter_;
};

}  // namespace iiv::stub
