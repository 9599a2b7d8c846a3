#pragma once
// The Stripe endpoints the emulator serves, matched from method and path.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace iiv::emulator {

enum class Endpoint {
  list_sessions,       // GET  /v1/identity/verification_sessions
  retrieve_session,    // GET  /v1/identity/verification_sessions/{session}
  redact_session,      // POST /v1/identity/verification_sessions/{session}/redact
  retrieve_report,     // GET  /v1/identity/verification_reports/{report}
  retrieve_file,       // GET  /v1/files/{file}
  create_file_link,    // POST /v1/file_links
  retrieve_file_link,  // GET  /v1/file_links/{link}
};
inline constexpr std::size_t kEndpointCount = 7;  // the values above are 0..6

struct Route {
  Endpoint endpoint;
  std::string id;  // the path's object id, percent-decoded; empty for collections
};

std::optional<Route> match_route(std::string_view method, std::string_view path);

// "GET /v1/files/{file}" — how stats and logs name an endpoint.
const char* endpoint_name(Endpoint endpoint);

}  // namespace iiv::emulator
