#pragma once
// The summary of a VerificationSession shown to a reviewer. It is a projection: only the
// fields named here are copied out of Stripe's object, so a sensitive field Stripe happens
// to return is never passed on unless it was asked for (and so allowed). Every field read
// must have the type Stripe documents; otherwise the answer is a stripe_error.
#include <cstdint>

#include <nlohmann/json.hpp>

#include "stub/api/api_error.hpp"
#include "stub/sessions/sensitive_field.hpp"

namespace iiv::stub {

// A plain restricted key reads sensitive results for 48 hours after Stripe processed the
// verification; an IP-restricted key has no such window.
inline constexpr std::int64_t kSensitiveWindowSeconds = 48 * 60 * 60;

struct SummaryContext {
  bool key_ip_restricted = false;  // --key-ip-restricted
};

// `session` is a VerificationSession retrieved with last_verification_report expanded
// (and the expand[] paths of `included`). The answer has a "sensitive" object holding
// exactly the `included` fields (null where Stripe had no value), and none otherwise; and
// "processed_at" and "sensitive_access" {"ip_restricted_key","window_ends_at"} so a page
// can say how long sensitive results stay readable.
Result<nlohmann::json> summarize_session(const nlohmann::json& session, const SensitiveFieldSet& included,
                                         const SummaryContext& context = {});

// The session list of the demo's picker: id, status, type, created and redaction status of
// each VerificationSession in a Stripe list object; nothing else.
Result<nlohmann::json> project_session_list(const nlohmann::json& stripe_list);

}  // namespace iiv::stub
