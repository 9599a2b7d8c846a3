#pragma once
// The Stripe API side of the emulator, without sockets: one request in, one answer out.
// In order: route, Stripe-Version, API key (Bearer or Basic), parameters (query string and,
// for POST, the form body), the endpoint's permission, Idempotency-Key, then the endpoint.
// Every answer is JSON with Request-Id, Stripe-Version and the security headers.
#include <mutex>
#include <string>

#include "common/http/http_message.hpp"
#include "emulator/api_keys.hpp"
#include "emulator/emulator_clock.hpp"
#include "emulator/emulator_store.hpp"
#include "emulator/idempotency_cache.hpp"
#include "emulator/runtime_config.hpp"

namespace iiv::emulator {

using common::HttpRequest;
using common::HttpResponse;

// The version answered when a request names none (the reference schemas' version).
inline constexpr const char* kDefaultStripeVersion = "2022-11-15";

class ApiService {
 public:
  ApiService(EmulatorStore& store, KeyRing& keys, EmulatorClock& clock, RuntimeConfigHolder& config);

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
  IdempotencyCache idempotency_;
  mutable std::mutex files_base_mutex_;
  std::string files_base_;
};

// JSON error answer with the API's usual headers (also used by the fault path).
HttpResponse api_error_response(const ApiError& error, const std::string& request_id, const std::string& version);

}  // namespace iiv::emulator
