#pragma once
// What a reviewer may do. "view": images and the summary; "reveal": also sensitive fields;
// "redact": also redaction; "operator": the metrics. Roles are independent grants: the
// reviewers file lists every one a reviewer holds.
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace iiv::stub {

// Each role once, with the name the reviewers file and the audit log use; the enum,
// role_name and parse_role are expanded from this table.
#define IIV_REVIEWER_ROLES(X) \
  X(view, "view")             \
  X(reveal, "reveal")         \
  X(redact, "redact")         \
  X(operator_, "operator")

enum class Role {
#define IIV_ENUMERATOR(role, name) role,
  IIV_REVIEWER_ROLES(IIV_ENUMERATOR)
#undef IIV_ENUMERATOR
};

const char* role_name(Role role);
std::optional<Role> parse_role(std::string_view name);

using RoleSet = std::set<Role>;

std::vector<std::string> role_names(const RoleSet& roles);

}  // namespace iiv::stub
