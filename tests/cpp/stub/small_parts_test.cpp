// CORS policy, audit lines, metrics text, form encoding, idempotency keys.
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "stub/audit/audit_line.hpp"
#include "stub/http/cors_policy.hpp"
#include "stub/observe/metrics.hpp"
#include "stub/stripe/form_encoding.hpp"
#include "stub/stripe/idempotency_key.hpp"

namespace iiv::stub {
namespace {

TEST(CorsPolicy, NoOriginIsAllowedByDefault) {
  const CorsPolicy none({});
  EXPECT_FALSE(none.allows("http://localhost:5173"));
  EXPECT_TRUE(none.response_headers("http://localhost:5173").empty());
  EXPECT_FALSE(none.preflight("http://localhost:5173", "POST", "content-type").has_value());
}

TEST(CorsPolicy, ConfiguredOriginGetsExactHeadersAndPreflight) {
  const CorsPolicy cors({"http://localhost:5173"});
  const auto headers = cors.response_headers("http://localhost:5173");
  ASSERT_FALSE(headers.empty());
  EXPECT_EQ(headers[0].second, "http://localhost:5173");
  EXPECT_TRUE(cors.response_headers("http://localhost:5174").empty());
  EXPECT_TRUE(cors.response_headers("http://localhost:5173.evil.test").empty());
  EXPECT_TRUE(cors.preflight("http://localhost:5173", "POST", "Content-Type, Authorization").has_value());
  EXPECT_FALSE(cors.preflight("http://localhost:5173", "DELETE", "").has_value());
  EXPECT_FALSE(cors.preflight("http://localhost:5173", "POST", "x-custom").has_value());
}

TEST(AuditLine, NamesWhatWasShownAndNothingElse) {
  const auto line = nlohmann::json::parse(build_audit_line({"2025-11-25T21:17:03.123Z",
                                                            "rev_a",
                                                            "image_links",
                                                            "vs_1",
                                                            {"document_front", "selfie_face"},
                                                            {},
                                                            "ok",
                                                            "198.51.100.7",
                                                            1}));
  EXPECT_EQ(line["reviewer"], "rev_a");
  EXPECT_EQ(line["action"], "image_links");
  EXPECT_EQ(line["session"], "vs_1");
  EXPECT_EQ(line["shown"]["images"], nlohmann::json({"document_front", "selfie_face"}));
  EXPECT_TRUE(line["shown"]["sensitive_fields"].empty());
  EXPECT_EQ(line["outcome"], "ok");
  EXPECT_EQ(line["client"], "198.51.100.7");
  EXPECT_FALSE(line.contains("count"));  // one line, one event
  const auto refused =
      nlohmann::json::parse(build_audit_line({"t", "", "summary", "", {}, {"dob"}, "unauthenticated", "", 1}));
  EXPECT_TRUE(refused["reviewer"].is_null());
  EXPECT_TRUE(refused["session"].is_null());
  EXPECT_TRUE(refused["client"].is_null());
}

TEST(AuditLine, ASampledLineCarriesTheCountItStandsFor) {
  const auto line =
      nlohmann::json::parse(build_audit_line({"t", "", "image_links", "", {}, {}, "forbidden", "2001:db8::/64", 17}));
  EXPECT_EQ(line["count"], 17);
  EXPECT_EQ(line["client"], "2001:db8::/64");
}

TEST(Metrics, RendersPrometheusText) {
  Metrics metrics;
  metrics.file_links_issued(4);
  metrics.bundle_served();
  metrics.refusal("session_redacted");
  metrics.refusal("session_redacted");
  metrics.stripe_call("/v1/file_links", 200, 0.02);
  metrics.stripe_call("/v1/file_links", 0, 3.0);
  metrics.key_reload("sighup", true);
  const std::string text = metrics.render_prometheus();
  EXPECT_NE(text.find("iiv_file_links_issued_total 4\n"), std::string::npos);
  EXPECT_NE(text.find("iiv_bundles_served_total 1\n"), std::string::npos);
  EXPECT_NE(text.find("iiv_refusals_total{code=\"session_redacted\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("status=\"network_error\"} 1"), std::string::npos);
  EXPECT_NE(text.find("iiv_stripe_request_duration_seconds_bucket{le=\"0.025\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("iiv_stripe_request_duration_seconds_bucket{le=\"5\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("iiv_stripe_request_duration_seconds_bucket{le=\"+Inf\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("iiv_key_reloads_total{trigger=\"sighup\",changed=\"true\"} 1\n"), std::string::npos);
}

TEST(Metrics, CountsAuditLinesWrittenAndFailed) {
  Metrics metrics;
  metrics.audit_line(true);
  metrics.audit_line(true);
  metrics.audit_line(false);
  const std::string text = metrics.render_prometheus();
  EXPECT_NE(text.find("iiv_audit_lines_total{outcome=\"written\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("iiv_audit_lines_total{outcome=\"failed\"} 1\n"), std::string::npos) << text;
}

TEST(FormEncoding, EncodesValuesAndKeepsBracketsInNames) {
  EXPECT_EQ(form_encode({{"file", "file_1"}, {"expires_at", "17"}}), "file=file_1&expires_at=17");
  EXPECT_EQ(form_encode({{"expand[]", "a.b"}, {"q", "a b&c=d"}}), "expand[]=a.b&q=a%20b%26c%3Dd");
}

TEST(IdempotencyKey, IsRandomAndWellFormed) {
  std::set<std::string> keys;
  for (int i = 0; i < 100; ++i) keys.insert(new_idempotency_key());
  EXPECT_EQ(keys.size(), 100u);
  EXPECT_EQ(keys.begin()->size(), 36u);
  EXPECT_EQ(keys.begin()->rfind("iiv_", 0), 0u);
}

}  // namespace
}  // namespace iiv::stub
