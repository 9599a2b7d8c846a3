// The emulator's objects against Stripe's own example objects
// (stripe-reference/stripe-identity-fixtures.json): same keys, same JSON types.
#include "emulator/object_json.hpp"

#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "emulator/emulator_store.hpp"
#include "emulator/seed_data.hpp"

namespace iiv::emulator {
namespace {

constexpr std::int64_t kNow = 1'800'000'000;

nlohmann::json fixture(const std::string& resource) {
  const std::string path = std::string(IIV_STRIPE_REFERENCE_DIR) + "/stripe-identity-fixtures.json";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("Stripe's fixtures are missing: " + path);
  return nlohmann::json::parse(in).at("resources").at(resource);
}

template <typename J>
std::set<std::string> keys_of(const J& object) {
  std::set<std::string> keys;
  for (const auto& [k, v] : object.items()) keys.insert(k);
  return keys;
}

// Every key of the fixture object exists in ours with the same JSON type (null matches
// anything: Stripe's example nulls stand for optional values), recursively for objects.
template <typename J>
void expect_same_shape(const nlohmann::json& stripe, const J& ours, const std::string& where) {
  for (const auto& [k, v] : stripe.items()) {
    ASSERT_TRUE(ours.contains(k)) << where << "." << k << " is missing";
    const auto& mine = ours.at(k);
    if (v.is_null() || mine.is_null()) continue;
    EXPECT_EQ(std::string(v.type_name()), std::string(mine.type_name())) << where << "." << k;
    if (v.is_object()) expect_same_shape(v, mine, where + "." + k);
  }
}

class ObjectJson : public ::testing::Test {
 protected:
  EmulatorStore store{build_seed_data(kNow)};
  VerificationSession session(const char* id) { return *store.session(id); }
  VerificationReport report_of(const VerificationSession& s) { return *store.report(*s.last_verification_report); }
};

TEST_F(ObjectJson, SessionHasExactlyStripesKeys) {
  const auto s = session(seed_ids::id_card_with_selfie);
  const Json ours = session_json(s, RedactionStatus::none, nullptr, ExpandSet{});
  const nlohmann::json stripe = fixture("identity.verification_session");
  EXPECT_EQ(keys_of(ours), keys_of(stripe));
  expect_same_shape(stripe, ours, "session");
  EXPECT_EQ(ours.begin().key(), "id");
  EXPECT_EQ(std::next(ours.begin()).key(), "object");
  EXPECT_EQ(ours["livemode"], false);
  EXPECT_EQ(ours["last_verification_report"], "vr_1EmuIdCardWithSelfie");
}

TEST_F(ObjectJson, ReportMatchesStripesKeysLessTheIncludableSensitiveOnes) {
  const auto s = session(seed_ids::id_card_with_selfie);
  const nlohmann::json stripe = fixture("identity.verification_report");
  const Json plain = report_json(report_of(s), ExpandSet{});
  // Our report also has a selfie check; Stripe's example has none.
  std::set<std::string> expected = keys_of(stripe);
  expected.insert("selfie");
  EXPECT_EQ(keys_of(plain), expected);
  // expiration_date is sensitive: only returned when expanded (Stripe's example shows it
  // without saying how it was fetched); dob and number are absent from both.
  std::set<std::string> document_keys = keys_of(stripe["document"]);
  document_keys.erase("expiration_date");
  EXPECT_EQ(keys_of(plain["document"]), document_keys);

  const Json expanded =
      report_json(report_of(s), ExpandSet({"document.dob", "document.number", "document.expiration_date"}));
  expect_same_shape(stripe, expanded, "report");
  document_keys.insert({"expiration_date", "dob", "number"});
  EXPECT_EQ(keys_of(expanded["document"]), document_keys);
  EXPECT_EQ(expanded["document"]["number"], "L01X00T471");
  EXPECT_EQ(expanded["document"]["dob"]["year"], 1991);
}

TEST_F(ObjectJson, FileAndFileLinkHaveStripesKeys) {
  const auto file = *store.file("file_1EmuIdCardWithSelfieFront");
  FileLink link;
  link.id = "link_1Test";
  link.created = kNow;
  link.file = file.id;
  link.expires_at = kNow + 30;
  link.token = "tok";
  const Json link_json = file_link_json(link, kNow, "http://127.0.0.1:9", std::nullopt);
  const nlohmann::json stripe_link = fixture("file_link");
  EXPECT_EQ(keys_of(link_json), keys_of(stripe_link));
  expect_same_shape(stripe_link, link_json, "file_link");
  EXPECT_EQ(link_json["url"], "http://127.0.0.1:9/links/tok");
  EXPECT_EQ(link_json["expired"], false);
  EXPECT_EQ(file_link_json(link, kNow + 30, "", std::nullopt)["expired"], true);

  const Json with_links = file_json(file, 1234, {link}, kNow, "http://127.0.0.1:9", ExpandSet({"links"}));
  const nlohmann::json stripe_file = fixture("file");
  EXPECT_EQ(keys_of(with_links), keys_of(stripe_file));
  expect_same_shape(stripe_file, with_links, "file");
  EXPECT_EQ(keys_of(with_links["links"]["data"][0]), keys_of(stripe_link));
  EXPECT_EQ(with_links["purpose"], "identity_document_downloadable");
  EXPECT_EQ(with_links["size"], 1234);
  // links is includable: only there when expanded.
  EXPECT_FALSE(file_json(file, 1, {}, kNow, "", ExpandSet{}).contains("links"));
}

TEST_F(ObjectJson, SensitiveFieldsOnlyWhenExpanded) {
  const auto s = session(seed_ids::driving_licence_verified);
  const auto r = report_of(s);
  const Json plain =
      session_json(s, RedactionStatus::none, &r, ExpandSet({"last_verification_report", "verified_outputs"}));
  EXPECT_TRUE(plain["last_verification_report"].is_object());
  EXPECT_FALSE(plain["verified_outputs"].contains("dob"));
  EXPECT_FALSE(plain["verified_outputs"].contains("id_number"));
  EXPECT_EQ(plain["verified_outputs"]["first_name"], "ALEX");
  EXPECT_FALSE(plain["last_verification_report"]["document"].contains("number"));
  EXPECT_FALSE(plain["last_verification_report"]["id_number"].contains("id_number"));
  EXPECT_FALSE(plain["last_verification_report"]["id_number"].contains("dob"));

  const Json full = session_json(
      s, RedactionStatus::none, &r,
      ExpandSet({"verified_outputs.dob", "verified_outputs.id_number", "last_verification_report.id_number.id_number",
                 "last_verification_report.id_number.dob"}));
  EXPECT_EQ(full["verified_outputs"]["dob"]["day"], 29);
  EXPECT_EQ(full["verified_outputs"]["id_number"], "0000");
  EXPECT_EQ(full["last_verification_report"]["id_number"]["id_number"], "0000");
  EXPECT_TRUE(full["last_verification_report"]["id_number"]["dob"].is_object());
  // Without expand the session carries no verified_outputs at all (includable, as on Stripe).
  EXPECT_FALSE(session_json(s, RedactionStatus::none, nullptr, ExpandSet{}).contains("verified_outputs"));
}

TEST_F(ObjectJson, RedactionStatusAndListEnvelope) {
  const auto s = session(seed_ids::redacted);
  EXPECT_EQ(session_json(s, RedactionStatus::redacted, nullptr, ExpandSet{})["redaction"]["status"], "redacted");
  EXPECT_EQ(session_json(s, RedactionStatus::processing, nullptr, ExpandSet{})["redaction"]["status"], "processing");
  const Json list = list_json(Json::array({1, 2}), true, "/v1/identity/verification_sessions");
  EXPECT_EQ(keys_of(list), (std::set<std::string>{"object", "data", "has_more", "url"}));
  EXPECT_EQ(list["object"], "list");
}

}  // namespace
}  // namespace iiv::emulator
