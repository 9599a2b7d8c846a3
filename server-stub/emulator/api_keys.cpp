#include "emulator/api_keys.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "emulator/builtin_keys.hpp"
#include "emulator/permissions.hpp"

namespace iiv::emulator {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool is_known_permission(const std::string& name) {
  const auto& all = permissions::all();
  return std::find(all.begin(), all.end(), name) != all.end();
}

// "rak_file_write" → "rak_file_read": holding the first implies the second.
std::string read_counterpart(std::string_view write_permission) {
  std::string s(write_permission);
  const std::string suffix = "_write";
  if (s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0)
    return s.substr(0, s.size() - suffix.size()) + "_read";
  return {};
}

ApiKey restricted(const char* key, std::set<std::string> perms, bool ip_restricted = false, bool rolled = false) {
  ApiKey k;
  k.key = key;
  k.kind = common::KeyKind::restricted;
  k.permissions = std::move(perms);
  k.ip_restricted = ip_restricted;
  k.rolled = rolled;
  return k;
}

ApiKey parse_entry(const nlohmann::json& entry, std::size_t index) {
  const std::string where = "keys[" + std::to_string(index) + "]";
  if (!entry.is_object()) throw KeyFileError(where + ": each key must be a JSON object");
  ApiKey k;
  const auto key = entry.find("key");
  if (key == entry.end() || !key->is_string() || key->get<std::string>().empty())
    throw KeyFileError(where + ": \"key\" must be a non-empty string");
  k.key = key->get<std::string>();
  const std::string kind = entry.value("kind", std::string());
  if (kind == "secret") {
    k.kind = common::KeyKind::secret;
    if (!starts_with(k.key, "sk_test_")) throw KeyFileError(where + ": a secret key must start with sk_test_");
  } else if (kind == "restricted") {
    k.kind = common::KeyKind::restricted;
    if (!starts_with(k.key, "rk_test_")) throw KeyFileError(where + ": a restricted key must start with rk_test_");
  } else {
    throw KeyFileError(where + ": \"kind\" must be \"secret\" or \"restricted\"");
  }
  if (const auto perms = entry.find("permissions"); perms != entry.end()) {
    if (!perms->is_array()) throw KeyFileError(where + ": \"permissions\" must be a list of names");
    for (const auto& p : *perms) {
      if (!p.is_string() || !is_known_permission(p.get<std::string>()))
        throw KeyFileError(where + ": unknown permission " + p.dump() +
                           " (known: rak_identity_product_read, "
                           "rak_identity_product_write, rak_identity_sensitive_results_read, rak_file_read, "
                           "rak_file_write)");
      k.permissions.insert(p.get<std::string>());
    }
  }
  for (const char* flag : {"ip_restricted", "rolled"}) {
    const auto it = entry.find(flag);
    if (it != entry.end() && !it->is_boolean()) throw KeyFileError(where + ": \"" + flag + "\" must be true or false");
  }
  k.ip_restricted = entry.value("ip_restricted", false);
  k.rolled = entry.value("rolled", false);
  return k;
}

}  // namespace

bool ApiKey::has_permission(std::string_view permission) const {
  if (kind == common::KeyKind::secret) return true;
  if (kind != common::KeyKind::restricted) return false;
  for (const auto& held : permissions) {
    if (held == permission) return true;
    if (read_counterpart(held) == permission) return true;
  }
  return false;
}

KeyRing::KeyRing(std::vector<ApiKey> keys) : keys_(std::move(keys)) {}

KeyRing::KeyRing(const KeyRing& other) : keys_(other.keys()) {}

KeyRing KeyRing::builtin() {
  const std::string read(permissions::identity_read);
  const std::string sensitive(permissions::sensitive_results_read);
  const std::string files(permissions::file_write);
  const std::string redact(permissions::identity_write);
  ApiKey secret;
  secret.key = builtin_keys::secret;
  secret.kind = common::KeyKind::secret;
  return KeyRing({
      restricted(builtin_keys::full_access, {read, sensitive, files}),
      restricted(builtin_keys::full_access_redact, {read, sensitive, files, redact}),
      restricted(builtin_keys::ip_restricted, {read, sensitive, files}, /*ip_restricted=*/true),
      restricted(builtin_keys::no_files_write, {read, sensitive}),
      restricted(builtin_keys::no_sensitive, {read, files}),
      secret,
      restricted(builtin_keys::rolled, {read, sensitive, files}, false, /*rolled=*/true),
  });
}

KeyRing KeyRing::from_json(const nlohmann::json& document) {
  const nlohmann::json* list = &document;
  if (document.is_object() && document.contains("keys")) list = &document.at("keys");
  if (!list->is_array() || list->empty()) throw KeyFileError("the key file must hold a non-empty list of keys");
  std::vector<ApiKey> keys;
  for (std::size_t i = 0; i < list->size(); ++i) {
    ApiKey k = parse_entry((*list)[i], i);
    for (const auto& existing : keys)
      if (existing.key == k.key) throw KeyFileError("keys[" + std::to_string(i) + "]: the same key is listed twice");
    keys.push_back(std::move(k));
  }
  return KeyRing(std::move(keys));
}

KeyRing KeyRing::from_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw KeyFileError("cannot read the key file " + path);
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json document = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) throw KeyFileError("the key file " + path + " is not valid JSON");
  return from_json(document);
}

common::Result<ApiKey, ApiError> KeyRing::authenticate(std::string_view presented) const {
  using common::Fail;
  if (presented.empty()) return Fail(errors::missing_api_key());
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& k : keys_) {
    if (k.key != presented) continue;
    if (k.rolled) return Fail(errors::expired_api_key(presented));
    return k;
  }
  if (starts_with(presented, "pk_")) return Fail(errors::publishable_key_used());
  return Fail(errors::invalid_api_key(presented));
}

common::Result<common::Done, std::string> KeyRing::roll(std::string_view key,
                                                        const std::optional<std::string>& replacement) {
  using common::Fail;
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = std::find_if(keys_.begin(), keys_.end(), [&](const ApiKey& k) { return k.key == key; });
  if (it == keys_.end()) return Fail(std::string("no such key"));
  if (replacement) {
    const char* prefix = it->kind == common::KeyKind::secret ? "sk_test_" : "rk_test_";
    if (!starts_with(*replacement, prefix)) return Fail(std::string("the replacement key must start with ") + prefix);
    if (std::any_of(keys_.begin(), keys_.end(), [&](const ApiKey& k) { return k.key == *replacement; }))
      return Fail(std::string("the replacement key is already known"));
  }
  it->rolled = true;
  if (replacement) {
    ApiKey fresh = *it;
    fresh.key = *replacement;
    fresh.rolled = false;
    keys_.push_back(std::move(fresh));
  }
  return common::Done{};
}

std::vector<ApiKey> KeyRing::keys() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return keys_;
}

}  // namespace iiv::emulator
