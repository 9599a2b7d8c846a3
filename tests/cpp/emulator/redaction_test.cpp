#include "emulator/redaction.hpp"

#include <gtest/gtest.h>

#include "emulator/emulator_store.hpp"
#include "emulator/seed_data.hpp"

namespace iiv::emulator {
namespace {

constexpr std::int64_t kNow = 1'800'000'000;

TEST(Redaction, PersonalDataBecomesPlaceholdersTheCountryStays) {
  EmulatorStore store(build_seed_data(kNow));
  const auto session = *store.session(seed_ids::id_card_with_selfie);
  const auto report = *store.report(*session.last_verification_report);

  const VerificationSession s = redacted(session);
  EXPECT_TRUE(s.metadata.empty());
  ASSERT_TRUE(s.verified_outputs);
  EXPECT_EQ(s.verified_outputs->first_name, "[redacted]");
  EXPECT_EQ(s.verified_outputs->last_name, "[redacted]");
  EXPECT_EQ(s.verified_outputs->address->line1, "[redacted]");
  EXPECT_EQ(s.verified_outputs->address->city, "[redacted]");
  EXPECT_EQ(s.verified_outputs->address->country, "DE");
  EXPECT_FALSE(s.verified_outputs->address->line2.has_value());  // absent stays absent
  EXPECT_EQ(s.verified_outputs->dob->year, 1);
  EXPECT_EQ(s.verified_outputs->dob->month, 1);
  EXPECT_EQ(s.verified_outputs->dob->day, 1);

  const VerificationReport r = redacted(report);
  EXPECT_EQ(r.document->number, "[redacted]");
  EXPECT_EQ(r.document->first_name, "[redacted]");
  EXPECT_EQ(r.document->expiration_date->year, 1);
  EXPECT_EQ(r.document->issued_date->year, 1);
  EXPECT_EQ(r.document->issuing_country, "DE");
  EXPECT_EQ(r.document->files, report.document->files);
  EXPECT_EQ(r.document->status, "verified");
}

TEST(Redaction, IdNumberChecksAreRedactedToo) {
  EmulatorStore store(build_seed_data(kNow));
  const auto session = *store.session(seed_ids::driving_licence_verified);
  const VerificationReport r = redacted(*store.report(*session.last_verification_report));
  EXPECT_EQ(r.id_number->id_number, "[redacted]");
  EXPECT_EQ(r.id_number->dob->year, 1);
  EXPECT_EQ(r.id_number->id_number_type, "us_ssn");
  EXPECT_EQ(redacted(session).verified_outputs->id_number, "[redacted]");
}

TEST(Redaction, StatusIsProcessingUntilTheDelayHasPassed) {
  VerificationSession s;
  EXPECT_EQ(redaction_status(s, 1000), RedactionStatus::none);
  s.redaction_requested_ms = 1000;
  s.redaction_done_ms = 6000;
  EXPECT_EQ(redaction_status(s, 1000), RedactionStatus::processing);
  EXPECT_EQ(redaction_status(s, 5999), RedactionStatus::processing);
  EXPECT_EQ(redaction_status(s, 6000), RedactionStatus::redacted);
  EXPECT_STREQ(redaction_status_name(RedactionStatus::redacted), "redacted");
}

}  // namespace
}  // namespace iiv::emulator
