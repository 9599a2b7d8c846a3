#pragma once
// Redacting a VerificationSession through Stripe (POST …/redact, with an Idempotency-Key),
// answering with the redaction status Stripe reports.
#include <string>

#include <nlohmann/json.hpp>

#include "stub/api/api_error.hpp"
#include "stub/stripe/stripe_client.hpp"

namespace iiv::stub {

class RedactionService {
 public:
  explicit RedactionService(StripeClient& stripe) : stripe_(stripe) {}

  // {"verification_session","status","redaction":{"status"}}. `session_id` must already
  // have passed is_stripe_id(…, "vs_").
  Result<nlohmann::json> redact(const std::string& session_id);

 private:
  StripeClient& stripe_;
};

}  // namespace iiv::stub
