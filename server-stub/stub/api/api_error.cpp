#include "stub/api/api_error.hpp"

namespace iiv::stub {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_request: return "invalid_request";
    case ErrorCode::invalid_session_id: return "invalid_session_id";
    case ErrorCode::unauthenticated: return "unauthenticated";
    case ErrorCode::forbidden: return "forbidden";
    case ErrorCode::too_many_auth_failures: return "too_many_auth_failures";
    case ErrorCode::role_missing: return "role_missing";
    case ErrorCode::unsupported_media_type: return "unsupported_media_type";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::method_not_allowed: return "method_not_allowed";
    case ErrorCode::cors_origin_not_allowed: return "cors_origin_not_allowed";
    case ErrorCode::images_disabled: return "images_disabled";
    case ErrorCode::sensitive_field_not_allowed: return "sensitive_field_not_allowed";
    case ErrorCode::session_not_found: return "session_not_found";
    case ErrorCode::report_not_ready: return "report_not_ready";
    case ErrorCode::no_images: return "no_images";
    case ErrorCode::session_redacted: return "session_redacted";
    case ErrorCode::image_unavailable: return "image_unavailable";
    case ErrorCode::secret_key_refused: return "secret_key_refused";
    case ErrorCode::stripe_key_missing: return "stripe_key_missing";
    case ErrorCode::stripe_key_invalid: return "stripe_key_invalid";
    case ErrorCode::stripe_permission_missing: return "stripe_permission_missing";
    case ErrorCode::sensitive_window_expired: return "sensitive_window_expired";
    case ErrorCode::reviewer_rate_limited: return "reviewer_rate_limited";
    case ErrorCode::stripe_budget_exhausted: return "stripe_budget_exhausted";
    case ErrorCode::stripe_rate_limited: return "stripe_rate_limited";
    case ErrorCode::stripe_unavailable: return "stripe_unavailable";
    case ErrorCode::stripe_timeout: return "stripe_timeout";
    case ErrorCode::stripe_error: return "stripe_error";
    case ErrorCode::audit_unavailable: return "audit_unavailable";
    case ErrorCode::internal_error: return "internal_error";
  }
  return "internal_error";
}

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_request:
    case ErrorCode::invalid_session_id: return 400;
    case ErrorCode::unauthenticated: return 401;
    case ErrorCode::forbidden:
    case ErrorCode::role_missing:
    case ErrorCode::cors_origin_not_allowed:
    case ErrorCode::images_disabled:
    case ErrorCode::sensitive_field_not_allowed:
    case ErrorCode::sensitive_window_expired: return 403;
    case ErrorCode::not_found:
    case ErrorCode::session_not_found: return 404;
    case ErrorCode::method_not_allowed: return 405;
    case ErrorCode::report_not_ready:
    case ErrorCode::no_images: return 409;
    case ErrorCode::session_redacted:
    case ErrorCode::image_unavailable: return 410;
    case ErrorCode::unsupported_media_type: return 415;
    case ErrorCode::too_many_auth_failures:
    case ErrorCode::reviewer_rate_limited:
    case ErrorCode::stripe_budget_exhausted:
    case ErrorCode::stripe_rate_limited: return 429;
    // The stub's own configuration is wrong: nothing the reviewer can change.
    case ErrorCode::secret_key_refused:
    case ErrorCode::stripe_key_missing:
    case ErrorCode::internal_error: return 500;
    // Stripe refused or failed the stub's request.
    case ErrorCode::stripe_key_invalid:
    case ErrorCode::stripe_permission_missing:
    case ErrorCode::stripe_unavailable:
    case ErrorCode::stripe_error: return 502;
    case ErrorCode::stripe_timeout: return 504;
    // Nothing sensitive is shown unless its audit line was written.
    case ErrorCode::audit_unavailable: return 503;
  }
  return 500;
}

nlohmann::json to_json(const ApiError& error) {
  return {{"error", {{"code", error_code_name(error.code)}, {"message", error.message}}}};
}

}  // namespace iiv::stub
