#pragma once
// The image link bundle of a VerificationSession: retrieve the session with its last
// report expanded and check all of it, then create one FileLink per image file, all at
// once, each with its own Idempotency-Key and an expires_at at most `link_lifetime_s`
// (≤ 30) seconds away by Stripe's clock, and check every link before any is handed out.
// The server never fetches the images themselves; the viewer does, through the links.
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stub/api/api_error.hpp"
#include "stub/observe/metrics.hpp"
#include "stub/stripe/stripe_client.hpp"
#include "stub/stripe/verification_session.hpp"

namespace iiv::stub {

struct ImageBundle {
  nlohmann::json bundle;
  std::vector<std::string> roles_shown;  // for the audit line
};

class ImageLinkService {
 public:
  using UnixClock = std::function<long long()>;

  ImageLinkService(StripeClient& stripe, Metrics& metrics, int link_lifetime_s, std::vector<std::string> files_origins,
                   UnixClock now = {});

  // `session_id` must already have passed is_stripe_id(…, "vs_").
  Result<ImageBundle> issue(const std::string& session_id);

 private:
  StripeClient& stripe_;
  Metrics& metrics_;
  int link_lifetime_s_;
  std::vector<std::string> files_origins_;
  UnixClock now_;
};

// Refusals common to every view of a session's report: redacted, or no report yet.
Result<Done> check_session_viewable(const VerificationSessionFacts& session);

}  // namespace iiv::stub
