#pragma once
// What may be done, decided before Stripe is called. First the reviewer's role for the
// route (view, redact, operator; "reveal" and "redact" each include "view"), then the
// server's policy: are images shown at all, which sensitive fields may ever be expanded
// (and only to a reviewer holding "reveal" itself), and is the key one that can read them.
#include "stub/api/api_error.hpp"
#include "stub/auth/roles.hpp"
#include "stub/sessions/sensitive_field.hpp"

namespace iiv::stub {

struct AccessSettings {
  bool images_allowed = true;
  SensitiveFieldSet sensitive_allowed;  // empty by default: no sensitive field ever
};

// The role a route needs.
enum class RouteRole { any_reviewer, view, redact, operator_ };

Result<Done> check_route_role(RouteRole needed, const RoleSet& roles);

Result<Done> check_images_allowed(const AccessSettings& settings);
// Sensitive fields asked for: each allowed by configuration, and the reviewer holds "reveal".
Result<Done> check_sensitive_request(const AccessSettings& settings, const RoleSet& roles,
                                     const SensitiveFieldSet& requested);
// A secret key (sk_…) cannot read images or sensitive results: refuse before calling.
Result<Done> check_key_for_sensitive(const std::string& key);

}  // namespace iiv::stub
