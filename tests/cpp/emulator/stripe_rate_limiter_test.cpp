// Stripe's documented limits as the emulator enforces them, on a fake clock; and the 429
// ApiService answers with them, exactly as Stripe's.
#include "emulator/stripe_rate_limiter.hpp"

#include <gtest/gtest.h>

#include "common/stripe_api.hpp"
#include "emulator/api_service.hpp"
#include "emulator/builtin_keys.hpp"
#include "emulator/seed_data.hpp"

namespace iiv::emulator {
namespace {

using namespace std::chrono_literals;
using Clock = StripeRateLimiter::Clock;

struct FakeClock {
  Clock::time_point now{std::chrono::hours(5)};
  StripeRateLimiter::Now source() {
    return [this] { return now; };
  }
};

// How many of `count` requests to `endpoint` are admitted at one instant, and what refused the rest.
int admitted(StripeRateLimiter& limiter, RateLimits mode, Endpoint endpoint, int count,
             std::optional<RateLimit>* refused_by = nullptr) {
  int ok = 0;
  for (int i = 0; i < count; ++i) {
    const auto r = limiter.admit(mode, endpoint);
    if (r)
      ++ok;
    else if (refused_by)
      *refused_by = r.error();
  }
  return ok;
}

TEST(StripeRateLimiter, OffAdmitsEverything) {
  FakeClock clock;
  StripeRateLimiter limiter(clock.source());
  EXPECT_EQ(admitted(limiter, RateLimits::off, Endpoint::create_file_link, 10'000), 10'000);
}

TEST(StripeRateLimiter, ASandboxAdmitsTwentyFiveRequestsASecond) {
  FakeClock clock;
  StripeRateLimiter limiter(clock.source());
  std::optional<RateLimit> refused_by;
  EXPECT_EQ(admitted(limiter, RateLimits::sandbox, Endpoint::retrieve_session, 30, &refused_by), 25);
  EXPECT_EQ(refused_by, RateLimit::global);
  clock.now += 200ms;  // five back
  EXPECT_EQ(admitted(limiter, RateLimits::sandbox, Endpoint::list_sessions, 30), 5);
  clock.now += 10s;  // never more than one second's worth
  EXPECT_EQ(admitted(limiter, RateLimits::sandbox, Endpoint::list_sessions, 30), 25);
}

TEST(StripeRateLimiter, LiveModeLimitsEachEndpointBelowTheGlobalLimit) {
  FakeClock clock;
  StripeRateLimiter limiter(clock.source());
  std::optional<RateLimit> refused_by;
  EXPECT_EQ(admitted(limiter, RateLimits::live, Endpoint::retrieve_session, 40, &refused_by), 25);
  EXPECT_EQ(refused_by, RateLimit::endpoint);
  EXPECT_EQ(admitted(limiter, RateLimits::live, Endpoint::retrieve_report, 25), 25);
  EXPECT_EQ(admitted(limiter, RateLimits::live, Endpoint::list_sessions, 25), 25);
  EXPECT_EQ(admitted(limiter, RateLimits::live, Endpoint::redact_session, 40, &refused_by), 25);
  EXPECT_EQ(refused_by, RateLimit::global) << "100 in all";
}

TEST(StripeRateLimiter, FileLinkCreationIsHeldToTheFilesApiWriteLimit) {
  FakeClock clock;
  StripeRateLimiter limiter(clock.source());
  std::optional<RateLimit> refused_by;
  EXPECT_EQ(admitted(limiter, RateLimits::live, Endpoint::create_file_link, 30, &refused_by), 20);
  EXPECT_EQ(refused_by, RateLimit::files_writes);
}

TEST(StripeRateLimiter, FileAndFileLinkReadsShareTheFilesApiReadLimit) {
  FakeClock clock;
  StripeRateLimiter limiter(clock.source());
  std::optional<RateLimit> refused_by;
  EXPECT_EQ(admitted(limiter, RateLimits::live, Endpoint::retrieve_file, 12), 12);
  EXPECT_EQ(admitted(limiter, RateLimits::live, Endpoint::retrieve_file_link, 12, &refused_by), 8);
  EXPECT_EQ(refused_by, RateLimit::files_reads);
  EXPECT_EQ(admitted(limiter, RateLimits::live, Endpoint::create_file_link, 20), 20) << "writes are counted apart";
}

TEST(StripeRateLimiter, ARefusedRequestUsesUpNoOtherLimit) {
  FakeClock clock;
  StripeRateLimiter limiter(clock.source());
  // Sandbox: 20 links use 20 of the 25 global tokens; the 21st to 30th are refused by the
  // Files API limit and must leave the 5 remaining global tokens alone.
  EXPECT_EQ(admitted(limiter, RateLimits::sandbox, Endpoint::create_file_link, 30), 20);
  EXPECT_EQ(admitted(limiter, RateLimits::sandbox, Endpoint::retrieve_session, 30), 5);
}

TEST(StripeRateLimiter, ChangingTheModeStartsAfresh) {
  FakeClock clock;
  StripeRateLimiter limiter(clock.source());
  EXPECT_EQ(admitted(limiter, RateLimits::sandbox, Endpoint::list_sessions, 30), 25);
  EXPECT_EQ(admitted(limiter, RateLimits::live, Endpoint::list_sessions, 30), 25);
  EXPECT_EQ(admitted(limiter, RateLimits::off, Endpoint::list_sessions, 30), 30);
}

// ApiService with the limits on: Stripe's own 429, counted in the stats.
class RateLimitedApi : public ::testing::Test {
 protected:
  FakeClock fake;
  EmulatorClock clock;
  EmulatorStore store{build_seed_data(clock.now())};
  KeyRing keys = KeyRing::builtin();
  RuntimeConfigHolder config{[] {
    RuntimeConfig c;
    c.rate_limits = RateLimits::sandbox;
    return c;
  }()};
  RequestStats stats;
  ApiService api{store, keys, clock, config, &stats, fake.source()};

  HttpResponse get(const std::string& target, const std::string& key = builtin_keys::full_access) {
    HttpRequest r;
    r.method = "GET";
    r.target = target;
    r.peer_address = "127.0.0.1";
    r.headers["authorization"] = "Bearer " + key;
    return api.handle(r);
  }
  HttpResponse link(const std::string& idempotency_key) {
    HttpRequest r;
    r.method = "POST";
    r.target = "/v1/file_links";
    r.body = "file=file_1EmuDisputeEvidence";
    r.peer_address = "127.0.0.1";
    r.headers = {{"authorization", std::string("Bearer ") + builtin_keys::full_access},
                 {"content-type", "application/x-www-form-urlencoded"},
                 {"idempotency-key", idempotency_key}};
    return api.handle(r);
  }
};

TEST_F(RateLimitedApi, TheTwentySixthRequestInASecondGetsStripes429) {
  for (int i = 0; i < 25; ++i) ASSERT_EQ(get("/v1/identity/verification_sessions?limit=1").status, 200) << i;
  const auto refused = get("/v1/identity/verification_sessions?limit=1");
  EXPECT_EQ(refused.status, 429);
  const auto body = nlohmann::json::parse(refused.body);
  EXPECT_EQ(body, nlohmann::json::parse(R"({"error":{"code":"rate_limit",
      "doc_url":"https://stripe.com/docs/error-codes/rate-limit",
      "message":"Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.",
      "type":"invalid_request_error"}})"));
  EXPECT_EQ(refused.header("Stripe-Version"), common::kStripeApiVersion);
  EXPECT_EQ(refused.header("Request-Id").rfind("req_", 0), 0u);
  EXPECT_EQ(refused.header("Cache-Control"), "no-store");

  const auto counted = stats.to_json();
  EXPECT_EQ(counted["rate_limited"]["global"], 1);
  EXPECT_EQ(counted["rate_limited_total"], 1);
  fake.now += 1s;
  EXPECT_EQ(get("/v1/identity/verification_sessions?limit=1").status, 200);
}

TEST_F(RateLimitedApi, RequestsWithoutAValidKeyAreNotCharged) {
  for (int i = 0; i < 50; ++i)
    ASSERT_EQ(get("/v1/files/file_1EmuDisputeEvidence", "rk_test_nobody_000000000000").status, 401);
  EXPECT_EQ(get("/v1/files/file_1EmuDisputeEvidence").status, 200);
}

TEST_F(RateLimitedApi, ARateLimitedPostLeavesItsIdempotencyKeyFree) {
  for (int i = 0; i < 20; ++i) ASSERT_EQ(link("burst-" + std::to_string(i)).status, 200) << i;
  EXPECT_EQ(link("after-the-burst").status, 429);
  EXPECT_EQ(stats.to_json()["rate_limited"]["files_writes"], 1);
  fake.now += 1s;
  const auto retried = link("after-the-burst");
  EXPECT_EQ(retried.status, 200) << retried.body;
  EXPECT_EQ(retried.header("Idempotent-Replayed"), "");
}

}  // namespace
}  // namespace iiv::emulator
