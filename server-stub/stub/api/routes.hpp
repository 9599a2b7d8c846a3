#pragma once
// Every route the stub answers, in one table: the method, the path pattern, what it does,
// the role it needs. The same table answers 404 (no route has the path) and 405 (a route
// has the path, not the method: the answer lists the methods that are, in Allow).
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "stub/api/access_policy.hpp"

namespace iiv::stub {

enum class Action { health, metrics, me, list_sessions, summary, image_links, redact, static_file };

struct Route {
  std::string_view method;
  // Segments separated by '/'; "{session}" matches one segment; "/**" is any path outside
  // /api (the static mounts).
  std::string_view pattern;
  Action action;
  bool needs_reviewer;
  RouteRole role;
  bool json_body;                 // a POST whose body must be JSON (and say so)
  std::string_view audit_action;  // how the audit log names it
};

const std::vector<Route>& route_table();

struct RouteMatch {
  const Route* route;
  std::string session_segment;  // the raw {session} segment, not yet validated
};

struct RouteMiss {
  bool path_known;    // some route has this path: 405, else 404
  std::string allow;  // "GET, HEAD" for a 405
};

common::Result<RouteMatch, RouteMiss> match_route(std::string_view method, std::string_view path);

// "/api" and everything under it: the reviewer API, never a static file.
bool is_api_path(std::string_view path);

}  // namespace iiv::stub
