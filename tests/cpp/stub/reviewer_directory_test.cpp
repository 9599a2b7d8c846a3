#include "stub/auth/reviewer_directory.hpp"

#include <gtest/gtest.h>

namespace iiv::stub {
namespace {

std::string reviewers_json(const std::string& token, const std::string& roles) {
  return R"({"reviewers":[{"id":"rev_a","token_sha256":")" + to_hex(sha256(token)) + R"(","roles":)" + roles + "}]}";
}

TEST(ReviewerDirectory, AuthenticatesTheHolderOfTheToken) {
  const auto directory = ReviewerDirectory::from_json_text(reviewers_json("s3cret-token", R"(["view","reveal"])"));
  const AuthResult auth = directory.authenticate("Bearer s3cret-token");
  ASSERT_EQ(auth.outcome, AuthOutcome::authenticated);
  EXPECT_EQ(auth.reviewer->id, "rev_a");
  EXPECT_EQ(auth.reviewer->roles, (RoleSet{Role::view, Role::reveal}));
}

TEST(ReviewerDirectory, TellsMissingFromWrongCredentials) {
  const auto directory = ReviewerDirectory::from_json_text(reviewers_json("s3cret-token", R"(["view"])"));
  EXPECT_EQ(directory.authenticate("").outcome, AuthOutcome::missing_credentials);
  EXPECT_EQ(directory.authenticate("Bearer other").outcome, AuthOutcome::wrong_credentials);
  EXPECT_EQ(directory.authenticate("Bearer s3cret-tokeN").outcome, AuthOutcome::wrong_credentials);
  EXPECT_EQ(directory.authenticate("Basic s3cret-token").outcome, AuthOutcome::wrong_credentials);
  EXPECT_EQ(directory.authenticate("Bearer ").outcome, AuthOutcome::wrong_credentials);
}

TEST(ReviewerDirectory, RefusesPlainTokensUnknownRolesAndBadDigests) {
  EXPECT_THROW(ReviewerDirectory::from_json_text(R"({"reviewers":[{"id":"a","token":"x","roles":[]}]})"),
               std::runtime_error);
  EXPECT_THROW(ReviewerDirectory::from_json_text(reviewers_json("t", R"(["admin"])")), std::runtime_error);
  EXPECT_THROW(ReviewerDirectory::from_json_text(R"({"reviewers":[{"id":"a","token_sha256":"abc","roles":[]}]})"),
               std::runtime_error);
  EXPECT_THROW(ReviewerDirectory::from_json_text("not json"), std::runtime_error);
  EXPECT_THROW(ReviewerDirectory::from_json_text(R"({"people":[]})"), std::runtime_error);
}

TEST(ReviewerDirectory, RefusesRepeatedIds) {
  const std::string digest = to_hex(sha256("t"));
  const std::string text = R"({"reviewers":[{"id":"a","token_sha256":")" + digest +
                           R"(","roles":[]},{"id":"a","token_sha256":")" + digest + R"(","roles":[]}]})";
  EXPECT_THROW(ReviewerDirectory::from_json_text(text), std::runtime_error);
}

TEST(Sha256, MatchesTheKnownDigestOfAbc) {
  EXPECT_EQ(to_hex(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(digests_equal(*digest_from_hex(to_hex(sha256("abc"))), sha256("abc")));
  EXPECT_FALSE(digests_equal(sha256("abc"), sha256("abd")));
  EXPECT_FALSE(digest_from_hex("zz").has_value());
}

}  // namespace
}  // namespace iiv::stub
