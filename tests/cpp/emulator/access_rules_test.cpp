#include "emulator/access_rules.hpp"

#include <gtest/gtest.h>

#include "emulator/builtin_keys.hpp"
#include "emulator/permissions.hpp"

namespace iiv::emulator {
namespace {

constexpr std::int64_t kNow = 1'800'000'000;

ApiKey key(const char* name) { return KeyRing::builtin().authenticate(name).value(); }

// The refusal a rule gave, if it gave one.
std::optional<ApiError> refusal(const common::Result<common::Done, ApiError>& checked) {
  if (checked) return std::nullopt;
  return checked.error();
}

int status_of(const common::Result<common::Done, ApiError>& checked) {
  return checked ? 0 : checked.error().http_status;
}

StoredFile file_of(const std::string& purpose) {
  StoredFile f;
  f.id = "file_1Test";
  f.purpose = purpose;
  f.verification_session = "vs_1Test";
  return f;
}

VerificationSession processed(std::int64_t seconds_ago) {
  VerificationSession s;
  s.id = "vs_1Test";
  s.status = "verified";
  s.processed_at = kNow - seconds_ago;
  return s;
}

TEST(AccessRules, EndpointPermissionNamesTheMissingPermission) {
  EXPECT_FALSE(refusal(require_permission(key(builtin_keys::full_access), permissions::file_write)));
  const auto refused = refusal(require_permission(key(builtin_keys::no_files_write), permissions::file_write));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->http_status, 403);
  EXPECT_EQ(refused->message,
            "The provided key 'rk_test_…NOFW' does not have the required permissions for this endpoint on account "
            "'acct_1IivEmulatorAcct'. Having the 'rak_file_write' permission would allow this request to continue.");
  EXPECT_FALSE(refusal(require_permission(key(builtin_keys::secret), permissions::identity_write)));
}

TEST(AccessRules, SensitiveResultsNeedARestrictedKeyWithThePermission) {
  const auto secret =
      refusal(check_sensitive_access(key(builtin_keys::secret), kNow - 60, kNow, "verified_outputs.dob"));
  ASSERT_TRUE(secret);
  EXPECT_EQ(secret->http_status, 403);
  EXPECT_NE(secret->message.find("secret key"), std::string::npos);
  EXPECT_NE(secret->message.find("verified_outputs.dob"), std::string::npos);

  const auto lacking = refusal(check_sensitive_access(key(builtin_keys::no_sensitive), kNow - 60, kNow, "x"));
  ASSERT_TRUE(lacking);
  EXPECT_NE(lacking->message.find("'rak_identity_sensitive_results_read'"), std::string::npos);

  EXPECT_FALSE(refusal(check_sensitive_access(key(builtin_keys::full_access), kNow - 60, kNow, "x")));
}

TEST(AccessRules, FortyEightHourWindowUnlessIpRestricted) {
  const std::int64_t inside = kSensitiveWindowSeconds - 1;
  const std::int64_t outside = kSensitiveWindowSeconds + 1;
  EXPECT_FALSE(refusal(check_sensitive_access(key(builtin_keys::full_access), kNow - inside, kNow, "x")));
  const auto late = refusal(check_sensitive_access(key(builtin_keys::full_access), kNow - outside, kNow, "x"));
  ASSERT_TRUE(late);
  EXPECT_EQ(late->http_status, 403);
  EXPECT_NE(late->message.find("48 hours"), std::string::npos);
  EXPECT_NE(late->message.find("IP restrictions"), std::string::npos);
  EXPECT_FALSE(refusal(check_sensitive_access(key(builtin_keys::ip_restricted), kNow - outside, kNow, "x")));
  EXPECT_FALSE(refusal(check_sensitive_access(key(builtin_keys::full_access), std::nullopt, kNow, "x")));
}

TEST(AccessRules, IdentityImageLinksExpireWithinThirtySeconds) {
  const ApiKey full = key(builtin_keys::full_access);
  const VerificationSession owner = processed(600);
  for (const char* purpose : {"identity_document_downloadable", "selfie"}) {
    const StoredFile f = file_of(purpose);
    EXPECT_FALSE(refusal(check_file_link(full, f, &owner, kNow + 30, kNow))) << purpose;
    EXPECT_FALSE(refusal(check_file_link(full, f, &owner, kNow + 1, kNow))) << purpose;
    for (const std::optional<std::int64_t> bad :
         {std::optional<std::int64_t>(kNow + 31), std::optional<std::int64_t>()}) {
      const auto e = refusal(check_file_link(full, f, &owner, bad, kNow));
      ASSERT_TRUE(e) << purpose;
      EXPECT_EQ(e->http_status, 400);
      EXPECT_EQ(e->type, "invalid_request_error");
      EXPECT_EQ(e->param, "expires_at");
    }
    const auto past = refusal(check_file_link(full, f, &owner, kNow, kNow));
    ASSERT_TRUE(past);
    EXPECT_EQ(past->param, "expires_at");
  }
}

TEST(AccessRules, IdentityImageLinksFollowTheSensitiveRules) {
  const StoredFile image = file_of("identity_document_downloadable");
  const VerificationSession recent = processed(600);
  const VerificationSession old = processed(kSensitiveWindowSeconds + 600);
  EXPECT_EQ(status_of(check_file_link(key(builtin_keys::secret), image, &recent, kNow + 10, kNow)), 403);
  EXPECT_EQ(status_of(check_file_link(key(builtin_keys::no_sensitive), image, &recent, kNow + 10, kNow)), 403);
  EXPECT_EQ(status_of(check_file_link(key(builtin_keys::full_access), image, &old, kNow + 10, kNow)), 403);
  EXPECT_FALSE(refusal(check_file_link(key(builtin_keys::ip_restricted), image, &old, kNow + 10, kNow)));

  VerificationSession redacted = recent;
  redacted.redaction_requested_ms = kNow * 1000;
  const auto gone = refusal(check_file_link(key(builtin_keys::full_access), image, &redacted, kNow + 10, kNow));
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->http_status, 400);
  EXPECT_EQ(gone->param, "file");
}

TEST(AccessRules, IdentityDocumentUploadsAreNeverLinkableOtherFilesAreFree) {
  const auto e =
      refusal(check_file_link(key(builtin_keys::full_access), file_of("identity_document"), nullptr, kNow + 10, kNow));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->http_status, 400);
  EXPECT_EQ(e->param, "file");
  StoredFile evidence = file_of("dispute_evidence");
  evidence.verification_session.reset();
  EXPECT_FALSE(refusal(check_file_link(key(builtin_keys::secret), evidence, nullptr, std::nullopt, kNow)));
  EXPECT_FALSE(refusal(check_file_link(key(builtin_keys::secret), evidence, nullptr, kNow + 86400, kNow)));
}

}  // namespace
}  // namespace iiv::emulator
