#include "stub/http/client_address.hpp"

#include <arpa/inet.h>
#include <algorithm>
#include <cstring>

namespace iiv::stub {

namespace {

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return s.substr(first, last - first + 1);
}

}  // namespace

std::string canonical_ip(const std::string& text) {
  // inet_pton reads a C string: "1.2.3.4\0anything" would pass as 1.2.3.4.
  if (text.find('\0') != std::string::npos) return {};
  char out[INET6_ADDRSTRLEN] = {};
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) return inet_ntop(AF_INET, &v4, out, sizeof out);
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) != 1) return {};
  if (IN6_IS_ADDR_V4MAPPED(&v6)) {
    std::memcpy(&v4, &v6.s6_addr[12], 4);
    return inet_ntop(AF_INET, &v4, out, sizeof out);
  }
  return inet_ntop(AF_INET6, &v6, out, sizeof out);
}

std::string client_address(const common::HttpRequest& request, const std::vector<std::string>& trusted_proxies) {
  const std::string peer = canonical_ip(request.peer_address);
  const auto trusted = [&](const std::string& address) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), address) != trusted_proxies.end();
  };
  if (peer.empty() || !trusted(peer)) return peer.empty() ? request.peer_address : peer;
  // Right to left: each trusted proxy appended the address it received from.
  const std::string forwarded = request.header("x-forwarded-for");
  std::size_t end = forwarded.size();
  while (end > 0) {
    const auto comma = forwarded.rfind(',', end - 1);
    const std::size_t start = comma == std::string::npos ? 0 : comma + 1;
    const std::string address = canonical_ip(trim(forwarded.substr(start, end - start)));
    if (address.empty()) return peer;  // a malformed entry: trust nothing beyond it
    if (!trusted(address)) return address;
    if (comma == std::string::npos) break;
    end = comma;
  }
  return peer;
}

std::string client_limit_key(const std::string& address) {
  in6_addr v6{};
  if (address.find(':') == std::string::npos || inet_pton(AF_INET6, address.c_str(), &v6) != 1) return address;
  std::memset(&v6.s6_addr[8], 0, 8);
  char out[INET6_ADDRSTRLEN] = {};
  return std::string(inet_ntop(AF_INET6, &v6, out, sizeof out)) + "/64";
}

}  // namespace iiv::stub
