#pragma once
// Transport-neutral requests and answers. Both servers' logic works on these, so every
// rule is tested without sockets; common/http/http_server.cpp moves them on and off the
// wire (Boost.Beast), after its own limits and framing checks have passed.
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "common/security_headers.hpp"

namespace iiv::common {

std::string ascii_lowercase(std::string_view text);

struct HttpRequest {
  std::string method;                          // as sent: "GET", "POST", … (case-sensitive)
  std::string target;                          // path and query as sent ("/v1/x?expand[]=y")
  std::map<std::string, std::string> headers;  // names lower-cased; the server refuses duplicates
  std::string body;                            // at most ServerLimits::max_body_bytes
  std::string peer_address;                    // the socket's remote IP: "127.0.0.1", "::1"
  int peer_port = 0;
  int local_port = 0;

  // The header's value, or "" when absent.
  std::string header(std::string_view name) const;
  bool has_header(std::string_view name) const;
  std::string path() const;   // target up to '?'
  std::string query() const;  // target after '?', or ""
};

// Bytes owned elsewhere and sent as they are (the emulator's rendered images): `owner`
// keeps them alive until the last byte is written.
struct SharedBody {
  std::shared_ptr<const void> owner;
  const char* data = nullptr;
  std::size_t size = 0;
};

struct HttpResponse {
  enum class Connection {
    keep_alive,  // as the client asked (HTTP/1.1 default, HTTP/1.0 only with keep-alive)
    close,       // answer, then close
    drop,        // close at once without answering (the emulator's injected fault)
  };

  int status = 200;
  HeaderList headers;  // Content-Length is set by the server, never here
  std::string body;
  std::shared_ptr<const SharedBody> shared_body;  // when set, sent instead of `body`
  Connection connection = Connection::keep_alive;
  std::string log_note;  // for the request log only (e.g. a masked key); never sent

  // Replaces a header of the same name (case-insensitive) or adds it.
  void set_header(std::string_view name, std::string_view value);
  // The header's value, or "" when absent.
  std::string header(std::string_view name) const;
  std::size_t body_size() const { return shared_body ? shared_body->size : body.size(); }
};

}  // namespace iiv::common
