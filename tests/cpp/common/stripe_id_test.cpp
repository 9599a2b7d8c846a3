#include <gtest/gtest.h>

#include "common/stripe_id.hpp"

using iiv::common::is_stripe_id;

TEST(StripeId, AcceptsStripeShapedIds) {
  EXPECT_TRUE(is_stripe_id("vs_1Pgag2B7WZ01zgkWITx3dIQc", "vs_"));
  EXPECT_TRUE(is_stripe_id("file_1Pgag2B7WZ01zgkW_x", "file_"));
}

TEST(StripeId, RefusesWrongPrefixEmptyBodyAndPathTricks) {
  EXPECT_FALSE(is_stripe_id("vr_123", "vs_"));
  EXPECT_FALSE(is_stripe_id("vs_", "vs_"));
  EXPECT_FALSE(is_stripe_id("vs_../../v1/charges", "vs_"));
  EXPECT_FALSE(is_stripe_id("vs_123?expand[]=x", "vs_"));
  EXPECT_FALSE(is_stripe_id("vs_12%2F3", "vs_"));
  EXPECT_FALSE(is_stripe_id("vs_12 3", "vs_"));
  EXPECT_FALSE(is_stripe_id(std::string_view("vs_12\0", 6), "vs_"));
  EXPECT_FALSE(is_stripe_id("vs_" + std::string(251, 'a'), "vs_"));
  EXPECT_TRUE(is_stripe_id("vs_" + std::string(250, 'a'), "vs_"));
}
