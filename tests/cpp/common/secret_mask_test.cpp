#include <gtest/gtest.h>

#include "common/secret_mask.hpp"

using namespace iiv::common;

TEST(SecretMask, ShowsOnlyPrefixAndLastFour) {
  const std::string key = "rk_test_51Habcdefghijklmnopqrstuvwxyz0123WXYZ";
  const std::string masked = mask_key(key);
  EXPECT_EQ(masked, "rk_test_…WXYZ");
  EXPECT_EQ(masked.find("51Habc"), std::string::npos);
}

TEST(SecretMask, ShortKeysRevealNoTail) {
  EXPECT_EQ(mask_key("rk_test_short"), "rk_test_…");
  EXPECT_EQ(mask_key("whatever"), "key…");
}

TEST(SecretMask, KnowsKeyKinds) {
  EXPECT_EQ(key_kind("sk_live_x"), KeyKind::secret);
  EXPECT_EQ(key_kind("rk_test_x"), KeyKind::restricted);
  EXPECT_EQ(key_kind("pk_test_x"), KeyKind::publishable);
  EXPECT_EQ(key_kind("xx"), KeyKind::unknown);
  EXPECT_STREQ(key_kind_name(KeyKind::restricted), "restricted");
}
