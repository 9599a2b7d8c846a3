#include "stub/stripe/verification_session.hpp"

#include <gtest/gtest.h>

namespace iiv::stub {
namespace {

using nlohmann::json;

json session_with_report() {
  return json::parse(R"({"id":"vs_1","object":"identity.verification_session","status":"verified","redaction":null,
    "last_verification_report":{"id":"vr_1","created":1700000500,
      "document":{"status":"verified","files":["file_front","file_back"]},
      "selfie":{"status":"verified","document":"file_sd","selfie":"file_face"}}})");
}

// The stripe_error message `session` is refused with, or "" when it is read.
std::string refusal(const json& session) {
  const auto facts = read_verification_session(session);
  if (facts.ok()) return {};
  EXPECT_EQ(facts.error().code, ErrorCode::stripe_error);
  return facts.error().message;
}

TEST(VerificationSession, ReadsWhatTheStubActsOn) {
  const auto facts = read_verification_session(session_with_report());
  ASSERT_TRUE(facts.ok()) << facts.error().message;
  EXPECT_EQ(facts->id, "vs_1");
  EXPECT_EQ(facts->status, "verified");
  EXPECT_FALSE(facts->redacted());
  ASSERT_TRUE(facts->report.has_value());
  EXPECT_EQ(facts->report->id, "vr_1");
  EXPECT_EQ(facts->report->created, 1700000500);
  EXPECT_EQ(facts->report->document_files, (std::vector<std::string>{"file_front", "file_back"}));
  EXPECT_EQ(facts->report->selfie_document, "file_sd");
  EXPECT_EQ(facts->report->selfie_face, "file_face");
}

TEST(VerificationSession, ASessionWithoutAReportHasNone) {
  for (const char* text : {R"({"id":"vs_1","status":"requires_input","last_verification_report":null})",
                           R"({"id":"vs_1","status":"processing"})"}) {
    const auto facts = read_verification_session(json::parse(text));
    ASSERT_TRUE(facts.ok()) << text;
    EXPECT_FALSE(facts->report.has_value()) << text;
  }
}

TEST(VerificationSession, ARedactionInProgressOrDoneCountsAsRedacted) {
  for (const char* status : {"processing", "redacted"}) {
    auto session = session_with_report();
    session["redaction"] = {{"status", status}};
    const auto facts = read_verification_session(session);
    ASSERT_TRUE(facts.ok());
    EXPECT_TRUE(facts->redacted()) << status;
    EXPECT_EQ(facts->redaction_status, status);
  }
}

TEST(VerificationSession, MissingFilesAreLeftOut) {
  auto session = session_with_report();
  session["last_verification_report"]["document"]["files"] = json::array({"file_front", nullptr});
  session["last_verification_report"]["selfie"] = nullptr;
  const auto facts = read_verification_session(session);
  ASSERT_TRUE(facts.ok()) << facts.error().message;
  EXPECT_EQ(facts->report->document_files, (std::vector<std::string>{"file_front"}));
  EXPECT_FALSE(facts->report->selfie_document.has_value());
  EXPECT_FALSE(facts->report->selfie_face.has_value());
}

TEST(VerificationSession, AStatusOfTheWrongTypeIsAStripeError) {
  const std::string why = refusal(json::parse(R"({"id":"vs_1","status":{}})"));
  EXPECT_NE(why.find("status is not a string"), std::string::npos) << why;
  EXPECT_NE(refusal(json::parse(R"({"id":"vs_1"})")).find("status is missing"), std::string::npos);
}

// Moved here from report_images: a malformed file id used to be left out quietly. It would go
// into a FileLink request to Stripe, so now the whole answer is refused, naming the field.
TEST(VerificationSession, AMalformedFileIdRefusesTheWholeSession) {
  const struct {
    const char* pointer;
    json value;
    const char* named;
  } cases[] = {
      {"/last_verification_report/document/files/0", "../../v1/x", "last_verification_report.document.files[]"},
      {"/last_verification_report/document/files/1", 12, "last_verification_report.document.files[]"},
      {"/last_verification_report/document/files/1", "vr_1", "last_verification_report.document.files[]"},
      {"/last_verification_report/selfie/document", 12, "last_verification_report.selfie.document"},
      {"/last_verification_report/selfie/selfie", "file_a/../../x", "last_verification_report.selfie.selfie"},
      {"/last_verification_report/selfie/selfie", json::object(), "last_verification_report.selfie.selfie"},
  };
  for (const auto& c : cases) {
    auto session = session_with_report();
    session[json::json_pointer(c.pointer)] = c.value;
    const std::string why = refusal(session);
    EXPECT_NE(why.find(std::string(c.named) + " is not a file id"), std::string::npos) << c.pointer << ": " << why;
    EXPECT_EQ(why.find("../"), std::string::npos) << why;
  }
}

TEST(VerificationSession, EveryOtherFieldOfTheWrongTypeIsNamed) {
  const struct {
    const char* pointer;
    json value;
    const char* named;
  } cases[] = {
      {"/id", 7, "id"},
      {"/redaction", "redacted", "redaction"},
      {"/redaction", json{{"status", true}}, "redaction.status"},
      {"/last_verification_report/id", 7, "last_verification_report.id"},
      {"/last_verification_report/id", "file_x", "last_verification_report.id"},
      {"/last_verification_report/created", "today", "last_verification_report.created"},
      {"/last_verification_report/document", json::array(), "last_verification_report.document"},
      {"/last_verification_report/document/files", "file_front", "last_verification_report.document.files"},
      {"/last_verification_report/selfie", "file_sd", "last_verification_report.selfie"},
  };
  for (const auto& c : cases) {
    auto session = session_with_report();
    session[json::json_pointer(c.pointer)] = c.value;
    const std::string why = refusal(session);
    EXPECT_NE(why.find(std::string("(") + c.named + " "), std::string::npos) << c.pointer << ": " << why;
  }
}

TEST(VerificationSession, AReportThatWasNotExpandedIsRefused) {
  auto session = session_with_report();
  session["last_verification_report"] = "vr_1";
  EXPECT_NE(refusal(session).find("last_verification_report is not the expanded report"), std::string::npos);
}

TEST(VerificationSession, SomethingThatIsNotAnObjectIsRefused) {
  EXPECT_NE(refusal(json::array()), "");
  EXPECT_NE(refusal(json("vs_1")), "");
}

}  // namespace
}  // namespace iiv::stub
