#include "stub/stripe/retry_policy.hpp"

#include <gtest/gtest.h>

#include "fake_transport.hpp"

namespace iiv::stub {
namespace {

using namespace std::chrono_literals;
using testing::failure;
using testing::http_answer;

TEST(RetryPolicy, RetriesRateLimitsServerErrorsAndNetworkFailuresOnly) {
  EXPECT_TRUE(is_retryable(http_answer(429)));
  EXPECT_TRUE(is_retryable(http_answer(500)));
  EXPECT_TRUE(is_retryable(http_answer(503)));
  EXPECT_TRUE(is_retryable(failure(TransportFailure::timeout)));
  EXPECT_TRUE(is_retryable(failure(TransportFailure::connect)));
  EXPECT_FALSE(is_retryable(http_answer(400)));
  EXPECT_FALSE(is_retryable(http_answer(401)));
  EXPECT_FALSE(is_retryable(http_answer(403)));
  EXPECT_FALSE(is_retryable(http_answer(404)));
}

TEST(RetryPolicy, FailuresThatWouldRepeatAreNotRetried) {
  EXPECT_TRUE(is_retryable(failure(TransportFailure::other)));
  EXPECT_FALSE(is_retryable(failure(TransportFailure::certificate_refused)));
  EXPECT_FALSE(is_retryable(failure(TransportFailure::answer_too_large)));
  EXPECT_FALSE(is_retryable(failure(TransportFailure::request_refused)));
}

TEST(RetryPolicy, StripeShouldRetryHeaderWins) {
  auto no = http_answer(500);
  no.should_retry = "false";
  EXPECT_FALSE(is_retryable(no));
  auto yes = http_answer(409);
  yes.should_retry = "true";
  EXPECT_TRUE(is_retryable(yes));
}

TEST(RetryPolicy, BackoffGrowsIsCappedAndJittered) {
  RetrySettings settings;
  settings.base_delay = 100ms;
  settings.max_delay = 1000ms;
  EXPECT_EQ(backoff_delay(settings, 0, 0.0, ""), 50ms);
  EXPECT_EQ(backoff_delay(settings, 0, 0.999, ""), 99ms);
  EXPECT_EQ(backoff_delay(settings, 1, 0.0, ""), 100ms);
  EXPECT_EQ(backoff_delay(settings, 2, 0.5, ""), 300ms);
  EXPECT_EQ(backoff_delay(settings, 10, 1.0, ""), 1000ms);
  EXPECT_EQ(backoff_delay(settings, 0, 0.0, "2"), 2000ms);
  EXPECT_EQ(backoff_delay(settings, 0, 0.0, "soon"), 50ms);
}

TEST(RetryPolicy, BoundedInAttemptsAndTotalTime) {
  RetrySettings settings;
  settings.max_attempts = 3;
  settings.total_budget = 1000ms;
  settings.attempt_timeout = 300ms;
  EXPECT_TRUE(may_retry(settings, 1, 100ms, 100ms));
  EXPECT_FALSE(may_retry(settings, 3, 0ms, 0ms));
  EXPECT_TRUE(may_retry(settings, 2, 600ms, 100ms));
  EXPECT_FALSE(may_retry(settings, 2, 650ms, 100ms));
}

}  // namespace
}  // namespace iiv::stub
