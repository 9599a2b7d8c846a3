#pragma once
// Where the Stripe API key lives while the server runs. It comes from a file (re-read on
// SIGHUP and once after Stripe answers 401, so a rolled key is picked up without a
// restart) or from the environment (fixed for the process's life). Callers take a copy
// per request; the key itself is never logged, only common::mask_key of it.
#include <mutex>
#include <string>

namespace iiv::stub {

struct KeyReload {
  bool read_ok = false;  // the file was read and held a key
  bool changed = false;  // and it differs from the key held before
};

class KeyStore {
 public:
  // Throws std::runtime_error when the file is unreadable or empty.
  static KeyStore from_file(std::string path);
  // Throws std::runtime_error when the variable is unset or empty.
  static KeyStore from_environment(const char* variable);
  // For tests: a fixed key.
  static KeyStore fixed(std::string key);

  KeyStore(KeyStore&& other) noexcept;
  KeyStore(const KeyStore&) = delete;
  KeyStore& operator=(const KeyStore&) = delete;

  std::string current() const;
  // Re-reads the file; an unreadable or empty file keeps the key held (and says so).
  KeyReload reload();
  // "file /etc/iiv/key" or "environment STRIPE_API_KEY": for the configuration log line.
  std::string source_description() const;

 private:
  KeyStore(std::string path, std::string description, std::string key);

  mutable std::mutex mutex_;
  std::string path_;  // empty when the key does not come from a file
  std::string description_;
  std::string key_;
};

// Reads a key file: its content with surrounding whitespace removed; "" when unreadable.
std::string read_key_file(const std::string& path);

}  // namespace iiv::stub
