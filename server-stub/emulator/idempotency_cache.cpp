#include "emulator/idempotency_cache.hpp"

namespace iiv::emulator {

IdempotencyCache::Begin IdempotencyCache::begin(const std::string& key, const std::string& fingerprint,
                                                std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(key);
  if (it != entries_.end() && !it->second.in_progress && now - it->second.saved_at > kRetentionSeconds) {
    entries_.erase(it);
    it = entries_.end();
  }
  if (it == entries_.end()) {
    Entry entry;
    entry.fingerprint = fingerprint;
    entries_.emplace(key, std::move(entry));
    return {Outcome::run, {}};
  }
  if (it->second.fingerprint != fingerprint) return {Outcome::mismatch, {}};
  if (it->second.in_progress) return {Outcome::in_progress, {}};
  return {Outcome::replay, it->second.answer};
}

void IdempotencyCache::save(const std::string& key, SavedAnswer answer, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return;
  it->second.in_progress = false;
  it->second.answer = std::move(answer);
  it->second.saved_at = now;
}

void IdempotencyCache::abandon(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(key);
  if (it != entries_.end() && it->second.in_progress) entries_.erase(it);
}

}  // namespace iiv::emulator
