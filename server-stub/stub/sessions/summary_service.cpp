#include "stub/sessions/summary_service.hpp"

#include "stub/api/access_policy.hpp"

namespace iiv::stub {

std::string summary_retrieve_path(const std::string& session_id, const SensitiveFieldSet& included) {
  std::string path = "/v1/identity/verification_sessions/" + session_id + "?expand[]=last_verification_report";
  for (SensitiveField field : included) path += std::string("&expand[]=") + expand_path(field);
  return path;
}

Result<nlohmann::json> SummaryService::summarize(const std::string& session_id, const SensitiveFieldSet& included) {
  if (!included.empty()) {
    if (auto refused = check_key_for_sensitive(stripe_.current_key()); !refused)
      return Fail(std::move(refused).error());
  }
  auto answer = stripe_.call({StripeEndpoint::retrieve_session, "GET", summary_retrieve_path(session_id, included), "",
                              "", !included.empty()});
  if (!answer) return Fail(std::move(answer).error());
  auto summary = summarize_session(answer->object, included, context_);
  if (!summary) return summary;
  // Placeholders are all a redacted session has left: sensitive values cannot be shown.
  if (!included.empty() && !(*summary)["redaction"].is_null()) {
    return Fail(ApiError{
        ErrorCode::session_redacted, "This verification has been redacted: its sensitive results are gone.", {}});
  }
  return summary;
}

Result<nlohmann::json> SummaryService::list(int limit) {
  auto answer = stripe_.call({StripeEndpoint::list_sessions, "GET",
                              "/v1/identity/verification_sessions?limit=" + std::to_string(limit), "", "", false});
  if (!answer) return Fail(std::move(answer).error());
  return project_session_list(answer->object);
}

}  // namespace iiv::stub
