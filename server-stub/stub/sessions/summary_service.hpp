#pragma once
// Reading verification results for a reviewer: the summary of one session (sensitive
// fields expanded only when asked for, already checked against policy and roles), and the
// session list of the demo's picker.
#include <string>

#include <nlohmann/json.hpp>

#include "stub/api/api_error.hpp"
#include "stub/sessions/sensitive_field.hpp"
#include "stub/sessions/session_summary.hpp"
#include "stub/stripe/stripe_client.hpp"

namespace iiv::stub {

class SummaryService {
 public:
  SummaryService(StripeClient& stripe, SummaryContext context) : stripe_(stripe), context_(context) {}

  // `session_id` must already have passed is_stripe_id(…, "vs_").
  Result<nlohmann::json> summarize(const std::string& session_id, const SensitiveFieldSet& included);
  // 1 ≤ limit ≤ 100.
  Result<nlohmann::json> list(int limit);

 private:
  StripeClient& stripe_;
  SummaryContext context_;
};

// "/v1/identity/verification_sessions/vs_…?expand[]=last_verification_report" plus one
// expand[] per included field.
std::string summary_retrieve_path(const std::string& session_id, const SensitiveFieldSet& included);

}  // namespace iiv::stub
