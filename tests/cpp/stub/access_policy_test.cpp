#include "stub/api/access_policy.hpp"

#include <gtest/gtest.h>

namespace iiv::stub {
namespace {

// The code of a refusal, or internal_error standing for "it was allowed" (never a refusal
// these checks give), so one EXPECT_EQ reads as "refused with …".
ErrorCode code_of(const Result<Done>& outcome) { return outcome ? ErrorCode::internal_error : outcome.error().code; }

// The checks a request for images passes, in the pipeline's order: the route's role, then
// the server's policy.
Result<Done> image_access(const AccessSettings& settings, const RoleSet& roles) {
  if (auto role = check_route_role(RouteRole::view, roles); !role) return role;
  return check_images_allowed(settings);
}

// The same for a summary asking for `requested` sensitive fields.
Result<Done> summary_access(const AccessSettings& settings, const RoleSet& roles, const SensitiveFieldSet& requested) {
  if (auto role = check_route_role(RouteRole::view, roles); !role) return role;
  return check_sensitive_request(settings, roles, requested);
}

TEST(AccessPolicy, DefaultShowsImagesToViewersAndNoSensitiveField) {
  const AccessSettings defaults;
  EXPECT_TRUE(image_access(defaults, {Role::view}).ok());
  EXPECT_TRUE(summary_access(defaults, {Role::view}, {}).ok());
  EXPECT_EQ(code_of(summary_access(defaults, {Role::view, Role::reveal}, {SensitiveField::dob})),
            ErrorCode::sensitive_field_not_allowed);
}

TEST(AccessPolicy, ImagesOffRefusesEveryone) {
  AccessSettings settings;
  settings.images_allowed = false;
  EXPECT_EQ(code_of(image_access(settings, {Role::view, Role::reveal, Role::redact})), ErrorCode::images_disabled);
  EXPECT_EQ(code_of(check_images_allowed(settings)), ErrorCode::images_disabled);
}

TEST(AccessPolicy, SensitiveFieldsNeedConfigurationAndTheRevealRole) {
  AccessSettings settings;
  settings.sensitive_allowed = {SensitiveField::dob};
  EXPECT_EQ(code_of(summary_access(settings, {Role::view}, {SensitiveField::dob})), ErrorCode::role_missing);
  EXPECT_TRUE(summary_access(settings, {Role::reveal}, {SensitiveField::dob}).ok());
  // Configuration is checked before roles: a field never allowed is refused as such.
  EXPECT_EQ(code_of(check_sensitive_request(settings, {Role::view}, {SensitiveField::id_number})),
            ErrorCode::sensitive_field_not_allowed);
  EXPECT_EQ(code_of(summary_access(settings, {Role::reveal}, {SensitiveField::dob, SensitiveField::id_number})),
            ErrorCode::sensitive_field_not_allowed);
}

TEST(AccessPolicy, RefusalsNameTheMissingRoleOrField) {
  AccessSettings settings;
  settings.sensitive_allowed = {SensitiveField::dob};
  const auto no_reveal = check_sensitive_request(settings, {Role::view}, {SensitiveField::dob});
  ASSERT_FALSE(no_reveal.ok());
  EXPECT_NE(no_reveal.error().message.find("\"reveal\""), std::string::npos) << no_reveal.error().message;
  const auto never = check_sensitive_request(settings, {Role::reveal}, {SensitiveField::expiration_date});
  ASSERT_FALSE(never.ok());
  EXPECT_NE(never.error().message.find("\"expiration_date\""), std::string::npos) << never.error().message;
  EXPECT_NE(never.error().message.find("--allow-sensitive"), std::string::npos);
}

TEST(AccessPolicy, RolesGrantWhatTheySay) {
  EXPECT_EQ(code_of(image_access({}, {})), ErrorCode::role_missing);
  EXPECT_EQ(code_of(image_access({}, {Role::operator_})), ErrorCode::role_missing);
  EXPECT_TRUE(image_access({}, {Role::redact}).ok());
  EXPECT_TRUE(image_access({}, {Role::reveal}).ok());
  EXPECT_EQ(code_of(check_route_role(RouteRole::redact, {Role::view, Role::reveal})), ErrorCode::role_missing);
  EXPECT_TRUE(check_route_role(RouteRole::redact, {Role::redact}).ok());
  EXPECT_EQ(code_of(check_route_role(RouteRole::operator_, {Role::view, Role::reveal, Role::redact})),
            ErrorCode::role_missing);
  EXPECT_TRUE(check_route_role(RouteRole::operator_, {Role::operator_}).ok());
  // The session list needs "view" like every other look at verifications.
  EXPECT_EQ(code_of(check_route_role(RouteRole::view, {Role::operator_})), ErrorCode::role_missing);
  // /api/me answers any reviewer, even one holding no role at all.
  EXPECT_TRUE(check_route_role(RouteRole::any_reviewer, {}).ok());
}

TEST(AccessPolicy, SecretKeyIsRefusedWithTheNeededPermissionsNamed) {
  const auto refused = check_key_for_sensitive("sk_test_abcdefghijklmnopqrstuvwxyz");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::secret_key_refused);
  EXPECT_NE(refused.error().message.find("restricted key"), std::string::npos);
  EXPECT_NE(refused.error().message.find("Files: Write"), std::string::npos);
  EXPECT_NE(refused.error().message.find("Access recent sensitive verification results"), std::string::npos);
  EXPECT_TRUE(check_key_for_sensitive("rk_test_abcdefghijklmnopqrstuvwxyz").ok());
}

}  // namespace
}  // namespace iiv::stub
