#include "common/keyed_token_buckets.hpp"

#include <algorithm>

namespace iiv::common {

KeyedTokenBuckets::KeyedTokenBuckets(double rate_per_second, double burst, std::size_t max_keys)
    : rate_(rate_per_second), burst_(burst), max_keys_(max_keys < 1 ? 1 : max_keys) {}

KeyedTokenBuckets::Entry& KeyedTokenBuckets::entry(const std::string& key, Clock::time_point now) {
  const auto found = entries_.find(key);
  if (found != entries_.end()) {
    recency_.splice(recency_.begin(), recency_, found->second.recency);
    return found->second;
  }
  if (entries_.size() >= max_keys_) make_room(now);
  recency_.push_front(key);
  return entries_.emplace(key, Entry{TokenBucket(rate_, burst_, now), recency_.begin()}).first->second;
}

void KeyedTokenBuckets::make_room(Clock::time_point now) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->second.bucket.full(now)) {
      recency_.erase(it->second.recency);
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
  // Still full of busy keys: make room for a tenth at once, so a flood of new keys costs
  // one sweep per many keys, not one per key.
  const std::size_t target = max_keys_ - std::max<std::size_t>(1, max_keys_ / 10);
  while (entries_.size() > target && !recency_.empty()) {
    entries_.erase(recency_.back());
    recency_.pop_back();
  }
}

KeyedTokenBuckets::Clock::duration KeyedTokenBuckets::take(const std::string& key, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  TokenBucket& bucket = entry(key, now).bucket;
  if (bucket.try_take(now)) return Clock::duration::zero();
  return bucket.time_until(now);
}

KeyedTokenBuckets::Clock::duration KeyedTokenBuckets::time_until_token(const std::string& key, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = entries_.find(key);
  if (found == entries_.end()) return Clock::duration::zero();
  return found->second.bucket.time_until(now);
}

void KeyedTokenBuckets::spend(const std::string& key, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  entry(key, now).bucket.try_take(now);
}

std::size_t KeyedTokenBuckets::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

}  // namespace iiv::common
