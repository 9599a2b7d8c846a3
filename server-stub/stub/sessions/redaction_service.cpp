#include "stub/sessions/redaction_service.hpp"

#include "stub/stripe/idempotency_key.hpp"
#include "stub/stripe/stripe_shape.hpp"

namespace iiv::stub {

Result<nlohmann::json> RedactionService::redact(const std::string& session_id) {
  auto answer =
      stripe_.call({StripeEndpoint::redact_session, "POST",
                    "/v1/identity/verification_sessions/" + session_id + "/redact", "", new_idempotency_key(), false});
  if (!answer) return Fail(std::move(answer).error());
  StripeShape shape("a VerificationSession");
  const auto status = shape.text(answer->object, "status", "status");
  std::optional<std::string> redaction;
  if (const auto* object = shape.object(answer->object, "redaction", "redaction")) {
    redaction = shape.text(*object, "status", "redaction.status");
  }
  if (auto verdict = shape.verdict(); !verdict) return Fail(std::move(verdict).error());
  return nlohmann::json{{"verification_session", session_id},
                        {"status", status ? nlohmann::json(*status) : nlohmann::json()},
                        {"redaction", {{"status", redaction ? nlohmann::json(*redaction) : nlohmann::json()}}}};
}

}  // namespace iiv::stub
