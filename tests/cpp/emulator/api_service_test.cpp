// The API service without sockets: wire-format details (parameters, expand styles, auth
// forms, versions, idempotency, pagination, redaction) one request at a time.
#include "emulator/api_service.hpp"

#include <set>

#include <gtest/gtest.h>

#include "common/stripe_api.hpp"
#include "emulator/authorization_header.hpp"
#include "emulator/builtin_keys.hpp"
#include "emulator/seed_data.hpp"

namespace iiv::emulator {
namespace {

const std::string kSessions = "/v1/identity/verification_sessions/";

class Api : public ::testing::Test {
 protected:
  EmulatorClock clock;
  EmulatorStore store{build_seed_data(clock.now())};
  KeyRing keys = KeyRing::builtin();
  RuntimeConfigHolder config{RuntimeConfig{}};
  ApiService api{store, keys, clock, config};

  void SetUp() override { api.set_files_base("http://127.0.0.1:1"); }

  HttpResponse call(const std::string& method, const std::string& target, const std::string& body = "",
                    const std::string& key = builtin_keys::full_access,
                    std::map<std::string, std::string> headers = {}) {
    HttpRequest r;
    r.method = method;
    r.target = target;
    r.body = body;
    r.peer_address = "127.0.0.1";
    r.headers = std::move(headers);
    if (!key.empty() && !r.headers.count("authorization")) r.headers["authorization"] = "Bearer " + key;
    if (method == "POST" && !r.headers.count("content-type"))
      r.headers["content-type"] = "application/x-www-form-urlencoded";
    return api.handle(r);
  }
  static nlohmann::json json(const HttpResponse& r) { return nlohmann::json::parse(r.body); }
  std::string soon(int seconds = 20) const { return std::to_string(clock.now() + seconds); }
};

TEST_F(Api, ExpandInBothStylesInTheQueryString) {
  for (const char* style : {"expand[]=", "expand%5B%5D=", "expand[0]=", "expand%5B0%5D="}) {
    const auto r = call("GET", kSessions + seed_ids::passport_verified + "?" + style + "last_verification_report");
    ASSERT_EQ(r.status, 200) << style << r.body;
    EXPECT_TRUE(json(r)["last_verification_report"].is_object()) << style;
  }
  EXPECT_TRUE(json(call("GET", kSessions + seed_ids::passport_verified))["last_verification_report"].is_string());
}

TEST_F(Api, ExpandInTheFormBodyOfAPost) {
  const auto r =
      call("POST", "/v1/file_links", "file=file_1EmuPassportVerifiedPage&expires_at=" + soon() + "&expand[0]=file");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json(r)["file"]["object"], "file");
  EXPECT_EQ(json(r)["file"]["id"], "file_1EmuPassportVerifiedPage");
}

TEST_F(Api, BasicAuthWithTheKeyAsUser) {
  const std::string basic = "Basic c2tfdGVzdF9paXZlbXVfc2VjcmV0X2tleV9TRUNSOg==";  // sk_test_iivemu_secret_key_SECR:
  ASSERT_EQ(api_key_from_authorization(basic), builtin_keys::secret);
  const auto r = call("GET", kSessions + seed_ids::passport_verified, "", "", {{"authorization", basic}});
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(Api, AnswersInThePinnedVersionWithOrWithoutTheHeader) {
  const auto pinned =
      call("GET", "/v1/files/file_1EmuDisputeEvidence", "", builtin_keys::secret, {{"stripe-version", "2022-11-15"}});
  EXPECT_EQ(pinned.status, 200);
  EXPECT_EQ(pinned.header("Stripe-Version"), "2022-11-15");
  const auto unnamed = call("GET", "/v1/files/file_1EmuDisputeEvidence", "", builtin_keys::secret);
  EXPECT_EQ(unnamed.status, 200);
  EXPECT_EQ(unnamed.header("Stripe-Version"), common::kStripeApiVersion);
}

TEST_F(Api, AnyOtherStripeVersionIsRefusedAsStripeRefusesAnUnknownOne) {
  // A real later version, a malformed one, one with a beta suffix: the emulator has only
  // the pinned version's shapes, so all are refused before the key is even looked at.
  for (const char* other : {"2026-10-28.endive", "2023-10-16", "yesterday", "2022-11-15; beta=v1"}) {
    const auto refused =
        call("GET", "/v1/files/file_1EmuDisputeEvidence", "", builtin_keys::secret, {{"stripe-version", other}});
    EXPECT_EQ(refused.status, 400) << other;
    const auto error = json(refused)["error"];
    EXPECT_EQ(error["type"], "invalid_request_error") << other;
    EXPECT_EQ(error["message"], std::string("Invalid Stripe API version: ") + other);
    EXPECT_FALSE(error.contains("code")) << other;
    EXPECT_EQ(refused.header("Stripe-Version"), "2022-11-15") << other;
  }
}

// The attacks of issue 8: each answers 400 with Stripe's envelope, never 500 or a crash.
TEST_F(Api, HostileParametersGetStripes400) {
  const auto not_utf8 = call("GET", "/v1/identity/verification_sessions?limit=%FF");
  EXPECT_EQ(not_utf8.status, 400) << not_utf8.body;
  EXPECT_EQ(json(not_utf8)["error"]["type"], "invalid_request_error");
  EXPECT_EQ(json(not_utf8)["error"]["param"], "limit");

  std::string deep = "file=file_1EmuDisputeEvidence&expires_at";
  for (int i = 0; i < 100'000; ++i) deep += "[a]";
  const auto nested =
      call("POST", "/v1/file_links", deep + "=1", builtin_keys::full_access, {{"idempotency-key", "deep-1"}});
  EXPECT_EQ(nested.status, 400);
  EXPECT_EQ(json(nested)["error"]["param"], "expires_at");
}

// Whatever the request quotes back (a path, a header) reaches the answer as valid JSON.
TEST_F(Api, BytesThatAreNotUtf8AnywhereInTheRequestStillGetAJsonAnswer) {
  const auto id = call("GET", "/v1/files/file_%FF%FE");
  EXPECT_EQ(id.status, 404);
  EXPECT_EQ(json(id)["error"]["code"], "resource_missing");
  const auto url = call("GET", "/v1/unknown/\xFF");
  EXPECT_EQ(url.status, 404);
  EXPECT_TRUE(json(url)["error"]["message"].is_string());
  const auto version = call("GET", "/v1/files/file_1EmuDisputeEvidence", "", builtin_keys::secret,
                            {{"stripe-version", "2022-11-15\xFF"}});
  EXPECT_EQ(version.status, 400);
  EXPECT_EQ(json(version)["error"]["message"], "Invalid Stripe API version: 2022-11-15\xEF\xBF\xBD");
  const auto key = call("GET", "/v1/files/file_1EmuDisputeEvidence", "", "rk_test_unknown_key_00\xFF\xFE\xFD");
  EXPECT_EQ(key.status, 401);
  EXPECT_TRUE(json(key)["error"]["message"].is_string());
  const std::string link = "file=file_1EmuDisputeEvidence";
  ASSERT_EQ(call("POST", "/v1/file_links", link, builtin_keys::full_access, {{"idempotency-key", "k\xFF"}}).status,
            200);
  const auto reused = call("POST", "/v1/file_links", link + "&metadata[a]=b", builtin_keys::full_access,
                           {{"idempotency-key", "k\xFF"}});
  EXPECT_EQ(reused.status, 400);
  EXPECT_EQ(json(reused)["error"]["type"], "idempotency_error");
}

TEST_F(Api, FormBodiesOnlyAndUnknownParametersRefused) {
  const auto as_json = call("POST", "/v1/file_links", R"({"file":"x"})", builtin_keys::full_access,
                            {{"content-type", "application/json"}});
  EXPECT_EQ(as_json.status, 400);
  EXPECT_NE(json(as_json)["error"]["message"].get<std::string>().find("unsupported Content-Type"), std::string::npos);
  const auto unknown = call("GET", kSessions + seed_ids::passport_verified + "?colour=red");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(json(unknown)["error"]["param"], "colour");
  EXPECT_EQ(json(unknown)["error"]["code"], "parameter_unknown");
  const auto missing = call("POST", "/v1/file_links", "expires_at=" + soon());
  EXPECT_EQ(json(missing)["error"]["param"], "file");
  EXPECT_EQ(json(missing)["error"]["code"], "parameter_missing");
  const auto not_integer = call("POST", "/v1/file_links", "file=file_1EmuPassportVerifiedPage&expires_at=soon");
  EXPECT_EQ(json(not_integer)["error"]["code"], "parameter_invalid_integer");
  EXPECT_EQ(json(not_integer)["error"]["param"], "expires_at");
}

TEST_F(Api, MissingObjectsAndUnknownRoutes) {
  const auto missing = call("GET", "/v1/identity/verification_reports/vr_1Nothing");
  EXPECT_EQ(missing.status, 404);
  const auto e = json(missing)["error"];
  EXPECT_EQ(e["type"], "invalid_request_error");
  EXPECT_EQ(e["code"], "resource_missing");
  EXPECT_EQ(e["param"], "report");
  EXPECT_EQ(e["doc_url"], "https://stripe.com/docs/error-codes/resource-missing");
  EXPECT_EQ(e["message"], "No such verification_report: 'vr_1Nothing'");
  const auto route = call("DELETE", "/v1/file_links/link_1");
  EXPECT_EQ(route.status, 404);
  EXPECT_EQ(json(route)["error"]["message"].get<std::string>().rfind(
                "Unrecognized request URL (DELETE: /v1/file_links/link_1)", 0),
            0u);
}

TEST_F(Api, IdempotentPostsReplayAndRefuseChangedParameters) {
  const std::string body = "file=file_1EmuPassportVerifiedPage&expires_at=" + soon();
  const std::map<std::string, std::string> key{{"idempotency-key", "bundle-42"}};
  const auto first = call("POST", "/v1/file_links", body, builtin_keys::full_access, key);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.header("Idempotent-Replayed"), "");
  const auto again = call("POST", "/v1/file_links", body, builtin_keys::full_access, key);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(json(again)["id"], json(first)["id"]);
  EXPECT_EQ(again.header("Idempotent-Replayed"), "true");
  EXPECT_EQ(again.header("Original-Request"), first.header("Request-Id"));
  EXPECT_NE(again.header("Request-Id"), first.header("Request-Id"));
  EXPECT_EQ(store.links_for_file("file_1EmuPassportVerifiedPage").size(), 1u);

  const auto changed = call("POST", "/v1/file_links", body + "&metadata[x]=y", builtin_keys::full_access, key);
  EXPECT_EQ(changed.status, 400);
  EXPECT_EQ(json(changed)["error"]["type"], "idempotency_error");
}

TEST_F(Api, RefusedRequestsAreNotSavedUnderTheirIdempotencyKey) {
  const std::map<std::string, std::string> key{{"idempotency-key", "retry-me"}};
  const std::string too_long = "file=file_1EmuPassportVerifiedPage&expires_at=" + soon(300);
  EXPECT_EQ(call("POST", "/v1/file_links", too_long, builtin_keys::full_access, key).status, 400);
  const auto fixed = call("POST", "/v1/file_links", "file=file_1EmuPassportVerifiedPage&expires_at=" + soon(),
                          builtin_keys::full_access, key);
  EXPECT_EQ(fixed.status, 200) << fixed.body;
}

TEST_F(Api, ListPagesThroughEverySessionNewestFirst) {
  std::vector<std::string> seen;
  std::string after;
  for (int page = 0; page < 10; ++page) {
    const auto r = call("GET", "/v1/identity/verification_sessions?limit=3" +
                                   (after.empty() ? std::string() : "&starting_after=" + after));
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = json(r);
    EXPECT_EQ(body["object"], "list");
    EXPECT_EQ(body["url"], "/v1/identity/verification_sessions");
    for (const auto& s : body["data"]) seen.push_back(s["id"]);
    if (!body["has_more"].get<bool>()) break;
    after = seen.back();
  }
  EXPECT_EQ(seen.size(), 9u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 9u);
  const auto before = json(call("GET", "/v1/identity/verification_sessions?limit=2&ending_before=" + seen[4]));
  ASSERT_EQ(before["data"].size(), 2u);
  EXPECT_EQ(before["data"][0]["id"], seen[2]);
  EXPECT_EQ(before["data"][1]["id"], seen[3]);
  EXPECT_TRUE(before["has_more"].get<bool>());
  const auto awaiting = json(call("GET", "/v1/identity/verification_sessions?status=requires_input"));
  std::set<std::string> awaiting_ids;
  for (const auto& s : awaiting["data"]) awaiting_ids.insert(s["id"].get<std::string>());
  EXPECT_EQ(awaiting_ids, (std::set<std::string>{seed_ids::document_expired, seed_ids::awaiting_input}));
  EXPECT_EQ(call("GET", "/v1/identity/verification_sessions?limit=101").status, 400);
  EXPECT_EQ(call("GET", "/v1/identity/verification_sessions?starting_after=vs_1Missing").status, 400);
  const auto expanded =
      json(call("GET", "/v1/identity/verification_sessions?limit=1&expand[]=data.last_verification_report"));
  EXPECT_TRUE(expanded["data"][0]["last_verification_report"].is_object());
}

TEST_F(Api, RedactionIsProcessingThenRedactedWithPlaceholders) {
  const auto refused = call("POST", kSessions + seed_ids::ready_to_redact + "/redact");
  EXPECT_EQ(refused.status, 403);  // the full-access key reads Identity, it does not write it
  EXPECT_NE(refused.body.find("rak_identity_product_write"), std::string::npos);

  const auto r = call("POST", kSessions + seed_ids::ready_to_redact + "/redact", "", builtin_keys::secret);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json(r)["redaction"]["status"], "processing");
  const auto later =
      json(call("GET", kSessions + seed_ids::ready_to_redact +
                           "?expand[]=verified_outputs.dob&expand[]=last_verification_report.document.number"));
  EXPECT_EQ(later["redaction"]["status"], "redacted");
  EXPECT_EQ(later["metadata"], nlohmann::json::object());
  EXPECT_EQ(later["verified_outputs"]["first_name"], "[redacted]");
  EXPECT_EQ(later["verified_outputs"]["dob"], (nlohmann::json{{"day", 1}, {"month", 1}, {"year", 1}}));
  EXPECT_EQ(later["last_verification_report"]["document"]["number"], "[redacted]");
  EXPECT_EQ(later["status"], "verified");
  const auto link = call("POST", "/v1/file_links", "file=file_1EmuReadyToRedactPage&expires_at=" + soon());
  EXPECT_EQ(link.status, 400);
  EXPECT_EQ(json(link)["error"]["param"], "file");
}

TEST_F(Api, RedactionDelayKeepsItProcessing) {
  RuntimeConfig slow;
  slow.redaction_delay_ms = 60'000;
  config.set(slow);
  call("POST", kSessions + seed_ids::ready_to_redact + "/redact", "", builtin_keys::secret);
  EXPECT_EQ(json(call("GET", kSessions + seed_ids::ready_to_redact))["redaction"]["status"], "processing");
  clock.advance_seconds(61);
  EXPECT_EQ(json(call("GET", kSessions + seed_ids::ready_to_redact))["redaction"]["status"], "redacted");
}

}  // namespace
}  // namespace iiv::emulator
