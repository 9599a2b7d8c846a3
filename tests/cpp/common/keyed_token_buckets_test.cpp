#include "common/keyed_token_buckets.hpp"

#include <gtest/gtest.h>

namespace iiv::common {
namespace {

using namespace std::chrono_literals;
using Clock = KeyedTokenBuckets::Clock;
const Clock::time_point kT0 = Clock::time_point(1000h);
constexpr Clock::duration kNow = Clock::duration::zero();

TEST(KeyedTokenBuckets, EachKeyHasItsOwnFullBucket) {
  KeyedTokenBuckets buckets(1.0, 2, 100);
  EXPECT_EQ(buckets.take("a", kT0), kNow);
  EXPECT_EQ(buckets.take("a", kT0), kNow);
  EXPECT_EQ(buckets.take("a", kT0), 1s);
  EXPECT_EQ(buckets.take("b", kT0), kNow);
  EXPECT_EQ(buckets.size(), 2u);
}

TEST(KeyedTokenBuckets, ARefusedTakeTakesNothing) {
  KeyedTokenBuckets buckets(1.0, 1, 100);
  ASSERT_EQ(buckets.take("a", kT0), kNow);
  EXPECT_EQ(buckets.take("a", kT0 + 500ms), 500ms);
  EXPECT_EQ(buckets.take("a", kT0 + 500ms), 500ms);
  EXPECT_EQ(buckets.take("a", kT0 + 1s), kNow);
}

TEST(KeyedTokenBuckets, AskingAboutAnUnknownKeyCreatesNothing) {
  KeyedTokenBuckets buckets(1.0, 1, 100);
  EXPECT_EQ(buckets.time_until_token("stranger", kT0), kNow);
  EXPECT_EQ(buckets.size(), 0u);
  ASSERT_EQ(buckets.take("a", kT0), kNow);
  EXPECT_EQ(buckets.time_until_token("a", kT0), 1s);
  EXPECT_EQ(buckets.time_until_token("a", kT0 + 250ms), 750ms);
  EXPECT_EQ(buckets.size(), 1u);
}

TEST(KeyedTokenBuckets, SpendingTakesWhatIsThereAndNoMore) {
  KeyedTokenBuckets buckets(1.0, 2, 100);
  for (int i = 0; i < 10; ++i) buckets.spend("a", kT0);
  // Not in debt for the extra failures: one second gives one token back.
  EXPECT_EQ(buckets.time_until_token("a", kT0), 1s);
  EXPECT_EQ(buckets.time_until_token("a", kT0 + 1s), kNow);
}

TEST(KeyedTokenBuckets, TheNumberOfKeysIsBounded) {
  KeyedTokenBuckets buckets(0.001, 1, 50);
  for (int i = 0; i < 10000; ++i) buckets.spend("client-" + std::to_string(i), kT0 + std::chrono::milliseconds(i));
  EXPECT_LE(buckets.size(), 50u);
  EXPECT_GE(buckets.size(), 1u);
}

TEST(KeyedTokenBuckets, QuietKeysAreForgottenBeforeBusyOnes) {
  KeyedTokenBuckets buckets(1.0, 2, 2);
  ASSERT_EQ(buckets.take("quiet", kT0), kNow);
  ASSERT_EQ(buckets.take("busy", kT0 + 5s), kNow);  // "quiet" has refilled by now; "busy" has 1 left
  ASSERT_EQ(buckets.take("new", kT0 + 5s), kNow);   // full: "quiet" goes
  EXPECT_EQ(buckets.size(), 2u);
  // "busy" kept its state: one token left, then a wait. A fresh bucket would have had two.
  EXPECT_EQ(buckets.take("busy", kT0 + 5s), kNow);
  EXPECT_GT(buckets.take("busy", kT0 + 5s), kNow);
}

TEST(KeyedTokenBuckets, WhenAllAreBusyTheLeastRecentlyUsedIsForgotten) {
  KeyedTokenBuckets buckets(0.001, 1, 2);  // nothing refills during the test
  ASSERT_EQ(buckets.take("a", kT0), kNow);
  ASSERT_EQ(buckets.take("b", kT0 + 1s), kNow);
  ASSERT_GT(buckets.take("a", kT0 + 2s), kNow);  // "a" is used again: "b" is now the oldest
  ASSERT_EQ(buckets.take("c", kT0 + 3s), kNow);
  EXPECT_EQ(buckets.size(), 2u);
  EXPECT_EQ(buckets.time_until_token("b", kT0 + 3s), kNow);  // forgotten
  EXPECT_GT(buckets.time_until_token("a", kT0 + 3s), kNow);  // still remembered
  EXPECT_GT(buckets.time_until_token("c", kT0 + 3s), kNow);
}

TEST(KeyedTokenBuckets, AtLeastOneKeyIsKept) {
  KeyedTokenBuckets buckets(0.001, 1, 0);
  ASSERT_EQ(buckets.take("a", kT0), kNow);
  EXPECT_GT(buckets.take("a", kT0), kNow);
  EXPECT_EQ(buckets.size(), 1u);
}

}  // namespace
}  // namespace iiv::common
