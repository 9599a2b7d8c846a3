#include "stub/sessions/redaction_service.hpp"

#include "stub/stripe/idempotency_key.hpp"
#include "stub/sessions/session_summary.hpp"

namespace iiv::stub {

RedactionOutcome RedactionService::redact(const std::string& session_id) {
  StripeResult session = stripe_.call({StripeEndpoint::redact_session, "POST",
                                       "/v1/identity/verification_sessions/" + session_id + "/redact", "",
                                       new_idempotency_key(), false});
  if (session.error) return {std::nullopt, std::move(session.error)};
  return {nlohmann::json{{"verification_session", session_id},
                         {"status", session.object->value("status", std::string())},
                         {"redaction", {{"status", redaction_status(*session.object)}}}},
          std::nullopt};
}

}  // namespace iiv::stub
