#pragma once
// Idempotency-Key on POST requests, as Stripe documents it: the first request with a key
// runs and its successful answer is saved for 24 hours; a later request with the same key
// and the same parameters gets that answer again (Idempotent-Replayed: true); the same key
// with different parameters is an idempotency_error; a key whose first request is still
// running answers 409. Answers that never started executing (refused keys, invalid
// parameters, injected faults) are not saved, so a retry runs afresh.
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace iiv::emulator {

struct SavedAnswer {
  int status = 200;
  std::string body;
  std::string request_id;  // of the request that ran, sent back as Original-Request
};

class IdempotencyCache {
 public:
  static constexpr std::int64_t kRetentionSeconds = 24 * 3600;

  enum class Outcome { run, replay, mismatch, in_progress };
  struct Begin {
    Outcome outcome = Outcome::run;
    SavedAnswer answer;  // for replay
  };

  // `fingerprint` identifies the request: method, path and parameters.
  Begin begin(const std::string& key, const std::string& fingerprint, std::int64_t now);
  void save(const std::string& key, SavedAnswer answer, std::int64_t now);
  // Forgets a key whose request did not run to a saved answer.
  void abandon(const std::string& key);

 private:
  struct Entry {
    std::string fingerprint;
    bool in_progress = true;
    SavedAnswer answer;
    std::int64_t saved_at = 0;
  };
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace iiv::emulator
