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

enum class Role { view, reveal, redact, operator_ };

const char* role_name(Role role);
std::optional<Role> parse_role(std::string_view name);

using RoleSet = std::set<Role>;

std::vector<std::string> role_names(const RoleSet& roles);

}  // namespace iiv::stub
