#include "emulator/access_rules.hpp"

#include <string>

#include "emulator/permissions.hpp"

namespace iiv::emulator {

std::optional<ApiError> require_permission(const ApiKey& key, std::string_view permission) {
  if (key.has_permission(permission)) return std::nullopt;
  return errors::missing_permission(key.key, permission);
}

std::optional<ApiError> check_sensitive_access(const ApiKey& key, std::optional<std::int64_t> processed_at,
                                               std::int64_t now, std::string_view what) {
  if (key.kind != common::KeyKind::restricted) return errors::secret_key_cannot_read_sensitive(what);
  if (auto missing = require_permission(key, permissions::sensitive_results_read)) return missing;
  const bool outside_window = processed_at && now - *processed_at > kSensitiveWindowSeconds;
  if (outside_window && !key.ip_restricted) return errors::sensitive_window_passed(what);
  return std::nullopt;
}

std::optional<ApiError> check_file_link(const ApiKey& key, const StoredFile& file, const VerificationSession* owner,
                                        std::optional<std::int64_t> expires_at, std::int64_t now) {
  if (file.purpose == "identity_document")
    return errors::invalid_value("file", "Files with purpose identity_document cannot be linked. Only files with "
                                         "purpose identity_document_downloadable or selfie collected by Identity, "
                                         "and files of the other linkable purposes, can have FileLinks.");
  if (file.is_identity_image()) {
    const auto processed_at = owner ? owner->processed_at : std::nullopt;
    if (auto refused = check_sensitive_access(key, processed_at, now, "file " + file.id)) return refused;
    if (owner && owner->redaction_requested())
      return errors::invalid_value("file", "The VerificationSession " + owner->id +
                                               " has been redacted: the contents of " + file.id +
                                               " are no longer available and cannot be linked.");
  }
  if (expires_at && *expires_at <= now)
    return errors::invalid_value("expires_at", "Invalid timestamp: expires_at must be in the future.");
  if (file.is_identity_image() && (!expires_at || *expires_at > now + kIdentityLinkMaxLifetimeSeconds))
    return errors::invalid_value("expires_at",
                                 "FileLinks for identity document and selfie files must expire within 30 seconds: "
                                 "set expires_at to at most " +
                                     std::to_string(kIdentityLinkMaxLifetimeSeconds) + " seconds from now.");
  return std::nullopt;
}

}  // namespace iiv::emulator
