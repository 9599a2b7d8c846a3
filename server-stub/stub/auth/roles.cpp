#include "stub/auth/roles.hpp"

namespace iiv::stub {

const char* role_name(Role role) {
  switch (role) {
#define IIV_NAME_CASE(role, name) \
  case Role::role: return name;
    IIV_REVIEWER_ROLES(IIV_NAME_CASE)
#undef IIV_NAME_CASE
  }
  return "?";
}

std::optional<Role> parse_role(std::string_view name) {
#define IIV_PARSE(role, role_text) \
  if (name == role_text) return Role::role;
  IIV_REVIEWER_ROLES(IIV_PARSE)
#undef IIV_PARSE
  return std::nullopt;
}

std::vector<std::string> role_names(const RoleSet& roles) {
  std::vector<std::string> names;
  for (const Role role : roles) names.emplace_back(role_name(role));
  return names;
}

}  // namespace iiv::stub
