#include "common/http/server_limits.hpp"

namespace iiv::common {

const char* refusal_code(HttpRefusal refusal) {
  switch (refusal) {
    case HttpRefusal::malformed_request: return "malformed_request";
    case HttpRefusal::bad_framing: return "bad_framing";
    case HttpRefusal::duplicate_header: return "duplicate_header";
    case HttpRefusal::missing_host: return "missing_host";
    case HttpRefusal::request_timeout: return "request_timeout";
    case HttpRefusal::body_too_large: return "body_too_large";
    case HttpRefusal::target_too_long: return "target_too_long";
    case HttpRefusal::header_too_large: return "header_too_large";
    case HttpRefusal::too_many_headers: return "too_many_headers";
    case HttpRefusal::too_many_connections_from_address: return "too_many_connections_from_address";
    case HttpRefusal::unsupported_transfer_encoding: return "unsupported_transfer_encoding";
    case HttpRefusal::too_many_connections: return "too_many_connections";
    case HttpRefusal::server_busy: return "server_busy";
    case HttpRefusal::internal_error: return "internal_error";
  }
  return "internal_error";
}

int refusal_status(HttpRefusal refusal) {
  switch (refusal) {
    case HttpRefusal::malformed_request:
    case HttpRefusal::bad_framing:
    case HttpRefusal::duplicate_header:
    case HttpRefusal::missing_host: return 400;
    case HttpRefusal::request_timeout: return 408;
    case HttpRefusal::body_too_large: return 413;
    case HttpRefusal::target_too_long: return 414;
    case HttpRefusal::header_too_large:
    case HttpRefusal::too_many_headers: return 431;
    case HttpRefusal::too_many_connections_from_address: return 429;
    case HttpRefusal::unsupported_transfer_encoding: return 501;
    case HttpRefusal::too_many_connections:
    case HttpRefusal::server_busy: return 503;
    case HttpRefusal::internal_error: return 500;
  }
  return 500;
}

std::string refusal_message(HttpRefusal refusal) {
  switch (refusal) {
    case HttpRefusal::malformed_request: return "The request is not valid HTTP/1.1.";
    case HttpRefusal::bad_framing:
      return "The request's length is ambiguous: a malformed or repeated Content-Length, or Content-Length "
             "together with Transfer-Encoding.";
    case HttpRefusal::duplicate_header: return "A header field was sent more than once.";
    case HttpRefusal::missing_host: return "An HTTP/1.1 request must carry a Host header.";
    case HttpRefusal::request_timeout: return "The request did not arrive in time.";
    case HttpRefusal::body_too_large: return "The request body is larger than this server accepts.";
    case HttpRefusal::target_too_long: return "The request target (path and query) is longer than this server accepts.";
    case HttpRefusal::header_too_large: return "The request's header block is larger than this server accepts.";
    case HttpRefusal::too_many_headers: return "The request has more header fields than this server accepts.";
    case HttpRefusal::too_many_connections_from_address:
      return "Too many open connections from this address; retry later.";
    case HttpRefusal::unsupported_transfer_encoding:
      return "The only transfer coding this server accepts is a single \"chunked\".";
    case HttpRefusal::too_many_connections: return "The server has too many open connections; retry later.";
    case HttpRefusal::server_busy: return "The server is busy; retry later.";
    case HttpRefusal::internal_error: return "The server failed to answer this request.";
  }
  return "The request was refused.";
}

}  // namespace iiv::common
