#include "stub/auth/roles.hpp"

namespace iiv::stub {

const char* role_name(Role role) {
  switch (role) {
    case Role::view: return "view";
    case Role::reveal: return "reveal";
    case Role::redact: return "redact";
    case Role::operator_: return "operator";
  }
  return "?";
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role r : {Role::view, Role::reveal, Role::redact, Role::operator_}) {
    if (name == role_name(r)) return r;
  }
  return std::nullopt;
}

std::vector<std::string> role_names(const RoleSet& roles) {
  std::vector<std::string> names;
  for (const Role role : roles) names.emplace_back(role_name(role));
  return names;
}

}  // namespace iiv::stub
