#include "stub/api/access_policy.hpp"

#include <string>

#include "common/secret_mask.hpp"

namespace iiv::stub {

namespace {

Result<Done> role_missing(const char* role, const char* what) {
  return Fail(ApiError{ErrorCode::role_missing,
                       std::string("Your reviewer account lacks the \"") + role + "\" role needed to " + what + ".",
                       {}});
}

bool has(const RoleSet& roles, Role role) { return roles.count(role) != 0; }

}  // namespace

Result<Done> check_route_role(RouteRole needed, const RoleSet& roles) {
  switch (needed) {
    case RouteRole::any_reviewer: return Done{};
    case RouteRole::view:
      if (has(roles, Role::view) || has(roles, Role::reveal) || has(roles, Role::redact)) return Done{};
      return role_missing("view", "see verifications");
    case RouteRole::redact:
      if (has(roles, Role::redact)) return Done{};
      return role_missing("redact", "redact a verification");
    case RouteRole::operator_:
      if (has(roles, Role::operator_)) return Done{};
      return role_missing("operator", "read the metrics");
  }
  return role_missing("view", "see verifications");
}

Result<Done> check_images_allowed(const AccessSettings& settings) {
  if (settings.images_allowed) return Done{};
  return Fail(ApiError{ErrorCode::images_disabled, "This server is configured not to show images (--images off).", {}});
}

Result<Done> check_sensitive_request(const AccessSettings& settings, const RoleSet& roles,
                                     const SensitiveFieldSet& requested) {
  // Configuration first: a field never allowed is refused as such, whoever asks.
  for (SensitiveField field : requested) {
    if (settings.sensitive_allowed.count(field) == 0) {
      return Fail(ApiError{ErrorCode::sensitive_field_not_allowed,
                           std::string("This server is configured never to show the sensitive field \"") +
                               sensitive_field_name(field) + "\" (see --allow-sensitive).",
                           {}});
    }
  }
  if (!requested.empty() && !has(roles, Role::reveal)) return role_missing("reveal", "see sensitive fields");
  return Done{};
}

Result<Done> check_key_for_sensitive(const std::string& key) {
  if (common::key_kind(key) != common::KeyKind::secret) return Done{};
  return Fail(ApiError{ErrorCode::secret_key_refused,
                       "The server is configured with a secret key (sk_…), which cannot read images or sensitive "
                       "verification results. Configure a restricted key (rk_…) with the permissions \"Identity "
                       "Verification Sessions and Reports: Read\", \"Access recent sensitive verification results: "
                       "Read\" and, for images, \"Files: Write\".",
                       {}});
}

}  // namespace iiv::stub
