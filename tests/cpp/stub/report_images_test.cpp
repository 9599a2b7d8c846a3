#include "stub/links/report_images.hpp"

#include <gtest/gtest.h>

namespace iiv::stub {
namespace {

// The report's files as the image link service sees them: read from a session whose
// expanded last_verification_report is `report` (with an id added).
VerificationReportFiles report_of(const char* report_json) {
  auto report = nlohmann::json::parse(report_json);
  report["id"] = "vr_1";
  const auto session = read_verification_session(
      nlohmann::json{{"id", "vs_1"}, {"status", "verified"}, {"last_verification_report", report}});
  EXPECT_TRUE(session.ok()) << session.error().message;
  return session.ok() && session->report ? *session->report : VerificationReportFiles{};
}

TEST(ReportImages, MapsDocumentAndSelfieFilesToRoles) {
  const auto images = report_images(report_of(R"({
    "document": {"files": ["file_front", "file_back"]},
    "selfie": {"document": "file_selfdoc", "selfie": "file_face"}})"));
  ASSERT_EQ(images.size(), 4u);
  EXPECT_EQ(images[0].role, "document_front");
  EXPECT_EQ(images[0].file, "file_front");
  EXPECT_EQ(images[1].role, "document_back");
  EXPECT_EQ(images[1].file, "file_back");
  EXPECT_EQ(images[2].role, "selfie_document");
  EXPECT_EQ(images[2].file, "file_selfdoc");
  EXPECT_EQ(images[3].role, "selfie_face");
  EXPECT_EQ(images[3].file, "file_face");
}

TEST(ReportImages, PassportHasOnlyAFront) {
  const auto images = report_images(report_of(R"({"document": {"files": ["file_p"]}, "selfie": null})"));
  ASSERT_EQ(images.size(), 1u);
  EXPECT_EQ(images[0].role, "document_front");
}

// Malformed ids are no longer left out here: read_verification_session refuses the whole
// session (see verification_session_test and image_link_service_test).
TEST(ReportImages, LeavesOutMissingFiles) {
  const auto images =
      report_images(report_of(R"({"document": {"files": [null]}, "selfie": {"document": null, "selfie": "file_ok"}})"));
  ASSERT_EQ(images.size(), 1u);
  EXPECT_EQ(images[0].role, "selfie_face");
  EXPECT_EQ(images[0].file, "file_ok");
  EXPECT_TRUE(report_images(report_of("{}")).empty());
  EXPECT_TRUE(report_images(VerificationReportFiles{}).empty());
}

TEST(ReportImages, OneLinkPerDistinctFile) {
  const auto images = report_images(report_of(
      R"({"document": {"files": ["file_front"]}, "selfie": {"document": "file_front", "selfie": "file_face"}})"));
  ASSERT_EQ(images.size(), 3u);
  EXPECT_EQ(distinct_files(images), (std::vector<std::string>{"file_front", "file_face"}));
}

}  // namespace
}  // namespace iiv::stub
