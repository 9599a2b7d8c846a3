#include "emulator/expand_paths.hpp"

#include <gtest/gtest.h>

namespace iiv::emulator {
namespace {

ExpandSet ok(const std::vector<std::string>& paths, ExpandTarget target) {
  auto r = parse_expand(paths, target);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? r.value() : ExpandSet{};
}

TEST(ExpandPaths, NestedPathExpandsItsParents) {
  const ExpandSet e = ok({"last_verification_report.document.number"}, ExpandTarget::verification_session);
  EXPECT_TRUE(e.has("last_verification_report"));
  EXPECT_TRUE(e.has("last_verification_report.document"));
  EXPECT_FALSE(e.has("verified_outputs"));
  EXPECT_FALSE(e.has("last_verification"));  // a prefix of a name is not its parent
  const ExpandSet report = e.below("last_verification_report");
  EXPECT_TRUE(report.has("document.number"));
  EXPECT_TRUE(report.below("document").has("number"));
  EXPECT_FALSE(report.below("document").has("dob"));
}

TEST(ExpandPaths, UnknownPathIsRefusedWithStripesWording) {
  auto r = parse_expand({"verified_outputs", "metadata"}, ExpandTarget::verification_session);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().http_status, 400);
  EXPECT_EQ(r.error().message, "This property cannot be expanded (metadata).");
}

TEST(ExpandPaths, FiveLevelsAreTooDeep) {
  auto r = parse_expand({"data.last_verification_report.document.number.x"}, ExpandTarget::verification_session_list);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("more than 4 levels"), std::string::npos);
  ok({"data.last_verification_report.document.number"}, ExpandTarget::verification_session_list);
}

TEST(ExpandPaths, EachTargetAllowsItsOwnPaths) {
  ok({"links"}, ExpandTarget::file);
  ok({"file", "file.links"}, ExpandTarget::file_link);
  ok({"document.dob", "id_number.id_number", "selfie"}, ExpandTarget::verification_report);
  EXPECT_FALSE(parse_expand({"file"}, ExpandTarget::file).ok());
  EXPECT_FALSE(parse_expand({"last_verification_report"}, ExpandTarget::verification_report).ok());
  EXPECT_FALSE(parse_expand({"last_verification_report"}, ExpandTarget::verification_session_list).ok());
}

TEST(ExpandPaths, SensitiveExpansionsAreTheDocumentedOnes) {
  const ExpandSet session =
      ok({"verified_outputs", "verified_outputs.address", "verified_outputs.dob", "verified_outputs.id_number",
          "last_verification_report", "last_verification_report.document.number",
          "last_verification_report.document.expiration_date", "last_verification_report.document.dob",
          "last_verification_report.id_number.dob", "last_verification_report.id_number.id_number",
          "last_verification_report.document.address"},
         ExpandTarget::verification_session);
  EXPECT_EQ(sensitive_expansions(session, ExpandTarget::verification_session),
            (std::vector<std::string>{
                "last_verification_report.document.dob", "last_verification_report.document.expiration_date",
                "last_verification_report.document.number", "last_verification_report.id_number.dob",
                "last_verification_report.id_number.id_number", "verified_outputs.dob", "verified_outputs.id_number"}));
  const ExpandSet plain = ok({"last_verification_report", "verified_outputs"}, ExpandTarget::verification_session);
  EXPECT_TRUE(sensitive_expansions(plain, ExpandTarget::verification_session).empty());
  const ExpandSet list = ok({"data.verified_outputs.dob"}, ExpandTarget::verification_session_list);
  EXPECT_EQ(sensitive_expansions(list, ExpandTarget::verification_session_list).size(), 1u);
  const ExpandSet report = ok({"document.number", "document"}, ExpandTarget::verification_report);
  EXPECT_EQ(sensitive_expansions(report, ExpandTarget::verification_report),
            std::vector<std::string>{"document.number"});
}

}  // namespace
}  // namespace iiv::emulator
