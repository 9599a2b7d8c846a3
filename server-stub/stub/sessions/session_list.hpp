#pragma once
// The session list of the demo's picker: id, status, type, created and redaction status
// of each VerificationSession in a Stripe list object; nothing else.
#include <nlohmann/json.hpp>

namespace iiv::stub {

nlohmann::json project_session_list(const nlohmann::json& stripe_list);

}  // namespace iiv::stub
