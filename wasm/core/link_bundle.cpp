#include "core/link_bundle.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "core/decimal_text.hpp"
#include "core/image_roles.hpp"
#include "core/url_parts.hpp"

namespace iiv {
namespace {

using Json = nlohmann::json;

constexpr std::array<std::string_view, 4> kBundleFields = {"verification_session", "verification_report", "issued_at",
                                                           "images"};
constexpr std::array<std::string_view, 5> kImageFields = {"role", "file", "file_link", "url", "expires_at"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// nlohmann keeps the last of two equal keys silently; another parser might keep the
// first, so a bundle with duplicate keys is ambiguous and refused.
struct DuplicateKeyDetector {
  std::vector<std::set<std::string>> openObjects;
  bool sawDuplicate = false;

  bool operator()(int /*depth*/, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start: openObjects.emplace_back(); break;
      case Json::parse_event_t::object_end:
        if (!openObjects.empty()) openObjects.pop_back();
        break;
      case Json::parse_event_t::key:
        if (!openObjects.empty() && parsed.is_string() &&
            !openObjects.back().insert(parsed.get_ref<const std::string&>()).second) {
          sawDuplicate = true;
        }
        break;
      default: break;
    }
    return true;
  }
};

std::string quotedForMessage(std::string_view text) {
  constexpr std::size_t kMaxShown = 40;
  std::string shown(text.substr(0, kMaxShown));
  for (char& c : shown) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f) c = '?';
  }
  return "\"" + shown + (text.size() > kMaxShown ? "...\"" : "\"");
}

std::optional<Failure> checkOnlyKnownFields(const Json& object, std::string_view where, bool isImage) {
  for (const auto& item : object.items()) {
    const bool known = isImage ? contains(kImageFields, item.key()) : contains(kBundleFields, item.key());
    if (!known) {
      return fail(ErrorCode::BadBundle, std::string(where) + " has an unknown field " + quotedForMessage(item.key()));
    }
  }
  return std::nullopt;
}

std::variant<std::string, Failure> requireString(const Json& object, const std::string& key, const std::string& where) {
  const auto found = object.find(key);
  if (found == object.end()) return fail(ErrorCode::BadBundle, where + "." + key + " is missing");
  if (!found->is_string()) return fail(ErrorCode::BadBundle, where + "." + key + " must be a string");
  const auto& value = found->get_ref<const std::string&>();
  if (value.empty()) return fail(ErrorCode::BadBundle, where + "." + key + " must not be empty");
  return value;
}

std::variant<std::int64_t, Failure> requireInteger(const Json& object, const std::string& key,
                                                   const std::string& where) {
  const auto found = object.find(key);
  if (found == object.end()) return fail(ErrorCode::BadBundle, where + "." + key + " is missing");
  if (found->is_number_unsigned()) {
    const auto value = found->get<std::uint64_t>();
    if (value > static_cast<std::uint64_t>(INT64_MAX)) {
      return fail(ErrorCode::BadBundle, where + "." + key + " is out of range");
    }
    return static_cast<std::int64_t>(value);
  }
  if (found->is_number_integer()) return found->get<std::int64_t>();
  return fail(ErrorCode::BadBundle, where + "." + key + " must be an integer (Unix seconds)");
}

struct HostEntry {
  std::string host;
  std::optional<std::uint16_t> port;
};

// Reads an allow-list entry ("files.example.test", "127.0.0.1:4555", "[::1]:8443") with
// the same parser as the URLs, so both sides are normalised alike.
std::optional<HostEntry> parseHostEntry(std::string_view entry) {
  const auto parsed = parseUrl("https://" + std::string(entry));
  const auto* parts = std::get_if<UrlParts>(&parsed);
  if (!parts || parts->hasUserinfo || !parts->pathAndRest.empty()) return std::nullopt;
  return HostEntry{parts->host, parts->port};
}

bool isHostAllowed(const UrlParts& url, const LinkPolicy& policy) {
  auto matches = [&url](std::string_view entryText) {
    const auto entry = parseHostEntry(entryText);
    if (!entry || entry->host != url.host) return false;
    // An entry without a port means the scheme's default port.
    const auto wantedPort = entry->port ? entry->port : defaultPortFor(url.scheme);
    return url.effectivePort() == wantedPort;
  };
  if (matches(kDefaultFilesHost)) return true;
  return std::any_of(policy.extraAllowedHosts.begin(), policy.extraAllowedHosts.end(),
                     [&](const std::string& entry) { return matches(entry); });
}

std::string hostWithPort(const UrlParts& url) { return url.port ? url.host + ":" + decimalText(*url.port) : url.host; }

std::int64_t clampedClockSkew(std::int64_t seconds) {
  return std::clamp<std::int64_t>(seconds, 0, kMaxClockSkewSeconds);
}

}  // namespace

bool isKnownImageRole(std::string_view role) { return contains(image_roles::kAll, role); }

std::variant<std::monostate, Failure> checkImageUrl(std::string_view url, const LinkPolicy& policy,
                                                    std::string_view field) {
  const std::string name(field);
  const auto parsed = parseUrl(url);
  if (const auto* error = std::get_if<UrlSyntaxError>(&parsed)) {
    return fail(ErrorCode::InsecureUrl, name + " is not a well-formed URL: " + error->reason);
  }
  const auto& parts = std::get<UrlParts>(parsed);
  if (parts.scheme != "https" && parts.scheme != "http") {
    return fail(ErrorCode::InsecureUrl,
                name + " uses the scheme " + quotedForMessage(parts.scheme) + "; only https is allowed");
  }
  if (parts.hasUserinfo) {
    return fail(ErrorCode::InsecureUrl,
                name + " (" + parts.origin() + ") carries a user name or password before its host");
  }
  if (parts.scheme == "http" && !isLoopbackHost(parts.host)) {
    return fail(ErrorCode::InsecureUrl,
                name + " (" + parts.origin() + ") is plain http; http is allowed only for loopback hosts");
  }
  if (!isHostAllowed(parts, policy)) {
    return fail(ErrorCode::HostNotAllowed,
                name + " points at " + quotedForMessage(hostWithPort(parts)) + ", which is not an allowed files host");
  }
  return std::monostate{};
}

std::variant<LinkBundle, Failure> validateLinkBundle(std::string_view jsonText, std::int64_t nowUnixSeconds,
                                                     const LinkPolicy& policy) {
  if (jsonText.size() > kMaxBundleBytes) {
    return fail(ErrorCode::BadJson, "the bundle is larger than " + decimalText(kMaxBundleBytes) + " bytes");
  }
  DuplicateKeyDetector duplicates;
  const Json document = Json::parse(jsonText.begin(), jsonText.end(), std::ref(duplicates),
                                    /*allow_exceptions=*/false);
  if (document.is_discarded()) return fail(ErrorCode::BadJson, "the bundle is not valid JSON");
  if (duplicates.sawDuplicate) return fail(ErrorCode::BadJson, "the bundle repeats a key in one object");
  if (!document.is_object()) return fail(ErrorCode::BadJson, "the bundle is not a JSON object");

  if (auto unknown = checkOnlyKnownFields(document, "bundle", false)) return *unknown;

  LinkBundle bundle;
  const std::string where = "bundle";
  auto session = requireString(document, "verification_session", where);
  if (auto* f = std::get_if<Failure>(&session)) return *f;
  bundle.verificationSession = std::get<std::string>(session);
  auto report = requireString(document, "verification_report", where);
  if (auto* f = std::get_if<Failure>(&report)) return *f;
  bundle.verificationReport = std::get<std::string>(report);
  auto issuedAt = requireInteger(document, "issued_at", where);
  if (auto* f = std::get_if<Failure>(&issuedAt)) return *f;
  bundle.issuedAt = std::get<std::int64_t>(issuedAt);

  const auto images = document.find("images");
  if (images == document.end()) return fail(ErrorCode::BadBundle, "bundle.images is missing");
  if (!images->is_array()) return fail(ErrorCode::BadBundle, "bundle.images must be an array");
  if (images->empty()) return fail(ErrorCode::BadBundle, "bundle.images is empty");

  const std::int64_t clockSkew = clampedClockSkew(policy.clockSkewSeconds);
  const std::int64_t oldestAcceptedExpiry = nowUnixSeconds - clockSkew;
  const std::int64_t longestAcceptedLifetime = kMaxLinkLifetimeSeconds + clockSkew;
  std::set<std::string> seenRoles;
  for (std::size_t index = 0; index < images->size(); ++index) {
    const Json& entry = (*images)[index];
    const std::string at = "images[" + decimalText(index) + "]";
    if (!entry.is_object()) return fail(ErrorCode::BadBundle, at + " must be an object");
    if (auto unknown = checkOnlyKnownFields(entry, at, true)) return *unknown;

    BundleImage image;
    auto role = requireString(entry, "role", at);
    if (auto* f = std::get_if<Failure>(&role)) return *f;
    image.role = std::get<std::string>(role);
    auto file = requireString(entry, "file", at);
    if (auto* f = std::get_if<Failure>(&file)) return *f;
    image.file = std::get<std::string>(file);
    auto fileLink = requireString(entry, "file_link", at);
    if (auto* f = std::get_if<Failure>(&fileLink)) return *f;
    image.fileLink = std::get<std::string>(fileLink);
    auto url = requireString(entry, "url", at);
    if (auto* f = std::get_if<Failure>(&url)) return *f;
    image.url = std::get<std::string>(url);
    auto expiresAt = requireInteger(entry, "expires_at", at);
    if (auto* f = std::get_if<Failure>(&expiresAt)) return *f;
    image.expiresAt = std::get<std::int64_t>(expiresAt);

    if (!isKnownImageRole(image.role)) {
      return fail(ErrorCode::UnknownRole, at + ".role " + quotedForMessage(image.role) +
                                              " is not one of document_front, "
                                              "document_back, selfie_document, selfie_face");
    }
    if (!seenRoles.insert(image.role).second) {
      return fail(ErrorCode::BadBundle, at + ".role " + quotedForMessage(image.role) + " appears twice");
    }
    const auto urlCheck = checkImageUrl(image.url, policy, at + ".url");
    if (const auto* f = std::get_if<Failure>(&urlCheck)) return *f;
    // expires_at is Stripe's; a backend may write issued_at from its own clock (the
    // server stub reads Stripe's), so the skew allowance also absorbs that gap.
    const std::int64_t lifetime = image.expiresAt - bundle.issuedAt;
    if (lifetime > longestAcceptedLifetime) {
      return fail(ErrorCode::LinkLifetimeTooLong, at + " (" + image.role + ") expires " + decimalText(lifetime) +
                                                      " s after issued_at; identity FileLinks live at most " +
                                                      decimalText(kMaxLinkLifetimeSeconds) + " s");
    }
    if (image.expiresAt <= oldestAcceptedExpiry) {
      return fail(ErrorCode::LinkExpired, at + " (" + image.role + ") expired at " + decimalText(image.expiresAt) +
                                              ", it is now " + decimalText(nowUnixSeconds));
    }
    bundle.images.push_back(std::move(image));
  }
  return bundle;
}

}  // namespace iiv
