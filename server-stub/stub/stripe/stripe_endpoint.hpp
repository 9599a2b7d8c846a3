#pragma once
// The Stripe endpoints the stub calls. Used to label metrics (never with an id) and to
// say what a Stripe error means for the request that got it.
#include <array>

namespace iiv::stub {

enum class StripeEndpoint { retrieve_session, list_sessions, create_file_link, redact_session };

// Every endpoint, in declaration order (so an endpoint's position is its enum value).
inline constexpr std::array<StripeEndpoint, 4> kStripeEndpoints = {
    StripeEndpoint::retrieve_session, StripeEndpoint::list_sessions, StripeEndpoint::create_file_link,
    StripeEndpoint::redact_session};
inline constexpr std::size_t kStripeEndpointCount = kStripeEndpoints.size();

// "/v1/identity/verification_sessions/{id}" and so on: the path template, no ids.
inline const char* endpoint_label(StripeEndpoint endpoint) {
  switch (endpoint) {
    case StripeEndpoint::retrieve_session: return "/v1/identity/verification_sessions/{id}";
    case StripeEndpoint::list_sessions: return "/v1/identity/verification_sessions";
    case StripeEndpoint::create_file_link: return "/v1/file_links";
    case StripeEndpoint::redact_session: return "/v1/identity/verification_sessions/{id}/redact";
  }
  return "?";
}

}  // namespace iiv::stub
