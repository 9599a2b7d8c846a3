#include "common/secret_mask.hpp"

namespace iiv::common {

namespace {
bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::string_view mode_prefix(std::string_view key) {
  for (std::string_view p : {"sk_live_", "sk_test_", "rk_live_", "rk_test_", "pk_live_", "pk_test_"}) {
    if (starts_with(key, p)) return key.substr(0, p.size());
  }
  return {};
}
}  // namespace

KeyKind key_kind(std::string_view key) {
  if (starts_with(key, "sk_")) return KeyKind::secret;
  if (starts_with(key, "rk_")) return KeyKind::restricted;
  if (starts_with(key, "pk_")) return KeyKind::publishable;
  return KeyKind::unknown;
}

bool key_is_live(std::string_view key) { return mode_prefix(key).substr(2) == "_live_"; }

const char* key_kind_name(KeyKind kind) {
  switch (kind) {
    case KeyKind::secret: return "secret";
    case KeyKind::restricted: return "restricted";
    case KeyKind::publishable: return "publishable";
    case KeyKind::unknown: break;
  }
  return "unknown";
}

std::string mask_key(std::string_view key) {
  // Fewer than 16 characters after the prefix: showing four of them would reveal too much.
  constexpr std::size_t kMinBodyToShowTail = 16;
  const std::string_view prefix = mode_prefix(key);
  const std::string_view body = key.substr(prefix.size());
  std::string masked = prefix.empty() ? std::string("key") : std::string(prefix);
  masked += "…";
  if (body.size() >= kMinBodyToShowTail) masked += body.substr(body.size() - 4);
  return masked;
}

}  // namespace iiv::common
