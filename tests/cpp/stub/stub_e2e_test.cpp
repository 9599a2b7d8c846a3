// End to end over loopback: the real iiv-server-stub binary against the real emulator.
#include <csignal>
#include <set>
#include <fstream>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "e2e_fixture.hpp"
#include "emulator/builtin_keys.hpp"
#include "emulator/seed_data.hpp"

namespace iiv::stub::testing {
namespace {

namespace keys = emulator::builtin_keys;
namespace seeds = emulator::seed_ids;
using namespace std::chrono_literals;

std::string links_path(const std::string& session) { return "/api/verification-sessions/" + session + "/image-links"; }
std::string summary_path(const std::string& session) { return "/api/verification-sessions/" + session; }

// One FileLink per distinct file: the selfie check's document photo is often the front.
long long distinct_files(const nlohmann::json& bundle) {
  std::set<std::string> files;
  for (const auto& image : bundle["images"]) files.insert(image["file"].get<std::string>());
  return static_cast<long long>(files.size());
}

long long api_requests(const nlohmann::json& stats) { return stats.value("api_requests_total", -1LL); }

long long requests_to(const nlohmann::json& stats, const std::string& endpoint) {
  const auto& by_endpoint = stats.at("api_requests");
  return by_endpoint.contains(endpoint) ? by_endpoint[endpoint].get<long long>() : 0;
}

class StubE2E : public ::testing::Test {
 protected:
  void SetUp() override { emulator_ = std::make_unique<Emulator>(dir_, std::vector<std::string>{"--no-warm-images"}); }

  Stub& start_stub(const std::string& key = keys::full_access, std::vector<std::string> extra = {}) {
    stub_ = std::make_unique<Stub>(dir_, StubOptions{key, false, emulator_->api_base(), std::move(extra)});
    return *stub_;
  }

  TempDir dir_;
  std::unique_ptr<Emulator> emulator_;
  std::unique_ptr<Stub> stub_;
};

// --- the bundle -------------------------------------------------------------------------

TEST_F(StubE2E, ImageLinksBundleHasOneShortLivedLinkPerRole) {
  auto& stub = start_stub();
  const auto answer = stub.post_json(links_path(seeds::id_card_with_selfie), kViewerToken);
  ASSERT_EQ(answer.status, 200) << answer.body;
  const auto bundle = answer.json();
  EXPECT_EQ(bundle["verification_session"], seeds::id_card_with_selfie);
  EXPECT_EQ(bundle["verification_report"].get<std::string>().rfind("vr_", 0), 0u);
  const long long issued_at = bundle["issued_at"];
  std::vector<std::string> roles;
  for (const auto& image : bundle["images"]) {
    roles.push_back(image["role"]);
    EXPECT_EQ(image["file"].get<std::string>().rfind("file_", 0), 0u);
    EXPECT_EQ(image["file_link"].get<std::string>().rfind("link_", 0), 0u);
    EXPECT_EQ(image["url"].get<std::string>().rfind(emulator_->files_base(), 0), 0u) << image["url"];
    EXPECT_GT(image["expires_at"].get<long long>(), issued_at);
    EXPECT_LE(image["expires_at"].get<long long>(), issued_at + 30);
  }
  EXPECT_EQ(roles, (std::vector<std::string>{"document_front", "document_back", "selfie_document", "selfie_face"}));
  // The links are real: the files host serves them (the stub itself never fetched them).
  const std::string url = bundle["images"][0]["url"];
  const auto image = http_call(emulator_->files_base(), "GET", url.substr(emulator_->files_base().size()));
  EXPECT_EQ(image.status, 200);
  EXPECT_GE(distinct_files(bundle), 3);
  EXPECT_EQ(requests_to(emulator_->stats(), "POST /v1/file_links"), distinct_files(bundle));
}

TEST_F(StubE2E, PassportBundleHoldsOnlyTheFront) {
  auto& stub = start_stub();
  const auto bundle = stub.post_json(links_path(seeds::passport_verified), kViewerToken).json();
  ASSERT_EQ(bundle["images"].size(), 1u) << bundle;
  EXPECT_EQ(bundle["images"][0]["role"], "document_front");
}

TEST_F(StubE2E, FileLinksAreCreatedConcurrently) {
  auto& stub = start_stub();
  emulator_->configure({{"latency_ms", 300}});
  emulator_->reset_stats();
  const auto answer = stub.post_json(links_path(seeds::id_card_with_selfie), kViewerToken);
  ASSERT_EQ(answer.status, 200);
  const long long links = distinct_files(answer.json());
  ASSERT_GE(links, 3);
  const auto stats = emulator_->stats();
  EXPECT_EQ(requests_to(stats, "POST /v1/file_links"), links) << stats;
  // Every FileLink creation of the bundle was in flight at the emulator at once.
  EXPECT_GE(stats["max_in_flight"].get<long long>(), links) << stats;
}

TEST_F(StubE2E, EveryViewIsAuditedWithoutUrlsOrKeys) {
  auto& stub = start_stub(keys::full_access, {"--allow-sensitive", "dob"});
  const auto bundle = stub.post_json(links_path(seeds::id_card_with_selfie), kViewerToken).json();
  ASSERT_EQ(stub.get(summary_path(seeds::id_card_with_selfie) + "?include=dob", kRevealerToken).status, 200);
  ASSERT_EQ(stub.get(summary_path(seeds::passport_verified), kViewerToken).status, 200);
  const auto lines = stub.audit_lines();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["reviewer"], "rev_viewer");
  EXPECT_EQ(lines[0]["action"], "image_links");
  EXPECT_EQ(lines[0]["session"], seeds::id_card_with_selfie);
  EXPECT_EQ(lines[0]["shown"]["images"].size(), 4u);
  EXPECT_EQ(lines[0]["outcome"], "ok");
  EXPECT_FALSE(lines[0]["time"].get<std::string>().empty());
  EXPECT_EQ(lines[1]["reviewer"], "rev_revealer");
  EXPECT_EQ(lines[1]["shown"]["sensitive_fields"], nlohmann::json({"dob"}));
  EXPECT_TRUE(lines[2]["shown"]["sensitive_fields"].empty());
  const std::string audit = read_text_file(stub.audit_path());
  for (const auto& image : bundle["images"]) EXPECT_EQ(audit.find(image["url"].get<std::string>()), std::string::npos);
  EXPECT_EQ(audit.find(keys::full_access), std::string::npos);
}

// --- summary and list -------------------------------------------------------------------

TEST_F(StubE2E, SummaryShowsSensitiveFieldsOnlyWhenAskedAllowedAndPermitted) {
  auto& stub = start_stub(keys::full_access, {"--allow-sensitive", "dob,id_number,document_number,expiration_date"});
  const auto full = stub.get(summary_path(seeds::driving_licence_verified) +
                                 "?include=dob,id_number,document_number,expiration_date",
                             kRevealerToken);
  ASSERT_EQ(full.status, 200) << full.body;
  const auto sensitive = full.json()["sensitive"];
  ASSERT_EQ(sensitive.size(), 4u);
  const std::string document_number = sensitive["document_number"].get<std::string>();
  const std::string id_number = sensitive["id_number"].get<std::string>();
  ASSERT_FALSE(document_number.empty());
  ASSERT_FALSE(id_number.empty());
  ASSERT_TRUE(sensitive["dob"]["year"].is_number());

  const auto plain = stub.get(summary_path(seeds::driving_licence_verified), kViewerToken);
  ASSERT_EQ(plain.status, 200);
  const auto summary = plain.json();
  EXPECT_FALSE(summary.contains("sensitive"));
  EXPECT_EQ(summary["status"], "verified");
  EXPECT_EQ(summary["type"], "document");
  EXPECT_EQ(summary["document"]["type"], "driving_license");
  EXPECT_FALSE(summary["document"]["issuing_country"].is_null());
  EXPECT_FALSE(summary["names"]["first_name"].is_null());
  EXPECT_EQ(summary["checks"]["document"]["status"], "verified");
  EXPECT_EQ(plain.body.find(document_number), std::string::npos);
  EXPECT_EQ(plain.body.find(id_number), std::string::npos);

  const auto only_dob = stub.get(summary_path(seeds::driving_licence_verified) + "?include=dob", kRevealerToken);
  EXPECT_EQ(only_dob.json()["sensitive"].size(), 1u);
  EXPECT_EQ(only_dob.body.find(document_number), std::string::npos);
}

TEST_F(StubE2E, SummaryCarriesTheDocumentError) {
  auto& stub = start_stub();
  const auto summary = stub.get(summary_path(seeds::document_expired), kViewerToken).json();
  EXPECT_EQ(summary["status"], "requires_input");
  EXPECT_EQ(summary["last_error"]["code"], "document_expired");
  EXPECT_EQ(summary["checks"]["document"]["error"]["code"], "document_expired");
}

TEST_F(StubE2E, SensitiveFieldOutsideTheConfigurationIsRefusedBeforeStripe) {
  auto& stub = start_stub();  // default: no sensitive field may ever show
  emulator_->reset_stats();
  const auto answer = stub.get(summary_path(seeds::passport_verified) + "?include=dob", kRevealerToken);
  EXPECT_EQ(answer.status, 403);
  EXPECT_EQ(answer.error_code(), "sensitive_field_not_allowed");
  EXPECT_EQ(api_requests(emulator_->stats()), 0);
  const auto unknown = stub.get(summary_path(seeds::passport_verified) + "?include=address", kRevealerToken);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.error_code(), "invalid_request");
}

TEST_F(StubE2E, RevealNeedsTheRevealRoleAndTheRefusalIsAudited) {
  auto& stub = start_stub(keys::full_access, {"--allow-sensitive", "dob"});
  const auto answer = stub.get(summary_path(seeds::passport_verified) + "?include=dob", kViewerToken);
  EXPECT_EQ(answer.status, 403);
  EXPECT_EQ(answer.error_code(), "role_missing");
  const auto lines = stub.audit_lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["reviewer"], "rev_viewer");
  EXPECT_EQ(lines[0]["outcome"], "role_missing");
  EXPECT_EQ(stub.get(summary_path(seeds::passport_verified), kOperatorToken).error_code(), "role_missing");
}

TEST_F(StubE2E, ImagesOffIsRefusedBeforeStripe) {
  auto& stub = start_stub(keys::full_access, {"--images", "off"});
  emulator_->reset_stats();
  const auto answer = stub.post_json(links_path(seeds::passport_verified), kViewerToken);
  EXPECT_EQ(answer.status, 403);
  EXPECT_EQ(answer.error_code(), "images_disabled");
  EXPECT_EQ(api_requests(emulator_->stats()), 0);
}

TEST_F(StubE2E, SessionListHasNoSensitiveData) {
  auto& stub = start_stub();
  const auto answer = stub.get("/api/verification-sessions", kViewerToken);
  ASSERT_EQ(answer.status, 200) << answer.body;
  bool saw_redacted = false;
  const auto list = answer.json();
  ASSERT_GE(list["sessions"].size(), 2u);
  for (const auto& session : list["sessions"]) {
    EXPECT_EQ(session.size(), 5u) << session;
    if (session["id"] == seeds::redacted) saw_redacted = session["redaction"] == "redacted";
  }
  EXPECT_TRUE(saw_redacted) << answer.body;
  EXPECT_EQ(stub.get("/api/verification-sessions?limit=0", kViewerToken).error_code(), "invalid_request");
}

// --- reviewer authentication and the request guards -----------------------------------

TEST_F(StubE2E, EveryApiRouteNeedsAReviewer) {
  auto& stub = start_stub();
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"GET", "/api/verification-sessions"},
      {"GET", summary_path(seeds::passport_verified)},
      {"POST", links_path(seeds::passport_verified)},
      {"POST", summary_path(seeds::passport_verified) + "/redact"},
      {"GET", "/metrics"}};
  for (const auto& [method, path] : routes) {
    const auto missing = http_call(stub.url(), method, path, {}, "{}", "application/json");
    EXPECT_EQ(missing.status, 401) << method << " " << path;
    EXPECT_EQ(missing.error_code(), "unauthenticated");
    EXPECT_EQ(missing.header("www-authenticate"), "Bearer");
    const auto wrong = http_call(stub.url(), method, path, bearer("not-a-token"), "{}", "application/json");
    EXPECT_EQ(wrong.status, 403) << method << " " << path;
    EXPECT_EQ(wrong.error_code(), "forbidden");
  }
}

TEST_F(StubE2E, PostsMustBeJson) {
  auto& stub = start_stub();
  for (const std::string type : {"text/plain", "application/x-www-form-urlencoded", ""}) {
    const auto answer = http_call(stub.url(), "POST", links_path(seeds::passport_verified), bearer(kViewerToken), "{}", type);
    EXPECT_EQ(answer.status, 415) << type;
    EXPECT_EQ(answer.error_code(), "unsupported_media_type");
  }
  const auto charset = http_call(stub.url(), "POST", links_path(seeds::passport_verified), bearer(kViewerToken), "",
                                 "application/json; charset=utf-8");
  EXPECT_EQ(charset.status, 200) << charset.body;
}

TEST_F(StubE2E, MalformedSessionIdsNeverReachStripe) {
  auto& stub = start_stub();
  emulator_->reset_stats();
  for (const std::string id : {"cus_123", "vs_", "vs_a%3Fexpand%5B%5D%3Dx", "vs_a-b", "vs_a%20b"}) {
    const auto answer = stub.post_json(links_path(id), kViewerToken);
    EXPECT_EQ(answer.status, 400) << id;
    EXPECT_EQ(answer.error_code(), "invalid_session_id") << id;
    EXPECT_EQ(stub.get(summary_path(id), kViewerToken).error_code(), "invalid_session_id") << id;
  }
  // An encoded slash leaves the route altogether.
  EXPECT_EQ(stub.post_json(links_path("vs_abc%2F..%2Ffile_links"), kViewerToken).error_code(), "not_found");
  EXPECT_EQ(api_requests(emulator_->stats()), 0);
}

// --- errors from Stripe -----------------------------------------------------------------

TEST_F(StubE2E, UnknownSession) {
  auto& stub = start_stub();
  const auto answer = stub.post_json(links_path("vs_1NoSuchSession"), kViewerToken);
  EXPECT_EQ(answer.status, 404);
  EXPECT_EQ(answer.error_code(), "session_not_found");
  EXPECT_EQ(stub.get(summary_path("vs_1NoSuchSession"), kViewerToken).error_code(), "session_not_found");
}

TEST_F(StubE2E, RedactedSession) {
  auto& stub = start_stub();
  const auto answer = stub.post_json(links_path(seeds::redacted), kViewerToken);
  EXPECT_EQ(answer.status, 410);
  EXPECT_EQ(answer.error_code(), "session_redacted");
}

TEST_F(StubE2E, FortyEightHourWindowNeedsAnIpRestrictedKey) {
  auto& stub = start_stub(keys::full_access);
  const auto refused = stub.post_json(links_path(seeds::processed_long_ago), kViewerToken);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.error_code(), "sensitive_window_expired");
  EXPECT_NE(refused.json()["error"]["message"].get<std::string>().find("IP-restricted"), std::string::npos);

  TempDir other;
  Stub ip_restricted(other, {keys::ip_restricted, false, emulator_->api_base(), {}});
  EXPECT_EQ(ip_restricted.post_json(links_path(seeds::processed_long_ago), kViewerToken).status, 200);
}

TEST_F(StubE2E, MissingPermissionsAreNamed) {
  auto& no_files = start_stub(keys::no_files_write);
  const auto answer = no_files.post_json(links_path(seeds::passport_verified), kViewerToken);
  EXPECT_EQ(answer.status, 502);
  EXPECT_EQ(answer.error_code(), "stripe_permission_missing");
  EXPECT_NE(answer.body.find("Files: Write"), std::string::npos) << answer.body;

  TempDir other;
  Stub no_sensitive(other, {keys::no_sensitive, false, emulator_->api_base(), {}});
  const auto sensitive = no_sensitive.post_json(links_path(seeds::passport_verified), kViewerToken);
  EXPECT_EQ(sensitive.error_code(), "stripe_permission_missing");
  EXPECT_NE(sensitive.body.find("Access recent sensitive verification results"), std::string::npos) << sensitive.body;
}

TEST_F(StubE2E, SecretKeyIsRefusedForImagesAndSensitiveFieldsButNotForTheSummary) {
  auto& stub = start_stub(keys::secret, {"--allow-sensitive", "dob"});
  emulator_->reset_stats();
  const auto images = stub.post_json(links_path(seeds::passport_verified), kViewerToken);
  EXPECT_EQ(images.status, 500);
  EXPECT_EQ(images.error_code(), "secret_key_refused");
  EXPECT_NE(images.body.find("restricted key"), std::string::npos);
  EXPECT_EQ(stub.get(summary_path(seeds::passport_verified) + "?include=dob", kRevealerToken).error_code(),
            "secret_key_refused");
  EXPECT_EQ(api_requests(emulator_->stats()), 0);
  EXPECT_EQ(stub.get(summary_path(seeds::passport_verified), kViewerToken).status, 200);
}

TEST_F(StubE2E, RolledKeyWithoutANewOneIsKeyInvalid) {
  auto& stub = start_stub();
  emulator_->roll_key(keys::full_access);
  const auto answer = stub.post_json(links_path(seeds::passport_verified), kViewerToken);
  EXPECT_EQ(answer.status, 502);
  EXPECT_EQ(answer.error_code(), "stripe_key_invalid");
}

TEST_F(StubE2E, KeyRollPickedUpOnSighup) {
  auto& stub = start_stub();
  ASSERT_EQ(stub.post_json(links_path(seeds::passport_verified), kViewerToken).status, 200);
  const std::string fresh = "rk_test_iivemu_rolled_in_by_e2e_test_SGHP";
  emulator_->roll_key(keys::full_access, fresh);
  stub.write_key(fresh);
  stub.process().signal(SIGHUP);
  ASSERT_TRUE(wait_for_text(stub.stderr_path(), R"("trigger":"sighup")", 10s));
  EXPECT_EQ(stub.post_json(links_path(seeds::passport_verified), kViewerToken).status, 200);
  const std::string log = read_text_file(stub.stderr_path());
  EXPECT_EQ(log.find(R"("trigger":"stripe_401")"), std::string::npos);  // SIGHUP alone did it
  EXPECT_NE(log.find("rk_test_…SGHP"), std::string::npos);
}

TEST_F(StubE2E, KeyRollPickedUpAfterAStripe401) {
  auto& stub = start_stub();
  const std::string fresh = "rk_test_iivemu_rolled_in_by_e2e_test_R401";
  emulator_->roll_key(keys::full_access, fresh);
  stub.write_key(fresh);  // no SIGHUP
  const auto answer = stub.post_json(links_path(seeds::id_card_with_selfie), kViewerToken);
  EXPECT_EQ(answer.status, 200) << answer.body;
  EXPECT_NE(read_text_file(stub.stderr_path()).find(R"("trigger":"stripe_401")"), std::string::npos);
}

TEST_F(StubE2E, RateLimitingIsRetriedThenReported) {
  auto& stub = start_stub(keys::full_access, {"--retry-max-attempts", "3"});
  emulator_->configure({{"fault_rate", 1.0}, {"faults", "429"}});
  emulator_->reset_stats();
  const auto answer = stub.post_json(links_path(seeds::passport_verified), kViewerToken);
  EXPECT_EQ(answer.status, 429);
  EXPECT_EQ(answer.error_code(), "stripe_rate_limited");
  EXPECT_FALSE(answer.header("retry-after").empty());
  EXPECT_EQ(api_requests(emulator_->stats()), 3);  // bounded: exactly the configured attempts
}

TEST_F(StubE2E, StripeServerErrorsAreRetriedThenReported) {
  auto& stub = start_stub(keys::full_access, {"--retry-max-attempts", "2"});
  emulator_->configure({{"fault_rate", 1.0}, {"faults", "500"}});
  emulator_->reset_stats();
  const auto answer = stub.get(summary_path(seeds::passport_verified), kViewerToken);
  EXPECT_EQ(answer.status, 502);
  EXPECT_EQ(answer.error_code(), "stripe_unavailable");
  EXPECT_EQ(api_requests(emulator_->stats()), 2);
}

TEST_F(StubE2E, StripeUnreachable) {
  const int closed_port = [] {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);  // nothing listens there now
    return ntohs(address.sin_port);
  }();
  Stub stub(dir_, {keys::full_access, false, "http://127.0.0.1:" + std::to_string(closed_port),
                   {"--retry-max-attempts", "2"}});
  const auto answer = stub.post_json(links_path(seeds::passport_verified), kViewerToken);
  EXPECT_EQ(answer.status, 502);
  EXPECT_EQ(answer.error_code(), "stripe_unavailable");
}

TEST_F(StubE2E, StripeTooSlow) {
  auto& stub = start_stub(keys::full_access,
                          {"--stripe-timeout-ms", "200", "--retry-budget-ms", "700", "--retry-max-attempts", "3"});
  emulator_->configure({{"latency_ms", 1500}});
  const auto answer = stub.post_json(links_path(seeds::passport_verified), kViewerToken);
  EXPECT_EQ(answer.status, 504);
  EXPECT_EQ(answer.error_code(), "stripe_timeout");
}

// --- redaction and metrics ---------------------------------------------------------------

TEST_F(StubE2E, RedactionNeedsTheRedactRoleAndAKeyThatMayWrite) {
  // The built-in full-access key may only read sessions: Stripe refuses, naming the permission.
  auto& read_only = start_stub();
  const std::string path = summary_path(seeds::ready_to_redact) + "/redact";
  const auto no_write = read_only.post_json(path, kRedactorToken);
  EXPECT_EQ(no_write.status, 502);
  EXPECT_NE(no_write.body.find("Verification Sessions and Reports: Write"), std::string::npos) << no_write.body;

  const std::string writer = "rk_test_iivemu_e2e_identity_writer_WRTE";
  std::ofstream(dir_ / "keys.json") << nlohmann::json::array(
      {{{"key", writer},
        {"kind", "restricted"},
        {"permissions", {"rak_identity_product_write", "rak_identity_sensitive_results_read", "rak_file_write"}}}});
  TempDir other;
  Emulator emulator(other, {"--no-warm-images", "--keys", (dir_ / "keys.json").string()});
  Stub stub(other, {writer, false, emulator.api_base(), {}});
  const auto refused = stub.post_json(path, kViewerToken);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.error_code(), "role_missing");
  const auto redacted = stub.post_json(path, kRedactorToken);
  ASSERT_EQ(redacted.status, 200) << redacted.body;
  const std::string status = redacted.json()["redaction"]["status"];
  EXPECT_TRUE(status == "processing" || status == "redacted") << status;
  EXPECT_EQ(stub.post_json(links_path(seeds::ready_to_redact), kViewerToken).error_code(), "session_redacted");
  const auto lines = stub.audit_lines();
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[0]["outcome"], "role_missing");
  EXPECT_EQ(lines[1]["action"], "redact");
  EXPECT_EQ(lines[1]["reviewer"], "rev_redactor");
  EXPECT_EQ(lines[1]["session"], seeds::ready_to_redact);
  EXPECT_EQ(lines[1]["outcome"], "ok");
}

TEST_F(StubE2E, MetricsForOperatorsAndOnTheLoopbackPort) {
  auto& stub = start_stub(keys::full_access, {"--metrics-port", "0"});
  const auto bundle = stub.post_json(links_path(seeds::id_card_with_selfie), kViewerToken);
  ASSERT_EQ(bundle.status, 200);
  const std::string links = std::to_string(distinct_files(bundle.json()));
  ASSERT_EQ(stub.post_json(links_path(seeds::redacted), kViewerToken).status, 410);
  EXPECT_EQ(stub.get("/metrics", kViewerToken).error_code(), "role_missing");
  const auto metrics = stub.get("/metrics", kOperatorToken);
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("iiv_file_links_issued_total " + links + "\n"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("iiv_bundles_served_total 1\n"), std::string::npos);
  EXPECT_NE(metrics.body.find("iiv_refusals_total{code=\"session_redacted\"} 1\n"), std::string::npos);
  EXPECT_NE(metrics.body.find(R"(iiv_stripe_requests_total{endpoint="/v1/file_links",status="200"} )" + links + "\n"),
            std::string::npos);
  EXPECT_NE(metrics.body.find("iiv_stripe_request_duration_seconds_count"), std::string::npos);
  EXPECT_EQ(metrics.body.find("vs_"), std::string::npos);
  EXPECT_EQ(metrics.body.find("rk_"), std::string::npos);
  const std::string metrics_url = stub.listening_line().at("metrics_url");
  const auto loopback = http_call(metrics_url, "GET", "/metrics");
  EXPECT_EQ(loopback.status, 200);
  EXPECT_NE(loopback.body.find("iiv_bundles_served_total 1\n"), std::string::npos);
}

// --- static files, CORS and headers on every answer -------------------------------------

TEST_F(StubE2E, StaticFoldersGetOnlyRightTypesNoListingNoTraversal) {
  std::filesystem::create_directories(dir_ / "site" / "empty");
  std::filesystem::create_directories(dir_ / "viewer");
  std::ofstream(dir_ / "site" / "index.html") << "<!doctype html><title>demo</title>";
  std::ofstream(dir_ / "viewer" / "viewer.js") << "export const x = 1;";
  std::ofstream(dir_ / "viewer" / "core.wasm") << std::string("\0asm", 4);
  std::ofstream(dir_ / "secret.txt") << "outside";
  auto& stub = start_stub(keys::full_access, {"--static", "/=" + (dir_ / "site").string(), "--static",
                                              "/viewer=" + (dir_ / "viewer").string()});
  const auto index = http_call(stub.url(), "GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(http_call(stub.url(), "GET", "/viewer/viewer.js").header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(http_call(stub.url(), "GET", "/viewer/core.wasm").header("content-type"), "application/wasm");
  EXPECT_EQ(http_call(stub.url(), "GET", "/empty/").status, 404);
  EXPECT_EQ(http_call(stub.url(), "GET", "/../secret.txt").status, 404);
  EXPECT_EQ(http_call(stub.url(), "GET", "/%2e%2e/secret.txt").status, 404);
  EXPECT_EQ(http_call(stub.url(), "GET", "/viewer/..%2f..%2fsecret.txt").status, 404);
  EXPECT_EQ(http_call(stub.url(), "GET", "/nothing.js").error_code(), "not_found");
  EXPECT_EQ(http_call(stub.url(), "POST", "/viewer/viewer.js", {}, "{}", "application/json").status, 405);
  EXPECT_EQ(http_call(stub.url(), "DELETE", "/index.html").status, 405);
}

TEST_F(StubE2E, HtmlPagesGetAContentSecurityPolicyNamingOnlyTheFilesHosts) {
  std::filesystem::create_directories(dir_ / "site");
  std::ofstream(dir_ / "site" / "index.html") << "<!doctype html><title>demo</title>";
  std::ofstream(dir_ / "site" / "app.js") << "export {};";
  auto& stub = start_stub(keys::full_access,
                          {"--static", "/=" + (dir_ / "site").string(), "--files-host", emulator_->files_base()});
  const std::string csp = http_call(stub.url(), "GET", "/").header("content-security-policy");
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("script-src 'self' 'wasm-unsafe-eval';"), std::string::npos) << csp;
  EXPECT_NE(csp.find("connect-src 'self' " + emulator_->files_base() + ";"), std::string::npos) << csp;
  EXPECT_NE(csp.find("img-src 'self' blob: " + emulator_->files_base() + ";"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("files.stripe.com"), std::string::npos) << "an explicit --files-host replaces the default";
  EXPECT_EQ(http_call(stub.url(), "GET", "/app.js").header("content-security-policy"), "")
      << "the policy belongs on documents, not on every asset";
}

TEST_F(StubE2E, MeNamesTheReviewerRolesAndTheFilesHostsToTrust) {
  auto& stub = start_stub(keys::full_access, {"--files-host", emulator_->files_base()});
  const auto me = stub.get("/api/me", kRevealerToken);
  ASSERT_EQ(me.status, 200) << me.body;
  const auto body = nlohmann::json::parse(me.body);
  EXPECT_EQ(body["reviewer_id"], "rev_revealer");
  EXPECT_NE(std::find(body["roles"].begin(), body["roles"].end(), "reveal"), body["roles"].end());
  const std::string files_host = emulator_->files_base().substr(std::string("http://").size());
  EXPECT_EQ(body["viewer"]["allowed_hosts"], nlohmann::json::array({files_host}));
  EXPECT_EQ(stub.get("/api/me", "").status, 401);
  EXPECT_EQ(stub.get("/api/me", "not-a-reviewer").status, 403);
}

TEST_F(StubE2E, FilesHostDefaultsToStripesAndRefusesPlainHttpOffLoopback) {
  auto& stub = start_stub();
  const auto body = nlohmann::json::parse(stub.get("/api/me", kViewerToken).body);
  EXPECT_EQ(body["viewer"]["allowed_hosts"], nlohmann::json::array({"files.stripe.com"}));
  const auto [status, log] = stub_start_refusal(dir_, {"--files-host", "http://files.example.test"});
  EXPECT_NE(status, 0);
  EXPECT_NE(log.find("--files-host"), std::string::npos) << log;
}

TEST_F(StubE2E, CorsOnlyForConfiguredOrigins) {
  auto& closed = start_stub();
  HeaderPairs from_page = bearer(kViewerToken);
  from_page.emplace_back("Origin", "http://localhost:5173");
  EXPECT_TRUE(http_call(closed.url(), "GET", "/api/verification-sessions", from_page).header("access-control-allow-origin").empty());
  const HeaderPairs preflight = {{"Origin", "http://localhost:5173"},
                                 {"Access-Control-Request-Method", "POST"},
                                 {"Access-Control-Request-Headers", "authorization, content-type"}};
  EXPECT_EQ(http_call(closed.url(), "OPTIONS", links_path(seeds::passport_verified), preflight).status, 403);

  TempDir other;
  Stub open(other, {keys::full_access, false, emulator_->api_base(), {"--cors-origin", "http://localhost:5173"}});
  EXPECT_EQ(http_call(open.url(), "GET", "/api/verification-sessions", from_page).header("access-control-allow-origin"),
            "http://localhost:5173");
  const auto allowed = http_call(open.url(), "OPTIONS", links_path(seeds::passport_verified), preflight);
  EXPECT_EQ(allowed.status, 204);
  EXPECT_EQ(allowed.header("access-control-allow-origin"), "http://localhost:5173");
  EXPECT_NE(allowed.header("access-control-allow-headers").find("Authorization"), std::string::npos);
  const HeaderPairs stranger = {{"Origin", "http://evil.test"}, {"Access-Control-Request-Method", "POST"}};
  EXPECT_EQ(http_call(open.url(), "OPTIONS", links_path(seeds::passport_verified), stranger).status, 403);
}

TEST_F(StubE2E, SecurityHeadersOnEveryAnswer) {
  std::filesystem::create_directories(dir_ / "site");
  std::ofstream(dir_ / "site" / "index.html") << "<!doctype html>";
  auto& stub = start_stub(keys::full_access, {"--static", "/=" + (dir_ / "site").string()});
  const std::vector<HttpAnswer> answers = {
      http_call(stub.url(), "GET", "/healthz"),
      http_call(stub.url(), "GET", "/"),
      http_call(stub.url(), "GET", "/missing.png"),
      http_call(stub.url(), "GET", "/api/nothing-here"),
      http_call(stub.url(), "PUT", "/index.html"),
      http_call(stub.url(), "OPTIONS", "/api/verification-sessions", {{"Origin", "http://x.test"}}),
      stub.get("/api/verification-sessions", ""),
      stub.get("/api/verification-sessions", "wrong"),
      stub.get("/api/verification-sessions", kViewerToken),
      stub.get(summary_path(seeds::passport_verified), kViewerToken),
      stub.post_json(links_path(seeds::passport_verified), kViewerToken),
      stub.post_json(links_path(seeds::redacted), kViewerToken),
      stub.post_json(links_path("bad"), kViewerToken),
      http_call(stub.url(), "POST", links_path(seeds::passport_verified), bearer(kViewerToken), "x", "text/plain"),
      stub.get("/metrics", kOperatorToken),
  };
  for (std::size_t i = 0; i < answers.size(); ++i) {
    ASSERT_NE(answers[i].status, 0) << i;
    EXPECT_EQ(answers[i].header("cache-control"), "no-store") << i;
    EXPECT_EQ(answers[i].header("referrer-policy"), "no-referrer") << i;
    EXPECT_EQ(answers[i].header("x-content-type-options"), "nosniff") << i;
    if (answers[i].status >= 400) {
      EXPECT_FALSE(answers[i].error_code().empty()) << i << " " << answers[i].body;
    }
  }
}

// --- start-up and logs ------------------------------------------------------------------

TEST_F(StubE2E, StartUpPrintsListeningLineAndLogsConfigurationWithoutTheKey) {
  auto& stub = start_stub(keys::full_access, {"--allow-sensitive", "dob", "--images", "on"});
  EXPECT_EQ(stub.listening_line().size(), 2u);
  EXPECT_EQ(stub.url().rfind("http://127.0.0.1:", 0), 0u);
  EXPECT_EQ(http_call(stub.url(), "GET", "/healthz").json()["status"], "ok");
  const std::string log = read_text_file(stub.stderr_path());
  EXPECT_NE(log.find(R"("event":"config")"), std::string::npos);
  EXPECT_NE(log.find(R"("event":"access")"), std::string::npos);
  EXPECT_NE(log.find(R"("sensitive_fields":["dob"])"), std::string::npos);
  EXPECT_NE(log.find("rk_test_…FULL"), std::string::npos);
}

TEST_F(StubE2E, NoSecretInAnyLogLine) {
  auto& stub = start_stub(keys::full_access, {"--allow-sensitive", "dob"});
  std::vector<std::string> urls;
  const auto bundle = stub.post_json(links_path(seeds::id_card_with_selfie), kViewerToken).json();
  for (const auto& image : bundle["images"]) urls.push_back(image["url"]);
  stub.get(summary_path(seeds::passport_verified) + "?include=dob", kRevealerToken);
  stub.get("/api/verification-sessions", "wrong-token-value");
  stub.post_json(links_path(seeds::processed_long_ago), kViewerToken);
  const std::string fresh = "rk_test_iivemu_rolled_in_by_e2e_test_NSEC";
  emulator_->roll_key(keys::full_access, fresh);
  stub.write_key(fresh);
  stub.post_json(links_path(seeds::passport_verified), kViewerToken);
  stub.process().stop();

  const std::string everything = read_text_file(stub.stderr_path()) + read_text_file(stub.audit_path());
  ASSERT_FALSE(everything.empty());
  for (const std::string& secret : {std::string(keys::full_access), fresh, kViewerToken, kRevealerToken,
                                    std::string("wrong-token-value"), std::string("iivemu_full")}) {
    EXPECT_EQ(everything.find(secret), std::string::npos) << secret;
  }
  ASSERT_FALSE(urls.empty());
  for (const auto& url : urls) EXPECT_EQ(everything.find(url), std::string::npos) << url;
}

TEST_F(StubE2E, KeyFromTheEnvironment) {
  Stub stub(dir_, {keys::full_access, true, emulator_->api_base(), {}});
  EXPECT_EQ(stub.post_json(links_path(seeds::passport_verified), kViewerToken).status, 200);
  EXPECT_NE(read_text_file(stub.stderr_path()).find("environment STRIPE_API_KEY"), std::string::npos);
}

TEST(StubStartUp, RefusesALinkLifetimeAboveThirtySeconds) {
  TempDir dir;
  const auto [status, log] = stub_start_refusal(dir, {"--link-lifetime-s", "60"});
  EXPECT_EQ(status, 2);
  EXPECT_NE(log.find("30 seconds"), std::string::npos) << log;
}

TEST(StubStartUp, RefusesAMissingKeyFileAndPlainHttpToARealHost) {
  TempDir dir;
  EXPECT_EQ(stub_start_refusal(dir, {"--key-file", (dir / "absent.key").string()}).first, 2);
  EXPECT_EQ(stub_start_refusal(dir, {"--stripe-base-url", "http://api.stripe.com"}).first, 2);
}

}  // namespace
}  // namespace iiv::stub::testing
