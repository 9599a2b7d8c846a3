#pragma once
// The stub's request handling, without sockets: one request in, one answer out, driven
// by the route table. For a reviewer route the stages run in this order, and each may
// end the request:
//   client address → sign-in throttle → reviewer → role → request shape → policy →
//   audit "started" (images, sensitive fields, redaction) → Stripe → audit "ok" → answer.
// A refusal to a reviewer is audited line by line; a refusal to a caller who is not one
// is counted, and audited once per client and interval (audit/refusal_sampler.hpp).
#include <chrono>
#include <functional>
#include <memory>

#include "common/http/http_message.hpp"
#include "stub/api/reviewer_rate.hpp"
#include "stub/audit/audit_log.hpp"
#include "stub/audit/refusal_sampler.hpp"
#include "stub/auth/auth_throttle.hpp"
#include "stub/auth/reviewer_registry.hpp"
#include "stub/config/stub_config.hpp"
#include "stub/http/cors_policy.hpp"
#include "stub/links/image_link_service.hpp"
#include "stub/observe/metrics.hpp"
#include "stub/sessions/redaction_service.hpp"
#include "stub/sessions/summary_service.hpp"

namespace iiv::stub {

struct StubApiParts {
  const StubConfig& config;
  const ReviewerRegistry& reviewers;
  const CorsPolicy& cors;
  Metrics& metrics;
  AuditLog& audit;
  AuthThrottle& auth_throttle;
  RefusalSampler& refusal_sampler;
  ReviewerRate& reviewer_rate;
  ImageLinkService& image_links;
  SummaryService& summaries;
  RedactionService& redactions;
  // Monotonic time for the throttles; tests move it by hand.
  std::function<std::chrono::steady_clock::time_point()> now = [] { return std::chrono::steady_clock::now(); };
};

class StubApi {
 public:
  explicit StubApi(StubApiParts parts);
  ~StubApi();
  StubApi(const StubApi&) = delete;
  StubApi& operator=(const StubApi&) = delete;

  common::HttpResponse handle(const common::HttpRequest& request);
  // Writes the sampled lines owed for refusals of non-reviewers that stopped before their
  // client's next line (main calls it on a timer, and once more at exit).
  void audit_unreported_refusals(bool at_exit = false);

 private:
  struct Call;
  common::HttpResponse answer_reviewer_route(Call& call);
  Result<nlohmann::json> act(Call& call);

  StubApiParts parts_;
};

// The answer for an error: its status, {"error":{"code","message"}}, Retry-After and
// WWW-Authenticate where they belong.
common::HttpResponse error_response(const ApiError& error);

}  // namespace iiv::stub
