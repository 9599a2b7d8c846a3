#include "stub/stripe/stripe_client.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "fake_transport.hpp"

namespace iiv::stub {
namespace {

using namespace std::chrono_literals;
using testing::FakeTransport;
using testing::failure;
using testing::http_answer;

const StripeCall kRetrieve{StripeEndpoint::retrieve_session, "GET", "/v1/identity/verification_sessions/vs_1", "", "",
                           false};

struct KeyFile {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("iiv_key_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                                "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  explicit KeyFile(const std::string& key) { write(key); }
  ~KeyFile() { std::filesystem::remove(path); }
  void write(const std::string& key) const { std::ofstream(path) << key << "\n"; }
};

struct Harness {
  Metrics metrics;
  std::vector<std::chrono::milliseconds> sleeps;
  StripeClient client(StripeTransport& transport, KeyStore& keys, RetrySettings retry = {}) {
    return StripeClient(transport, keys, retry, metrics, [this](std::chrono::milliseconds d) { sleeps.push_back(d); },
                        [] { return 0.5; });
  }
};

TEST(StripeClient, SendsTheKeyAndReturnsTheObject) {
  auto transport = FakeTransport::scripted({http_answer(200, R"({"id":"vs_1"})")});
  auto keys = KeyStore::fixed("rk_test_one");
  Harness h;
  auto result = h.client(transport, keys).call(kRetrieve);
  ASSERT_TRUE(result.object.has_value());
  EXPECT_EQ((*result.object)["id"], "vs_1");
  EXPECT_EQ(transport.requests().at(0).api_key, "rk_test_one");
}

TEST(StripeClient, RetriesTransientFailuresWithTheSameIdempotencyKey) {
  auto transport = FakeTransport::scripted(
      {http_answer(429), failure(TransportFailure::timeout), http_answer(200, R"({"id":"link_1"})")});
  auto keys = KeyStore::fixed("rk_test_one");
  Harness h;
  StripeCall create{StripeEndpoint::create_file_link, "POST", "/v1/file_links", "file=file_1", "iiv_abc", true};
  auto result = h.client(transport, keys).call(create);
  ASSERT_TRUE(result.object.has_value());
  const auto requests = transport.requests();
  ASSERT_EQ(requests.size(), 3u);
  for (const auto& r : requests) EXPECT_EQ(r.idempotency_key, "iiv_abc");
  ASSERT_EQ(h.sleeps.size(), 2u);
  EXPECT_LT(h.sleeps[0], h.sleeps[1]);  // exponential
}

TEST(StripeClient, GivesUpAfterMaxAttempts) {
  auto transport = FakeTransport::scripted({http_answer(500), http_answer(502), http_answer(503), http_answer(200)});
  auto keys = KeyStore::fixed("rk_test_one");
  Harness h;
  RetrySettings retry;
  retry.max_attempts = 3;
  auto result = h.client(transport, keys, retry).call(kRetrieve);
  ASSERT_TRUE(result.error.has_value());
  EXPECT_EQ(result.error->code, ErrorCode::stripe_unavailable);
  EXPECT_EQ(transport.requests().size(), 3u);
}

TEST(StripeClient, GivesUpWhenTheTimeBudgetIsSpent) {
  auto transport = FakeTransport::scripted({http_answer(429), http_answer(200)});
  auto keys = KeyStore::fixed("rk_test_one");
  Harness h;
  RetrySettings retry;
  retry.max_attempts = 5;
  retry.total_budget = 1000ms;
  retry.attempt_timeout = 500ms;
  auto result = h.client(transport, keys, retry).call(kRetrieve);
  ASSERT_TRUE(result.object.has_value());  // 429 then 200 fits the budget

  auto slow = FakeTransport::scripted({[] {
    auto r = http_answer(429);
    r.retry_after = "5";  // 5 s wait cannot fit a 1 s budget
    return r;
  }()});
  Harness h2;
  auto refused = h2.client(slow, keys, retry).call(kRetrieve);
  ASSERT_TRUE(refused.error.has_value());
  EXPECT_EQ(refused.error->code, ErrorCode::stripe_rate_limited);
  EXPECT_EQ(refused.error->retry_after_s, 5);
  EXPECT_TRUE(h2.sleeps.empty());
}

TEST(StripeClient, OnA401ReReadsTheKeyFileOnceAndRetriesWithTheNewKey) {
  KeyFile file("rk_test_old");
  auto keys = KeyStore::from_file(file.path.string());
  FakeTransport transport([](const StripeHttpRequest& r) {
    return r.api_key == "rk_test_new" ? http_answer(200, R"({"id":"vs_1"})") : http_answer(401);
  });
  Harness h;
  auto client = h.client(transport, keys);
  file.write("rk_test_new");  // the key was rolled; no SIGHUP was sent
  auto result = client.call(kRetrieve);
  ASSERT_TRUE(result.object.has_value());
  const auto requests = transport.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].api_key, "rk_test_old");
  EXPECT_EQ(requests[1].api_key, "rk_test_new");
  EXPECT_EQ(keys.current(), "rk_test_new");
  EXPECT_NE(h.metrics.render_prometheus().find("iiv_key_reloads_total{trigger=\"stripe_401\",changed=\"true\"} 1"),
            std::string::npos);
}

TEST(StripeClient, A401WithAnUnchangedKeyIsKeyInvalidWithoutLooping) {
  KeyFile file("rk_test_old");
  auto keys = KeyStore::from_file(file.path.string());
  auto transport = FakeTransport::scripted({http_answer(401), http_answer(401), http_answer(401)});
  Harness h;
  auto result = h.client(transport, keys).call(kRetrieve);
  ASSERT_TRUE(result.error.has_value());
  EXPECT_EQ(result.error->code, ErrorCode::stripe_key_invalid);
  EXPECT_EQ(transport.requests().size(), 1u);
}

TEST(StripeClient, CountsCallsByEndpointAndStatus) {
  auto transport = FakeTransport::scripted({http_answer(500), http_answer(200)});
  auto keys = KeyStore::fixed("rk_test_one");
  Harness h;
  h.client(transport, keys).call(kRetrieve);
  const std::string text = h.metrics.render_prometheus();
  EXPECT_NE(text.find(R"(iiv_stripe_requests_total{endpoint="/v1/identity/verification_sessions/{id}",status="500"} 1)"),
            std::string::npos);
  EXPECT_NE(text.find(R"(iiv_stripe_requests_total{endpoint="/v1/identity/verification_sessions/{id}",status="200"} 1)"),
            std::string::npos);
  EXPECT_NE(text.find("iiv_stripe_request_duration_seconds_count 2"), std::string::npos);
  EXPECT_EQ(text.find("vs_1"), std::string::npos);
}

}  // namespace
}  // namespace iiv::stub
