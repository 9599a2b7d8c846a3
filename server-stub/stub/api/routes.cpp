#include "stub/api/routes.hpp"

#include <optional>

namespace iiv::stub {

namespace {

constexpr std::string_view kSessionSegment = "{session}";
constexpr std::string_view kOutsideApi = "/**";

// The {session} segment when `pattern` matches `path`; nullopt when it does not.
std::optional<std::string> match_pattern(std::string_view pattern, std::string_view path) {
  if (pattern == kOutsideApi) {
    if (path.empty() || path.front() != '/' || is_api_path(path)) return std::nullopt;
    return std::string();
  }
  std::string session;
  while (!pattern.empty() || !path.empty()) {
    if (pattern.empty() || path.empty() || pattern.front() != '/' || path.front() != '/') return std::nullopt;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    const auto pattern_end = pattern.find('/');
    const auto path_end = path.find('/');
    const std::string_view want = pattern.substr(0, pattern_end);
    const std::string_view have = path.substr(0, path_end);
    if (want == kSessionSegment) {
      if (have.empty()) return std::nullopt;
      session = std::string(have);
    } else if (want != have) {
      return std::nullopt;
    }
    pattern = pattern_end == std::string_view::npos ? std::string_view() : pattern.substr(pattern_end);
    path = path_end == std::string_view::npos ? std::string_view() : path.substr(path_end);
  }
  return session;
}

}  // namespace

bool is_api_path(std::string_view path) { return path == "/api" || path.substr(0, 5) == "/api/"; }

const std::vector<Route>& route_table() {
  static const std::vector<Route> routes = {
      {"GET", "/healthz", Action::health, false, RouteRole::any_reviewer, false, ""},
      {"GET", "/metrics", Action::metrics, true, RouteRole::operator_, false, "metrics"},
      {"GET", "/api/me", Action::me, true, RouteRole::any_reviewer, false, "me"},
      {"GET", "/api/verification-sessions", Action::list_sessions, true, RouteRole::view, false, "list"},
      {"GET", "/api/verification-sessions/{session}", Action::summary, true, RouteRole::view, false, "summary"},
      {"POST", "/api/verification-sessions/{session}/image-links", Action::image_links, true, RouteRole::view, true,
       "image_links"},
      {"POST", "/api/verification-sessions/{session}/redact", Action::redact, true, RouteRole::redact, true, "redact"},
      {"GET", kOutsideApi, Action::static_file, false, RouteRole::any_reviewer, false, ""},
      {"HEAD", kOutsideApi, Action::static_file, false, RouteRole::any_reviewer, false, ""},
  };
  return routes;
}

common::Result<RouteMatch, RouteMiss> match_route(std::string_view method, std::string_view path) {
  RouteMiss miss{false, {}};
  for (const Route& route : route_table()) {
    auto session = match_pattern(route.pattern, path);
    if (!session) continue;
    if (route.method == method) return RouteMatch{&route, std::move(*session)};
    miss.path_known = true;
    if (miss.allow.find(route.method) == std::string::npos) {
      miss.allow += (miss.allow.empty() ? "" : ", ") + std::string(route.method);
    }
  }
  // The API routes answer CORS preflights too.
  if (miss.path_known && is_api_path(path)) miss.allow += ", OPTIONS";
  return common::Fail(std::move(miss));
}

}  // namespace iiv::stub
