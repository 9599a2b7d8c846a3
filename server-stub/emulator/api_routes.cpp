#include "emulator/api_routes.hpp"

#include <vector>

#include "emulator/form_params.hpp"

namespace iiv::emulator {

namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 1;
  if (path.empty() || path.front() != '/') return segments;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    segments.push_back(std::string(path.substr(start, end - start)));
    start = end + 1;
  }
  return segments;
}

std::string decoded(const std::string& segment) {
  std::string out;
  // '+' is literal in a path; only %XX escapes are decoded.
  for (std::size_t i = 0; i < segment.size(); ++i) {
    if (segment[i] == '%' && i + 2 < segment.size()) {
      out += percent_decode(segment.substr(i, 3));
      i += 2;
    } else {
      out.push_back(segment[i]);
    }
  }
  return out;
}

}  // namespace

std::optional<Route> match_route(std::string_view method, std::string_view path) {
  const auto s = split_path(path);
  const bool get = method == "GET" || method == "HEAD";
  const bool post = method == "POST";
  if (s.size() < 2 || s[0] != "v1") return std::nullopt;
  if (s.size() >= 3 && s[1] == "identity" && s[2] == "verification_sessions") {
    if (s.size() == 3 && get) return Route{Endpoint::list_sessions, {}};
    if (s.size() == 4 && get && !s[3].empty()) return Route{Endpoint::retrieve_session, decoded(s[3])};
    if (s.size() == 5 && post && s[4] == "redact" && !s[3].empty())
      return Route{Endpoint::redact_session, decoded(s[3])};
    return std::nullopt;
  }
  if (s.size() == 4 && s[1] == "identity" && s[2] == "verification_reports" && get && !s[3].empty())
    return Route{Endpoint::retrieve_report, decoded(s[3])};
  if (s.size() == 3 && s[1] == "files" && get && !s[2].empty()) return Route{Endpoint::retrieve_file, decoded(s[2])};
  if (s[1] == "file_links") {
    if (s.size() == 2 && post) return Route{Endpoint::create_file_link, {}};
    if (s.size() == 3 && get && !s[2].empty()) return Route{Endpoint::retrieve_file_link, decoded(s[2])};
  }
  return std::nullopt;
}

const char* endpoint_name(Endpoint endpoint) {
  switch (endpoint) {
    case Endpoint::list_sessions: return "GET /v1/identity/verification_sessions";
    case Endpoint::retrieve_session: return "GET /v1/identity/verification_sessions/{session}";
    case Endpoint::redact_session: return "POST /v1/identity/verification_sessions/{session}/redact";
    case Endpoint::retrieve_report: return "GET /v1/identity/verification_reports/{report}";
    case Endpoint::retrieve_file: return "GET /v1/files/{file}";
    case Endpoint::create_file_link: return "POST /v1/file_links";
    case Endpoint::retrieve_file_link: return "GET /v1/file_links/{link}";
  }
  return "unrecognized";
}

}  // namespace iiv::emulator
