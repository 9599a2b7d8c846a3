#include "emulator/stripe_refusal.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace iiv::emulator {
namespace {

using common::HttpRefusal;

TEST(StripeRefusal, StripesEnvelopeWithTheRefusalsStatus) {
  const auto answer = stripe_refusal(HttpRefusal::body_too_large);
  EXPECT_EQ(answer.status, 413);
  EXPECT_EQ(answer.header("Content-Type"), "application/json");
  EXPECT_EQ(answer.header("Request-Id").rfind("req_", 0), 0u);
  EXPECT_EQ(answer.connection, common::HttpResponse::Connection::close);
  const auto body = nlohmann::json::parse(answer.body);
  EXPECT_EQ(body["error"]["type"], "invalid_request_error");
  EXPECT_EQ(body["error"]["message"], common::refusal_message(HttpRefusal::body_too_large));
  EXPECT_EQ(body["error"].size(), 2u) << "no code: Stripe has no documentation page for ours";
}

TEST(StripeRefusal, ServerSideRefusalsAreApiErrors) {
  for (const auto refusal : {HttpRefusal::internal_error, HttpRefusal::server_busy, HttpRefusal::too_many_connections,
                             HttpRefusal::unsupported_transfer_encoding}) {
    const auto answer = stripe_refusal(refusal);
    EXPECT_EQ(answer.status, common::refusal_status(refusal));
    EXPECT_EQ(nlohmann::json::parse(answer.body)["error"]["type"], "api_error") << common::refusal_code(refusal);
  }
  const auto per_address = stripe_refusal(HttpRefusal::too_many_connections_from_address);
  EXPECT_EQ(per_address.status, 429);
  EXPECT_EQ(nlohmann::json::parse(per_address.body)["error"]["type"], "invalid_request_error");
}

}  // namespace
}  // namespace iiv::emulator
