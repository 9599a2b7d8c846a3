#include "stub/links/image_link_service.hpp"

#include <set>

#include <gtest/gtest.h>

#include "fake_transport.hpp"
#include "common/http_date.hpp"
#include "stub/stripe/form_encoding.hpp"

namespace iiv::stub {
namespace {

using namespace std::chrono_literals;
using testing::FakeTransport;
using testing::http_answer;

constexpr long long kNow = 1764100000;

const char* kSessionWithFourImages = R"({"id":"vs_4","status":"verified","redaction":null,
  "last_verification_report":{"id":"vr_4","document":{"files":["file_front","file_back"]},
                              "selfie":{"document":"file_selfdoc","selfie":"file_face"}}})";

// Answers the session retrieve with `session` and each FileLink creation with a link to the
// file it names.
FakeTransport stripe_like(std::string session, std::chrono::milliseconds hold = 0ms) {
  return FakeTransport(
      [session](const StripeHttpRequest& r) {
        if (r.method == "GET") return http_answer(200, session);
        const auto file_at = r.form_body.find("file=") + 5;
        const std::string file = r.form_body.substr(file_at, r.form_body.find('&', file_at) - file_at);
        return http_answer(200, nlohmann::json{{"id", "link_" + file.substr(5)},
                                               {"object", "file_link"},
                                               {"file", file},
                                               {"url", "https://files.example/links/" + file},
                                               {"expires_at", kNow + 30}}
                                    .dump());
      },
      hold);
}

struct Service {
  Metrics metrics;
  KeyStore keys;
  StripeClient client;
  ImageLinkService service;
  Service(StripeTransport& transport, std::string key = "rk_test_full", int lifetime = 30)
      : keys(KeyStore::fixed(std::move(key))),
        client(transport, keys, RetrySettings{}, metrics, [](std::chrono::milliseconds) {}, [] { return 0.0; }),
        service(client, metrics, lifetime, [] { return kNow; }) {}
};

TEST(ImageLinkService, BuildsTheBundleWithOneLinkPerRole) {
  auto transport = stripe_like(kSessionWithFourImages);
  Service s(transport);
  const auto outcome = s.service.issue("vs_4");
  ASSERT_TRUE(outcome.bundle.has_value()) << (outcome.error ? outcome.error->message : "");
  const auto& bundle = *outcome.bundle;
  EXPECT_EQ(bundle["verification_session"], "vs_4");
  EXPECT_EQ(bundle["verification_report"], "vr_4");
  EXPECT_EQ(bundle["issued_at"], kNow);
  ASSERT_EQ(bundle["images"].size(), 4u);
  EXPECT_EQ(bundle["images"][0]["role"], "document_front");
  EXPECT_EQ(bundle["images"][0]["file"], "file_front");
  EXPECT_EQ(bundle["images"][0]["file_link"], "link_front");
  EXPECT_EQ(bundle["images"][0]["url"], "https://files.example/links/file_front");
  EXPECT_EQ(bundle["images"][3]["role"], "selfie_face");
  EXPECT_EQ(outcome.roles_shown,
            (std::vector<std::string>{"document_front", "document_back", "selfie_document", "selfie_face"}));
  EXPECT_EQ(transport.requests().at(0).path_and_query,
            "/v1/identity/verification_sessions/vs_4?expand[]=last_verification_report");
}

TEST(ImageLinkService, CreatesTheLinksConcurrentlyEachWithItsOwnIdempotencyKey) {
  auto transport = stripe_like(kSessionWithFourImages, 40ms);
  Service s(transport);
  ASSERT_TRUE(s.service.issue("vs_4").bundle.has_value());
  EXPECT_EQ(transport.max_in_flight(), 4);
  std::set<std::string> keys;
  for (const auto& r : transport.requests()) {
    if (r.method != "POST") continue;
    EXPECT_EQ(r.path_and_query, "/v1/file_links");
    EXPECT_NE(r.form_body.find("expires_at=" + std::to_string(kNow + 30)), std::string::npos);
    keys.insert(r.idempotency_key);
  }
  EXPECT_EQ(keys.size(), 4u);
  EXPECT_EQ(keys.count(""), 0u);
}

TEST(ImageLinkService, ShorterLifetimeIsAskedFor) {
  auto transport = stripe_like(kSessionWithFourImages);
  Service s(transport, "rk_test_full", 10);
  ASSERT_TRUE(s.service.issue("vs_4").bundle.has_value());
  EXPECT_NE(transport.requests().at(1).form_body.find("expires_at=" + std::to_string(kNow + 10)), std::string::npos);
}

TEST(ImageLinkService, ExpiryFollowsStripesClockNotOurs) {
  // Stripe's clock is 100 s behind ours: asking for our now + 30 would be 130 s by Stripe's.
  const long long stripe_now = kNow - 100;
  auto transport = FakeTransport([](const StripeHttpRequest& r) {
    StripeHttpResponse answer = r.method == "GET" ? http_answer(200, kSessionWithFourImages)
                                                  : http_answer(200, R"({"id":"link_1","url":"https://f/links/1"})");
    answer.date = common::format_http_date(stripe_now);
    return answer;
  });
  Service s(transport);
  const auto outcome = s.service.issue("vs_4");
  ASSERT_TRUE(outcome.bundle.has_value());
  EXPECT_NE(transport.requests().at(1).form_body.find("expires_at=" + std::to_string(stripe_now + 30)),
            std::string::npos)
      << transport.requests().at(1).form_body;
  EXPECT_EQ((*outcome.bundle)["issued_at"], stripe_now);
}

TEST(ImageLinkService, SecretKeyIsRefusedBeforeStripeIsCalled) {
  auto transport = stripe_like(kSessionWithFourImages);
  Service s(transport, "sk_test_abcdefghijklmnopqrstuvwxyz");
  const auto outcome = s.service.issue("vs_4");
  ASSERT_TRUE(outcome.error.has_value());
  EXPECT_EQ(outcome.error->code, ErrorCode::secret_key_refused);
  EXPECT_TRUE(transport.requests().empty());
}

TEST(ImageLinkService, RedactedSessionAndMissingReportAreRefused) {
  auto redacted = stripe_like(R"({"id":"vs_r","redaction":{"status":"redacted"},"last_verification_report":{"id":"vr_r"}})");
  Service s1(redacted);
  EXPECT_EQ(s1.service.issue("vs_r").error->code, ErrorCode::session_redacted);
  EXPECT_EQ(redacted.requests().size(), 1u);

  auto pending = stripe_like(R"({"id":"vs_p","status":"requires_input","redaction":null,"last_verification_report":null})");
  Service s2(pending);
  const auto outcome = s2.service.issue("vs_p");
  EXPECT_EQ(outcome.error->code, ErrorCode::report_not_ready);
  EXPECT_NE(outcome.error->message.find("requires_input"), std::string::npos);
}

TEST(ImageLinkService, OneFailedLinkFailsTheBundle) {
  FakeTransport transport([](const StripeHttpRequest& r) {
    if (r.method == "GET") return http_answer(200, kSessionWithFourImages);
    if (r.form_body.find("file_back") != std::string::npos) {
      return http_answer(403, R"({"error":{"message":"Having the 'rak_file_write' permission would allow this request to continue."}})");
    }
    return http_answer(200, R"({"id":"link_x","url":"https://f/x","expires_at":1})");
  });
  Service s(transport);
  const auto outcome = s.service.issue("vs_4");
  ASSERT_TRUE(outcome.error.has_value());
  EXPECT_EQ(outcome.error->code, ErrorCode::stripe_permission_missing);
  EXPECT_TRUE(outcome.roles_shown.empty());
}

}  // namespace
}  // namespace iiv::stub
