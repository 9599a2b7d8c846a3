#include "stub/auth/reviewer_directory.hpp"

#include <gtest/gtest.h>

namespace iiv::stub {
namespace {

std::string reviewer_entry(const std::string& id, const std::string& token, const std::string& roles) {
  return R"({"id":")" + id + R"(","token_sha256":")" + to_hex(sha256(token)) + R"(","roles":)" + roles + "}";
}

std::string reviewers_json(const std::string& token, const std::string& roles) {
  return R"({"reviewers":[)" + reviewer_entry("rev_a", token, roles) + "]}";
}

std::shared_ptr<const ReviewerDirectory> load(const std::string& text) {
  auto directory = ReviewerDirectory::from_json_text(text);
  EXPECT_TRUE(directory.ok()) << directory.error();
  return directory.ok() ? *directory : nullptr;
}

// Why `text` is refused ("" when it is not).
std::string refusal_of(const std::string& text) {
  const auto directory = ReviewerDirectory::from_json_text(text);
  return directory.ok() ? std::string() : directory.error();
}

TEST(ReviewerDirectory, AuthenticatesTheHolderOfTheToken) {
  const auto directory = load(reviewers_json("s3cret-token", R"(["view","reveal"])"));
  ASSERT_NE(directory, nullptr);
  const AuthResult auth = ReviewerDirectory::authenticate(directory, "Bearer s3cret-token");
  ASSERT_EQ(auth.outcome, AuthOutcome::authenticated);
  EXPECT_EQ(auth.reviewer->id, "rev_a");
  EXPECT_EQ(auth.reviewer->roles, (RoleSet{Role::view, Role::reveal}));
}

TEST(ReviewerDirectory, TellsMissingFromWrongCredentials) {
  const auto directory = load(reviewers_json("s3cret-token", R"(["view"])"));
  ASSERT_NE(directory, nullptr);
  const auto outcome = [&](const char* header) { return ReviewerDirectory::authenticate(directory, header).outcome; };
  EXPECT_EQ(outcome(""), AuthOutcome::missing_credentials);
  EXPECT_EQ(outcome("Bearer other"), AuthOutcome::wrong_credentials);
  EXPECT_EQ(outcome("Bearer s3cret-tokeN"), AuthOutcome::wrong_credentials);
  EXPECT_EQ(outcome("Basic s3cret-token"), AuthOutcome::wrong_credentials);
  EXPECT_EQ(outcome("Bearer "), AuthOutcome::wrong_credentials);
}

TEST(ReviewerDirectory, RefusesPlainTokensUnknownRolesAndBadDigests) {
  EXPECT_NE(refusal_of(R"({"reviewers":[{"id":"a","token":"x","roles":[]}]})").find("plain token"), std::string::npos);
  EXPECT_NE(refusal_of(reviewers_json("t", R"(["admin"])")).find("reviewers[0].roles has an unknown role"),
            std::string::npos);
  EXPECT_NE(refusal_of(R"({"reviewers":[{"id":"a","token_sha256":"abc","roles":[]}]})")
                .find("reviewers[0].token_sha256 must be 64 hex digits"),
            std::string::npos);
  EXPECT_NE(refusal_of("not json"), "");
  EXPECT_NE(refusal_of(R"({"people":[]})").find("\"reviewers\" array"), std::string::npos);
}

TEST(ReviewerDirectory, RefusesRepeatedIds) {
  const std::string text = R"({"reviewers":[)" + reviewer_entry("a", "t1", "[]") + "," +
                           reviewer_entry("a", "t2", "[]") + "]}";
  EXPECT_NE(refusal_of(text).find("reviewers[1].id repeats a"), std::string::npos) << refusal_of(text);
}

TEST(Sha256, MatchesTheKnownDigestOfAbc) {
  EXPECT_EQ(to_hex(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(digests_equal(*digest_from_hex(to_hex(sha256("abc"))), sha256("abc")));
  EXPECT_FALSE(digests_equal(sha256("abc"), sha256("abd")));
  EXPECT_FALSE(digest_from_hex("zz").has_value());
}

}  // namespace
}  // namespace iiv::stub
