#pragma once
// The errors the stub answers with: each has its own stable code (what the viewer and
// the audit log key on) and an HTTP status. The body is {"error":{"code","message"}}.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace iiv::stub {

enum class ErrorCode {
  invalid_request,
  invalid_session_id,
  unauthenticated,
  forbidden,
  role_missing,
  unsupported_media_type,
  not_found,
  method_not_allowed,
  cors_origin_not_allowed,
  images_disabled,
  sensitive_field_not_allowed,
  session_not_found,
  report_not_ready,
  no_images,
  session_redacted,
  image_unavailable,
  secret_key_refused,
  stripe_key_missing,
  stripe_key_invalid,
  stripe_permission_missing,
  sensitive_window_expired,
  stripe_rate_limited,
  stripe_unavailable,
  stripe_timeout,
  stripe_error,
  internal_error,
};

const char* error_code_name(ErrorCode code);
int http_status(ErrorCode code);

struct ApiError {
  ErrorCode code;
  std::string message;
  // Seconds, for stripe_rate_limited: sent as Retry-After.
  std::optional<int> retry_after_s;
};

nlohmann::json to_json(const ApiError& error);

}  // namespace iiv::stub
