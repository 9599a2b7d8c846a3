#include "stub/auth/reviewer_directory.hpp"

#include <cctype>

#include <gtest/gtest.h>

#include "stub/auth/reviewer_registry.hpp"
#include "temp_dir.hpp"

namespace iiv::stub {
namespace {

using testing::TempDir;

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
  const std::string text =
      R"({"reviewers":[)" + reviewer_entry("a", "t1", "[]") + "," + reviewer_entry("a", "t2", "[]") + "]}";
  EXPECT_NE(refusal_of(text).find("reviewers[1].id repeats a"), std::string::npos) << refusal_of(text);
}

TEST(ReviewerDirectory, RefusesTwoReviewersSharingOneTokenDigestWithoutEchoingIt) {
  const std::string digest = to_hex(sha256("shared"));
  const std::string text = R"({"reviewers":[)" + reviewer_entry("a", "shared", R"(["view"])") + "," +
                           reviewer_entry("b", "shared", R"(["view","reveal"])") + "]}";
  const std::string refusal = refusal_of(text);
  EXPECT_NE(refusal.find("reviewers[1].token_sha256 repeats"), std::string::npos) << refusal;
  EXPECT_EQ(refusal.find(digest), std::string::npos) << refusal;
}

TEST(ReviewerDirectory, TheSameDigestInCapitalsIsStillARepeat) {
  std::string upper = to_hex(sha256("shared"));
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::string text = R"({"reviewers":[)" + reviewer_entry("a", "shared", "[]") +
                           R"(,{"id":"b","token_sha256":")" + upper + R"(","roles":[]}]})";
  EXPECT_NE(refusal_of(text).find("reviewers[1].token_sha256 repeats"), std::string::npos) << refusal_of(text);
}

TEST(ReviewerDirectory, AFieldOfTheWrongTypeIsNamedByItsPlace) {
  const std::string digest = to_hex(sha256("t"));
  const std::string good = R"("token_sha256":")" + digest + R"(","roles":["view"])";
  const struct {
    std::string text;
    std::string named;
  } cases[] = {
      {R"({"reviewers":[{"id":5,)" + good + "}]}", "reviewers[0].id must be a string"},
      {R"({"reviewers":[{"id":"a","token_sha256":true,"roles":[]}]})", "reviewers[0].token_sha256 must be a string"},
      {R"({"reviewers":[{"id":"a","token_sha256":")" + digest + R"(","roles":"view"}]})",
       "reviewers[0].roles must be an array of strings"},
      {R"({"reviewers":[{"id":"a","token_sha256":")" + digest + R"(","roles":["view",7]}]})",
       "reviewers[0].roles must be an array of strings"},
      {R"({"reviewers":[)" + reviewer_entry("a", "x", "[]") + R"(,"rev_b"]})", "reviewers[1] must be an object"},
      {R"({"reviewers":[{"token_sha256":")" + digest + R"(","roles":[]}]})", "reviewers[0].id is missing"},
      {R"({"reviewers":[{"id":"a","roles":[]}]})", "reviewers[0].token_sha256 is missing"},
      {R"({"reviewers":[{"id":"a","token_sha256":")" + digest + R"("}]})", "reviewers[0].roles is missing"},
      {R"({"reviewers":[{"id":"a b",)" + good + "}]}", "reviewers[0].id must match"},
      {R"({"reviewers":{"id":"a"}})", "\"reviewers\" array"},
  };
  for (const auto& c : cases) {
    const std::string refusal = refusal_of(c.text);
    EXPECT_NE(refusal.find(c.named), std::string::npos) << c.text << "\n  refused as: " << refusal;
    EXPECT_EQ(refusal.find(digest), std::string::npos) << refusal;
  }
}

TEST(Sha256, MatchesTheKnownDigestOfAbc) {
  EXPECT_EQ(to_hex(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(digests_equal(*digest_from_hex(to_hex(sha256("abc"))), sha256("abc")));
  EXPECT_FALSE(digests_equal(sha256("abc"), sha256("abd")));
  EXPECT_FALSE(digest_from_hex("zz").has_value());
}

// The registry: the reviewers in force, replaced as a whole on a good re-read only.
class ReviewerRegistryTest : public ::testing::Test {
 protected:
  std::string write_reviewers(const std::string& text, mode_t mode = 0644) {
    return dir_.write("reviewers.json", text, mode);
  }

  ReviewerRegistry load_registry() {
    const std::string path = dir_.file("reviewers.json");
    auto directory = ReviewerDirectory::from_file(path);
    EXPECT_TRUE(directory.ok()) << directory.error();
    return ReviewerRegistry(path, directory.ok() ? *directory : nullptr);
  }

  TempDir dir_;
};

TEST_F(ReviewerRegistryTest, ReloadReplacesTheReviewers) {
  write_reviewers(reviewers_json("old-token", R"(["view"])"));
  ReviewerRegistry registry = load_registry();
  EXPECT_EQ(registry.authenticate("Bearer old-token").outcome, AuthOutcome::authenticated);

  write_reviewers(R"({"reviewers":[)" + reviewer_entry("rev_b", "new-token", R"(["view"])") + "," +
                  reviewer_entry("rev_c", "third-token", R"(["redact"])") + "]}");
  const auto reloaded = registry.reload();
  ASSERT_TRUE(reloaded.ok()) << reloaded.error();
  EXPECT_EQ(*reloaded, 2u);
  EXPECT_EQ(registry.size(), 2u);
  EXPECT_EQ(registry.authenticate("Bearer old-token").outcome, AuthOutcome::wrong_credentials);
  const AuthResult fresh = registry.authenticate("Bearer new-token");
  ASSERT_EQ(fresh.outcome, AuthOutcome::authenticated);
  EXPECT_EQ(fresh.reviewer->id, "rev_b");
}

TEST_F(ReviewerRegistryTest, ABadFileKeepsTheReviewersInForceAndSaysWhy) {
  write_reviewers(reviewers_json("old-token", R"(["view"])"));
  ReviewerRegistry registry = load_registry();

  write_reviewers(R"({"reviewers":[{"id":"rev_a","token_sha)");  // half-written
  const auto broken = registry.reload();
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().find(dir_.file("reviewers.json")), std::string::npos) << broken.error();
  EXPECT_EQ(registry.authenticate("Bearer old-token").outcome, AuthOutcome::authenticated);

  write_reviewers(reviewers_json("intruder-token", R"(["view","reveal"])"), 0666);  // others may write
  const auto writable = registry.reload();
  ASSERT_FALSE(writable.ok());
  EXPECT_NE(writable.error().find("chmod o-w"), std::string::npos) << writable.error();
  EXPECT_EQ(registry.authenticate("Bearer intruder-token").outcome, AuthOutcome::wrong_credentials);
  EXPECT_EQ(registry.authenticate("Bearer old-token").outcome, AuthOutcome::authenticated);

  std::filesystem::remove(dir_.file("reviewers.json"));
  EXPECT_FALSE(registry.reload().ok());
  EXPECT_EQ(registry.size(), 1u);
}

TEST_F(ReviewerRegistryTest, AReviewerAlreadySignedInOutlivesAReload) {
  write_reviewers(reviewers_json("old-token", R"(["view","reveal"])"));
  ReviewerRegistry registry = load_registry();
  const AuthResult during_request = registry.authenticate("Bearer old-token");
  ASSERT_EQ(during_request.outcome, AuthOutcome::authenticated);

  write_reviewers(R"({"reviewers":[]})");
  ASSERT_TRUE(registry.reload().ok());
  EXPECT_EQ(registry.size(), 0u);
  // The request that began before the reload still sees whom it authenticated.
  EXPECT_EQ(during_request.reviewer->id, "rev_a");
  EXPECT_EQ(during_request.reviewer->roles, (RoleSet{Role::view, Role::reveal}));
}

TEST_F(ReviewerRegistryTest, AFileOthersMayWriteIsRefusedAtStartWithTheChmodThatFixesIt) {
  const std::string path = write_reviewers(reviewers_json("t", R"(["view"])"), 0646);
  const auto refused = ReviewerDirectory::from_file(path);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().find("chmod o-w " + path), std::string::npos) << refused.error();
  write_reviewers(reviewers_json("t", R"(["view"])"), 0664);  // the owner's group may edit it
  EXPECT_TRUE(ReviewerDirectory::from_file(path).ok());
}

}  // namespace
}  // namespace iiv::stub
