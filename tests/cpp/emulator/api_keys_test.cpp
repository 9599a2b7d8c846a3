#include "emulator/api_keys.hpp"

#include <gtest/gtest.h>

#include "emulator/builtin_keys.hpp"
#include "emulator/permissions.hpp"

namespace iiv::emulator {
namespace {

ApiKey authenticated(const KeyRing& ring, const std::string& key) {
  auto r = ring.authenticate(key);
  EXPECT_TRUE(r.ok()) << key;
  return r.ok() ? r.value() : ApiKey{};
}

ApiError refused(const KeyRing& ring, const std::string& key) {
  auto r = ring.authenticate(key);
  EXPECT_FALSE(r.ok()) << key;
  return r.ok() ? ApiError{} : r.error();
}

TEST(ApiKeys, BuiltInKeysHaveTheirDocumentedRoles) {
  const KeyRing ring = KeyRing::builtin();
  const ApiKey full = authenticated(ring, builtin_keys::full_access);
  EXPECT_EQ(full.kind, common::KeyKind::restricted);
  EXPECT_TRUE(full.has_permission(permissions::identity_read));
  EXPECT_TRUE(full.has_permission(permissions::sensitive_results_read));
  EXPECT_TRUE(full.has_permission(permissions::file_write));
  EXPECT_TRUE(full.has_permission(permissions::file_read));  // write implies read
  EXPECT_FALSE(full.has_permission(permissions::identity_write));
  EXPECT_FALSE(full.ip_restricted);

  const ApiKey redactor = authenticated(ring, builtin_keys::full_access_redact);
  EXPECT_TRUE(redactor.has_permission(permissions::identity_write));
  EXPECT_TRUE(redactor.has_permission(permissions::sensitive_results_read));
  EXPECT_TRUE(redactor.has_permission(permissions::file_write));

  EXPECT_TRUE(authenticated(ring, builtin_keys::ip_restricted).ip_restricted);
  EXPECT_FALSE(authenticated(ring, builtin_keys::no_files_write).has_permission(permissions::file_write));
  EXPECT_TRUE(authenticated(ring, builtin_keys::no_files_write).has_permission(permissions::sensitive_results_read));
  EXPECT_FALSE(authenticated(ring, builtin_keys::no_sensitive).has_permission(permissions::sensitive_results_read));
  EXPECT_TRUE(authenticated(ring, builtin_keys::no_sensitive).has_permission(permissions::file_write));

  const ApiKey secret = authenticated(ring, builtin_keys::secret);
  EXPECT_EQ(secret.kind, common::KeyKind::secret);
  EXPECT_TRUE(secret.has_permission(permissions::identity_write));
}

TEST(ApiKeys, RefusalsAre401WithStripesWordingAndAMaskedKey) {
  const KeyRing ring = KeyRing::builtin();
  const ApiError none = refused(ring, "");
  EXPECT_EQ(none.http_status, 401);
  EXPECT_NE(none.message.find("You did not provide an API key"), std::string::npos);

  const std::string unknown = "rk_test_notAKeyOfThisEmulator9876";
  const ApiError invalid = refused(ring, unknown);
  EXPECT_EQ(invalid.http_status, 401);
  EXPECT_EQ(invalid.type, "invalid_request_error");
  EXPECT_EQ(invalid.message, "Invalid API Key provided: rk_test_…9876");
  EXPECT_EQ(invalid.message.find(unknown), std::string::npos);

  const ApiError expired = refused(ring, builtin_keys::rolled);
  EXPECT_EQ(expired.http_status, 401);
  EXPECT_EQ(expired.code, "api_key_expired");
  EXPECT_EQ(expired.message, "Expired API Key provided: rk_test_…ROLD");
  EXPECT_EQ(expired.to_json()["error"]["doc_url"], "https://stripe.com/docs/error-codes/api-key-expired");

  EXPECT_NE(refused(ring, "pk_test_something1234567890abcd").message.find("publishable"), std::string::npos);
}

TEST(ApiKeys, RollingRefusesTheOldKeyAndCanAddItsReplacement) {
  KeyRing ring = KeyRing::builtin();
  EXPECT_TRUE(ring.roll(builtin_keys::full_access, std::string("rk_test_iivemu_replacement_key_NEW1")).ok());
  EXPECT_EQ(refused(ring, builtin_keys::full_access).code, "api_key_expired");
  const ApiKey fresh = authenticated(ring, "rk_test_iivemu_replacement_key_NEW1");
  EXPECT_TRUE(fresh.has_permission(permissions::sensitive_results_read));
  EXPECT_EQ(ring.roll("rk_test_unknown_key_0000000000000", std::nullopt).error(), "no such key");
  EXPECT_FALSE(ring.roll(builtin_keys::secret, std::string("rk_test_wrong_kind_for_secret_0000")).ok());
  EXPECT_FALSE(ring.roll(builtin_keys::no_sensitive, std::string(builtin_keys::ip_restricted)).ok());
}

TEST(ApiKeys, KeyFileEntries) {
  const KeyRing ring = KeyRing::from_json(nlohmann::json::parse(R"({"keys":[
    {"key":"rk_test_file_key_one_0000000001","kind":"restricted","permissions":["rak_file_write"],"ip_restricted":true},
    {"key":"sk_test_file_key_two_0000000002","kind":"secret"},
    {"key":"rk_test_file_key_three_000000003","kind":"restricted","rolled":true}]})"));
  const ApiKey one = authenticated(ring, "rk_test_file_key_one_0000000001");
  EXPECT_TRUE(one.ip_restricted);
  EXPECT_TRUE(one.has_permission(permissions::file_write));
  EXPECT_FALSE(one.has_permission(permissions::identity_read));
  EXPECT_EQ(authenticated(ring, "sk_test_file_key_two_0000000002").kind, common::KeyKind::secret);
  EXPECT_EQ(refused(ring, "rk_test_file_key_three_000000003").code, "api_key_expired");
  EXPECT_EQ(refused(ring, builtin_keys::full_access).http_status, 401);  // a key file replaces the built-in set
}

TEST(ApiKeys, UnusableKeyFilesAreRefusedWithoutQuotingTheKey) {
  const std::vector<std::string> bad = {
      R"([{"key":"rk_live_realLookingLiveKey12345678","kind":"restricted"}])",  // live keys never
      R"([{"key":"sk_test_kindMismatch000000000000","kind":"restricted"}])",
      R"([{"key":"rk_test_badPermission0000000000","kind":"restricted","permissions":["rak_everything"]}])",
      R"([{"key":"rk_test_duplicate00000000000000","kind":"restricted"},{"key":"rk_test_duplicate00000000000000","kind":"restricted"}])",
      R"([{"key":"rk_test_badFlag0000000000000000","kind":"restricted","rolled":"yes"}])",
      R"([{"kind":"restricted"}])",
      R"([])",
      R"({"nokeys":1})"};
  for (const auto& text : bad) {
    try {
      KeyRing::from_json(nlohmann::json::parse(text));
      ADD_FAILURE() << "accepted: " << text;
    } catch (const KeyFileError& e) {
      const std::string message = e.what();
      for (const char* key : {"rk_live_realLookingLiveKey12345678", "sk_test_kindMismatch000000000000",
                              "rk_test_badPermission0000000000", "rk_test_duplicate00000000000000"})
        EXPECT_EQ(message.find(key), std::string::npos) << message;
    }
  }
  EXPECT_THROW(KeyRing::from_file("/nonexistent/keys.json"), KeyFileError);
}

}  // namespace
}  // namespace iiv::emulator
