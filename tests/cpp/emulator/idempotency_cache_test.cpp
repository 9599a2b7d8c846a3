#include "emulator/idempotency_cache.hpp"

#include <gtest/gtest.h>

namespace iiv::emulator {
namespace {

using Outcome = IdempotencyCache::Outcome;

TEST(IdempotencyCache, SameKeySameParamsReplaysTheSavedAnswer) {
  IdempotencyCache cache;
  EXPECT_EQ(cache.begin("k1", "POST /v1/file_links {a}", 100).outcome, Outcome::run);
  EXPECT_EQ(cache.begin("k1", "POST /v1/file_links {a}", 100).outcome, Outcome::in_progress);
  cache.save("k1", SavedAnswer{200, "{\"id\":\"link_1\"}", "req_first"}, 100);
  const auto again = cache.begin("k1", "POST /v1/file_links {a}", 200);
  EXPECT_EQ(again.outcome, Outcome::replay);
  EXPECT_EQ(again.answer.body, "{\"id\":\"link_1\"}");
  EXPECT_EQ(again.answer.request_id, "req_first");
}

TEST(IdempotencyCache, SameKeyDifferentParamsIsAMismatch) {
  IdempotencyCache cache;
  cache.begin("k", "fingerprint-a", 0);
  EXPECT_EQ(cache.begin("k", "fingerprint-b", 0).outcome, Outcome::mismatch);
  cache.save("k", SavedAnswer{}, 0);
  EXPECT_EQ(cache.begin("k", "fingerprint-b", 0).outcome, Outcome::mismatch);
  EXPECT_EQ(cache.begin("other", "fingerprint-b", 0).outcome, Outcome::run);
}

TEST(IdempotencyCache, AbandonedKeysRunAgain) {
  IdempotencyCache cache;
  cache.begin("k", "a", 0);
  cache.abandon("k");
  EXPECT_EQ(cache.begin("k", "b", 0).outcome, Outcome::run);
}

TEST(IdempotencyCache, SavedAnswersAreForgottenAfter24Hours) {
  IdempotencyCache cache;
  cache.begin("k", "a", 0);
  cache.save("k", SavedAnswer{}, 0);
  EXPECT_EQ(cache.begin("k", "b", IdempotencyCache::kRetentionSeconds).outcome, Outcome::mismatch);
  EXPECT_EQ(cache.begin("k", "b", IdempotencyCache::kRetentionSeconds + 1).outcome, Outcome::run);
}

}  // namespace
}  // namespace iiv::emulator
