#pragma once
// The API keys the emulator accepts, with each key's kind, permissions, IP restriction and
// rolled state; from a JSON file (--keys) or the built-in set (builtin_keys.hpp).
//
// Key file: [{"key":"rk_test_…","kind":"restricted","permissions":["rak_file_write",…],
//             "ip_restricted":false,"rolled":false}, …]  (or {"keys":[…]}).
// Only test-mode keys are accepted: a live key never belongs in an emulator's configuration.
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.hpp"
#include "common/secret_mask.hpp"
#include "emulator/api_error.hpp"

namespace iiv::emulator {

struct ApiKey {
  std::string key;
  common::KeyKind kind = common::KeyKind::restricted;
  std::set<std::string> permissions;  // restricted keys only; a secret key may do everything
  bool ip_restricted = false;
  bool rolled = false;

  // Secret keys hold every permission; for restricted keys a write permission implies its read.
  bool has_permission(std::string_view permission) const;
};

// Thrown for a key file that cannot be used; the message never contains a key.
class KeyFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class KeyRing {
 public:
  explicit KeyRing(std::vector<ApiKey> keys);
  KeyRing(const KeyRing& other);

  static KeyRing builtin();
  static KeyRing from_json(const nlohmann::json& document);
  static KeyRing from_file(const std::string& path);

  // The key a request presented, or the 401 Stripe answers: no key, unknown key,
  // publishable key, rolled key.
  common::Result<ApiKey, ApiError> authenticate(std::string_view presented) const;

  // Marks `key` rolled. A `replacement` becomes a new, live key with the rolled key's kind,
  // permissions and IP restriction (what rolling a key in the Dashboard does). The failure
  // says what is wrong ("no such key" for a key it does not know).
  common::Result<common::Done, std::string> roll(std::string_view key, const std::optional<std::string>& replacement);

  std::vector<ApiKey> keys() const;

 private:
  mutable std::mutex mutex_;
  std::vector<ApiKey> keys_;
};

}  // namespace iiv::emulator
