// The stub's client-side Stripe budget, on a fake clock: which calls go at once, which wait
// and for how long, which are refused and with what Retry-After, and that a concurrent
// burst never queues more callers than allowed.
#include "stub/stripe/stripe_budget.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace iiv::stub {
namespace {

using namespace std::chrono_literals;
using Clock = StripeBudget::Clock;

// A clock that moves only when told to, and a sleeper that records each wait.
struct FakeTime {
  Clock::time_point now{std::chrono::hours(1)};
  std::vector<Clock::duration> sleeps;

  StripeBudget::Now clock() {
    return [this] { return now; };
  }
  StripeBudget::Sleeper sleeper() {
    return [this](Clock::duration d) { sleeps.push_back(d); };
  }
};

StripeBudgetSettings settings(StripeBudgetMode mode, double fraction = 0.8) {
  StripeBudgetSettings s;
  s.mode = mode;
  s.safety_fraction = fraction;
  return s;
}

void expect_near(Clock::duration actual, double expected_seconds) {
  EXPECT_NEAR(std::chrono::duration<double>(actual).count(), expected_seconds, 1e-6);
}

TEST(StripeBudget, FileLinksGoAtOnceUpToOneSecondsWorthThenQueueThenAreRefused) {
  // Sandbox Files API writes: 20/s documented, 16/s at the default 0.8, burst 16.
  FakeTime time;
  StripeBudget budget(settings(StripeBudgetMode::sandbox), time.clock(), time.sleeper());
  for (int i = 0; i < 16; ++i) ASSERT_TRUE(budget.acquire(StripeEndpoint::create_file_link).ok()) << i;
  EXPECT_TRUE(time.sleeps.empty());

  // The next ones wait 1/16 s more each, up to max_wait (2 s): 32 of them.
  for (int k = 1; k <= 32; ++k) {
    ASSERT_TRUE(budget.acquire(StripeEndpoint::create_file_link).ok()) << k;
    ASSERT_EQ(time.sleeps.size(), static_cast<std::size_t>(k));
    expect_near(time.sleeps.back(), k / 16.0);
  }

  // The 49th would wait 33/16 s: refused, and refused again (it took nothing).
  for (int again = 0; again < 2; ++again) {
    const auto refused = budget.acquire(StripeEndpoint::create_file_link);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().reason, StripeBudgetRefusal::Reason::wait_too_long);
    EXPECT_EQ(refused.error().retry_after_seconds, 3);  // ceil(2.0625)
  }

  const auto counts = budget.snapshot().of(StripeEndpoint::create_file_link);
  EXPECT_EQ(counts.immediate, 16u);
  EXPECT_EQ(counts.waited, 32u);
  EXPECT_NEAR(counts.wait_seconds, (32.0 * 33.0 / 2.0) / 16.0, 1e-6);
  EXPECT_EQ(counts.refused_wait_too_long, 2u);
  EXPECT_EQ(counts.refused_queue_full, 0u);
  EXPECT_EQ(budget.snapshot().waiting, 0);
}

TEST(StripeBudget, TokensComeBackWithTime) {
  FakeTime time;
  StripeBudget budget(settings(StripeBudgetMode::sandbox), time.clock(), time.sleeper());
  for (int i = 0; i < 16; ++i) ASSERT_TRUE(budget.acquire(StripeEndpoint::create_file_link).ok());
  time.now += 500ms;  // 8 tokens back
  for (int i = 0; i < 8; ++i) ASSERT_TRUE(budget.acquire(StripeEndpoint::create_file_link).ok());
  EXPECT_TRUE(time.sleeps.empty());
  time.now += 10s;  // never more than one second's worth
  for (int i = 0; i < 16; ++i) ASSERT_TRUE(budget.acquire(StripeEndpoint::create_file_link).ok());
  EXPECT_TRUE(time.sleeps.empty());
  ASSERT_TRUE(budget.acquire(StripeEndpoint::create_file_link).ok());
  ASSERT_EQ(time.sleeps.size(), 1u);
  expect_near(time.sleeps.back(), 1 / 16.0);
}

TEST(StripeBudget, TheGlobalBucketIsSharedByEveryEndpoint) {
  // Sandbox: global 25/s → 20/s; each endpoint 25/s → 20/s.
  FakeTime time;
  StripeBudget budget(settings(StripeBudgetMode::sandbox), time.clock(), time.sleeper());
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(budget.acquire(StripeEndpoint::retrieve_session).ok());
  EXPECT_TRUE(time.sleeps.empty());
  ASSERT_TRUE(budget.acquire(StripeEndpoint::list_sessions).ok());
  ASSERT_EQ(time.sleeps.size(), 1u);
  expect_near(time.sleeps.back(), 1 / 20.0);
}

TEST(StripeBudget, EachEndpointHasItsOwnBucketUnderTheGlobalOne) {
  // Live: global 100/s → 80/s, each endpoint still 25/s → 20/s.
  FakeTime time;
  StripeBudget budget(settings(StripeBudgetMode::live), time.clock(), time.sleeper());
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(budget.acquire(StripeEndpoint::retrieve_session).ok());
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(budget.acquire(StripeEndpoint::list_sessions).ok());
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(budget.acquire(StripeEndpoint::redact_session).ok());
  EXPECT_TRUE(time.sleeps.empty());
  ASSERT_TRUE(budget.acquire(StripeEndpoint::retrieve_session).ok());
  ASSERT_EQ(time.sleeps.size(), 1u);
  expect_near(time.sleeps.back(), 1 / 20.0);
}

TEST(StripeBudget, FileLinksAreHeldToTheFilesApiWriteLimitEvenInLiveMode) {
  FakeTime time;
  StripeBudget budget(settings(StripeBudgetMode::live), time.clock(), time.sleeper());
  for (int i = 0; i < 16; ++i) ASSERT_TRUE(budget.acquire(StripeEndpoint::create_file_link).ok());
  EXPECT_TRUE(time.sleeps.empty());
  ASSERT_TRUE(budget.acquire(StripeEndpoint::create_file_link).ok());
  ASSERT_EQ(time.sleeps.size(), 1u);
  expect_near(time.sleeps.back(), 1 / 16.0);
}

TEST(StripeBudget, TheSafetyFractionSetsTheRates) {
  FakeTime time;
  StripeBudget budget(settings(StripeBudgetMode::sandbox, 0.4), time.clock(), time.sleeper());  // 10/s
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(budget.acquire(StripeEndpoint::retrieve_session).ok());
  EXPECT_TRUE(time.sleeps.empty());
  ASSERT_TRUE(budget.acquire(StripeEndpoint::retrieve_session).ok());
  ASSERT_EQ(time.sleeps.size(), 1u);
  expect_near(time.sleeps.back(), 0.1);
}

TEST(StripeBudget, NoWaitingAllowedMeansRefusedAtOnce) {
  FakeTime time;
  auto s = settings(StripeBudgetMode::sandbox);
  s.max_wait = 0ms;
  StripeBudget budget(s, time.clock(), time.sleeper());
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(budget.acquire(StripeEndpoint::retrieve_session).ok());
  const auto refused = budget.acquire(StripeEndpoint::retrieve_session);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().retry_after_seconds, 1);
  EXPECT_TRUE(time.sleeps.empty());
}

TEST(StripeBudget, OffNeverWaitsNorRefuses) {
  FakeTime time;
  StripeBudget budget(settings(StripeBudgetMode::off), time.clock(), time.sleeper());
  for (int i = 0; i < 10'000; ++i) ASSERT_TRUE(budget.acquire(StripeEndpoint::create_file_link).ok());
  EXPECT_TRUE(time.sleeps.empty());
  EXPECT_EQ(budget.snapshot().of(StripeEndpoint::create_file_link).immediate, 10'000u);
}

// A concurrent burst at one instant: the sleeper holds every waiting caller until the test
// lets them go, so the queue is as full as it can get.
TEST(StripeBudget, AConcurrentBurstQueuesAtMostMaxWaitingAndRefusesTheRest) {
  constexpr int kCallers = 100;
  constexpr int kMaxWaiting = 10;
  const Clock::time_point instant{std::chrono::hours(1)};
  std::mutex gate_mutex;
  std::condition_variable gate;
  bool open = false;
  std::vector<Clock::duration> waits;

  auto s = settings(StripeBudgetMode::sandbox);
  s.max_waiting = kMaxWaiting;
  StripeBudget budget(
      s, [instant] { return instant; },
      [&](Clock::duration d) {
        std::unique_lock<std::mutex> lock(gate_mutex);
        waits.push_back(d);
        gate.wait(lock, [&] { return open; });
      });

  std::atomic<int> ok{0}, refused{0}, decided{0};
  std::vector<std::thread> callers;
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&] {
      const auto result = budget.acquire(StripeEndpoint::create_file_link);
      (result.ok() ? ok : refused)++;
      if (!result.ok()) {
        EXPECT_EQ(result.error().reason, StripeBudgetRefusal::Reason::queue_full);
      }
      decided++;
    });
  }
  // Every caller has either gone, been refused, or is held in the sleeper.
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (decided.load() + budget.snapshot().waiting < kCallers && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(1ms);
  const auto held = budget.snapshot();
  EXPECT_EQ(held.waiting, kMaxWaiting);
  EXPECT_EQ(held.of(StripeEndpoint::create_file_link).immediate, 16u);
  EXPECT_EQ(held.of(StripeEndpoint::create_file_link).refused_queue_full,
            static_cast<std::uint64_t>(kCallers - 16 - kMaxWaiting));

  {
    std::lock_guard<std::mutex> lock(gate_mutex);
    open = true;
  }
  gate.notify_all();
  for (auto& t : callers) t.join();

  EXPECT_EQ(ok.load(), 16 + kMaxWaiting);
  EXPECT_EQ(refused.load(), kCallers - 16 - kMaxWaiting);
  EXPECT_EQ(budget.snapshot().waiting, 0);
  EXPECT_EQ(budget.snapshot().of(StripeEndpoint::create_file_link).waited, static_cast<std::uint64_t>(kMaxWaiting));
  // Each waiter reserved its own slot: 1/16 s, 2/16 s, … apart, none twice.
  std::sort(waits.begin(), waits.end());
  ASSERT_EQ(waits.size(), static_cast<std::size_t>(kMaxWaiting));
  for (int k = 0; k < kMaxWaiting; ++k) expect_near(waits[k], (k + 1) / 16.0);
}

TEST(StripeBudget, ModesAndSettingsAreChecked) {
  EXPECT_EQ(*parse_stripe_budget_mode("live"), StripeBudgetMode::live);
  EXPECT_EQ(*parse_stripe_budget_mode("sandbox"), StripeBudgetMode::sandbox);
  EXPECT_EQ(*parse_stripe_budget_mode("off"), StripeBudgetMode::off);
  EXPECT_FALSE(parse_stripe_budget_mode("test").ok());
  EXPECT_STREQ(stripe_budget_mode_name(StripeBudgetMode::live), "live");

  EXPECT_TRUE(validate(StripeBudgetSettings{}).ok());
  for (double bad : {0.0, -0.1, 1.5}) EXPECT_FALSE(validate(settings(StripeBudgetMode::live, bad)).ok()) << bad;
  auto s = settings(StripeBudgetMode::live);
  s.max_wait = -1ms;
  EXPECT_FALSE(validate(s).ok());
  s = settings(StripeBudgetMode::live);
  s.max_waiting = -1;
  EXPECT_FALSE(validate(s).ok());
}

}  // namespace
}  // namespace iiv::stub
