#pragma once
// What the HTTP layer refuses before any application code sees a request, with the safe
// defaults both servers start from. Each refusal has a stable code (the JSON error's code
// and the metrics label), an HTTP status and a message that says what was wrong.
#include <chrono>
#include <cstddef>
#include <string>

namespace iiv::common {

enum class HttpRefusal {
  malformed_request,                  // 400: not HTTP/1.x as RFC 9112 reads it
  bad_framing,                        // 400: conflicting/malformed Content-Length, CL with TE
  duplicate_header,                   // 400: a header field given twice
  missing_host,                       // 400: HTTP/1.1 without Host
  request_timeout,                    // 408: the request head or body did not arrive in time
  body_too_large,                     // 413: over max_body_bytes, chunked or not
  target_too_long,                    // 414: over max_target_bytes
  header_too_large,                   // 431: head over max_header_bytes
  too_many_headers,                   // 431: over max_header_fields
  too_many_connections_from_address,  // 429: over max_connections_per_address
  unsupported_transfer_encoding,      // 501: a transfer coding other than "chunked"
  too_many_connections,               // 503: over max_connections
  server_busy,                        // 503: over max_queued_requests
  internal_error,                     // 500: the handler threw; nothing of it is sent
};
inline constexpr std::size_t kHttpRefusalCount = 14;

const char* refusal_code(HttpRefusal refusal);  // "header_too_large"
int refusal_status(HttpRefusal refusal);        // 431
std::string refusal_message(HttpRefusal refusal);

struct ServerLimits {
  std::size_t max_header_bytes = 16 * 1024;  // request line and header fields together
  std::size_t max_header_fields = 100;
  std::size_t max_target_bytes = 4 * 1024;
  std::size_t max_body_bytes = 16 * 1024;
  // For a new connection's first byte; from the first byte of a request to the end of its
  // head; and then to the end of its body.
  std::chrono::milliseconds head_timeout{10'000};
  std::chrono::milliseconds body_timeout{10'000};
  // How long a kept-alive connection may wait for its next request.
  std::chrono::milliseconds idle_timeout{30'000};
  // How long writing one answer may take before the connection is dropped.
  std::chrono::milliseconds write_timeout{10'000};
  std::size_t max_connections = 4096;
  std::size_t max_connections_per_address = 64;
  // Requests read and waiting for a worker, or being handled: beyond it, 503 server_busy.
  std::size_t max_queued_requests = 1024;
};

}  // namespace iiv::common
