#pragma once
// The Stripe API side of the emulator, without sockets: one request in, one answer out.
// In order: route, Stripe-Version, API key (Bearer or Basic), Stripe's rate limits (when
// enabled: 429 as Stripe answers it), parameters (query string and, for POST, the form
// body), the endpoint's permission, Idempotency-Key, then the endpoint.
// Every answer is JSON with Request-Id, Stripe-Version and the security headers.
//
// The emulator models one API version, common::kStripeApiVersion: it answers in it, a
// request without Stripe-Version gets it (as an account pinned to it would), and any other
// version is refused with Stripe's 400 "Invalid Stripe API version: …" (Stripe itself
// would answer a real, different version in that version's shapes, which the emulator
// does not have).
#include <mutex>
#include <string>

#include "common/http/http_message.hpp"
#include "emulator/api_keys.hpp"
#include "emulator/emulator_clock.hpp"
#include "emulator/emulator_store.hpp"
#include "emulator/idempotency_cache.hpp"
#include "emulator/request_stats.hpp"
#include "emulator/runtime_config.hpp"
#include "emulator/stripe_rate_limiter.hpp"

namespace iiv::emulator {

using common::HttpRequest;
using common::HttpResponse;

class ApiService {
 public:
  // `stats`, when given, counts rate-limited requests; `now` is the rate limiter's clock
  // (tests pass a fake one).
  ApiService(EmulatorStore& store, KeyRing& keys, EmulatorClock& clock, RuntimeConfigHolder& config,
             RequestStats* stats = nullptr, StripeRateLimiter::Now now = {});

  // Where FileLink URLs point: the files host's base URL, known once it is bound.
  void set_files_base(std::string base);

  HttpResponse handle(const HttpRequest& request);

  // The answer to a request chosen for an injected 429 or 500.
  HttpResponse fault_response(FaultKind kind) const;

  // How stats name the request's endpoint: "GET /v1/files/{file}", or "unrecognized".
  static std::string endpoint_label(const HttpRequest& request);

 private:
  std::string files_base() const;

  EmulatorStore& store_;
  KeyRing& keys_;
  EmulatorClock& clock_;
  RuntimeConfigHolder& config_;
  RequestStats* stats_;
  StripeRateLimiter rate_limiter_;
  IdempotencyCache idempotency_;
  mutable std::mutex files_base_mutex_;
  std::string files_base_;
};

// JSON error answer with the API's usual headers (also used by the fault path).
HttpResponse api_error_response(const ApiError& error, const std::string& request_id, const std::string& version);

}  // namespace iiv::emulator
