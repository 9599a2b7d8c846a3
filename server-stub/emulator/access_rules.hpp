#pragma once
// Stripe Identity's access rules for API keys ("Access verification results"):
// - every endpoint needs its permission on a restricted key (a secret key has them all);
// - sensitive results (date of birth, ID and document numbers, expiration date, document
//   and face images) only for a restricted key with "Access recent sensitive verification
//   results", never for a secret key;
// - a plain restricted key sees them only for verifications processed in the last 48 hours,
//   an IP-restricted key for all of them;
// - FileLinks to document and selfie images must expire within 30 seconds, files of purpose
//   identity_document cannot be linked at all, and a redacted session's files not any more.
#include <cstdint>
#include <optional>
#include <string_view>

#include "common/result.hpp"
#include "emulator/api_error.hpp"
#include "emulator/api_keys.hpp"
#include "emulator/identity_model.hpp"

namespace iiv::emulator {

inline constexpr std::int64_t kSensitiveWindowSeconds = 48 * 3600;
inline constexpr std::int64_t kIdentityLinkMaxLifetimeSeconds = 30;

// 403 naming `permission` when a restricted key lacks it.
common::Result<common::Done, ApiError> require_permission(const ApiKey& key, std::string_view permission);

// May `key` see sensitive results (`what` names them in the error) of a verification
// processed at `processed_at`?
common::Result<common::Done, ApiError> check_sensitive_access(const ApiKey& key,
                                                              std::optional<std::int64_t> processed_at,
                                                              std::int64_t now, std::string_view what);

// May `key` create a FileLink to `file` expiring at `expires_at`? `owner` is the session that
// collected the file, if any. The Files: Write permission is checked before (endpoint level).
common::Result<common::Done, ApiError> check_file_link(const ApiKey& key, const StoredFile& file,
                                                       const VerificationSession* owner,
                                                       std::optional<std::int64_t> expires_at, std::int64_t now);

}  // namespace iiv::emulator
