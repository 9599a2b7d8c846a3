#include "stub/stripe/stripe_client.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "common/stripe_api.hpp"
#include "fake_transport.hpp"
#include "temp_dir.hpp"

namespace iiv::stub {
namespace {

using namespace std::chrono_literals;
using testing::failure;
using testing::FakeTransport;
using testing::http_answer;
using testing::TempDir;

const StripeCall kRetrieve{
    StripeEndpoint::retrieve_session, "GET", "/v1/identity/verification_sessions/vs_1", "", "", false};

// A key file as the operator keeps it: mode 600.
struct KeyFile {
  TempDir dir;
  std::string path = dir.file("key");
  explicit KeyFile(const std::string& key) { write(key); }
  void write(const std::string& key, mode_t mode = 0600) const { dir.write("key", key + "\n", mode); }
};

KeyStore key_store_from(const KeyFile& file) {
  auto keys = KeyStore::from_file(file.path);
  EXPECT_TRUE(keys.ok()) << keys.error();
  return keys.ok() ? std::move(*keys) : KeyStore::fixed("");
}

struct Harness {
  Metrics metrics;
  std::vector<std::chrono::milliseconds> sleeps;
  StripeClient client(StripeTransport& transport, KeyStore& keys, RetrySettings retry = {},
                      StripeClient::AttemptGate gate = {}) {
    return StripeClient(
        transport, keys, retry, metrics, std::move(gate), [this](std::chrono::milliseconds d) { sleeps.push_back(d); },
        [] { return 0.5; });
  }
};

TEST(StripeClient, SendsTheKeyAndThePinnedVersionAndReturnsTheObject) {
  auto transport = FakeTransport::scripted({http_answer(200, R"({"id":"vs_1"})")});
  auto keys = KeyStore::fixed("rk_test_one");
  Harness h;
  auto result = h.client(transport, keys).call(kRetrieve);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->object["id"], "vs_1");
  EXPECT_EQ(transport.requests().at(0).api_key, "rk_test_one");
  EXPECT_EQ(transport.requests().at(0).api_version, common::kStripeApiVersion);
}

TEST(StripeClient, ReadsStripesClockFromTheDateHeader) {
  auto answer = http_answer(200, R"({"id":"vs_1"})");
  answer.date = "Tue, 25 Nov 2025 21:17:03 GMT";
  auto transport = FakeTransport::scripted({answer});
  auto keys = KeyStore::fixed("rk_test_one");
  Harness h;
  auto result = h.client(transport, keys).call(kRetrieve);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->stripe_time, 1764105423);
}

TEST(StripeClient, AnAnswerThatIsNotAJsonObjectIsAStripeError) {
  for (const char* body : {"not json", "[1,2]", "\"vs_1\"", ""}) {
    auto transport = FakeTransport::scripted({http_answer(200, body)});
    auto keys = KeyStore::fixed("rk_test_one");
    Harness h;
    auto result = h.client(transport, keys).call(kRetrieve);
    ASSERT_FALSE(result.ok()) << body;
    EXPECT_EQ(result.error().code, ErrorCode::stripe_error) << body;
  }
}

TEST(StripeClient, WithoutAKeyNothingIsSent) {
  auto transport = FakeTransport::scripted({http_answer(200, R"({"id":"vs_1"})")});
  auto keys = KeyStore::fixed("");
  Harness h;
  auto result = h.client(transport, keys).call(kRetrieve);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::stripe_key_missing);
  EXPECT_TRUE(transport.requests().empty());
}

TEST(StripeClient, RetriesTransientFailuresWithTheSameIdempotencyKey) {
  auto transport = FakeTransport::scripted(
      {http_answer(429), failure(TransportFailure::timeout), http_answer(200, R"({"id":"link_1"})")});
  auto keys = KeyStore::fixed("rk_test_one");
  Harness h;
  StripeCall create{StripeEndpoint::create_file_link, "POST", "/v1/file_links", "file=file_1", "iiv_abc", true};
  auto result = h.client(transport, keys).call(create);
  ASSERT_TRUE(result.ok()) << result.error().message;
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
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::stripe_unavailable);
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
  ASSERT_TRUE(result.ok());  // 429 then 200 fits the budget

  auto slow = FakeTransport::scripted({[] {
    auto r = http_answer(429);
    r.retry_after = "5";  // 5 s wait cannot fit a 1 s budget
    return r;
  }()});
  Harness h2;
  auto refused = h2.client(slow, keys, retry).call(kRetrieve);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::stripe_rate_limited);
  EXPECT_EQ(refused.error().retry_after_s, 5);
  EXPECT_TRUE(h2.sleeps.empty());
}

TEST(StripeClient, EveryAttemptIsAdmittedByTheGateFirst) {
  auto transport = FakeTransport::scripted({http_answer(500), http_answer(200, R"({"id":"vs_1"})")});
  auto keys = KeyStore::fixed("rk_test_one");
  Harness h;
  std::vector<StripeEndpoint> admitted;
  auto gate = [&](StripeEndpoint endpoint) -> Result<Done> {
    admitted.push_back(endpoint);
    return Done{};
  };
  auto result = h.client(transport, keys, {}, gate).call(kRetrieve);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(admitted,
            (std::vector<StripeEndpoint>{StripeEndpoint::retrieve_session, StripeEndpoint::retrieve_session}));
}

TEST(StripeClient, ARefusingGateSendsNothingAndAnswersWithItsError) {
  auto transport = FakeTransport::scripted({http_answer(200, R"({"id":"vs_1"})")});
  auto keys = KeyStore::fixed("rk_test_one");
  Harness h;
  auto gate = [](StripeEndpoint) -> Result<Done> {
    return Fail(ApiError{ErrorCode::stripe_budget_exhausted, "over budget", 1});
  };
  auto result = h.client(transport, keys, {}, gate).call(kRetrieve);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::stripe_budget_exhausted);
  EXPECT_EQ(result.error().retry_after_s, 1);
  EXPECT_TRUE(transport.requests().empty());
}

TEST(StripeClient, AGateRefusingARetryStopsTheRetries) {
  auto transport = FakeTransport::scripted({http_answer(503), http_answer(200, R"({"id":"vs_1"})")});
  auto keys = KeyStore::fixed("rk_test_one");
  Harness h;
  int calls = 0;
  auto gate = [&](StripeEndpoint) -> Result<Done> {
    if (++calls == 1) return Done{};
    return Fail(ApiError{ErrorCode::stripe_budget_exhausted, "over budget", 1});
  };
  auto result = h.client(transport, keys, {}, gate).call(kRetrieve);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::stripe_budget_exhausted);
  EXPECT_EQ(transport.requests().size(), 1u);
}

TEST(StripeClient, OnA401ReReadsTheKeyFileOnceAndRetriesWithTheNewKey) {
  KeyFile file("rk_test_old");
  auto keys = key_store_from(file);
  FakeTransport transport([](const StripeHttpRequest& r) {
    return r.api_key == "rk_test_new" ? http_answer(200, R"({"id":"vs_1"})") : http_answer(401);
  });
  Harness h;
  auto client = h.client(transport, keys);
  file.write("rk_test_new");  // the key was rolled; no SIGHUP was sent
  auto result = client.call(kRetrieve);
  ASSERT_TRUE(result.ok()) << result.error().message;
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
  auto keys = key_store_from(file);
  auto transport = FakeTransport::scripted({http_answer(401), http_answer(401), http_answer(401)});
  Harness h;
  auto result = h.client(transport, keys).call(kRetrieve);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::stripe_key_invalid);
  EXPECT_EQ(transport.requests().size(), 1u);
}

TEST(StripeClient, A401AfterARollToAFileOthersCanReadKeepsTheOldKey) {
  KeyFile file("rk_test_old");
  auto keys = key_store_from(file);
  auto transport = FakeTransport::scripted({http_answer(401)});
  Harness h;
  auto client = h.client(transport, keys);
  file.write("rk_test_new", 0644);
  auto result = client.call(kRetrieve);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::stripe_key_invalid);
  EXPECT_EQ(keys.current(), "rk_test_old");
  EXPECT_EQ(transport.requests().size(), 1u);
}

TEST(StripeClient, CountsCallsByEndpointAndStatus) {
  auto transport = FakeTransport::scripted({http_answer(500), http_answer(200)});
  auto keys = KeyStore::fixed("rk_test_one");
  Harness h;
  (void)h.client(transport, keys).call(kRetrieve);
  const std::string text = h.metrics.render_prometheus();
  EXPECT_NE(
      text.find(R"(iiv_stripe_requests_total{endpoint="/v1/identity/verification_sessions/{id}",status="500"} 1)"),
      std::string::npos);
  EXPECT_NE(
      text.find(R"(iiv_stripe_requests_total{endpoint="/v1/identity/verification_sessions/{id}",status="200"} 1)"),
      std::string::npos);
  EXPECT_NE(text.find("iiv_stripe_request_duration_seconds_count 2"), std::string::npos);
  EXPECT_EQ(text.find("vs_1"), std::string::npos);
}

// The key store itself: a file only its owner can read, trimmed, re-read on demand.
TEST(KeyStore, ReadsATrimmedKeyFromAFileOnlyItsOwnerCanRead) {
  TempDir dir;
  const std::string path = dir.write("key", "  rk_test_abc \r\n", 0600);
  auto keys = KeyStore::from_file(path);
  ASSERT_TRUE(keys.ok()) << keys.error();
  EXPECT_EQ(keys->current(), "rk_test_abc");
  EXPECT_EQ(keys->source_description(), "file " + path);
}

TEST(KeyStore, RefusesAKeyFileOthersCanReadNamingTheChmod) {
  TempDir dir;
  for (mode_t mode : {0640, 0604, 0644, 0660}) {
    const std::string path = dir.write("key", "rk_test_abc\n", mode);
    auto keys = KeyStore::from_file(path);
    ASSERT_FALSE(keys.ok()) << std::oct << mode;
    EXPECT_NE(keys.error().find("chmod 600 " + path), std::string::npos) << keys.error();
    EXPECT_EQ(keys.error().find("rk_test_abc"), std::string::npos) << keys.error();
  }
}

TEST(KeyStore, RefusesAnEmptyKeyFile) {
  TempDir dir;
  auto keys = KeyStore::from_file(dir.write("key", " \n\n", 0600));
  ASSERT_FALSE(keys.ok());
  EXPECT_NE(keys.error().find("is empty"), std::string::npos) << keys.error();
}

TEST(KeyStore, AReloadThatFailsKeepsTheKeyAndSaysWhy) {
  TempDir dir;
  const std::string path = dir.write("key", "rk_test_old\n", 0600);
  auto keys = KeyStore::from_file(path);
  ASSERT_TRUE(keys.ok());
  dir.write("key", "", 0600);
  const auto empty = keys->reload();
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(keys->current(), "rk_test_old");
  dir.write("key", "rk_test_new\n", 0600);
  const auto rolled = keys->reload();
  ASSERT_TRUE(rolled.ok()) << rolled.error();
  EXPECT_TRUE(rolled->changed);
  EXPECT_EQ(keys->current(), "rk_test_new");
  const auto again = keys->reload();
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->changed);
}

TEST(KeyStore, AKeyFromTheEnvironmentIsFixed) {
  ::setenv("IIV_TEST_STRIPE_KEY", "rk_test_env", 1);
  auto keys = KeyStore::from_environment("IIV_TEST_STRIPE_KEY");
  ::unsetenv("IIV_TEST_STRIPE_KEY");
  ASSERT_TRUE(keys.ok()) << keys.error();
  EXPECT_EQ(keys->current(), "rk_test_env");
  EXPECT_EQ(keys->source_description(), "environment IIV_TEST_STRIPE_KEY");
  EXPECT_FALSE(keys->reload().ok());
  EXPECT_FALSE(KeyStore::from_environment("IIV_TEST_STRIPE_KEY").ok());
}

}  // namespace
}  // namespace iiv::stub
