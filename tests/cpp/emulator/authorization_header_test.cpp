#include "emulator/authorization_header.hpp"

#include <gtest/gtest.h>

namespace iiv::emulator {
namespace {

TEST(AuthorizationHeader, BearerKey) {
  EXPECT_EQ(api_key_from_authorization("Bearer rk_test_abc"), "rk_test_abc");
  EXPECT_EQ(api_key_from_authorization("  bearer   rk_test_abc  "), "rk_test_abc");
}

TEST(AuthorizationHeader, BasicWithTheKeyAsUser) {
  // base64("sk_test_abc:") and base64("sk_test_abc") (curl -u key: and without the colon)
  EXPECT_EQ(api_key_from_authorization("Basic c2tfdGVzdF9hYmM6"), "sk_test_abc");
  EXPECT_EQ(api_key_from_authorization("Basic c2tfdGVzdF9hYmM="), "sk_test_abc");
}

TEST(AuthorizationHeader, AnythingElseCarriesNoKey) {
  EXPECT_EQ(api_key_from_authorization(""), "");
  EXPECT_EQ(api_key_from_authorization("rk_test_abc"), "");
  EXPECT_EQ(api_key_from_authorization("Token rk_test_abc"), "");
  EXPECT_EQ(api_key_from_authorization("Basic !!!"), "");
}

TEST(AuthorizationHeader, Base64Decoding) {
  EXPECT_EQ(base64_decode("aGVsbG8="), "hello");
  EXPECT_EQ(base64_decode("aGVsbG8"), "hello");
  EXPECT_EQ(base64_decode("YQ=="), "a");
  EXPECT_EQ(base64_decode("a b"), "");
}

}  // namespace
}  // namespace iiv::emulator
