#pragma once
// Who is on the other end, for the limits kept per client (failed sign-ins, sampled audit
// lines). The socket's address, unless it is a configured trusted proxy (--trusted-proxy):
// then the address that proxy saw, the right-most X-Forwarded-For entry that is not itself
// a trusted proxy. A header from anyone else is ignored: it is the client's to forge.
#include <string>
#include <vector>

#include "common/http/http_message.hpp"

namespace iiv::stub {

// The canonical text of an IP address literal ("::FFFF:1.2.3.4" → "1.2.3.4"), or "" when
// `text` is not one.
std::string canonical_ip(const std::string& text);

std::string client_address(const common::HttpRequest& request, const std::vector<std::string>& trusted_proxies);

// What limits are kept by: the address itself for IPv4, its /64 network for IPv6 (one
// host usually holds a whole /64, so counting single IPv6 addresses would count nothing).
std::string client_limit_key(const std::string& address);

}  // namespace iiv::stub
