#include "stub/stripe/key_store.hpp"

#include <cstdlib>

#include "stub/config/protected_file.hpp"

namespace iiv::stub {

using common::Fail;

common::Result<std::string, std::string> read_key_file(const std::string& path) {
  auto content = read_protected_file(path, FileProtection::secret, "the key file", 4096);
  if (!content) return Fail(content.error());
  std::string key = std::move(*content);
  const auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (!key.empty() && is_space(key.back())) key.pop_back();
  std::size_t start = 0;
  while (start < key.size() && is_space(key[start])) ++start;
  key.erase(0, start);
  if (key.empty()) return Fail("the key file " + path + " is empty");
  return key;
}

KeyStore::KeyStore(std::string path, std::string description, std::string key)
    : path_(std::move(path)), description_(std::move(description)), key_(std::move(key)) {}

KeyStore::KeyStore(KeyStore&& other) noexcept
    : path_(std::move(other.path_)), description_(std::move(other.description_)), key_(std::move(other.key_)) {}

common::Result<KeyStore, std::string> KeyStore::from_file(std::string path) {
  auto key = read_key_file(path);
  if (!key) return Fail(key.error());
  std::string description = "file " + path;
  return KeyStore(std::move(path), std::move(description), std::move(*key));
}

common::Result<KeyStore, std::string> KeyStore::from_environment(const char* variable) {
  const char* value = std::getenv(variable);
  if (value == nullptr || *value == '\0') return Fail(std::string("no key: pass --key-file or set ") + variable);
  return KeyStore({}, std::string("environment ") + variable, value);
}

KeyStore KeyStore::fixed(std::string key) { return KeyStore({}, "fixed", std::move(key)); }

std::string KeyStore::current() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return key_;
}

common::Result<KeyReload, std::string> KeyStore::reload() {
  if (path_.empty()) return Fail(std::string("the key comes from the environment and is fixed"));
  auto key = read_key_file(path_);
  if (!key) return Fail(key.error());
  std::lock_guard<std::mutex> lock(mutex_);
  const bool changed = *key != key_;
  key_ = std::move(*key);
  return KeyReload{changed};
}

std::string KeyStore::source_description() const { return description_; }

}  // namespace iiv::stub
