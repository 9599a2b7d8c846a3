#include "emulator/api_error.hpp"

#include "common/secret_mask.hpp"

namespace iiv::emulator {

namespace {

// Stripe's documentation page for an error code: "api_key_expired" → ".../api-key-expired".
std::string doc_url_for(std::string_view code) {
  std::string slug(code);
  for (char& c : slug)
    if (c == '_') c = '-';
  return "https://stripe.com/docs/error-codes/" + slug;
}

// The account every emulator key belongs to, named in permission errors as Stripe does.
constexpr std::string_view kAccountId = "acct_1IivEmulatorAcct";

ApiError make(int status, std::string type, std::string code, std::string message, std::string param = {}) {
  ApiError e;
  e.http_status = status;
  e.type = std::move(type);
  e.code = std::move(code);
  e.message = std::move(message);
  e.param = std::move(param);
  return e;
}

std::string single_quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

}  // namespace

nlohmann::ordered_json ApiError::to_json() const {
  nlohmann::ordered_json body;
  if (!code.empty()) body["code"] = code;
  if (!code.empty()) body["doc_url"] = doc_url_for(code);
  body["message"] = message;
  if (!param.empty()) body["param"] = param;
  body["type"] = type;
  return nlohmann::ordered_json{{"error", body}};
}

std::string ApiError::to_text() const {
  // Messages can quote what a client sent (a path, a header): never let that stop the answer.
  return to_json().dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

namespace errors {

ApiError missing_api_key() {
  return make(401, "invalid_request_error", "",
              "You did not provide an API key. You need to provide your API key in the Authorization header, "
              "using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See "
              "https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.");
}

ApiError invalid_api_key(std::string_view presented_key) {
  return make(401, "invalid_request_error", "", "Invalid API Key provided: " + common::mask_key(presented_key));
}

ApiError expired_api_key(std::string_view presented_key) {
  return make(401, "invalid_request_error", "api_key_expired",
              "Expired API Key provided: " + common::mask_key(presented_key));
}

ApiError publishable_key_used() {
  return make(401, "invalid_request_error", "",
              "This API call cannot be made with a publishable API key. Please use a secret API key. You can find "
              "a list of your API keys at https://dashboard.stripe.com/account/apikeys.");
}

ApiError missing_permission(std::string_view key, std::string_view permission) {
  return make(403, "invalid_request_error", "",
              "The provided key " + single_quoted(common::mask_key(key)) +
                  " does not have the required permissions for this endpoint on account " + single_quoted(kAccountId) +
                  ". Having the " + single_quoted(permission) + " permission would allow this request to continue.");
}

ApiError secret_key_cannot_read_sensitive(std::string_view what) {
  return make(403, "invalid_request_error", "",
              "Sensitive verification results (" + std::string(what) +
                  ") cannot be accessed with a secret key. Configure a restricted API key with the Identity "
                  "'Verification Sessions and Reports' and 'Access recent sensitive verification results' "
                  "permissions (and Files 'Write' for images), and use it for this request.");
}

ApiError sensitive_window_passed(std::string_view what) {
  return make(403, "invalid_request_error", "",
              "Sensitive verification results (" + std::string(what) +
                  ") of verifications processed more than 48 hours ago are only available to restricted keys "
                  "with IP restrictions. Add IP restrictions and the 'Access all sensitive verification results' "
                  "permission to your key, or review this verification in the Dashboard.");
}

ApiError no_such_object(std::string_view object_label, std::string_view id, std::string_view param, int http_status) {
  return make(http_status, "invalid_request_error", "resource_missing",
              "No such " + std::string(object_label) + ": " + single_quoted(id), std::string(param));
}

ApiError unrecognized_url(std::string_view method, std::string_view path) {
  return make(404, "invalid_request_error", "",
              "Unrecognized request URL (" + std::string(method) + ": " + std::string(path) +
                  "). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.");
}

ApiError unknown_parameter(std::string_view param) {
  return make(400, "invalid_request_error", "parameter_unknown", "Received unknown parameter: " + std::string(param),
              std::string(param));
}

ApiError missing_required_param(std::string_view param) {
  return make(400, "invalid_request_error", "parameter_missing", "Missing required param: " + std::string(param) + ".",
              std::string(param));
}

ApiError invalid_integer(std::string_view param, std::string_view value) {
  return make(400, "invalid_request_error", "parameter_invalid_integer", "Invalid integer: " + std::string(value),
              std::string(param));
}

ApiError invalid_value(std::string_view param, std::string message) {
  return make(400, "invalid_request_error", "", std::move(message), std::string(param));
}

ApiError cannot_expand(std::string_view path) {
  return make(400, "invalid_request_error", "", "This property cannot be expanded (" + std::string(path) + ").");
}

ApiError expand_too_deep(std::string_view path) {
  return make(400, "invalid_request_error", "",
              "You cannot expand more than 4 levels of a property (" + std::string(path) + ").");
}

ApiError unsupported_content_type(std::string_view content_type) {
  return make(400, "invalid_request_error", "",
              "Invalid request: unsupported Content-Type " + std::string(content_type) +
                  ". If error persists and you need assistance, please contact support@stripe.com.");
}

ApiError invalid_stripe_version(std::string_view version) {
  return make(400, "invalid_request_error", "", "Invalid Stripe API version: " + std::string(version));
}

ApiError malformed_body(std::string message) {
  return make(400, "invalid_request_error", "", "Invalid request: " + std::move(message));
}

ApiError param_nested_too_deeply(std::string_view param, std::size_t max_levels) {
  return make(400, "invalid_request_error", "",
              "Invalid request: parameter '" + std::string(param) + "' is nested more than " +
                  std::to_string(max_levels) + " levels deep.",
              std::string(param));
}

ApiError param_not_utf8(std::string_view param) {
  return make(400, "invalid_request_error", "",
              "Invalid request: parameter '" + std::string(param) + "' is not valid UTF-8.", std::string(param));
}

ApiError idempotency_key_reused(std::string_view idempotency_key) {
  return make(400, "idempotency_error", "",
              "Keys for idempotent requests can only be used with the same parameters they were first used with. "
              "Try using a key other than " +
                  single_quoted(idempotency_key) + " if you meant to execute a different request.");
}

ApiError idempotency_key_in_use() {
  return make(409, "invalid_request_error", "idempotency_key_in_use",
              "There is currently another in-progress request using this Idempotent Key (that probably means "
              "you submitted twice, and the other request is still going through). Please try again later.");
}

ApiError idempotency_key_too_long() {
  return make(400, "invalid_request_error", "", "Idempotency keys can be no longer than 255 characters.");
}

ApiError rate_limited() {
  return make(429, "invalid_request_error", "rate_limit",
              "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.");
}

ApiError internal_error() {
  return make(500, "api_error", "",
              "An unknown error occurred. If this problem persists, let us know at https://support.stripe.com/.");
}

}  // namespace errors
}  // namespace iiv::emulator
