#include "stub/stripe/stripe_error_mapping.hpp"

#include <gtest/gtest.h>

#include <string>

namespace iiv::stub {
namespace {

StripeHttpResponse answer(int status, const std::string& body) {
  StripeHttpResponse response;
  response.status = status;
  response.body = body;
  return response;
}

const StripeErrorContext kRetrieve{StripeEndpoint::retrieve_session, true};
const StripeErrorContext kFileLink{StripeEndpoint::create_file_link, true};

// Found by stripe_error_mapping_fuzz: an error code is quoted in the reviewer's message,
// and one holding "sk_" (here inside a word) was quoted as it came.
TEST(StripeErrorMapping, ACodeThatCouldHoldAKeyIsNotQuoted) {
  for (const char* code : {"sensk_sitive_rest_error", "rk_live_51abc", "x_pk_test_1"}) {
    const auto error =
        map_stripe_failure(answer(400, std::string(R"({"error":{"code":")") + code + R"("}})"), kRetrieve);
    EXPECT_EQ(error.code, ErrorCode::stripe_error) << code;
    EXPECT_EQ(error.message, "Stripe refused the request (HTTP 400).") << code;
  }
  const auto plain = map_stripe_failure(answer(400, R"({"error":{"code":"resource_missing"}})"), kRetrieve);
  EXPECT_EQ(plain.message, "Stripe refused the request (HTTP 400, code resource_missing).");
}

TEST(StripeErrorMapping, RolledOrInvalidKey) {
  const auto error = map_stripe_failure(
      answer(401, R"({"error":{"code":"api_key_expired","message":"Expired API Key provided: rk_test_…ROLD"}})"),
      kRetrieve);
  EXPECT_EQ(error.code, ErrorCode::stripe_key_invalid);
  EXPECT_EQ(error.message.find("rk_test"), std::string::npos);
}

TEST(StripeErrorMapping, MissingPermissionIsNamed) {
  const auto error = map_stripe_failure(
      answer(
          403,
          R"({"error":{"type":"invalid_request_error","message":"The provided key 'rk_test_…NOFW' does not have the required permissions for this endpoint on account 'acct_1'. Having the 'rak_file_write' permission would allow this request to continue."}})"),
      kFileLink);
  EXPECT_EQ(error.code, ErrorCode::stripe_permission_missing);
  EXPECT_NE(error.message.find("Files: Write (rak_file_write)"), std::string::npos);
  EXPECT_EQ(error.message.find("NOFW"), std::string::npos);
}

TEST(StripeErrorMapping, SensitivePermissionIsNamed) {
  const auto error = map_stripe_failure(
      answer(
          403,
          R"({"error":{"message":"… Having the 'rak_identity_sensitive_results_read' permission would allow this request to continue."}})"),
      kFileLink);
  EXPECT_NE(error.message.find("Access recent sensitive verification results: Read"), std::string::npos);
}

TEST(StripeErrorMapping, PermissionFromTheEndpointWhenTheMessageNamesNone) {
  EXPECT_EQ(missing_permission("", kFileLink), "Files: Write");
  EXPECT_EQ(missing_permission("Having the 'x y' permission", {StripeEndpoint::redact_session, false}),
            "Identity Verification Sessions and Reports: Write");
}

TEST(StripeErrorMapping, FortyEightHourWindowAsksForAnIpRestrictedKey) {
  const auto error = map_stripe_failure(
      answer(
          403,
          R"({"error":{"message":"Sensitive verification results (file file_1) of verifications processed more than 48 hours ago are only available to restricted keys with IP restrictions."}})"),
      kFileLink);
  EXPECT_EQ(error.code, ErrorCode::sensitive_window_expired);
  EXPECT_NE(error.message.find("IP-restricted"), std::string::npos);
}

TEST(StripeErrorMapping, NotFoundDependsOnTheEndpoint) {
  const std::string body = R"({"error":{"code":"resource_missing","message":"No such verification_session: 'vs_x'"}})";
  EXPECT_EQ(map_stripe_failure(answer(404, body), kRetrieve).code, ErrorCode::session_not_found);
  EXPECT_EQ(map_stripe_failure(answer(404, body), kFileLink).code, ErrorCode::image_unavailable);
}

TEST(StripeErrorMapping, RateLimitCarriesRetryAfter) {
  auto response = answer(429, R"({"error":{"code":"rate_limit"}})");
  response.retry_after = "3";
  const auto error = map_stripe_failure(response, kRetrieve);
  EXPECT_EQ(error.code, ErrorCode::stripe_rate_limited);
  EXPECT_EQ(error.retry_after_s, 3);
  EXPECT_EQ(http_status(error.code), 429);
}

TEST(StripeErrorMapping, UnreachableSlowAndBroken) {
  StripeHttpResponse down;
  down.failure = TransportFailure::connect;
  EXPECT_EQ(map_stripe_failure(down, kRetrieve).code, ErrorCode::stripe_unavailable);
  StripeHttpResponse slow;
  slow.failure = TransportFailure::timeout;
  EXPECT_EQ(map_stripe_failure(slow, kRetrieve).code, ErrorCode::stripe_timeout);
  EXPECT_EQ(map_stripe_failure(answer(503, "{}"), kRetrieve).code, ErrorCode::stripe_unavailable);
}

TEST(StripeErrorMapping, FailuresThatWouldRepeatSayWhatToFix) {
  StripeHttpResponse untrusted;
  untrusted.failure = TransportFailure::certificate_refused;
  const auto certificate = map_stripe_failure(untrusted, kRetrieve);
  EXPECT_EQ(certificate.code, ErrorCode::stripe_unavailable);
  EXPECT_NE(certificate.message.find("ca-certificates"), std::string::npos);
  StripeHttpResponse huge;
  huge.failure = TransportFailure::answer_too_large;
  EXPECT_EQ(map_stripe_failure(huge, kRetrieve).code, ErrorCode::stripe_error);
  StripeHttpResponse unsendable;
  unsendable.failure = TransportFailure::request_refused;
  EXPECT_EQ(map_stripe_failure(unsendable, kRetrieve).code, ErrorCode::internal_error);
}

TEST(StripeErrorMapping, OtherRefusalsNeverEchoStripesMessage) {
  const auto error = map_stripe_failure(
      answer(400, R"({"error":{"code":"parameter_unknown","message":"Received unknown parameter: rk_live_abc"}})"),
      kRetrieve);
  EXPECT_EQ(error.code, ErrorCode::stripe_error);
  EXPECT_NE(error.message.find("parameter_unknown"), std::string::npos);
  EXPECT_EQ(error.message.find("rk_live"), std::string::npos);
}

TEST(ApiError, EveryCodeHasItsStatus) {
  EXPECT_EQ(http_status(ErrorCode::unauthenticated), 401);
  EXPECT_EQ(http_status(ErrorCode::forbidden), 403);
  EXPECT_EQ(http_status(ErrorCode::unsupported_media_type), 415);
  EXPECT_EQ(http_status(ErrorCode::session_redacted), 410);
  EXPECT_EQ(http_status(ErrorCode::report_not_ready), 409);
  EXPECT_EQ(http_status(ErrorCode::stripe_timeout), 504);
  const auto body = to_json({ErrorCode::session_not_found, "m", {}});
  EXPECT_EQ(body["error"]["code"], "session_not_found");
  EXPECT_EQ(body["error"]["message"], "m");
}

}  // namespace
}  // namespace iiv::stub
