#pragma once
// The summary of a VerificationSession shown to a reviewer. It is a projection: only the
// fields named here are copied out of Stripe's object, so a sensitive field Stripe happens
// to return is never passed on unless it was asked for (and so allowed).
#include <nlohmann/json.hpp>

#include "stub/sessions/sensitive_field.hpp"

namespace iiv::stub {

// `session` is a VerificationSession retrieved with last_verification_report expanded
// (and the expand[] paths of `included`). The answer has a "sensitive" object holding
// exactly the `included` fields (null where Stripe had no value), and none otherwise.
nlohmann::json summarize_session(const nlohmann::json& session, const SensitiveFieldSet& included);

// "redacted", "processing", or null when the session was never redacted.
nlohmann::json redaction_status(const nlohmann::json& session);

}  // namespace iiv::stub
