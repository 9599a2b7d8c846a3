#pragma once
// The errors the stub answers with: each has its own stable code (what the viewer and
// the audit log key on) and an HTTP status. The body is {"error":{"code","message"}}.
// Every stage of a request reports failure the same way: a Result holding the value or
// the ApiError to answer with.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "common/result.hpp"

namespace iiv::stub {

enum class ErrorCode {
  invalid_request,
  invalid_session_id,
  unauthenticated,
  forbidden,
  too_many_auth_failures,
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
  reviewer_rate_limited,
  stripe_budget_exhausted,
  stripe_rate_limited,
  stripe_unavailable,
  stripe_timeout,
  stripe_error,
  audit_unavailable,
  internal_error,
};

const char* error_code_name(ErrorCode code);
int http_status(ErrorCode code);

struct ApiError {
  ErrorCode code;
  std::string message;
  // Seconds, sent as Retry-After (the 429s).
  std::optional<int> retry_after_s;
};

nlohmann::json to_json(const ApiError& error);

template <class T>
using Result = common::Result<T, ApiError>;
using common::Done;
using common::Fail;

}  // namespace iiv::stub
