#pragma once
// What the stub acts on in a VerificationSession retrieved with its last report expanded:
// read with StripeShape, so a field of the wrong type stops the request before anything
// is done, and file ids checked before they go into a request to Stripe.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stub/api/api_error.hpp"

namespace iiv::stub {

struct VerificationReportFiles {
  std::string id;                              // "vr_…"
  std::optional<std::int64_t> created;         // when Stripe processed the verification
  std::vector<std::string> document_files;     // document.files: front, then back
  std::optional<std::string> selfie_document;  // selfie.document
  std::optional<std::string> selfie_face;      // selfie.selfie
};

struct VerificationSessionFacts {
  std::string id;
  std::string status;
  std::optional<std::string> redaction_status;  // "processing" or "redacted"
  // Expanded last_verification_report; nullopt when the session has none yet.
  std::optional<VerificationReportFiles> report;

  bool redacted() const { return redaction_status.has_value(); }
};

// `object` must be a session retrieved with expand[]=last_verification_report.
Result<VerificationSessionFacts> read_verification_session(const nlohmann::json& object);

}  // namespace iiv::stub
