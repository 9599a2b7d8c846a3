#include "stub/http/cors_policy.hpp"

#include <algorithm>
#include <cctype>

namespace iiv::stub {

namespace {

std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

bool is_valid_origin(std::string_view origin) {
  std::string_view rest;
  if (origin.substr(0, 7) == "http://") {
    rest = origin.substr(7);
  } else if (origin.substr(0, 8) == "https://") {
    rest = origin.substr(8);
  } else {
    return false;
  }
  if (rest.empty()) return false;
  return std::all_of(rest.begin(), rest.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
  });
}

bool CorsPolicy::allows(std::string_view origin) const {
  return !origin.empty() && std::find(allowed_.begin(), allowed_.end(), origin) != allowed_.end();
}

common::HeaderList CorsPolicy::response_headers(std::string_view origin) const {
  if (!allows(origin)) return {};
  return {{"Access-Control-Allow-Origin", std::string(origin)}, {"Vary", "Origin"}};
}

std::optional<common::HeaderList> CorsPolicy::preflight(std::string_view origin, std::string_view method,
                                                        std::string_view request_headers) const {
  if (!allows(origin)) return std::nullopt;
  if (method != "GET" && method != "POST") return std::nullopt;
  std::size_t start = 0;
  while (start <= request_headers.size()) {
    const auto comma = request_headers.find(',', start);
    const std::string name = lower_trimmed(
        request_headers.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (!name.empty() && name != "authorization" && name != "content-type") return std::nullopt;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return common::HeaderList{{"Access-Control-Allow-Origin", std::string(origin)},
                            {"Access-Control-Allow-Methods", "GET, POST"},
                            {"Access-Control-Allow-Headers", "Authorization, Content-Type"},
                            {"Access-Control-Max-Age", "600"},
                            {"Vary", "Origin"}};
}

}  // namespace iiv::stub
