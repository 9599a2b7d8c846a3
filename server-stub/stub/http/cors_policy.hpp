#pragma once
// Cross-origin access to /api: none unless an origin is configured (--cors-origin, exact
// match of scheme://host[:port]). Bearer tokens travel in a header, never cookies, so no
// credentials mode is offered.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/security_headers.hpp"

namespace iiv::stub {

class CorsPolicy {
 public:
  explicit CorsPolicy(std::vector<std::string> allowed_origins) : allowed_(std::move(allowed_origins)) {}

  bool allows(std::string_view origin) const;

  // Headers for an actual (non-preflight) answer to `origin`; empty when not allowed.
  common::HeaderList response_headers(std::string_view origin) const;

  // For a preflight: the headers to answer with, or nullopt when the origin, method or a
  // requested header is not allowed.
  std::optional<common::HeaderList> preflight(std::string_view origin, std::string_view method,
                                              std::string_view request_headers) const;

  const std::vector<std::string>& origins() const { return allowed_; }

 private:
  std::vector<std::string> allowed_;
};

// "http://localhost:5173" and the like: scheme, host, optional port, nothing else.
bool is_valid_origin(std::string_view origin);

}  // namespace iiv::stub
