// The limits above HTTP: failed sign-ins per client (AuthThrottle) and bundles per reviewer
// (ReviewerRate). Time is passed in; the tests move it by hand.
#include <gtest/gtest.h>

#include "stub/api/reviewer_rate.hpp"
#include "stub/auth/auth_throttle.hpp"

namespace iiv::stub {
namespace {

using namespace std::chrono_literals;
using Clock = common::KeyedTokenBuckets::Clock;
const Clock::time_point kT0 = Clock::time_point(1000h);

// 4 failures per 8 s: a failure comes back every 2 s.
AuthThrottleSettings four_per_eight_seconds() {
  AuthThrottleSettings settings;
  settings.max_failures = 4;
  settings.window = 8s;
  return settings;
}

TEST(AuthThrottle, AClientMayFailUpToTheLimitThenWaits) {
  AuthThrottle throttle(four_per_eight_seconds());
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(throttle.retry_after("203.0.113.5", kT0), std::nullopt) << i;
    throttle.record_failure("203.0.113.5", kT0);
  }
  EXPECT_EQ(throttle.retry_after("203.0.113.5", kT0), 2);
}

TEST(AuthThrottle, OtherClientsAreNotHeldBack) {
  AuthThrottle throttle(four_per_eight_seconds());
  for (int i = 0; i < 4; ++i) throttle.record_failure("203.0.113.5", kT0);
  EXPECT_EQ(throttle.retry_after("203.0.113.6", kT0), std::nullopt);
  EXPECT_EQ(throttle.retry_after("2001:db8::/64", kT0), std::nullopt);
}

TEST(AuthThrottle, TheWindowGivesFailuresBackSteadily) {
  AuthThrottle throttle(four_per_eight_seconds());
  for (int i = 0; i < 4; ++i) throttle.record_failure("203.0.113.5", kT0);
  EXPECT_EQ(throttle.retry_after("203.0.113.5", kT0 + 1s), 1);
  EXPECT_EQ(throttle.retry_after("203.0.113.5", kT0 + 2s), std::nullopt);
  // One failure came back, and one more failure spends it: a trickle of guesses stays slow.
  throttle.record_failure("203.0.113.5", kT0 + 2s);
  EXPECT_EQ(throttle.retry_after("203.0.113.5", kT0 + 2s), 2);
  // A whole quiet window forgives everything.
  EXPECT_EQ(throttle.retry_after("203.0.113.5", kT0 + 10s), std::nullopt);
  for (int i = 0; i < 3; ++i) throttle.record_failure("203.0.113.5", kT0 + 10s);
  EXPECT_EQ(throttle.retry_after("203.0.113.5", kT0 + 10s), std::nullopt);
}

TEST(AuthThrottle, RetryAfterIsRoundedUpToWholeSeconds) {
  AuthThrottleSettings settings;
  settings.max_failures = 3;
  settings.window = 10s;  // one back every 3.33 s
  AuthThrottle throttle(settings);
  for (int i = 0; i < 3; ++i) throttle.record_failure("c", kT0);
  EXPECT_EQ(throttle.retry_after("c", kT0), 4);
  EXPECT_EQ(throttle.retry_after("c", kT0 + 3s), 1);
}

TEST(AuthThrottle, ZeroFailuresMeansNoThrottle) {
  AuthThrottleSettings settings;
  settings.max_failures = 0;
  AuthThrottle throttle(settings);
  for (int i = 0; i < 1000; ++i) throttle.record_failure("203.0.113.5", kT0);
  EXPECT_EQ(throttle.retry_after("203.0.113.5", kT0), std::nullopt);
}

// 60 bundles a minute (one a second), bursts of 2.
ReviewerRateSettings one_per_second_burst_two() {
  ReviewerRateSettings settings;
  settings.bundles_per_minute = 60;
  settings.burst = 2;
  return settings;
}

TEST(ReviewerRate, ABurstIsGrantedThenTheReviewerWaits) {
  ReviewerRate rate(one_per_second_burst_two());
  EXPECT_EQ(rate.take("rev_a", kT0), std::nullopt);
  EXPECT_EQ(rate.take("rev_a", kT0), std::nullopt);
  EXPECT_EQ(rate.take("rev_a", kT0), 1);
  // A refused request takes nothing: asking again at once is still one second away.
  EXPECT_EQ(rate.take("rev_a", kT0), 1);
  EXPECT_EQ(rate.take("rev_a", kT0 + 1s), std::nullopt);
  EXPECT_EQ(rate.take("rev_a", kT0 + 1s), 1);
}

TEST(ReviewerRate, EachReviewerHasTheirOwnAllowance) {
  ReviewerRate rate(one_per_second_burst_two());
  (void)rate.take("rev_a", kT0);
  (void)rate.take("rev_a", kT0);
  ASSERT_EQ(rate.take("rev_a", kT0), 1);
  EXPECT_EQ(rate.take("rev_b", kT0), std::nullopt);
}

TEST(ReviewerRate, TheSteadyRateIsPerMinute) {
  ReviewerRateSettings settings;
  settings.bundles_per_minute = 30;  // one every 2 s
  settings.burst = 1;
  ReviewerRate rate(settings);
  EXPECT_EQ(rate.take("rev_a", kT0), std::nullopt);
  EXPECT_EQ(rate.take("rev_a", kT0), 2);
  EXPECT_EQ(rate.take("rev_a", kT0 + 1500ms), 1);
  EXPECT_EQ(rate.take("rev_a", kT0 + 2s), std::nullopt);
  // A long pause refills only up to the burst.
  EXPECT_EQ(rate.take("rev_a", kT0 + 1h), std::nullopt);
  EXPECT_EQ(rate.take("rev_a", kT0 + 1h), 2);
}

TEST(ReviewerRate, ZeroBundlesPerMinuteMeansNoLimit) {
  ReviewerRateSettings settings;
  settings.bundles_per_minute = 0;
  ReviewerRate rate(settings);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(rate.take("rev_a", kT0), std::nullopt) << i;
}

}  // namespace
}  // namespace iiv::stub
