#include "stub/stripe/key_store.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace iiv::stub {

std::string read_key_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream content;
  content << in.rdbuf();
  std::string key = content.str();
  const auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (!key.empty() && is_space(key.back())) key.pop_back();
  std::size_t start = 0;
  while (start < key.size() && is_space(key[start])) ++start;
  return key.substr(start);
}

KeyStore::KeyStore(std::string path, std::string description, std::string key)
    : path_(std::move(path)), description_(std::move(description)), key_(std::move(key)) {}

KeyStore::KeyStore(KeyStore&& other) noexcept
    : path_(std::move(other.path_)), description_(std::move(other.description_)), key_(std::move(other.key_)) {}

KeyStore KeyStore::from_file(std::string path) {
  std::string key = read_key_file(path);
  if (key.empty()) throw std::runtime_error("the key file " + path + " is unreadable or empty");
  std::string description = "file " + path;
  return KeyStore(std::move(path), std::move(description), std::move(key));
}

KeyStore KeyStore::from_environment(const char* variable) {
  const char* value = std::getenv(variable);
  if (value == nullptr || *value == '\0') {
    throw std::runtime_error(std::string("no key: pass --key-file or set ") + variable);
  }
  return KeyStore({}, std::string("environment ") + variable, value);
}

KeyStore KeyStore::fixed(std::string key) { return KeyStore({}, "fixed", std::move(key)); }

std::string KeyStore::current() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return key_;
}

KeyReload KeyStore::reload() {
  if (path_.empty()) return {};
  std::string key = read_key_file(path_);
  if (key.empty()) return {};
  std::lock_guard<std::mutex> lock(mutex_);
  const bool changed = key != key_;
  key_ = std::move(key);
  return {true, changed};
}

std::string KeyStore::source_description() const { return description_; }

}  // namespace iiv::stub
