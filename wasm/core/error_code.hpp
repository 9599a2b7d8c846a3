#pragma once
// Every refusal the viewer can report. The string names are a stable contract: the
// JS package and the embedding page switch on them, so never rename one. The package's
// list and type (web/src/core-facts.js, .d.ts) are generated from this header.
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace iiv {

// Each code once, with its stable name; the enum, kAllErrorCodes and errorCodeName are
// expanded from this table, so none of them can miss a code.
#define IIV_VIEWER_ERROR_CODES(X)                  \
  X(BadJson, "bad_json")                           \
  X(BadBundle, "bad_bundle")                       \
  X(UnknownRole, "unknown_role")                   \
  X(InsecureUrl, "insecure_url")                   \
  X(HostNotAllowed, "host_not_allowed")            \
  X(LinkExpired, "link_expired")                   \
  X(LinkLifetimeTooLong, "link_lifetime_too_long") \
  X(TooLarge, "too_large")                         \
  X(TooManyPixels, "too_many_pixels")              \
  X(NotAnImage, "not_an_image")                    \
  X(TruncatedImage, "truncated_image")             \
  X(NeedMoreBytes, "need_more_bytes")              \
  X(CorsBlocked, "cors_blocked")                   \
  X(Timeout, "timeout")                            \
  X(HttpError, "http_error")                       \
  X(NetworkError, "network_error")                 \
  X(DecodeFailed, "decode_failed")                 \
  X(Aborted, "aborted")

enum class ErrorCode {
#define IIV_ENUMERATOR(code, name) code,
  IIV_VIEWER_ERROR_CODES(IIV_ENUMERATOR)
#undef IIV_ENUMERATOR
};

inline constexpr std::array kAllErrorCodes = {
#define IIV_LISTED(code, name) ErrorCode::code,
    IIV_VIEWER_ERROR_CODES(IIV_LISTED)
#undef IIV_LISTED
};

// NeedMoreBytes asks the caller for more of the image; the package acts on it and never
// reports it to a page, so its public ErrorCode type leaves it out.
constexpr bool isReportedToPages(ErrorCode code) { return code != ErrorCode::NeedMoreBytes; }

constexpr std::string_view errorCodeName(ErrorCode code) {
  switch (code) {
#define IIV_NAME_CASE(code, name) \
  case ErrorCode::code: return name;
    IIV_VIEWER_ERROR_CODES(IIV_NAME_CASE)
#undef IIV_NAME_CASE
  }
  return "unknown";
}

constexpr std::optional<ErrorCode> errorCodeFromName(std::string_view name) {
  for (ErrorCode code : kAllErrorCodes) {
    if (errorCodeName(code) == name) return code;
  }
  return std::nullopt;
}

}  // namespace iiv
