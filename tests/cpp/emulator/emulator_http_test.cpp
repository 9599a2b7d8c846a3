// The emulator over real HTTP on loopback: each test starts its own emulator in-process on
// port 0 and talks to it over HTTP (libcurl, tests/cpp/support), as the server stub and the
// browser will.
#include <future>
#include <set>

#include <gtest/gtest.h>

#include "emulator/builtin_keys.hpp"
#include "emulator/seed_data.hpp"
#include "http_test_support.hpp"

namespace iiv::emulator {
namespace {

using testing::bearer;
using testing::form;
using testing::HeaderPairs;
using testing::HttpAnswer;
using testing::HttpClient;
using testing::json_of;
using testing::RunningEmulator;

const std::string kSessions = "/v1/identity/verification_sessions/";

std::int64_t emulator_now(const RunningEmulator& e) { return e.admin_get("/_emulator/clock")["now"]; }

void expect_security_headers(const HttpAnswer& r, const std::string& what) {
  ASSERT_TRUE(r) << what;
  EXPECT_EQ(r.header("Request-Id").rfind("req_", 0), 0u) << what;
  EXPECT_EQ(r.header("Cache-Control"), "no-store") << what;
  EXPECT_EQ(r.header("Referrer-Policy"), "no-referrer") << what;
  EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff") << what;
}

// Stripe's error envelope: {"error":{"type","message",…}} with the given status.
nlohmann::json expect_error(const HttpAnswer& r, int status, const std::string& what) {
  EXPECT_TRUE(r) << what;
  if (!r) return {};
  EXPECT_EQ(r.status, status) << what << ": " << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/json") << what;
  const auto body = nlohmann::json::parse(r.body);
  EXPECT_TRUE(body["error"]["type"].is_string()) << what;
  EXPECT_TRUE(body["error"]["message"].is_string()) << what;
  return body["error"];
}

HttpAnswer create_link(const HttpClient& api, const std::string& key, const std::string& file,
                       std::optional<std::int64_t> expires_at, HeaderPairs extra = {}) {
  std::vector<std::pair<std::string, std::string>> fields{{"file", file}};
  if (expires_at) fields.emplace_back("expires_at", std::to_string(*expires_at));
  return api.post("/v1/file_links", bearer(key, std::move(extra)), form(fields), "application/x-www-form-urlencoded");
}

std::string sensitive_query() {
  return "?" + form({{"expand[]", "verified_outputs.dob"}, {"expand[]", "last_verification_report.document.number"}});
}

TEST(EmulatorHttp, EveryAnswerHasARequestIdAndTheSecurityHeaders) {
  RunningEmulator e;
  auto api = e.api();
  const auto now = emulator_now(e);
  const auto link = json_of(create_link(api, builtin_keys::full_access, "file_1EmuPassportVerifiedPage", now + 5));
  const auto [files_base, link_path] = RunningEmulator::split_url(link["url"]);
  HttpClient files(files_base);

  expect_security_headers(api.get((kSessions + seed_ids::passport_verified).c_str(), bearer(builtin_keys::full_access)),
                          "200");
  expect_security_headers(api.get((kSessions + seed_ids::passport_verified).c_str()), "401 no key");
  expect_security_headers(api.get((kSessions + seed_ids::passport_verified).c_str(), bearer(builtin_keys::rolled)),
                          "401 rolled");
  expect_security_headers(create_link(api, builtin_keys::no_files_write, "file_1EmuPassportVerifiedPage", now + 5),
                          "403");
  expect_security_headers(create_link(api, builtin_keys::full_access, "file_1EmuPassportVerifiedPage", now + 300),
                          "400");
  expect_security_headers(api.get((kSessions + "vs_1Missing").c_str(), bearer(builtin_keys::full_access)), "404");
  expect_security_headers(api.get("/v1/charges", bearer(builtin_keys::full_access)), "404 route");
  expect_security_headers(api.get("/_emulator/stats"), "admin");
  expect_security_headers(files.get(link_path.c_str()), "files 200");
  expect_security_headers(files.get("/links/unknown-token"), "files 404");
  e.admin_post("/_emulator/clock", {{"advance_seconds", 6}});
  expect_security_headers(files.get(link_path.c_str()), "files 410");
}

TEST(EmulatorHttp, EachBuiltInKeyKind) {
  RunningEmulator e;
  auto api = e.api();
  const auto now = emulator_now(e);
  const std::string image = "file_1EmuIdCardWithSelfieSelfie";
  const std::string session = kSessions + seed_ids::id_card_with_selfie;

  EXPECT_EQ(create_link(api, builtin_keys::full_access, image, now + 30).status, 200);
  EXPECT_EQ(create_link(api, builtin_keys::ip_restricted, image, now + 30).status, 200);
  EXPECT_EQ(api.get((session + sensitive_query()).c_str(), bearer(builtin_keys::full_access)).status, 200);

  const auto no_files =
      expect_error(create_link(api, builtin_keys::no_files_write, image, now + 30), 403, "no files write");
  EXPECT_EQ(no_files["type"], "invalid_request_error");
  EXPECT_NE(no_files["message"].get<std::string>().find(
                "Having the 'rak_file_write' permission would allow this request to continue."),
            std::string::npos);

  const auto no_sensitive = expect_error(
      api.get((session + sensitive_query()).c_str(), bearer(builtin_keys::no_sensitive)), 403, "no sensitive: expand");
  EXPECT_NE(no_sensitive["message"].get<std::string>().find("rak_identity_sensitive_results_read"), std::string::npos);
  expect_error(create_link(api, builtin_keys::no_sensitive, image, now + 30), 403, "no sensitive: identity image");
  EXPECT_EQ(
      api.get((session + "?expand[]=last_verification_report").c_str(), bearer(builtin_keys::no_sensitive)).status,
      200);

  EXPECT_EQ(api.get(session.c_str(), bearer(builtin_keys::secret)).status, 200);
  const auto secret =
      expect_error(api.get((session + sensitive_query()).c_str(), bearer(builtin_keys::secret)), 403, "secret: expand");
  EXPECT_NE(secret["message"].get<std::string>().find("secret key"), std::string::npos);
  expect_error(create_link(api, builtin_keys::secret, image, now + 30), 403, "secret: identity image");
  EXPECT_EQ(create_link(api, builtin_keys::secret, seed_ids::dispute_evidence_file, std::nullopt).status, 200);

  const auto rolled = expect_error(api.get(session.c_str(), bearer(builtin_keys::rolled)), 401, "rolled");
  EXPECT_EQ(rolled["code"], "api_key_expired");
  EXPECT_EQ(rolled["doc_url"], "https://stripe.com/docs/error-codes/api-key-expired");
  EXPECT_EQ(rolled["message"], "Expired API Key provided: rk_test_…ROLD");

  const std::string stranger = "rk_test_someoneElsesKey0000000000XYZW";
  const auto unknown = expect_error(api.get(session.c_str(), bearer(stranger)), 401, "unknown key");
  EXPECT_EQ(unknown["message"], "Invalid API Key provided: rk_test_…XYZW");
  EXPECT_EQ(unknown["message"].get<std::string>().find(stranger), std::string::npos);
  expect_error(api.get(session.c_str()), 401, "no key");

  HttpClient basic(e.server().api_base());
  basic.set_basic_auth(builtin_keys::full_access, "");
  EXPECT_EQ(basic.get(session.c_str()).status, 200);
}

TEST(EmulatorHttp, SensitiveFieldsOnlyWhenExpanded) {
  RunningEmulator e;
  auto api = e.api();
  const std::string session = kSessions + seed_ids::driving_licence_verified;
  const auto plain = json_of(api.get((session + "?expand[]=last_verification_report&expand[]=verified_outputs").c_str(),
                                     bearer(builtin_keys::full_access)));
  EXPECT_FALSE(plain["verified_outputs"].contains("dob"));
  EXPECT_FALSE(plain["verified_outputs"].contains("id_number"));
  EXPECT_FALSE(plain["last_verification_report"]["document"].contains("number"));
  EXPECT_FALSE(plain["last_verification_report"]["document"].contains("dob"));
  EXPECT_FALSE(plain["last_verification_report"]["document"].contains("expiration_date"));
  EXPECT_FALSE(plain["last_verification_report"]["id_number"].contains("id_number"));

  const std::string all = "?" + form({{"expand[0]", "verified_outputs.dob"},
                                      {"expand[1]", "verified_outputs.id_number"},
                                      {"expand[2]", "last_verification_report.document.number"},
                                      {"expand[3]", "last_verification_report.document.dob"},
                                      {"expand[4]", "last_verification_report.document.expiration_date"},
                                      {"expand[5]", "last_verification_report.id_number.dob"},
                                      {"expand[6]", "last_verification_report.id_number.id_number"}});
  const auto full = json_of(api.get((session + all).c_str(), bearer(builtin_keys::full_access)));
  EXPECT_EQ(full["verified_outputs"]["dob"]["year"], 1988);
  EXPECT_EQ(full["verified_outputs"]["id_number"], "0000");
  EXPECT_EQ(full["last_verification_report"]["document"]["number"], "D0000001");
  EXPECT_EQ(full["last_verification_report"]["document"]["expiration_date"]["year"], 2029);
  EXPECT_EQ(full["last_verification_report"]["id_number"]["id_number"], "0000");

  const auto report =
      json_of(api.get("/v1/identity/verification_reports/vr_1EmuDrivingLicenceVerified?expand[]=document.dob",
                      bearer(builtin_keys::full_access)));
  EXPECT_EQ(report["document"]["dob"]["month"], 2);
  EXPECT_FALSE(report["document"].contains("number"));
}

TEST(EmulatorHttp, FortyEightHourWindowAndIpRestrictedKeys) {
  RunningEmulator e;
  auto api = e.api();
  const auto now = emulator_now(e);
  const std::string old_session = kSessions + seed_ids::processed_long_ago;
  const auto refused =
      expect_error(api.get((old_session + sensitive_query()).c_str(), bearer(builtin_keys::full_access)), 403,
                   "old session, plain restricted key");
  EXPECT_NE(refused["message"].get<std::string>().find("48 hours"), std::string::npos);
  expect_error(api.get("/v1/identity/verification_reports/vr_1EmuProcessedLongAgo?expand[]=document.number",
                       bearer(builtin_keys::full_access)),
               403, "old report");
  expect_error(create_link(api, builtin_keys::full_access, "file_1EmuProcessedLongAgoSelfie", now + 30), 403,
               "old selfie");
  // Non-sensitive reads stay allowed.
  EXPECT_EQ(api.get(old_session.c_str(), bearer(builtin_keys::full_access)).status, 200);

  EXPECT_EQ(api.get((old_session + sensitive_query()).c_str(), bearer(builtin_keys::ip_restricted)).status, 200);
  EXPECT_EQ(create_link(api, builtin_keys::ip_restricted, "file_1EmuProcessedLongAgoSelfie", now + 30).status, 200);

  // The window moves with the emulator's clock.
  const std::string recent = kSessions + seed_ids::passport_verified + sensitive_query();
  EXPECT_EQ(api.get(recent.c_str(), bearer(builtin_keys::full_access)).status, 200);
  e.admin_post("/_emulator/clock", {{"advance_seconds", 48 * 3600}});
  expect_error(api.get(recent.c_str(), bearer(builtin_keys::full_access)), 403, "after 48 more hours");
}

TEST(EmulatorHttp, ThirtySecondCapForIdentityImages) {
  RunningEmulator e;
  auto api = e.api();
  const auto now = emulator_now(e);
  for (const std::string file : {"file_1EmuIdCardWithSelfieFront", "file_1EmuIdCardWithSelfieSelfie"}) {
    // The exact boundary (+31 s refused, +30 s taken) is access_rules_test's, on a fixed clock:
    // here a second may pass between reading the clock and the request, so stay clear of it.
    const auto late = expect_error(create_link(api, builtin_keys::full_access, file, now + 45), 400, file + " +45 s");
    EXPECT_EQ(late["type"], "invalid_request_error");
    EXPECT_EQ(late["param"], "expires_at");
    EXPECT_EQ(
        expect_error(create_link(api, builtin_keys::full_access, file, std::nullopt), 400, file + " none")["param"],
        "expires_at");
    EXPECT_EQ(create_link(api, builtin_keys::full_access, file, now + 25).status, 200) << file;
  }
  const auto upload =
      expect_error(create_link(api, builtin_keys::full_access, seed_ids::uploaded_identity_document_file, now + 10),
                   400, "identity_document");
  EXPECT_EQ(upload["param"], "file");
  EXPECT_EQ(create_link(api, builtin_keys::full_access, seed_ids::dispute_evidence_file, now + 86400).status, 200);
}

TEST(EmulatorHttp, LinkServesTheImageUntilItExpires) {
  RunningEmulator e;
  auto api = e.api();
  const auto now = emulator_now(e);
  const auto link = json_of(create_link(api, builtin_keys::full_access, "file_1EmuPassportVerifiedPage", now + 10));
  EXPECT_EQ(link["object"], "file_link");
  EXPECT_EQ(link["id"].get<std::string>().rfind("link_", 0), 0u);
  EXPECT_EQ(link["expires_at"], now + 10);
  const auto file = json_of(api.get("/v1/files/file_1EmuPassportVerifiedPage", bearer(builtin_keys::full_access)));

  const auto [files_base, path] = RunningEmulator::split_url(link["url"]);
  EXPECT_EQ(files_base, e.server().files_base());
  EXPECT_NE(files_base, e.server().api_base());
  HttpClient files(files_base);
  const auto image = files.get(path.c_str());
  ASSERT_TRUE(image);
  EXPECT_EQ(image.status, 200);
  EXPECT_EQ(image.header("Content-Type"), "image/jpeg");
  EXPECT_EQ(image.header("Content-Length"), std::to_string(image.body.size()));
  EXPECT_EQ(file["size"], image.body.size());
  ASSERT_GT(image.body.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(image.body[0]), 0xFF);
  EXPECT_EQ(static_cast<unsigned char>(image.body[1]), 0xD8);

  e.admin_post("/_emulator/clock", {{"advance_seconds", 10}});
  EXPECT_EQ(files.get(path.c_str()).status, 410);
  EXPECT_EQ(files.get("/links/notAToken").status, 404);
  const auto again = json_of(api.get(("/v1/file_links/" + link["id"].get<std::string>() + "?expand[]=file").c_str(),
                                     bearer(builtin_keys::full_access)));
  EXPECT_EQ(again["expired"], true);
  EXPECT_EQ(again["file"]["id"], "file_1EmuPassportVerifiedPage");
}

TEST(EmulatorHttp, FilesHostCorsOnByDefaultOffOnRequest) {
  const auto link_path = [](RunningEmulator& e) {
    auto api = e.api();
    const auto link =
        json_of(create_link(api, builtin_keys::full_access, "file_1EmuPassportVerifiedPage", emulator_now(e) + 20));
    return RunningEmulator::split_url(link["url"]).second;
  };
  RunningEmulator on;
  EXPECT_EQ(on.files().get(link_path(on).c_str()).header("Access-Control-Allow-Origin"), "*");

  EmulatorOptions options = testing::quiet_options();
  options.runtime.files_cors = false;
  RunningEmulator off(options);
  const std::string path = link_path(off);
  const auto without = off.files().get(path.c_str());
  EXPECT_EQ(without.status, 200);
  EXPECT_FALSE(without.has_header("Access-Control-Allow-Origin"));
  off.admin_post("/_emulator/config", {{"files_cors", "on"}});
  EXPECT_EQ(off.files().get(path.c_str()).header("Access-Control-Allow-Origin"), "*");
}

TEST(EmulatorHttp, RedactionStopsLinksAndShowsPlaceholders) {
  RunningEmulator e;
  auto api = e.api();
  const auto now = emulator_now(e);
  const auto issued = json_of(create_link(api, builtin_keys::full_access, "file_1EmuReadyToRedactSelfie", now + 30));
  const auto [files_base, path] = RunningEmulator::split_url(issued["url"]);
  EXPECT_EQ(e.files().get(path.c_str()).status, 200);

  const auto redact = api.post((kSessions + seed_ids::ready_to_redact + "/redact").c_str(),
                               bearer(builtin_keys::secret), "", "application/x-www-form-urlencoded");
  ASSERT_EQ(redact.status, 200) << redact.body;
  EXPECT_EQ(json_of(redact)["redaction"]["status"], "processing");

  EXPECT_EQ(e.files().get(path.c_str()).status, 410);
  EXPECT_EQ(expect_error(create_link(api, builtin_keys::full_access, "file_1EmuReadyToRedactPage", now + 30), 400,
                         "link after redaction")["param"],
            "file");
  const auto shown = json_of(api.get((kSessions + seed_ids::ready_to_redact + "?expand[]=verified_outputs.dob").c_str(),
                                     bearer(builtin_keys::full_access)));
  EXPECT_EQ(shown["redaction"]["status"], "redacted");
  EXPECT_EQ(shown["verified_outputs"]["last_name"], "[redacted]");
  EXPECT_EQ(shown["verified_outputs"]["dob"]["year"], 1);
  EXPECT_EQ(shown["metadata"], nlohmann::json::object());

  const auto seeded = json_of(api.get((kSessions + seed_ids::redacted).c_str(), bearer(builtin_keys::full_access)));
  EXPECT_EQ(seeded["redaction"]["status"], "redacted");
}

TEST(EmulatorHttp, IdempotencyKeyReplaysOrRefuses) {
  RunningEmulator e;
  auto api = e.api();
  const auto now = emulator_now(e);
  const HeaderPairs key{{"Idempotency-Key", "viewer-bundle-7"}};
  const auto first = create_link(api, builtin_keys::full_access, "file_1EmuPassportVerifiedPage", now + 20, key);
  const auto second = create_link(api, builtin_keys::full_access, "file_1EmuPassportVerifiedPage", now + 20, key);
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(json_of(second)["id"], json_of(first)["id"]);
  EXPECT_EQ(second.header("Idempotent-Replayed"), "true");
  EXPECT_FALSE(first.has_header("Idempotent-Replayed"));
  const auto other =
      expect_error(create_link(api, builtin_keys::full_access, "file_1EmuPassportVerifiedPage", now + 21, key), 400,
                   "same key, other params");
  EXPECT_EQ(other["type"], "idempotency_error");
}

TEST(EmulatorHttp, InjectedFaults) {
  RunningEmulator e;
  auto api = e.api();
  const std::string session = kSessions + seed_ids::passport_verified;

  e.admin_post("/_emulator/config", {{"fault_rate", 1.0}, {"faults", "429"}});
  const auto limited = expect_error(api.get(session.c_str(), bearer(builtin_keys::full_access)), 429, "429");
  EXPECT_EQ(limited["code"], "rate_limit");

  e.admin_post("/_emulator/config", {{"faults", "500"}});
  const auto broken = expect_error(api.get(session.c_str(), bearer(builtin_keys::full_access)), 500, "500");
  EXPECT_EQ(broken["type"], "api_error");

  e.admin_post("/_emulator/config", {{"faults", "drop"}});
  const auto dropped = api.get(session.c_str(), bearer(builtin_keys::full_access));
  EXPECT_FALSE(dropped) << "a dropped connection gives no answer";

  const auto stats = e.admin_get("/_emulator/stats");
  EXPECT_EQ(stats["faults_injected"]["429"], 1);
  EXPECT_EQ(stats["faults_injected"]["500"], 1);
  EXPECT_EQ(stats["faults_injected"]["drop"], 1);

  e.admin_post("/_emulator/config", {{"fault_rate", 0}});
  EXPECT_EQ(api.get(session.c_str(), bearer(builtin_keys::full_access)).status, 200);
}

TEST(EmulatorHttp, StatsShowParallelRequests) {
  RunningEmulator e;
  e.admin_post("/_emulator/config", {{"latency_ms", 400}});
  e.admin_post("/_emulator/stats/reset", nlohmann::json::object());
  const auto now = emulator_now(e);
  const std::vector<std::string> files = {"file_1EmuIdCardWithSelfieFront", "file_1EmuIdCardWithSelfieBack",
                                          "file_1EmuIdCardWithSelfieSelfie", "file_1EmuPassportVerifiedPage"};
  std::vector<std::future<int>> requests;
  for (const auto& f : files)
    requests.push_back(std::async(std::launch::async, [&e, f, now] {
      auto api = e.api();
      return create_link(api, builtin_keys::full_access, f, now + 30).status;
    }));
  for (auto& r : requests) EXPECT_EQ(r.get(), 200);
  const auto stats = e.admin_get("/_emulator/stats");
  EXPECT_EQ(stats["api_requests"]["POST /v1/file_links"], 4);
  EXPECT_EQ(stats["max_in_flight"], 4);
  EXPECT_EQ(stats["in_flight"], 0);
}

TEST(EmulatorHttp, KeyRollThroughTheAdminEndpoint) {
  RunningEmulator e;
  auto api = e.api();
  const std::string session = kSessions + seed_ids::passport_verified;
  EXPECT_EQ(api.get(session.c_str(), bearer(builtin_keys::full_access)).status, 200);
  const auto rolled = e.admin_post("/_emulator/keys/roll", {{"key", builtin_keys::full_access},
                                                            {"replacement", "rk_test_iivemu_rolled_in_test_NEW3"}});
  EXPECT_EQ(rolled["rolled"], "rk_test_…FULL");
  EXPECT_EQ(expect_error(api.get(session.c_str(), bearer(builtin_keys::full_access)), 401, "old key")["code"],
            "api_key_expired");
  EXPECT_EQ(api.get(session.c_str(), bearer("rk_test_iivemu_rolled_in_test_NEW3")).status, 200);
}

TEST(EmulatorHttp, FilesHostAnswersHeadWithTheImagesLengthOnly) {
  RunningEmulator e;
  auto api = e.api();
  const auto link =
      json_of(create_link(api, builtin_keys::full_access, "file_1EmuPassportVerifiedPage", emulator_now(e) + 20));
  const auto path = RunningEmulator::split_url(link["url"]).second;
  const auto whole = e.files().get(path);
  ASSERT_EQ(whole.status, 200);
  const auto head = e.files().send("HEAD", path);
  ASSERT_EQ(head.status, 200);
  EXPECT_EQ(head.header("Content-Length"), std::to_string(whole.body.size()));
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.header("Content-Type"), "image/jpeg");
}

// What the shared HTTP layer refuses reaches a Stripe client in Stripe's error envelope.
TEST(EmulatorHttp, RefusalsOfTheHttpLayerUseStripesErrorShape) {
  RunningEmulator e;
  const auto expect_stripe_refusal = [](const HttpAnswer& r, int status, const std::string& what) {
    ASSERT_TRUE(r) << what << ": " << r.failure;
    EXPECT_EQ(r.status, status) << what << ": " << r.body;
    EXPECT_EQ(r.header("Content-Type"), "application/json") << what;
    EXPECT_EQ(r.header("Request-Id").rfind("req_", 0), 0u) << what;
    EXPECT_EQ(r.header("Cache-Control"), "no-store") << what;
    EXPECT_EQ(r.header("Connection"), "close") << what;
    const auto body = nlohmann::json::parse(r.body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << what;
    EXPECT_EQ(body["error"]["type"], "invalid_request_error") << what;
    EXPECT_TRUE(body["error"]["message"].is_string()) << what;
  };
  const std::string big_form = "file=file_1EmuPassportVerifiedPage&metadata%5Bx%5D=" + std::string(2u << 20, 'a');
  expect_stripe_refusal(
      e.api().post("/v1/file_links", bearer(builtin_keys::full_access), big_form, "application/x-www-form-urlencoded"),
      413, "a body over 1 MiB");
  expect_stripe_refusal(e.api().get("/v1/identity/verification_sessions",
                                    {{"Authorization", "Bearer " + std::string(builtin_keys::secret)},
                                     {"Authorization", "Bearer " + std::string(builtin_keys::full_access)}}),
                        400, "two Authorization headers");
  expect_stripe_refusal(e.files().get("/links/" + std::string(9000, 't')), 414, "a files host target over 8 KiB");
  EXPECT_EQ(e.admin_get("/_emulator/stats")["api_requests"].size(), 0u) << "refused requests never reach the emulator";
}

// Issue 8's two attacks on the wire (a SIGSEGV and an empty 500 before the caps).
TEST(EmulatorHttp, DeepAndNonUtf8ParametersGet400AndTheEmulatorKeepsServing) {
  RunningEmulator e;
  auto api = e.api();
  // 2,000 levels in the query string (the emulator's HTTP layer caps a request target at
  // 8 KiB); the 100,000-level body is refused in api_service_test.
  std::string deep = "/v1/identity/verification_sessions?created";
  for (int i = 0; i < 2'000; ++i) deep += "[a]";
  const auto nested = api.get(deep + "=1", bearer(builtin_keys::full_access));
  EXPECT_EQ(expect_error(nested, 400, "2,000 levels")["param"], "created");
  const auto not_utf8 = api.get("/v1/identity/verification_sessions?limit=%FF", bearer(builtin_keys::full_access));
  EXPECT_EQ(expect_error(not_utf8, 400, "limit=%FF")["param"], "limit");
  EXPECT_EQ(api.get("/v1/identity/verification_sessions", bearer(builtin_keys::full_access)).status, 200);
}

TEST(EmulatorHttp, ListEnvelopeAndStripeVersion) {
  RunningEmulator e;
  auto api = e.api();
  const auto r = api.get("/v1/identity/verification_sessions?limit=2&expand%5B0%5D=data.last_verification_report",
                         bearer(builtin_keys::full_access, {{"Stripe-Version", "2022-11-15"}}));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Stripe-Version"), "2022-11-15");
  const auto other = api.get("/v1/identity/verification_sessions",
                             bearer(builtin_keys::full_access, {{"Stripe-Version", "2026-10-28.endive"}}));
  EXPECT_EQ(expect_error(other, 400, "another version")["message"], "Invalid Stripe API version: 2026-10-28.endive");
  const auto list = json_of(r);
  EXPECT_EQ(list["object"], "list");
  EXPECT_EQ(list["data"].size(), 2u);
  EXPECT_EQ(list["has_more"], true);
  EXPECT_TRUE(list["data"][0]["last_verification_report"].is_object());
}

}  // namespace
}  // namespace iiv::emulator
