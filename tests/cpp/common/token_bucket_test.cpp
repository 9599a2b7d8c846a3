#include "common/token_bucket.hpp"

#include <gtest/gtest.h>

namespace iiv::common {
namespace {

using namespace std::chrono_literals;
using Clock = TokenBucket::Clock;
const Clock::time_point kT0 = Clock::time_point(1000h);

TEST(TokenBucket, StartsFullAndGivesUpToItsBurst) {
  TokenBucket bucket(1.0, 3, kT0);
  EXPECT_TRUE(bucket.full(kT0));
  EXPECT_TRUE(bucket.try_take(kT0));
  EXPECT_TRUE(bucket.try_take(kT0));
  EXPECT_TRUE(bucket.try_take(kT0));
  EXPECT_FALSE(bucket.try_take(kT0));
  EXPECT_FALSE(bucket.full(kT0));
}

TEST(TokenBucket, ARefusedTakeTakesNothing) {
  TokenBucket bucket(1.0, 2, kT0);
  EXPECT_FALSE(bucket.try_take(kT0, 3));
  EXPECT_TRUE(bucket.try_take(kT0, 2));
}

TEST(TokenBucket, RefillsAtItsRateUpToTheBurst) {
  TokenBucket bucket(2.0, 4, kT0);  // a token every 500 ms
  ASSERT_TRUE(bucket.try_take(kT0, 4));
  EXPECT_FALSE(bucket.try_take(kT0 + 499ms));
  EXPECT_TRUE(bucket.try_take(kT0 + 500ms));
  EXPECT_FALSE(bucket.try_take(kT0 + 500ms));
  // An hour of quiet refills it to the burst, not beyond.
  EXPECT_TRUE(bucket.full(kT0 + 1h));
  EXPECT_TRUE(bucket.try_take(kT0 + 1h, 4));
  EXPECT_FALSE(bucket.try_take(kT0 + 1h));
}

TEST(TokenBucket, SaysHowLongUntilTokensAreThere) {
  TokenBucket bucket(4.0, 2, kT0);  // a token every 250 ms
  EXPECT_EQ(bucket.time_until(kT0), Clock::duration::zero());
  ASSERT_TRUE(bucket.try_take(kT0, 2));
  EXPECT_EQ(bucket.time_until(kT0), 250ms);
  EXPECT_EQ(bucket.time_until(kT0, 2), 500ms);
  EXPECT_EQ(bucket.time_until(kT0 + 125ms), 125ms);
  // Asking takes nothing.
  EXPECT_EQ(bucket.time_until(kT0 + 125ms), 125ms);
}

TEST(TokenBucket, TimeGoingBackwardsAddsNothing) {
  TokenBucket bucket(1.0, 1, kT0 + 10s);
  ASSERT_TRUE(bucket.try_take(kT0 + 10s));
  EXPECT_FALSE(bucket.try_take(kT0));
  EXPECT_FALSE(bucket.try_take(kT0 + 10s));
  EXPECT_TRUE(bucket.try_take(kT0 + 11s));
}

TEST(TokenBucket, ReservationsQueueBehindEachOther) {
  TokenBucket bucket(8.0, 1, kT0);  // a token every 125 ms
  EXPECT_EQ(bucket.reserve(kT0), Clock::duration::zero());
  EXPECT_EQ(bucket.reserve(kT0), 125ms);
  EXPECT_EQ(bucket.reserve(kT0), 250ms);
  EXPECT_EQ(bucket.reserve(kT0), 375ms);
  // In debt: nothing can be taken until the queue has been served.
  EXPECT_FALSE(bucket.try_take(kT0 + 250ms));
  EXPECT_EQ(bucket.time_until(kT0 + 250ms), 250ms);
  EXPECT_TRUE(bucket.try_take(kT0 + 500ms));
}

TEST(TokenBucket, ARefundGivesBackAnUnusedReservation) {
  TokenBucket bucket(8.0, 1, kT0);
  (void)bucket.reserve(kT0);
  const auto wait = bucket.reserve(kT0);
  ASSERT_EQ(wait, 125ms);
  bucket.refund();  // the caller gave up instead of waiting
  EXPECT_EQ(bucket.reserve(kT0), 125ms);
}

TEST(TokenBucket, ARefundNeverFillsBeyondTheBurst) {
  TokenBucket bucket(1.0, 2, kT0);
  bucket.refund(5);
  EXPECT_TRUE(bucket.try_take(kT0, 2));
  EXPECT_FALSE(bucket.try_take(kT0));
}

TEST(TokenBucket, FractionalTokens) {
  TokenBucket bucket(1.0, 1, kT0);
  EXPECT_TRUE(bucket.try_take(kT0, 0.5));
  EXPECT_TRUE(bucket.try_take(kT0, 0.5));
  EXPECT_FALSE(bucket.try_take(kT0, 0.5));
  EXPECT_TRUE(bucket.try_take(kT0 + 500ms, 0.5));
}

}  // namespace
}  // namespace iiv::common
