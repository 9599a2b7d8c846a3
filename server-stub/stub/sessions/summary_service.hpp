#pragma once
// Reading verification results for a reviewer: the summary of one session (sensitive
// fields expanded only when asked for, already checked against policy and roles), and the
// session list of the demo's picker.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "stub/api/api_error.hpp"
#include "stub/sessions/sensitive_field.hpp"
#include "stub/stripe/stripe_client.hpp"

namespace iiv::stub {

struct SummaryOutcome {
  std::optional<nlohmann::json> summary;
  std::optional<ApiError> error;
};

class SummaryService {
 public:
  // `key_ip_restricted`: the operator says the key is IP-restricted (no 48-hour window).
  explicit SummaryService(StripeClient& stripe, bool key_ip_restricted = false)
      : stripe_(stripe), key_ip_restricted_(key_ip_restricted) {}

  // `session_id` must already have passed is_stripe_id(…, "vs_").
  SummaryOutcome summarize(const std::string& session_id, const SensitiveFieldSet& included);
  // 1 ≤ limit ≤ 100.
  SummaryOutcome list(int limit);

 private:
  StripeClient& stripe_;
  bool key_ip_restricted_;
};

// "/v1/identity/verification_sessions/vs_…?expand[]=last_verification_report" plus one
// expand[] per included field.
std::string summary_retrieve_path(const std::string& session_id, const SensitiveFieldSet& included);

}  // namespace iiv::stub
