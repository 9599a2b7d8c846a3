#include "emulator/access_rules.hpp"

#include <string>

#include "emulator/permissions.hpp"

namespace iiv::emulator {

using common::Done;
using common::Fail;

common::Result<Done, ApiError> require_permission(const ApiKey& key, std::string_view permission) {
  if (key.has_permission(permission)) return Done{};
  return Fail(errors::missing_permission(key.key, permission));
}

common::Result<Done, ApiError> check_sensitive_access(const ApiKey& key, std::optional<std::int64_t> processed_at,
                                                      std::int64_t now, std::string_view what) {
  if (key.kind != common::KeyKind::restricted) return Fail(errors::secret_key_cannot_read_sensitive(what));
  if (auto held = require_permission(key, permissions::sensitive_results_read); !held) return held;
  const bool outside_window = processed_at && now - *processed_at > kSensitiveWindowSeconds;
  if (outside_window && !key.ip_restricted) return Fail(errors::sensitive_window_passed(what));
  return Done{};
}

common::Result<Done, ApiError> check_file_link(const ApiKey& key, const StoredFile& file,
                                               const VerificationSession* owner, std::optional<std::int64_t> expires_at,
                                               std::int64_t now) {
  if (file.purpose == "identity_document")
    return Fail(errors::invalid_value("file",
                                      "Files with purpose identity_document cannot be linked. Only files with "
                                      "purpose identity_document_downloadable or selfie collected by Identity, "
                                      "and files of the other linkable purposes, can have FileLinks."));
  if (file.is_identity_image()) {
    const auto processed_at = owner ? owner->processed_at : std::nullopt;
    if (auto allowed = check_sensitive_access(key, processed_at, now, "file " + file.id); !allowed) return allowed;
    if (owner && owner->redaction_requested())
      return Fail(errors::invalid_value("file", "The VerificationSession " + owner->id +
                                                    " has been redacted: the contents of " + file.id +
                                                    " are no longer available and cannot be linked."));
  }
  if (expires_at && *expires_at <= now)
    return Fail(errors::invalid_value("expires_at", "Invalid timestamp: expires_at must be in the future."));
  if (file.is_identity_image() && (!expires_at || *expires_at > now + kIdentityLinkMaxLifetimeSeconds))
    return Fail(errors::invalid_value("expires_at",
                                      "FileLinks for identity document and selfie files must expire within 30 seconds: "
                                      "set expires_at to at most " +
                                          std::to_string(kIdentityLinkMaxLifetimeSeconds) + " seconds from now."));
  return Done{};
}

}  // namespace iiv::emulator
