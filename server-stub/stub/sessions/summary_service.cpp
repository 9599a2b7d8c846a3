#include "stub/sessions/summary_service.hpp"

#include "stub/api/access_policy.hpp"
#include "stub/sessions/session_list.hpp"
#include "stub/sessions/session_summary.hpp"

namespace iiv::stub {

std::string summary_retrieve_path(const std::string& session_id, const SensitiveFieldSet& included) {
  std::string path = "/v1/identity/verification_sessions/" + session_id + "?expand[]=last_verification_report";
  for (SensitiveField field : included) path += std::string("&expand[]=") + expand_path(field);
  return path;
}

SummaryOutcome SummaryService::summarize(const std::string& session_id, const SensitiveFieldSet& included) {
  if (!included.empty()) {
    if (auto refused = check_key_for_sensitive(stripe_.current_key())) return {std::nullopt, std::move(refused)};
  }
  StripeResult session = stripe_.call({StripeEndpoint::retrieve_session, "GET",
                                       summary_retrieve_path(session_id, included), "", "", !included.empty()});
  if (session.error) return {std::nullopt, std::move(session.error)};
  // Placeholders are all a redacted session has left: sensitive values cannot be shown.
  const nlohmann::json redaction = redaction_status(*session.object);
  if (!included.empty() && (redaction == "redacted" || redaction == "processing")) {
    return {std::nullopt, ApiError{ErrorCode::session_redacted,
                                   "This verification has been redacted: its sensitive results are gone.", {}}};
  }
  return {summarize_session(*session.object, included, key_ip_restricted_), std::nullopt};
}

SummaryOutcome SummaryService::list(int limit) {
  StripeResult sessions = stripe_.call({StripeEndpoint::list_sessions, "GET",
                                        "/v1/identity/verification_sessions?limit=" + std::to_string(limit), "", "",
                                        false});
  if (sessions.error) return {std::nullopt, std::move(sessions.error)};
  return {project_session_list(*sessions.object), std::nullopt};
}

}  // namespace iiv::stub
