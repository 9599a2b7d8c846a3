#pragma once
// Every refusal the viewer can report. The string names are a stable contract: the
// JS package and the embedding page switch on them, so never rename one.
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace iiv {

enum class ErrorCode {
  BadJson,
  BadBundle,
  UnknownRole,
  InsecureUrl,
  HostNotAllowed,
  LinkExpired,
  LinkLifetimeTooLong,
  TooLarge,
  TooManyPixels,
  NotAnImage,
  TruncatedImage,
  NeedMoreBytes,
  CorsBlocked,
  Timeout,
  HttpError,
  NetworkError,
  DecodeFailed,
  Aborted,
};

inline constexpr std::array<ErrorCode, 18> kAllErrorCodes = {
    ErrorCode::BadJson,       ErrorCode::BadBundle,      ErrorCode::UnknownRole,
    ErrorCode::InsecureUrl,   ErrorCode::HostNotAllowed, ErrorCode::LinkExpired,
    ErrorCode::LinkLifetimeTooLong,
    ErrorCode::TooLarge,      ErrorCode::TooManyPixels,  ErrorCode::NotAnImage,
    ErrorCode::TruncatedImage, ErrorCode::NeedMoreBytes, ErrorCode::CorsBlocked,
    ErrorCode::Timeout,       ErrorCode::HttpError,      ErrorCode::NetworkError,
    ErrorCode::DecodeFailed,  ErrorCode::Aborted,
};

constexpr std::string_view errorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::BadJson: return "bad_json";
    case ErrorCode::BadBundle: return "bad_bundle";
    case ErrorCode::UnknownRole: return "unknown_role";
    case ErrorCode::InsecureUrl: return "insecure_url";
    case ErrorCode::HostNotAllowed: return "host_not_allowed";
    case ErrorCode::LinkExpired: return "link_expired";
    case ErrorCode::LinkLifetimeTooLong: return "link_lifetime_too_long";
    case ErrorCode::TooLarge: return "too_large";
    case ErrorCode::TooManyPixels: return "too_many_pixels";
    case ErrorCode::NotAnImage: return "not_an_image";
    case ErrorCode::TruncatedImage: return "truncated_image";
    case ErrorCode::NeedMoreBytes: return "need_more_bytes";
    case ErrorCode::CorsBlocked: return "cors_blocked";
    case ErrorCode::Timeout: return "timeout";
    case ErrorCode::HttpError: return "http_error";
    case ErrorCode::NetworkError: return "network_error";
    case ErrorCode::DecodeFailed: return "decode_failed";
    case ErrorCode::Aborted: return "aborted";
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
