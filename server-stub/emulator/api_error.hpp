#pragma once
// Stripe's error envelope {"error":{"type","code","message","param","doc_url"}} and the
// errors the emulator answers with, worded the way Stripe words them. Any API key that
// appears in a message is masked first (common::mask_key).
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace iiv::emulator {

struct ApiError {
  int http_status = 400;
  std::string type = "invalid_request_error";  // invalid_request_error | api_error | idempotency_error
  std::string code;                            // empty: left out of the envelope
  std::string message;
  std::string param;  // empty: left out of the envelope

  // {"error":{...}}; "doc_url" is added for errors that carry a code, as Stripe does.
  nlohmann::ordered_json to_json() const;
  // to_json() as the answer's body; bytes that are not UTF-8 (quoted from the request)
  // become U+FFFD instead of throwing.
  std::string to_text() const;
};

namespace errors {

ApiError missing_api_key();
ApiError invalid_api_key(std::string_view presented_key);
ApiError expired_api_key(std::string_view presented_key);
ApiError publishable_key_used();
ApiError missing_permission(std::string_view key, std::string_view permission);
ApiError secret_key_cannot_read_sensitive(std::string_view what);
ApiError sensitive_window_passed(std::string_view what);
ApiError no_such_object(std::string_view object_label, std::string_view id, std::string_view param,
                        int http_status = 404);
ApiError unrecognized_url(std::string_view method, std::string_view path);
ApiError unknown_parameter(std::string_view param);
ApiError missing_required_param(std::string_view param);
ApiError invalid_integer(std::string_view param, std::string_view value);
ApiError invalid_value(std::string_view param, std::string message);
ApiError cannot_expand(std::string_view path);
ApiError expand_too_deep(std::string_view path);
ApiError unsupported_content_type(std::string_view content_type);
ApiError invalid_stripe_version(std::string_view version);
ApiError malformed_body(std::string message);
ApiError param_nested_too_deeply(std::string_view param, std::size_t max_levels);
ApiError param_not_utf8(std::string_view param);
ApiError idempotency_key_reused(std::string_view idempotency_key);
ApiError idempotency_key_in_use();
ApiError idempotency_key_too_long();
ApiError rate_limited();
ApiError internal_error();

}  // namespace errors
}  // namespace iiv::emulator
