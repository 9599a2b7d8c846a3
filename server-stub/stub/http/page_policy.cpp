#include "stub/http/page_policy.hpp"

namespace iiv::stub {

std::vector<std::string> viewer_allowed_hosts(const std::vector<std::string>& files_origins) {
  std::vector<std::string> hosts;
  for (const std::string& origin : files_origins) {
    const auto scheme_end = origin.find("://");
    hosts.push_back(scheme_end == std::string::npos ? origin : origin.substr(scheme_end + 3));
  }
  return hosts;
}

std::string content_security_policy(const std::vector<std::string>& files_origins) {
  std::string files;
  for (const std::string& origin : files_origins) files += " " + origin;
  return "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' blob:" + files +
         "; connect-src 'self'" + files +
         "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";
}

}  // namespace iiv::stub
