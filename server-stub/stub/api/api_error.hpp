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

// Each code once, with its HTTP status; the enum, error_code_name and http_status are
// expanded from this table. 500: the stub's own configuration is wrong (nothing the
// reviewer can change) or a bug; 502/504: Stripe refused or failed the stub's request;
// 503 audit_unavailable: nothing sensitive is shown unless its audit line was written.
#define IIV_STUB_ERROR_CODES(X)       \
  X(invalid_request, 400)             \
  X(invalid_session_id, 400)          \
  X(unauthenticated, 401)             \
  X(forbidden, 403)                   \
  X(too_many_auth_failures, 429)      \
  X(role_missing, 403)                \
  X(unsupported_media_type, 415)      \
  X(not_found, 404)                   \
  X(method_not_allowed, 405)          \
  X(cors_origin_not_allowed, 403)     \
  X(images_disabled, 403)             \
  X(sensitive_field_not_allowed, 403) \
  X(session_not_found, 404)           \
  X(report_not_ready, 409)            \
  X(no_images, 409)                   \
  X(session_redacted, 410)            \
  X(image_unavailable, 410)           \
  X(secret_key_refused, 500)          \
  X(stripe_key_missing, 500)          \
  X(stripe_key_invalid, 502)          \
  X(stripe_permission_missing, 502)   \
  X(sensitive_window_expired, 403)    \
  X(reviewer_rate_limited, 429)       \
  X(stripe_budget_exhausted, 429)     \
  X(stripe_rate_limited, 429)         \
  X(stripe_unavailable, 502)          \
  X(stripe_timeout, 504)              \
  X(stripe_error, 502)                \
  X(audit_unavailable, 503)           \
  X(internal_error, 500)

enum class ErrorCode {
#define IIV_ENUMERATOR(code, status) code,
  IIV_STUB_ERROR_CODES(IIV_ENUMERATOR)
#undef IIV_ENUMERATOR
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
