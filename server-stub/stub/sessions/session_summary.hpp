#pragma once
// The summary of a VerificationSession shown to a reviewer. It is a projection: only the
// fields named here are copied out of Stripe's object, so a sensitive field Stripe happens
// to return is never passed on unless it was asked for (and so allowed).
#include <nlohmann/json.hpp>

#include "stub/sessions/sensitive_field.hpp"

namespace iiv::stub {

// Stripe shows sensitive results (images included) to a plain restricted key only for
// verifications processed in the last 48 hours; an IP-restricted key sees all of them.
constexpr long long kSensitiveWindowSeconds = 48LL * 60 * 60;

// `session` is a VerificationSession retrieved with last_verification_report expanded
// (and the expand[] paths of `included`). The answer has a "sensitive" object holding
// exactly the `included` fields (null where Stripe had no value), and none otherwise.
// It also says when the session was processed ("processed_at": the last report's
// `created`, or null) and whether the 48-hour window applies: "sensitive_access":
// {"ip_restricted_key", "window_ends_at": processed_at + 48 h, or null when the key is
// IP-restricted or there is no report}. `key_ip_restricted` is the operator's word for it
// (--key-ip-restricted): Stripe's API does not tell a key its restrictions.
nlohmann::json summarize_session(const nlohmann::json& session, const SensitiveFieldSet& included,
                                 bool key_ip_restricted = false);

// "redacted", "processing", or null when the session was never redacted.
nlohmann::json redaction_status(const nlohmann::json& session);

}  // namespace iiv::stub
