#include "stub/api/access_policy.hpp"

#include <string>

#include "common/secret_mask.hpp"

namespace iiv::stub {

namespace {

ApiError role_missing(const char* role, const char* what) {
  return {ErrorCode::role_missing, std::string("Your reviewer account lacks the \"") + role + "\" role needed to " + what + ".",
          {}};
}

}  // namespace

bool may_view(const RoleSet& roles) {
  return roles.count(Role::view) != 0 || roles.count(Role::reveal) != 0 || roles.count(Role::redact) != 0;
}

std::optional<ApiError> check_image_access(const AccessSettings& settings, const RoleSet& roles) {
  if (!settings.images_allowed) {
    return ApiError{ErrorCode::images_disabled, "This server is configured not to show images (--images off).", {}};
  }
  if (!may_view(roles)) return role_missing("view", "see images");
  return std::nullopt;
}

std::optional<ApiError> check_summary_access(const AccessSettings& settings, const RoleSet& roles,
                                             const SensitiveFieldSet& requested) {
  for (SensitiveField field : requested) {
    if (settings.sensitive_allowed.count(field) == 0) {
      return ApiError{ErrorCode::sensitive_field_not_allowed,
                      std::string("This server is configured never to show the sensitive field \"") +
                          sensitive_field_name(field) + "\" (see --allow-sensitive).",
                      {}};
    }
  }
  if (!may_view(roles)) return role_missing("view", "see verification results");
  if (!requested.empty() && roles.count(Role::reveal) == 0) return role_missing("reveal", "see sensitive fields");
  return std::nullopt;
}

std::optional<ApiError> check_list_access(const RoleSet& roles) {
  if (!may_view(roles)) return role_missing("view", "list verifications");
  return std::nullopt;
}

std::optional<ApiError> check_redact_access(const RoleSet& roles) {
  if (roles.count(Role::redact) == 0) return role_missing("redact", "redact a verification");
  return std::nullopt;
}

std::optional<ApiError> check_metrics_access(const RoleSet& roles) {
  if (roles.count(Role::operator_) == 0) return role_missing("operator", "read the metrics");
  return std::nullopt;
}

std::optional<ApiError> check_key_for_sensitive(const std::string& key) {
  if (common::key_kind(key) == common::KeyKind::secret) {
    return ApiError{ErrorCode::secret_key_refused,
                    "The server is configured with a secret key (sk_…), which cannot read images or sensitive "
                    "verification results. Configure a restricted key (rk_…) with the permissions \"Identity "
                    "Verification Sessions and Reports: Read\", \"Access recent sensitive verification results: Read\" "
                    "and, for images, \"Files: Write\".",
                    {}};
  }
  return std::nullopt;
}

}  // namespace iiv::stub
