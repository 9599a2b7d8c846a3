#include "stub/links/report_images.hpp"

#include <gtest/gtest.h>

namespace iiv::stub {
namespace {

TEST(ReportImages, MapsDocumentAndSelfieFilesToRoles) {
  const auto report = nlohmann::json::parse(R"({
    "document": {"files": ["file_front", "file_back"]},
    "selfie": {"document": "file_selfdoc", "selfie": "file_face"}})");
  const auto images = report_images(report);
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
  const auto images = report_images(nlohmann::json::parse(R"({"document": {"files": ["file_p"]}, "selfie": null})"));
  ASSERT_EQ(images.size(), 1u);
  EXPECT_EQ(images[0].role, "document_front");
}

TEST(ReportImages, LeavesOutMissingAndMalformedIds) {
  const auto images = report_images(nlohmann::json::parse(
      R"({"document": {"files": ["../../v1/x", null]}, "selfie": {"document": 12, "selfie": "file_ok"}})"));
  ASSERT_EQ(images.size(), 1u);
  EXPECT_EQ(images[0].role, "selfie_face");
  EXPECT_TRUE(report_images(nlohmann::json()).empty());
}

TEST(ReportImages, OneLinkPerDistinctFile) {
  const auto images = report_images(nlohmann::json::parse(
      R"({"document": {"files": ["file_front"]}, "selfie": {"document": "file_front", "selfie": "file_face"}})"));
  ASSERT_EQ(images.size(), 3u);
  EXPECT_EQ(distinct_files(images), (std::vector<std::string>{"file_front", "file_face"}));
}

}  // namespace
}  // namespace iiv::stub
