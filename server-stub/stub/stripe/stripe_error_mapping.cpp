#include "stub/stripe/stripe_error_mapping.hpp"

#include <nlohmann/json.hpp>

#include "stub/stripe/retry_policy.hpp"

namespace iiv::stub {

namespace {

constexpr const char* kSessionsRead = "Identity Verification Sessions and Reports: Read";
constexpr const char* kSessionsWrite = "Identity Verification Sessions and Reports: Write";
constexpr const char* kSensitiveRead = "Access recent sensitive verification results: Read";
constexpr const char* kFilesWrite = "Files: Write";

struct StripeErrorBody {
  std::string type;
  std::string code;
  std::string message;
};

StripeErrorBody parse_error_body(const std::string& body) {
  const auto doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  StripeErrorBody parsed;
  if (!doc.is_object() || !doc.contains("error") || !doc["error"].is_object()) return parsed;
  const auto& error = doc["error"];
  auto text = [&](const char* key) {
    const auto it = error.find(key);
    return it != error.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  parsed.type = text("type");
  parsed.code = text("code");
  parsed.message = text("message");
  return parsed;
}

bool is_identifier(const std::string& s) {
  if (s.empty() || s.size() > 80) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

bool contains(const std::string& haystack, const char* needle) { return haystack.find(needle) != std::string::npos; }

// Stripe's code is passed on to the reviewer, so it must not carry what looks like part of
// a key, even inside a longer word: such a code is left out (the status is still said).
bool may_hold_a_key(const std::string& code) {
  return contains(code, "sk_") || contains(code, "rk_") || contains(code, "pk_");
}

// Only a plain permission identifier is ever taken out of Stripe's message.
std::string quoted_permission(const std::string& message) {
  const std::string marker = "Having the '";
  const auto start = message.find(marker);
  if (start == std::string::npos) return {};
  const auto begin = start + marker.size();
  const auto end = message.find('\'', begin);
  if (end == std::string::npos || end - begin > 80) return {};
  std::string name = message.substr(begin, end - begin);
  return is_identifier(name) ? name : std::string();
}

// Stripe refuses a plain restricted key sensitive results of verifications processed more
// than 48 hours ago; an IP-restricted key is not limited so.
bool is_sensitive_window_refusal(const StripeErrorBody& error) {
  return contains(error.code, "48") || contains(error.code, "ip_restricted") || contains(error.message, "48 hours") ||
         contains(error.message, "48-hour") || contains(error.message, "IP-restricted") ||
         contains(error.message, "IP restricted");
}

}  // namespace

std::string missing_permission(const std::string& stripe_message, const StripeErrorContext& context) {
  const std::string rak = quoted_permission(stripe_message);
  if (!rak.empty()) {
    if (contains(rak, "sensitive")) return std::string(kSensitiveRead) + " (" + rak + ")";
    if (contains(rak, "file")) return std::string(kFilesWrite) + " (" + rak + ")";
    if (contains(rak, "identity") || contains(rak, "verification")) {
      const bool write = context.endpoint == StripeEndpoint::redact_session;
      return std::string(write ? kSessionsWrite : kSessionsRead) + " (" + rak + ")";
    }
    return rak;
  }
  switch (context.endpoint) {
    case StripeEndpoint::create_file_link: return kFilesWrite;
    case StripeEndpoint::redact_session: return kSessionsWrite;
    case StripeEndpoint::retrieve_session:
      return context.sensitive_requested ? std::string(kSessionsRead) + " and " + kSensitiveRead : kSessionsRead;
    case StripeEndpoint::list_sessions: return kSessionsRead;
  }
  return kSessionsRead;
}

ApiError map_stripe_failure(const StripeHttpResponse& response, const StripeErrorContext& context) {
  switch (response.failure) {
    case TransportFailure::timeout:
      return {ErrorCode::stripe_timeout, "Stripe did not answer in time, even after retries. Try again shortly.", {}};
    case TransportFailure::connect:
    case TransportFailure::other:
      return {ErrorCode::stripe_unavailable, "Stripe could not be reached, even after retries. Try again shortly.", {}};
    case TransportFailure::certificate_refused:
      return {ErrorCode::stripe_unavailable,
              "The certificate of the Stripe API host could not be verified, so nothing was sent. The server's "
              "operator should check its CA certificates (Debian: ca-certificates) and any proxy that intercepts "
              "TLS.",
              {}};
    case TransportFailure::answer_too_large:
      return {ErrorCode::stripe_error, "Stripe's answer was larger than the server reads, and was dropped.", {}};
    case TransportFailure::request_refused:
      return {ErrorCode::internal_error, "The server could not build its request to Stripe.", {}};
    case TransportFailure::none: break;
  }
  const StripeErrorBody error = parse_error_body(response.body);
  const int status = response.status;
  if (status == 401) {
    return {ErrorCode::stripe_key_invalid,
            "Stripe refused the server's API key: it is invalid, expired or was rolled. Put the new restricted key "
            "in the key file; the server re-reads it on SIGHUP and after Stripe answers 401.",
            {}};
  }
  if (status == 403) {
    if (context.sensitive_requested && is_sensitive_window_refusal(error)) {
      return {ErrorCode::sensitive_window_expired,
              "This verification was processed more than 48 hours ago: a plain restricted key may no longer read its "
              "sensitive results. Configure an IP-restricted restricted key to see them.",
              {}};
    }
    return {ErrorCode::stripe_permission_missing,
            "The server's restricted key lacks a permission Stripe requires here: " +
                missing_permission(error.message, context) + ". Add it to the key in the Stripe Dashboard.",
            {}};
  }
  if (status == 404) {
    if (context.endpoint == StripeEndpoint::create_file_link) {
      return {ErrorCode::image_unavailable, "An image file of this verification no longer exists at Stripe.", {}};
    }
    return {ErrorCode::session_not_found, "Stripe knows no VerificationSession with this id.", {}};
  }
  if (status == 429) {
    return {ErrorCode::stripe_rate_limited, "Stripe is rate limiting the server's requests. Try again in a moment.",
            retry_after_seconds(response.retry_after).value_or(1)};
  }
  if (status >= 500) {
    return {ErrorCode::stripe_unavailable,
            "Stripe answered with a server error, even after retries. Try again shortly.",
            {}};
  }
  std::string message = "Stripe refused the request (HTTP " + std::to_string(status);
  if (is_identifier(error.code) && !may_hold_a_key(error.code)) message += ", code " + error.code;
  message += ").";
  return {ErrorCode::stripe_error, message, {}};
}

}  // namespace iiv::stub
