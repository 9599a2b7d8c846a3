#include "emulator/emulator_store.hpp"

#include <gtest/gtest.h>

#include "emulator/seed_data.hpp"

namespace iiv::emulator {
namespace {

constexpr std::int64_t kNow = 1'800'000'000;

class Store : public ::testing::Test {
 protected:
  EmulatorStore store{build_seed_data(kNow)};

  FileLink add_link(const std::string& file, std::optional<std::int64_t> expires_at, const std::string& token) {
    FileLink link;
    link.id = "link_1" + token;
    link.created = kNow;
    link.file = file;
    link.expires_at = expires_at;
    link.token = token;
    store.add_link(link);
    return link;
  }
};

TEST_F(Store, SeedHasTheDocumentedSessions) {
  struct Expected {
    const char* id;
    const char* status;
    std::size_t files;
  };
  for (const Expected e :
       {Expected{seed_ids::passport_verified, "verified", 1}, Expected{seed_ids::id_card_with_selfie, "verified", 2},
        Expected{seed_ids::driving_licence_verified, "verified", 2},
        Expected{seed_ids::document_expired, "requires_input", 2},
        Expected{seed_ids::processed_long_ago, "verified", 1}, Expected{seed_ids::redacted, "verified", 2},
        Expected{seed_ids::large_passport_12mp, "verified", 1}, Expected{seed_ids::ready_to_redact, "verified", 1}}) {
    const auto s = store.session(e.id);
    ASSERT_TRUE(s) << e.id;
    EXPECT_EQ(s->status, e.status) << e.id;
    const auto r = store.report(*s->last_verification_report);
    ASSERT_TRUE(r) << e.id;
    EXPECT_EQ(r->verification_session, s->id);
    EXPECT_EQ(r->document->files.size(), e.files) << e.id;
    for (const auto& f : r->document->files) {
      const auto file = store.file(f);
      ASSERT_TRUE(file) << f;
      EXPECT_EQ(file->purpose, "identity_document_downloadable");
      EXPECT_EQ(file->verification_session, s->id);
    }
    if (r->selfie) {
      EXPECT_EQ(store.file(*r->selfie->selfie_file)->purpose, "selfie");
      EXPECT_EQ(r->selfie->document_file, r->document->files.front());
    }
  }
  EXPECT_EQ(store.session(seed_ids::document_expired)->last_error->code, "document_expired");
  EXPECT_EQ(store.report("vr_1EmuDocumentExpired")->document->error->code, "document_expired");
  EXPECT_GT(kNow - *store.session(seed_ids::processed_long_ago)->processed_at, 48 * 3600);
  EXPECT_LT(kNow - *store.session(seed_ids::passport_verified)->processed_at, 48 * 3600);
  EXPECT_TRUE(store.session(seed_ids::redacted)->redaction_requested());
  EXPECT_EQ(store.file(seed_ids::uploaded_identity_document_file)->purpose, "identity_document");
  EXPECT_EQ(store.file(seed_ids::dispute_evidence_file)->purpose, "dispute_evidence");
}

TEST_F(Store, SeedImagesAreRealJpegAndPngSpecimens) {
  const auto jpeg = store.file("file_1EmuPassportVerifiedPage");
  EXPECT_EQ(jpeg->type, "jpg");
  EXPECT_EQ(jpeg->content->content_type(), "image/jpeg");
  const auto& jpeg_bytes = jpeg->content->bytes();
  ASSERT_GT(jpeg_bytes.size(), 1000u);
  EXPECT_EQ(jpeg_bytes[0], 0xFF);
  EXPECT_EQ(jpeg_bytes[1], 0xD8);
  const auto png = store.file("file_1EmuIdCardWithSelfieSelfie");
  EXPECT_EQ(png->type, "png");
  const auto& png_bytes = png->content->bytes();
  ASSERT_GT(png_bytes.size(), 8u);
  EXPECT_EQ(std::string(png_bytes.begin() + 1, png_bytes.begin() + 4), "PNG");
  EXPECT_FALSE(store.file("file_1EmuLargePassport12MPPage")->content->ready());  // drawn only when needed
}

// Every seed file renders (a date the specimen renderer refuses, such as 29 February of a
// common year, would otherwise surface only as a 500 on first use).
TEST(SeedData, EveryFileRendersAnImage) {
  const SeedData seed = build_seed_data(kNow);
  for (const auto& file : seed.files) {
    if (file.id == "file_1EmuLargePassport12MPPage") continue;  // same renderer, 12 MP: slow
    std::vector<std::uint8_t> bytes;
    ASSERT_NO_THROW(bytes = file.content->bytes()) << file.id;
    EXPECT_GT(bytes.size(), 1000u) << file.id;
  }
}

TEST_F(Store, SessionsAreListedNewestFirst) {
  const auto sessions = store.sessions_newest_first();
  ASSERT_EQ(sessions.size(), 9u);
  for (std::size_t i = 1; i < sessions.size(); ++i) EXPECT_GE(sessions[i - 1].created, sessions[i].created);
}

TEST_F(Store, RedactionCancelsARequiresInputSessionAndRefusesAProcessingOne) {
  const auto started = store.request_redaction(seed_ids::document_expired, kNow * 1000, 5000);
  EXPECT_EQ(started.outcome, EmulatorStore::RedactOutcome::redaction_started);
  EXPECT_EQ(started.session->status, "canceled");
  EXPECT_EQ(started.session->redaction_done_ms, kNow * 1000 + 5000);
  EXPECT_EQ(store.request_redaction(seed_ids::document_expired, kNow * 1000, 0).outcome,
            EmulatorStore::RedactOutcome::already_requested);
  EXPECT_EQ(store.request_redaction("vs_1Nope", 0, 0).outcome, EmulatorStore::RedactOutcome::not_found);
}

TEST_F(Store, LinkTokensResolveWhileLiveThenExpireOrGoWithRedaction) {
  add_link("file_1EmuReadyToRedactPage", kNow + 30, "live");
  add_link(seed_ids::dispute_evidence_file, std::nullopt, "forever");
  EXPECT_EQ(store.resolve_link_token("live", kNow).state, EmulatorStore::LinkState::live);
  EXPECT_NE(store.resolve_link_token("live", kNow).content, nullptr);
  EXPECT_EQ(store.resolve_link_token("live", kNow + 30).state, EmulatorStore::LinkState::expired);
  EXPECT_EQ(store.resolve_link_token("forever", kNow + 999999).state, EmulatorStore::LinkState::live);
  EXPECT_EQ(store.resolve_link_token("nope", kNow).state, EmulatorStore::LinkState::unknown);
  store.request_redaction(seed_ids::ready_to_redact, kNow * 1000, 0);
  EXPECT_EQ(store.resolve_link_token("live", kNow).state, EmulatorStore::LinkState::redacted);
  EXPECT_EQ(store.links_for_file("file_1EmuReadyToRedactPage").size(), 1u);
}

}  // namespace
}  // namespace iiv::emulator
