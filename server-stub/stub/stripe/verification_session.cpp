#include "stub/stripe/verification_session.hpp"

#include "common/stripe_id.hpp"
#include "stub/stripe/stripe_shape.hpp"

namespace iiv::stub {

namespace {

// A file id that will go into a FileLink request: absent is fine, malformed is not.
std::optional<std::string> file_id(StripeShape& shape, const nlohmann::json& value, const char* path) {
  if (value.is_null()) return std::nullopt;
  if (!value.is_string() || !common::is_stripe_id(value.get<std::string>(), "file_")) {
    shape.reject(path, "is not a file id");
    return std::nullopt;
  }
  return value.get<std::string>();
}

VerificationReportFiles read_report(StripeShape& shape, const nlohmann::json& report) {
  VerificationReportFiles files;
  files.id = shape.text(report, "id", "last_verification_report.id").value_or("");
  if (shape.ok() && !common::is_stripe_id(files.id, "vr_"))
    shape.reject("last_verification_report.id", "is not a report id");
  files.created = shape.integer(report, "created", "last_verification_report.created");
  if (const auto* document = shape.object(report, "document", "last_verification_report.document")) {
    if (const auto* list = shape.array(*document, "files", "last_verification_report.document.files")) {
      for (const auto& entry : *list) {
        if (auto id = file_id(shape, entry, "last_verification_report.document.files[]")) {
          files.document_files.push_back(std::move(*id));
        }
      }
    }
  }
  if (const auto* selfie = shape.object(report, "selfie", "last_verification_report.selfie")) {
    if (const auto* value = shape.any(*selfie, "document")) {
      files.selfie_document = file_id(shape, *value, "last_verification_report.selfie.document");
    }
    if (const auto* value = shape.any(*selfie, "selfie")) {
      files.selfie_face = file_id(shape, *value, "last_verification_report.selfie.selfie");
    }
  }
  return files;
}

}  // namespace

Result<VerificationSessionFacts> read_verification_session(const nlohmann::json& object) {
  StripeShape shape("a VerificationSession");
  VerificationSessionFacts facts;
  facts.id = shape.text(object, "id", "id").value_or("");
  facts.status = shape.text(object, "status", "status").value_or("");
  if (shape.ok() && facts.status.empty()) shape.reject("status", "is missing");
  if (const auto* redaction = shape.object(object, "redaction", "redaction")) {
    facts.redaction_status = shape.text(*redaction, "status", "redaction.status");
  }
  if (const auto* report = shape.any(object, "last_verification_report")) {
    // An id alone means the expansion the stub asked for did not happen.
    if (!report->is_object()) {
      shape.reject("last_verification_report", "is not the expanded report");
    } else {
      facts.report = read_report(shape, *report);
    }
  }
  if (auto verdict = shape.verdict(); !verdict) return Fail(std::move(verdict).error());
  return facts;
}

}  // namespace iiv::stub
