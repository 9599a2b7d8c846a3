#pragma once
// The link bundle the server stub hands to the viewer (README.md, "The bundle"), and
// the rules that decide whether the viewer may fetch it: known roles, https-only URLs
// (plain http only for loopback), an allow-listed files host, links not yet expired.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/failure.hpp"

namespace iiv {

inline constexpr std::int64_t kDefaultClockSkewSeconds = 5;
inline constexpr std::int64_t kMaxClockSkewSeconds = 60;
// Stripe refuses FileLinks for identity document and selfie files that expire more than
// 30 seconds after they are created. A bundle claiming a longer life did not come from
// a server that follows that rule (or was replayed from one that does not), so the
// viewer refuses it rather than trusting a long-lived bearer URL.
inline constexpr std::int64_t kMaxLinkLifetimeSeconds = 30;
inline constexpr std::string_view kDefaultFilesHost = "files.stripe.com";
// A real bundle is well under 4 KiB; anything far larger is refused before parsing.
inline constexpr std::size_t kMaxBundleBytes = 64 * 1024;

struct LinkPolicy {
  // Extra "host" or "host:port" entries; files.stripe.com is always allowed.
  std::vector<std::string> extraAllowedHosts;
  // How far the reviewer's clock may run ahead of the server's, and how far a link's
  // lifetime may exceed 30 s; clamped to [0, 60] (the JS layer refuses other values).
  std::int64_t clockSkewSeconds = kDefaultClockSkewSeconds;
};

struct BundleImage {
  std::string role;
  std::string file;
  std::string fileLink;
  std::string url;  // exactly as received; it is what the browser fetches
  std::int64_t expiresAt = 0;
};

struct LinkBundle {
  std::string verificationSession;
  std::string verificationReport;
  std::int64_t issuedAt = 0;
  std::vector<BundleImage> images;
};

bool isKnownImageRole(std::string_view role);

// Checks one image URL against the policy: scheme, userinfo, loopback-only http and
// the allow-list. `field` names the URL in messages (e.g. "images[0].url").
std::variant<std::monostate, Failure> checkImageUrl(std::string_view url, const LinkPolicy& policy,
                                                    std::string_view field);

std::variant<LinkBundle, Failure> validateLinkBundle(std::string_view jsonText, std::int64_t nowUnixSeconds,
                                                     const LinkPolicy& policy);

}  // namespace iiv
