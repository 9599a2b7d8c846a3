#pragma once
// Identity endpoints: list and retrieve VerificationSessions, retrieve VerificationReports,
// redact a session. Each checks its parameters and expand[] paths, applies the
// sensitive-results rules to what is expanded, and shows placeholders for a redacted session.
#include "emulator/endpoint_context.hpp"

namespace iiv::emulator {

EndpointResult list_sessions(const EndpointContext& ctx);
EndpointResult retrieve_session(const EndpointContext& ctx);
EndpointResult redact_session(const EndpointContext& ctx);
EndpointResult retrieve_report(const EndpointContext& ctx);

}  // namespace iiv::emulator
