#pragma once
// Where the Stripe API key lives while the server runs. It comes from a file (re-read on
// SIGHUP and once after Stripe answers 401, so a rolled key is picked up without a
// restart) or from the environment (fixed for the process's life). The file must be
// readable by its owner only. Callers take a copy per request; the key itself is never
// logged, only common::mask_key of it.
#include <mutex>
#include <string>

#include "common/result.hpp"

namespace iiv::stub {

struct KeyReload {
  bool changed = false;  // the file holds another key than before
};

class KeyStore {
 public:
  static common::Result<KeyStore, std::string> from_file(std::string path);
  static common::Result<KeyStore, std::string> from_environment(const char* variable);
  // For tests: a fixed key.
  static KeyStore fixed(std::string key);

  KeyStore(KeyStore&& other) noexcept;
  KeyStore(const KeyStore&) = delete;
  KeyStore& operator=(const KeyStore&) = delete;

  std::string current() const;
  // Re-reads the file. A file that cannot be taken (unreadable, empty, readable by others)
  // keeps the key held, and the failure says why.
  common::Result<KeyReload, std::string> reload();
  // "file /etc/iiv/key" or "environment STRIPE_API_KEY": for the configuration log line.
  std::string source_description() const;

 private:
  KeyStore(std::string path, std::string description, std::string key);

  mutable std::mutex mutex_;
  std::string path_;  // empty when the key does not come from a file
  std::string description_;
  std::string key_;
};

// The key in a key file, surrounding whitespace removed; or why it cannot be used.
common::Result<std::string, std::string> read_key_file(const std::string& path);

}  // namespace iiv::stub
