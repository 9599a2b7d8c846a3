#pragma once
// The server stub wired as main.cpp wires it, minus sockets: the real StubApi and services
// over a StripeClient whose transport answers from a function (tests/cpp/stub's
// FakeTransport), an audit sink that keeps nothing, a fixed clock, and no waiting between
// retries. Built afresh for each input, so no input depends on the ones before it.
#include <chrono>
#include <functional>
#include <memory>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "common/http_date.hpp"
#include "fake_transport.hpp"
#include "fuzz_support.hpp"
#include "stub/api/stub_api.hpp"
#include "stub/auth/sha256.hpp"

namespace iiv::fuzz {

inline constexpr long long kNow = 1764100000;
inline constexpr const char* kFilesOrigin = "https://files.example";
inline constexpr const char* kPeer = "198.51.100.7";
// Tokens of the reviewers below: the seeds use them, so inputs start signed in.
inline constexpr const char* kRevealerToken = "revealer-token";  // rev_reveal: view, reveal, redact
inline constexpr const char* kOperatorToken = "operator-token";  // rev_op: operator

inline std::shared_ptr<const stub::ReviewerDirectory> fuzz_reviewers() {
  const auto entry = [](const char* id, const char* token, nlohmann::json roles) {
    return nlohmann::json{{"id", id}, {"token_sha256", stub::to_hex(stub::sha256(token))}, {"roles", roles}};
  };
  const nlohmann::json file = {{"reviewers",
                                {entry("rev_reveal", kRevealerToken, {"view", "reveal", "redact"}),
                                 entry("rev_op", kOperatorToken, {"operator"})}}};
  auto directory = stub::ReviewerDirectory::from_json_text(file.dump());
  require(directory.ok(), "the harness's reviewers file loads");
  return *directory;
}

inline stub::StubConfig fuzz_config() {
  stub::StubConfig config;
  config.reviewers_file = "reviewers.json";
  config.files_origins = {kFilesOrigin};
  config.cors_origins = {"http://localhost:5173"};
  config.access.sensitive_allowed = {stub::SensitiveField::dob, stub::SensitiveField::id_number,
                                     stub::SensitiveField::document_number, stub::SensitiveField::expiration_date};
  config.retry.max_attempts = 2;  // a retry path is taken, and each input stays fast
  return config;
}

class DiscardingSink : public stub::AuditSink {
 public:
  common::Result<common::Done, std::string> append(const std::string& line) override {
    require(nlohmann::json::accept(line), "an audit line is JSON");
    return common::Done{};
  }
};

struct StubHarness {
  explicit StubHarness(stub::testing::FakeTransport::Responder stripe, stub::StubConfig c = fuzz_config())
      : config(std::move(c)),
        transport(std::move(stripe)),
        keys(stub::KeyStore::fixed("rk_test_fuzz")),
        client(
            transport, keys, config.retry, metrics, {}, [](std::chrono::milliseconds) {}, [] { return 0.0; }),
        reviewers("reviewers.json", fuzz_reviewers()),
        cors(config.cors_origins),
        audit(std::make_unique<DiscardingSink>(), metrics),
        throttle(config.auth_throttle),
        sampler(config.refusal_audit_interval),
        rate(config.reviewer_rate),
        links(client, metrics, config.link_lifetime_s, config.files_origins, [] { return kNow; }),
        summaries(client, stub::SummaryContext{config.key_ip_restricted}),
        redactions(client),
        api(stub::StubApiParts{config, reviewers, cors, metrics, audit, throttle, sampler, rate, links, summaries,
                               redactions,
                               [] { return std::chrono::steady_clock::time_point(std::chrono::hours(1000)); }}) {}

  stub::StubConfig config;
  stub::testing::FakeTransport transport;
  stub::Metrics metrics;
  stub::KeyStore keys;
  stub::StripeClient client;
  stub::ReviewerRegistry reviewers;
  stub::CorsPolicy cors;
  stub::AuditLog audit;
  stub::AuthThrottle throttle;
  stub::RefusalSampler sampler;
  stub::ReviewerRate rate;
  stub::ImageLinkService links;
  stub::SummaryService summaries;
  stub::RedactionService redactions;
  stub::StubApi api;
};

inline stub::StripeHttpResponse stripe_answer(int status, std::string body) {
  stub::StripeHttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.date = common::format_http_date(kNow);  // Stripe's clock agrees with ours
  return response;
}

// The codes an answer may carry when Stripe's answer, not the stub, is at fault. Anything
// else (internal_error above all) means the stub mishandled what Stripe sent.
inline bool is_stripe_answer_error(stub::ErrorCode code) {
  using stub::ErrorCode;
  static const std::set<ErrorCode> expected = {ErrorCode::stripe_error,
                                               ErrorCode::report_not_ready,
                                               ErrorCode::no_images,
                                               ErrorCode::session_redacted,
                                               ErrorCode::session_not_found,
                                               ErrorCode::image_unavailable,
                                               ErrorCode::sensitive_window_expired};
  return expected.count(code) > 0;
}

}  // namespace iiv::fuzz
