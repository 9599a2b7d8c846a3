#include "stub/api/access_policy.hpp"

#include <gtest/gtest.h>

namespace iiv::stub {
namespace {

ErrorCode code_of(const std::optional<ApiError>& error) { return error ? error->code : ErrorCode::internal_error; }

TEST(AccessPolicy, DefaultShowsImagesToViewersAndNoSensitiveField) {
  const AccessSettings defaults;
  EXPECT_FALSE(check_image_access(defaults, {Role::view}).has_value());
  EXPECT_FALSE(check_summary_access(defaults, {Role::view}, {}).has_value());
  EXPECT_EQ(code_of(check_summary_access(defaults, {Role::view, Role::reveal}, {SensitiveField::dob})),
            ErrorCode::sensitive_field_not_allowed);
}

TEST(AccessPolicy, ImagesOffRefusesEveryone) {
  AccessSettings settings;
  settings.images_allowed = false;
  EXPECT_EQ(code_of(check_image_access(settings, {Role::view, Role::reveal, Role::redact})), ErrorCode::images_disabled);
}

TEST(AccessPolicy, SensitiveFieldsNeedConfigurationAndTheRevealRole) {
  AccessSettings settings;
  settings.sensitive_allowed = {SensitiveField::dob};
  EXPECT_EQ(code_of(check_summary_access(settings, {Role::view}, {SensitiveField::dob})), ErrorCode::role_missing);
  EXPECT_FALSE(check_summary_access(settings, {Role::reveal}, {SensitiveField::dob}).has_value());
  // Configuration is checked before roles: a field never allowed is refused as such.
  EXPECT_EQ(code_of(check_summary_access(settings, {Role::reveal}, {SensitiveField::dob, SensitiveField::id_number})),
            ErrorCode::sensitive_field_not_allowed);
}

TEST(AccessPolicy, RolesGrantWhatTheySay) {
  EXPECT_EQ(code_of(check_image_access({}, {})), ErrorCode::role_missing);
  EXPECT_EQ(code_of(check_image_access({}, {Role::operator_})), ErrorCode::role_missing);
  EXPECT_FALSE(check_image_access({}, {Role::redact}).has_value());
  EXPECT_EQ(code_of(check_redact_access({Role::view, Role::reveal})), ErrorCode::role_missing);
  EXPECT_FALSE(check_redact_access({Role::redact}).has_value());
  EXPECT_EQ(code_of(check_metrics_access({Role::view, Role::reveal, Role::redact})), ErrorCode::role_missing);
  EXPECT_FALSE(check_metrics_access({Role::operator_}).has_value());
  EXPECT_EQ(code_of(check_list_access({Role::operator_})), ErrorCode::role_missing);
}

TEST(AccessPolicy, SecretKeyIsRefusedWithTheNeededPermissionsNamed) {
  const auto refused = check_key_for_sensitive("sk_test_abcdefghijklmnopqrstuvwxyz");
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->code, ErrorCode::secret_key_refused);
  EXPECT_NE(refused->message.find("restricted key"), std::string::npos);
  EXPECT_NE(refused->message.find("Files: Write"), std::string::npos);
  EXPECT_NE(refused->message.find("Access recent sensitive verification results"), std::string::npos);
  EXPECT_FALSE(check_key_for_sensitive("rk_test_abcdefghijklmnopqrstuvwxyz").has_value());
}

}  // namespace
}  // namespace iiv::stub
