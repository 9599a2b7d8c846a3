#pragma once
// One token bucket per key (a client address, a reviewer id), created full on first use.
// The number of keys is bounded: an attacker who cycles through addresses cannot grow it
// without limit. When it is full, buckets that have refilled (keys gone quiet, which a
// fresh bucket would equal) are forgotten first, then the least recently used one.
// Thread-safe.
#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/token_bucket.hpp"

namespace iiv::common {

class KeyedTokenBuckets {
 public:
  using Clock = TokenBucket::Clock;

  KeyedTokenBuckets(double rate_per_second, double burst, std::size_t max_keys);

  // Takes one token from `key`'s bucket: zero when taken, else how long until one is there
  // (and nothing is taken).
  Clock::duration take(const std::string& key, Clock::time_point now);
  // How long until `key` has a token, taking nothing (zero: it has one now).
  Clock::duration time_until_token(const std::string& key, Clock::time_point now);
  // Takes one token if there is one, and does not mind when there is none: counting failures.
  void spend(const std::string& key, Clock::time_point now);

  std::size_t size() const;

 private:
  struct Entry {
    TokenBucket bucket;
    std::list<std::string>::iterator recency;
  };
  Entry& entry(const std::string& key, Clock::time_point now);
  void make_room(Clock::time_point now);

  double rate_;
  double burst_;
  std::size_t max_keys_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> recency_;  // most recently used first
};

}  // namespace iiv::common
