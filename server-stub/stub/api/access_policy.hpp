#pragma once
// What may be shown, decided before Stripe is called: the server's configuration (are
// images shown at all, which sensitive fields may ever be expanded) and then the
// reviewer's roles. "reveal" and "redact" each include "view"; sensitive fields need
// "reveal" itself, redaction needs "redact" itself, metrics need "operator".
#include <optional>

#include "stub/api/api_error.hpp"
#include "stub/auth/roles.hpp"
#include "stub/sessions/sensitive_field.hpp"

namespace iiv::stub {

struct AccessSettings {
  bool images_allowed = true;
  SensitiveFieldSet sensitive_allowed;  // empty by default: no sensitive field ever
};

bool may_view(const RoleSet& roles);

std::optional<ApiError> check_image_access(const AccessSettings& settings, const RoleSet& roles);
std::optional<ApiError> check_summary_access(const AccessSettings& settings, const RoleSet& roles,
                                             const SensitiveFieldSet& requested);
std::optional<ApiError> check_list_access(const RoleSet& roles);
std::optional<ApiError> check_redact_access(const RoleSet& roles);
std::optional<ApiError> check_metrics_access(const RoleSet& roles);

// A secret key (sk_…) cannot read images or sensitive results: refuse before calling.
std::optional<ApiError> check_key_for_sensitive(const std::string& key);

}  // namespace iiv::stub
