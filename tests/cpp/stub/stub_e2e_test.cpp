// End to end over loopback: the real iiv-server-stub binary against the real emulator.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "e2e_fixture.hpp"
#include "emulator/builtin_keys.hpp"
#include "emulator/seed_data.hpp"
#include "support/test_log_dir.hpp"

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
    stub_ = std::make_unique<Stub>(
        dir_, StubOptions{key, false, emulator_->api_base(), std::move(extra), emulator_->files_base()});
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

TEST_F(StubE2E, LinksExpireByStripesClockEvenWhenOursDisagrees) {
  // Stripe's clock (the emulator's) runs two minutes ahead of this machine's.
  emulator_->advance_clock(120);
  auto& stub = start_stub();
  const auto answer = stub.post_json(links_path(seeds::passport_verified), kViewerToken);
  ASSERT_EQ(answer.status, 200) << answer.body;
  const auto bundle = nlohmann::json::parse(answer.body);
  const long long local_now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_GE(bundle["issued_at"].get<long long>(), local_now + 110);
  EXPECT_LE(bundle["images"][0]["expires_at"].get<long long>() - bundle["issued_at"].get<long long>(), 30);
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
  // Images and sensitive fields are recorded before Stripe is asked ("started"), and again
  // once answered; a plain summary once.
  const auto lines = stub.audit_lines();
  ASSERT_EQ(lines.size(), 5u) << read_text_file(stub.audit_path());
  EXPECT_EQ(lines[0]["action"], "image_links");
  EXPECT_EQ(lines[0]["outcome"], "started");
  EXPECT_TRUE(lines[0]["shown"]["images"].empty());
  EXPECT_EQ(lines[1]["reviewer"], "rev_viewer");
  EXPECT_EQ(lines[1]["action"], "image_links");
  EXPECT_EQ(lines[1]["session"], seeds::id_card_with_selfie);
  EXPECT_EQ(lines[1]["shown"]["images"].size(), 4u);
  EXPECT_EQ(lines[1]["outcome"], "ok");
  EXPECT_EQ(lines[1]["client"], "127.0.0.1");
  EXPECT_FALSE(lines[1]["time"].get<std::string>().empty());
  EXPECT_EQ(lines[2]["outcome"], "started");
  EXPECT_EQ(lines[3]["reviewer"], "rev_revealer");
  EXPECT_EQ(lines[3]["outcome"], "ok");
  EXPECT_EQ(lines[3]["shown"]["sensitive_fields"], nlohmann::json({"dob"}));
  EXPECT_EQ(lines[4]["outcome"], "ok");
  EXPECT_TRUE(lines[4]["shown"]["sensitive_fields"].empty());
  const std::string audit = read_text_file(stub.audit_path());
  for (const auto& image : bundle["images"]) EXPECT_EQ(audit.find(image["url"].get<std::string>()), std::string::npos);
  EXPECT_EQ(audit.find(keys::full_access), std::string::npos);
}

// --- summary and list -------------------------------------------------------------------

TEST_F(StubE2E, SummaryShowsSensitiveFieldsOnlyWhenAskedAllowedAndPermitted) {
  auto& stub = start_stub(keys::full_access, {"--allow-sensitive", "dob,id_number,document_number,expiration_date"});
  const auto full =
      stub.get(summary_path(seeds::driving_licence_verified) + "?include=dob,id_number,document_number,expiration_date",
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
    const auto answer =
        http_call(stub.url(), "POST", links_path(seeds::passport_verified), bearer(kViewerToken), "{}", type);
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
  // An encoded slash stays inside the one path segment, which is not an id.
  EXPECT_EQ(stub.post_json(links_path("vs_abc%2F..%2Ffile_links"), kViewerToken).error_code(), "invalid_session_id");
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

TEST_F(StubE2E, SessionWithoutAReportYet) {
  auto& stub = start_stub();
  const auto links = stub.post_json(links_path(seeds::awaiting_input), kViewerToken);
  EXPECT_EQ(links.status, 409) << links.body;
  EXPECT_EQ(links.error_code(), "report_not_ready");
  const auto summary = stub.get(summary_path(seeds::awaiting_input), kViewerToken);
  ASSERT_EQ(summary.status, 200) << summary.body;
  EXPECT_EQ(nlohmann::json::parse(summary.body)["status"], "requires_input");
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
  Stub ip_restricted(other, {keys::ip_restricted, false, emulator_->api_base(), {}, emulator_->files_base()});
  EXPECT_EQ(ip_restricted.post_json(links_path(seeds::processed_long_ago), kViewerToken).status, 200);
}

// What the emulator's session processed 72 h ago looks like in the summary: processed
// then, its window over (for a plain restricted key), and no window with --key-ip-restricted.
TEST_F(StubE2E, SummarySaysWhenTheSessionWasProcessedAndWhetherTheWindowApplies) {
  auto& stub = start_stub(keys::full_access);
  const long long now = static_cast<long long>(std::time(nullptr));
  const auto old = stub.get(summary_path(seeds::processed_long_ago), kViewerToken);
  ASSERT_EQ(old.status, 200) << old.body;
  const auto summary = old.json();
  const long long processed_at = summary["processed_at"].get<long long>();
  EXPECT_NEAR(static_cast<double>(now - processed_at), 72.0 * 3600, 120.0);
  EXPECT_EQ(summary["sensitive_access"]["ip_restricted_key"], false);
  EXPECT_EQ(summary["sensitive_access"]["window_ends_at"].get<long long>(), processed_at + 48 * 3600);
  EXPECT_LT(summary["sensitive_access"]["window_ends_at"].get<long long>(), now) << "the window is over";

  const auto recent = stub.get(summary_path(seeds::passport_verified), kViewerToken).json();
  EXPECT_GT(recent["sensitive_access"]["window_ends_at"].get<long long>(), now) << "processed 2 h ago: open";

  const auto never = stub.get(summary_path(seeds::awaiting_input), kViewerToken).json();
  EXPECT_TRUE(never["processed_at"].is_null()) << "never submitted: no report";
  EXPECT_TRUE(never["sensitive_access"]["window_ends_at"].is_null());

  TempDir other;
  Stub declared(other,
                {keys::ip_restricted, false, emulator_->api_base(), {"--key-ip-restricted"}, emulator_->files_base()});
  const auto lifted = declared.get(summary_path(seeds::processed_long_ago), kViewerToken).json();
  EXPECT_EQ(lifted["processed_at"].get<long long>(), processed_at);
  EXPECT_EQ(lifted["sensitive_access"]["ip_restricted_key"], true);
  EXPECT_TRUE(lifted["sensitive_access"]["window_ends_at"].is_null());
}

TEST_F(StubE2E, MissingPermissionsAreNamed) {
  auto& no_files = start_stub(keys::no_files_write);
  const auto answer = no_files.post_json(links_path(seeds::passport_verified), kViewerToken);
  EXPECT_EQ(answer.status, 502);
  EXPECT_EQ(answer.error_code(), "stripe_permission_missing");
  EXPECT_NE(answer.body.find("Files: Write"), std::string::npos) << answer.body;

  TempDir other;
  Stub no_sensitive(other, {keys::no_sensitive, false, emulator_->api_base(), {}, emulator_->files_base()});
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
  Stub stub(
      dir_,
      {keys::full_access, false, "http://127.0.0.1:" + std::to_string(closed_port), {"--retry-max-attempts", "2"}, ""});
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
  Stub stub(other, {writer, false, emulator.api_base(), {}, emulator.files_base()});
  const auto refused = stub.post_json(path, kViewerToken);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.error_code(), "role_missing");
  const auto redacted = stub.post_json(path, kRedactorToken);
  ASSERT_EQ(redacted.status, 200) << redacted.body;
  const std::string status = redacted.json()["redaction"]["status"];
  EXPECT_TRUE(status == "processing" || status == "redacted") << status;
  EXPECT_EQ(stub.post_json(links_path(seeds::ready_to_redact), kViewerToken).error_code(), "session_redacted");
  const auto lines = stub.audit_lines();
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[0]["outcome"], "role_missing");
  // A redaction is recorded before Stripe is asked, then once done.
  for (std::size_t i : {1, 2}) {
    EXPECT_EQ(lines[i]["action"], "redact");
    EXPECT_EQ(lines[i]["reviewer"], "rev_redactor");
    EXPECT_EQ(lines[i]["session"], seeds::ready_to_redact);
  }
  EXPECT_EQ(lines[1]["outcome"], "started");
  EXPECT_EQ(lines[2]["outcome"], "ok");
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
  test_logs::keep_metrics(loopback.body);
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
  auto& stub = start_stub(keys::full_access, {"--static", "/=" + (dir_ / "site").string()});
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
  auto& stub = start_stub();  // with --files-host the emulator's files host
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
  Stub stub(dir_, {keys::full_access, false, emulator_->api_base(), {}, /*files_host=*/""});
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
  EXPECT_TRUE(http_call(closed.url(), "GET", "/api/verification-sessions", from_page)
                  .header("access-control-allow-origin")
                  .empty());
  const HeaderPairs preflight = {{"Origin", "http://localhost:5173"},
                                 {"Access-Control-Request-Method", "POST"},
                                 {"Access-Control-Request-Headers", "authorization, content-type"}};
  EXPECT_EQ(http_call(closed.url(), "OPTIONS", links_path(seeds::passport_verified), preflight).status, 403);

  TempDir other;
  Stub open(other, {keys::full_access,
                    false,
                    emulator_->api_base(),
                    {"--cors-origin", "http://localhost:5173"},
                    emulator_->files_base()});
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
  Stub stub(dir_, {keys::full_access, true, emulator_->api_base(), {}, emulator_->files_base()});
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

// --- Prometheus text format --------------------------------------------------------------
// A checker for the exposition format (text 0.0.4) the stub's /metrics must speak: every
// sample line `name{label="value",…} value`, one HELP and one TYPE per family, before its
// samples, samples of a family together, no series twice, counters not negative, and
// histogram buckets cumulative with le ascending, ending in +Inf equal to _count.

struct PromSample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

struct PromFamily {
  int help_lines = 0;
  int type_lines = 0;
  std::string type;
  int samples = 0;
};

struct PromText {
  std::map<std::string, PromFamily> families;
  std::vector<PromSample> samples;
  std::vector<std::string> problems;  // empty: valid

  std::optional<double> value(const std::string& name, const std::map<std::string, std::string>& labels = {}) const {
    for (const auto& sample : samples) {
      if (sample.name == name && sample.labels == labels) return sample.value;
    }
    return std::nullopt;
  }
  double sum_of(const std::string& name) const {
    double total = 0;
    for (const auto& sample : samples) total += sample.name == name ? sample.value : 0;
    return total;
  }
  std::string problem_text() const {
    std::string text;
    for (const auto& problem : problems) text += "  " + problem + "\n";
    return text;
  }
};

bool is_metric_name(const std::string& s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c) || c == '_' || c == ':'; });
}

bool is_label_name(const std::string& s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

std::optional<double> parse_prom_number(const std::string& text) {
  if (text == "+Inf" || text == "Inf") return HUGE_VAL;
  if (text == "-Inf") return -HUGE_VAL;
  if (text == "NaN") return std::nan("");
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return value;
}

// The family a sample belongs to: a histogram's _bucket/_sum/_count lines belong to it.
std::string family_of(const std::string& sample, const std::map<std::string, PromFamily>& families) {
  for (const std::string suffix : {"_bucket", "_sum", "_count"}) {
    if (sample.size() <= suffix.size() || sample.compare(sample.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    const std::string base = sample.substr(0, sample.size() - suffix.size());
    const auto found = families.find(base);
    if (found != families.end() && (found->second.type == "histogram" || found->second.type == "summary")) return base;
  }
  return sample;
}

// Parses `name{labels} value [timestamp]`; on failure says why.
std::optional<PromSample> parse_sample_line(const std::string& line, std::string* why) {
  PromSample sample;
  std::size_t i = 0;
  while (i < line.size() && line[i] != '{' && line[i] != ' ') ++i;
  sample.name = line.substr(0, i);
  if (!is_metric_name(sample.name)) {
    *why = "bad metric name";
    return std::nullopt;
  }
  if (i < line.size() && line[i] == '{') {
    ++i;
    while (i < line.size() && line[i] != '}') {
      const auto equals = line.find('=', i);
      if (equals == std::string::npos) {
        *why = "label without =";
        return std::nullopt;
      }
      const std::string label = line.substr(i, equals - i);
      if (!is_label_name(label) || equals + 1 >= line.size() || line[equals + 1] != '"') {
        *why = "bad label name or unquoted value";
        return std::nullopt;
      }
      std::string value;
      std::size_t j = equals + 2;
      for (; j < line.size() && line[j] != '"'; ++j) {
        if (line[j] == '\\') {
          if (j + 1 >= line.size() || (line[j + 1] != '\\' && line[j + 1] != '"' && line[j + 1] != 'n')) {
            *why = "bad escape in a label value";
            return std::nullopt;
          }
          value += line[j + 1] == 'n' ? '\n' : line[j + 1];
          ++j;
        } else {
          value += line[j];
        }
      }
      if (j >= line.size()) {
        *why = "unterminated label value";
        return std::nullopt;
      }
      if (!sample.labels.emplace(label, value).second) {
        *why = "label " + label + " twice";
        return std::nullopt;
      }
      i = j + 1;
      if (i < line.size() && line[i] == ',')
        ++i;
      else if (i >= line.size() || line[i] != '}') {
        *why = "labels not separated by commas";
        return std::nullopt;
      }
    }
    if (i >= line.size()) {
      *why = "unterminated label set";
      return std::nullopt;
    }
    ++i;  // '}'
  }
  if (i >= line.size() || line[i] != ' ') {
    *why = "no space before the value";
    return std::nullopt;
  }
  std::istringstream rest(line.substr(i + 1));
  std::string value_text, timestamp, extra;
  rest >> value_text >> timestamp >> extra;
  const auto value = parse_prom_number(value_text);
  if (!value) {
    *why = "value is not a number";
    return std::nullopt;
  }
  if (!extra.empty() || (!timestamp.empty() && timestamp.find_first_not_of("-0123456789") != std::string::npos)) {
    *why = "more than a value and a timestamp";
    return std::nullopt;
  }
  sample.value = *value;
  return sample;
}

std::string series_key(const PromSample& sample) {
  std::string key = sample.name + "{";
  for (const auto& [label, value] : sample.labels) key += label + "=" + value + ",";
  return key + "}";
}

void check_histograms(PromText& text) {
  for (const auto& [family, info] : text.families) {
    if (info.type != "histogram") continue;
    // Series of one histogram: the labels other than le.
    std::map<std::string, std::vector<std::pair<double, double>>> buckets;
    std::map<std::string, std::optional<double>> counts, sums;
    for (const auto& sample : text.samples) {
      auto labels = sample.labels;
      const auto le = labels.find("le");
      std::string le_text;
      if (le != labels.end()) {
        le_text = le->second;
        labels.erase(le);
      }
      const std::string key = series_key({"", labels, 0});
      if (sample.name == family + "_bucket") {
        const auto bound = parse_prom_number(le_text);
        if (!bound)
          text.problems.push_back(family + "_bucket without a numeric le: " + le_text);
        else
          buckets[key].emplace_back(*bound, sample.value);
      } else if (sample.name == family + "_count") {
        counts[key] = sample.value;
      } else if (sample.name == family + "_sum") {
        sums[key] = sample.value;
      } else if (sample.name == family) {
        text.problems.push_back("histogram " + family + " has a plain sample");
      }
    }
    if (buckets.empty()) text.problems.push_back("histogram " + family + " has no buckets");
    for (const auto& [key, series] : buckets) {
      for (std::size_t i = 1; i < series.size(); ++i) {
        if (!(series[i].first > series[i - 1].first)) text.problems.push_back(family + key + ": le not ascending");
        if (series[i].second < series[i - 1].second) text.problems.push_back(family + key + ": buckets not cumulative");
      }
      if (series.empty() || !std::isinf(series.back().first)) {
        text.problems.push_back(family + key + ": no +Inf bucket last");
      } else if (!counts[key] || *counts[key] != series.back().second) {
        text.problems.push_back(family + key + ": +Inf bucket differs from _count");
      }
      if (!sums[key]) text.problems.push_back(family + key + ": no _sum");
    }
  }
}

PromText parse_prometheus(const std::string& body) {
  PromText text;
  if (!body.empty() && body.back() != '\n') text.problems.push_back("the text does not end with a line feed");
  std::istringstream in(body);
  std::string current;
  std::set<std::string> closed_families, series;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    const std::string where = "line " + std::to_string(number) + " (" + line + "): ";
    if (line.empty()) continue;
    if (line.rfind("# HELP ", 0) == 0 || line.rfind("# TYPE ", 0) == 0) {
      const bool help = line[2] == 'H';
      const std::string rest = line.substr(7);
      const auto space = rest.find(' ');
      const std::string name = rest.substr(0, space);
      const std::string tail = space == std::string::npos ? "" : rest.substr(space + 1);
      if (!is_metric_name(name)) text.problems.push_back(where + "bad metric name");
      PromFamily& family = text.families[name];
      if (family.samples > 0) text.problems.push_back(where + (help ? "HELP" : "TYPE") + " after samples of " + name);
      if (help) {
        if (++family.help_lines > 1) text.problems.push_back(where + "second HELP for " + name);
        if (tail.empty()) text.problems.push_back(where + "empty HELP");
      } else {
        if (++family.type_lines > 1) text.problems.push_back(where + "second TYPE for " + name);
        static const std::set<std::string> types = {"counter", "gauge", "histogram", "summary", "untyped"};
        if (types.count(tail) == 0) text.problems.push_back(where + "unknown type " + tail);
        family.type = tail;
      }
      continue;
    }
    if (line[0] == '#') continue;  // a comment
    std::string why;
    auto sample = parse_sample_line(line, &why);
    if (!sample) {
      text.problems.push_back(where + why);
      continue;
    }
    const std::string family_name = family_of(sample->name, text.families);
    const auto family = text.families.find(family_name);
    if (family == text.families.end() || family->second.type_lines == 0 || family->second.help_lines == 0) {
      text.problems.push_back(where + "no HELP and TYPE before the first sample of " + family_name);
    } else {
      ++family->second.samples;
      if (family->second.type == "counter" && (sample->value < 0 || std::isnan(sample->value))) {
        text.problems.push_back(where + "negative counter");
      }
    }
    if (family_name != current) {
      if (closed_families.count(family_name) != 0)
        text.problems.push_back(where + "samples of " + family_name + " not together");
      if (!current.empty()) closed_families.insert(current);
      current = family_name;
    }
    if (!series.insert(series_key(*sample)).second) text.problems.push_back(where + "the same series twice");
    text.samples.push_back(std::move(*sample));
  }
  for (const auto& [name, family] : text.families) {
    if (family.help_lines != family.type_lines)
      text.problems.push_back(name + ": HELP and TYPE lines differ in number");
  }
  check_histograms(text);
  return text;
}

TEST(PrometheusTextCheck, AcceptsValidTextAndFindsEachKindOfFault) {
  const std::string valid =
      "# HELP a_total A counter.\n# TYPE a_total counter\na_total{code=\"x\\\"y\",path=\"/v1/{id}\"} 3\na_total 1\n"
      "# HELP h Latency.\n# TYPE h histogram\nh_bucket{le=\"0.1\"} 1\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 3\n"
      "h_sum 2.5\nh_count 3\n";
  const auto parsed = parse_prometheus(valid);
  EXPECT_TRUE(parsed.problems.empty()) << parsed.problem_text();
  EXPECT_EQ(parsed.value("a_total", {{"code", "x\"y"}, {"path", "/v1/{id}"}}), 3.0);
  EXPECT_EQ(parsed.value("h_count"), 3.0);

  const std::vector<std::pair<std::string, std::string>> faults = {
      {"no line feed at the end", "# HELP a A.\n# TYPE a gauge\na 1"},
      {"sample without HELP/TYPE", "a 1\n"},
      {"TYPE after the samples", "# HELP a A.\na 1\n# TYPE a gauge\n"},
      {"two TYPE lines", "# HELP a A.\n# TYPE a gauge\n# TYPE a counter\na 1\n"},
      {"unknown type", "# HELP a A.\n# TYPE a meter\na 1\n"},
      {"unquoted label", "# HELP a A.\n# TYPE a gauge\na{x=1} 1\n"},
      {"no value", "# HELP a A.\n# TYPE a gauge\na{x=\"1\"}\n"},
      {"value not a number", "# HELP a A.\n# TYPE a gauge\na one\n"},
      {"same series twice", "# HELP a A.\n# TYPE a gauge\na{x=\"1\"} 1\na{x=\"1\"} 2\n"},
      {"negative counter", "# HELP a_total A.\n# TYPE a_total counter\na_total -1\n"},
      {"family split", "# HELP a A.\n# TYPE a gauge\n# HELP b B.\n# TYPE b gauge\na{x=\"1\"} 1\nb 1\na{x=\"2\"} 1\n"},
      {"buckets not cumulative",
       "# HELP h H.\n# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum "
       "1\nh_count 2\n"},
      {"+Inf differs from _count",
       "# HELP h H.\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n"},
      {"no +Inf bucket", "# HELP h H.\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n"},
      {"le not ascending",
       "# HELP h H.\n# TYPE h histogram\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum "
       "1\nh_count 1\n"},
  };
  for (const auto& [fault, text] : faults) EXPECT_FALSE(parse_prometheus(text).problems.empty()) << fault;
}

// --- metrics move with the requests ------------------------------------------------------

TEST_F(StubE2E, MetricsMoveWithEachRequestAndParseAsPrometheusText) {
  auto& stub = start_stub(keys::full_access, {"--metrics-port", "0"});
  const auto scrape = [&stub] {
    const auto answer = stub.get("/metrics", kOperatorToken);
    EXPECT_EQ(answer.status, 200);
    EXPECT_EQ(answer.header("content-type").rfind("text/plain; version=0.0.4", 0), 0u) << answer.header("content-type");
    PromText parsed = parse_prometheus(answer.body);
    EXPECT_TRUE(parsed.problems.empty()) << parsed.problem_text() << answer.body;
    return parsed;
  };
  const PromText before = scrape();
  const std::map<std::string, std::string> families = {{"iiv_file_links_issued_total", "counter"},
                                                       {"iiv_bundles_served_total", "counter"},
                                                       {"iiv_refusals_total", "counter"},
                                                       {"iiv_stripe_requests_total", "counter"},
                                                       {"iiv_stripe_request_duration_seconds", "histogram"},
                                                       {"iiv_key_reloads_total", "counter"}};
  for (const auto& [name, type] : families) {
    ASSERT_EQ(before.families.count(name), 1u) << name;
    EXPECT_EQ(before.families.at(name).type, type) << name;
  }
  EXPECT_EQ(before.value("iiv_bundles_served_total"), 0.0);
  EXPECT_EQ(before.value("iiv_file_links_issued_total"), 0.0);
  EXPECT_EQ(before.value("iiv_stripe_request_duration_seconds_count"), 0.0);

  emulator_->reset_stats();
  const auto bundle = stub.post_json(links_path(seeds::id_card_with_selfie), kViewerToken);
  ASSERT_EQ(bundle.status, 200) << bundle.body;
  const double links = static_cast<double>(distinct_files(bundle.json()));
  ASSERT_EQ(stub.post_json(links_path(seeds::redacted), kViewerToken).error_code(), "session_redacted");
  ASSERT_EQ(stub.get(summary_path(seeds::passport_verified), kViewerToken).status, 200);
  ASSERT_EQ(stub.get("/metrics", kViewerToken).error_code(), "role_missing");
  ASSERT_EQ(stub.get("/api/verification-sessions", "not-a-reviewer-token").error_code(), "forbidden");
  ASSERT_EQ(stub.get("/api/verification-sessions?limit=0", kViewerToken).error_code(), "invalid_request");
  stub.process().signal(SIGHUP);  // the key file is unchanged
  ASSERT_TRUE(wait_for_text(stub.stderr_path(), R"("trigger":"sighup")", 10s));
  const long long stripe_saw = api_requests(emulator_->stats());
  const PromText after = scrape();

  const auto delta = [&](const std::string& name, const std::map<std::string, std::string>& labels = {}) {
    return after.value(name, labels).value_or(0) - before.value(name, labels).value_or(0);
  };
  EXPECT_EQ(delta("iiv_bundles_served_total"), 1);
  EXPECT_EQ(delta("iiv_file_links_issued_total"), links);
  EXPECT_EQ(delta("iiv_refusals_total", {{"code", "session_redacted"}}), 1);
  EXPECT_EQ(delta("iiv_refusals_total", {{"code", "role_missing"}}), 1);
  EXPECT_EQ(delta("iiv_refusals_total", {{"code", "forbidden"}}), 1);
  EXPECT_EQ(delta("iiv_refusals_total", {{"code", "invalid_request"}}), 1);
  EXPECT_EQ(delta("iiv_stripe_requests_total", {{"endpoint", "/v1/file_links"}, {"status", "200"}}), links);
  // id card, redacted session, passport summary: one retrieval each.
  EXPECT_EQ(
      delta("iiv_stripe_requests_total", {{"endpoint", "/v1/identity/verification_sessions/{id}"}, {"status", "200"}}),
      3);
  EXPECT_EQ(delta("iiv_key_reloads_total", {{"trigger", "sighup"}, {"changed", "false"}}), 1);
  // Every Stripe request is counted once, by status and in the histogram: as many as the
  // emulator saw.
  EXPECT_EQ(after.sum_of("iiv_stripe_requests_total"), static_cast<double>(stripe_saw));
  EXPECT_EQ(after.value("iiv_stripe_request_duration_seconds_count"), static_cast<double>(stripe_saw));
  EXPECT_GT(after.value("iiv_stripe_request_duration_seconds_sum").value_or(0), 0);

  // The loopback listener serves the same text.
  const std::string metrics_url = stub.listening_line().at("metrics_url");
  const auto loopback = http_call(metrics_url, "GET", "/metrics");
  test_logs::keep_metrics(loopback.body);
  const auto parsed = parse_prometheus(loopback.body);
  EXPECT_TRUE(parsed.problems.empty()) << parsed.problem_text();
  EXPECT_EQ(parsed.value("iiv_bundles_served_total"), 1.0);
}

// --- every role and allow-list rule, each refusal audited -------------------------------

TEST_F(StubE2E, EveryRoleAndAllowListRuleIsEnforcedBeforeStripeAndEachRefusalAudited) {
  auto& stub = start_stub(keys::full_access, {"--allow-sensitive", "dob"});
  const std::string passport = seeds::passport_verified;
  const std::string redact = summary_path(seeds::ready_to_redact) + "/redact";
  struct Case {
    std::string token, method, path;
    int status;
    std::string code, reviewer, action, session;
    std::vector<std::string> fields;
  };
  const std::vector<Case> cases = {
      // view: images, summaries and the list
      {kOperatorToken, "POST", links_path(passport), 403, "role_missing", "rev_operator", "image_links", passport, {}},
      {kOperatorToken, "GET", summary_path(passport), 403, "role_missing", "rev_operator", "summary", passport, {}},
      {kOperatorToken, "GET", "/api/verification-sessions", 403, "role_missing", "rev_operator", "list", "", {}},
      // reveal: sensitive fields need the role itself, view is not enough
      {kViewerToken,
       "GET",
       summary_path(passport) + "?include=dob",
       403,
       "role_missing",
       "rev_viewer",
       "summary",
       passport,
       {"dob"}},
      {kRedactorToken,
       "GET",
       summary_path(passport) + "?include=dob",
       403,
       "role_missing",
       "rev_redactor",
       "summary",
       passport,
       {"dob"}},
      // --allow-sensitive: a field outside it, even for a revealer
      {kRevealerToken,
       "GET",
       summary_path(passport) + "?include=id_number",
       403,
       "sensitive_field_not_allowed",
       "rev_revealer",
       "summary",
       passport,
       {"id_number"}},
      {kRevealerToken,
       "GET",
       summary_path(passport) + "?include=dob,expiration_date",
       403,
       "sensitive_field_not_allowed",
       "rev_revealer",
       "summary",
       passport,
       {"dob", "expiration_date"}},
      // redact
      {kViewerToken, "POST", redact, 403, "role_missing", "rev_viewer", "redact", seeds::ready_to_redact, {}},
      {kRevealerToken, "POST", redact, 403, "role_missing", "rev_revealer", "redact", seeds::ready_to_redact, {}},
      // operator: the metrics
      {kViewerToken, "GET", "/metrics", 403, "role_missing", "rev_viewer", "metrics", "", {}},
      {kRedactorToken, "GET", "/metrics", 403, "role_missing", "rev_redactor", "metrics", "", {}},
      // reviewers: none, or a token that matches nobody
      {"", "GET", "/api/verification-sessions", 401, "unauthenticated", "", "list", "", {}},
      {"", "POST", links_path(passport), 401, "unauthenticated", "", "image_links", passport, {}},
      {"not-a-reviewer-token", "GET", summary_path(passport), 403, "forbidden", "", "summary", passport, {}},
      {"not-a-reviewer-token", "GET", "/metrics", 403, "forbidden", "", "metrics", "", {}},
      // ids are checked before they reach a Stripe URL
      {kViewerToken, "POST", links_path("vs_bad-id"), 400, "invalid_session_id", "rev_viewer", "image_links", "", {}},
  };
  emulator_->reset_stats();
  for (const auto& c : cases) {
    const auto answer = c.method == "GET" ? stub.get(c.path, c.token) : stub.post_json(c.path, c.token);
    EXPECT_EQ(answer.status, c.status) << c.method << " " << c.path << " " << answer.body;
    EXPECT_EQ(answer.error_code(), c.code) << c.method << " " << c.path;
  }
  EXPECT_EQ(api_requests(emulator_->stats()), 0) << "a refused request reached Stripe";

  // A reviewer's refusals are audited one by one; refusals of callers who are not
  // reviewers once per client address and minute, with a count (the first one here).
  std::vector<Case> audited;
  bool anonymous_seen = false;
  for (const auto& c : cases) {
    if (!c.reviewer.empty()) {
      audited.push_back(c);
    } else if (!anonymous_seen) {
      anonymous_seen = true;
      audited.push_back(c);
    }
  }
  const auto lines = stub.audit_lines();
  ASSERT_EQ(lines.size(), audited.size()) << read_text_file(stub.audit_path());
  for (std::size_t i = 0; i < audited.size(); ++i) {
    const auto& c = audited[i];
    const auto& line = lines[i];
    SCOPED_TRACE(c.method + " " + c.path);
    EXPECT_EQ(line["reviewer"], c.reviewer.empty() ? nlohmann::json() : nlohmann::json(c.reviewer));
    EXPECT_EQ(line["action"], c.action);
    EXPECT_EQ(line["session"], c.session.empty() ? nlohmann::json() : nlohmann::json(c.session));
    EXPECT_EQ(line["outcome"], c.code);
    EXPECT_EQ(line["shown"]["images"], nlohmann::json::array());
    EXPECT_EQ(line["shown"]["sensitive_fields"], nlohmann::json(c.fields));
    EXPECT_EQ(line["client"], "127.0.0.1");
  }

  // --images off: nobody gets links, Stripe is not asked, the refusal is audited.
  TempDir other;
  Stub no_images(other,
                 {keys::full_access, false, emulator_->api_base(), {"--images", "off"}, emulator_->files_base()});
  EXPECT_EQ(no_images.post_json(links_path(passport), kRevealerToken).error_code(), "images_disabled");
  EXPECT_EQ(api_requests(emulator_->stats()), 0);
  const auto refused = no_images.audit_lines();
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0]["reviewer"], "rev_revealer");
  EXPECT_EQ(refused[0]["action"], "image_links");
  EXPECT_EQ(refused[0]["outcome"], "images_disabled");

  // The CORS allow-list: a preflight from an origin not listed is refused (a preflight
  // carries no reviewer token, so it has no audit line; it is counted as a refusal).
  const HeaderPairs preflight = {{"Origin", "https://not-listed.example"}, {"Access-Control-Request-Method", "POST"}};
  EXPECT_EQ(http_call(stub.url(), "OPTIONS", links_path(passport), preflight).error_code(), "cors_origin_not_allowed");
  const auto metrics = parse_prometheus(stub.get("/metrics", kOperatorToken).body);
  EXPECT_EQ(metrics.value("iiv_refusals_total", {{"code", "cors_origin_not_allowed"}}), 1.0);
  EXPECT_EQ(metrics.value("iiv_refusals_total", {{"code", "role_missing"}}), 9.0);
}

// --- redaction end to end ------------------------------------------------------------------

TEST_F(StubE2E, RedactionEndsLinksIssuedBeforeAndRefusesLinksAfter) {
  auto& stub = start_stub(keys::full_access_redact, {"--allow-sensitive", "dob"});
  const auto fetch = [this](const std::string& url) {
    return http_call(emulator_->files_base(), "GET", url.substr(emulator_->files_base().size()));
  };
  const auto before = stub.post_json(links_path(seeds::ready_to_redact), kViewerToken);
  ASSERT_EQ(before.status, 200) << before.body;
  std::set<std::string> urls, files;
  const auto bundle = before.json();
  for (const auto& image : bundle["images"]) {
    urls.insert(image["url"].get<std::string>());
    files.insert(image["file"].get<std::string>());
  }
  ASSERT_GE(urls.size(), 2u);
  for (const auto& url : urls) ASSERT_EQ(fetch(url).status, 200) << "a fresh link works";

  const auto redacted = stub.post_json(summary_path(seeds::ready_to_redact) + "/redact", kRedactorToken);
  ASSERT_EQ(redacted.status, 200) << redacted.body;

  // Links issued before the redaction stop working at once, well within their 30 s.
  for (const auto& url : urls) {
    const auto gone = fetch(url);
    EXPECT_EQ(gone.status, 410);
    EXPECT_LT(gone.body.size(), 1000u) << "no image bytes";
  }
  // Links after it: the stub refuses without asking Stripe for a FileLink...
  emulator_->reset_stats();
  const auto after = stub.post_json(links_path(seeds::ready_to_redact), kViewerToken);
  EXPECT_EQ(after.status, 410);
  EXPECT_EQ(after.error_code(), "session_redacted");
  EXPECT_EQ(requests_to(emulator_->stats(), "POST /v1/file_links"), 0);
  // ... and Stripe itself would refuse one, even to the stub's key.
  for (const auto& file : files) {
    const std::string form = "file=" + file + "&expires_at=" + std::to_string(std::time(nullptr) + 20);
    const auto direct = http_call(emulator_->api_base(), "POST", "/v1/file_links", bearer(keys::full_access_redact),
                                  form, "application/x-www-form-urlencoded");
    EXPECT_EQ(direct.status, 400) << direct.body;
    EXPECT_EQ(direct.json()["error"]["param"], "file") << direct.body;
  }
  // The summary still answers, marked redacted; sensitive fields are gone.
  const auto summary = stub.get(summary_path(seeds::ready_to_redact), kViewerToken);
  ASSERT_EQ(summary.status, 200) << summary.body;
  EXPECT_EQ(summary.json()["redaction"], "redacted");
  EXPECT_EQ(stub.get(summary_path(seeds::ready_to_redact) + "?include=dob", kRevealerToken).error_code(),
            "session_redacted");

  const auto lines = stub.audit_lines();
  // Images, redactions and sensitive fields are recorded before Stripe is asked ("started").
  ASSERT_EQ(lines.size(), 9u) << read_text_file(stub.audit_path());
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"image_links", "started"}, {"image_links", "ok"},      {"redact", "started"},
      {"redact", "ok"},           {"image_links", "started"}, {"image_links", "session_redacted"},
      {"summary", "ok"},          {"summary", "started"},     {"summary", "session_redacted"}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(lines[i]["action"], expected[i].first) << i;
    EXPECT_EQ(lines[i]["outcome"], expected[i].second) << i;
    EXPECT_EQ(lines[i]["session"], seeds::ready_to_redact) << i;
  }
  EXPECT_EQ(lines[3]["reviewer"], "rev_redactor");
  EXPECT_EQ(lines[8]["shown"]["sensitive_fields"], nlohmann::json({"dob"}));
}

}  // namespace
}  // namespace iiv::stub::testing
