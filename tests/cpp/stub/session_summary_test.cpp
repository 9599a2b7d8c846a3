#include "stub/sessions/session_summary.hpp"

#include <gtest/gtest.h>

#include "stub/sessions/session_list.hpp"

namespace iiv::stub {
namespace {

// A session as Stripe returns it with every sensitive field expanded: the projection must
// pass on only what was asked for.
nlohmann::json fully_expanded_session() {
  return nlohmann::json::parse(R"({
    "id": "vs_123", "object": "identity.verification_session", "status": "verified", "type": "document",
    "created": 1700000000, "client_secret": "vs_123_secret_xyz", "url": "https://verify.stripe.com/x",
    "last_error": null, "redaction": null, "metadata": {"internal": "x"},
    "verified_outputs": {"first_name": "Jenny", "last_name": "Rosen", "dob": {"day": 1, "month": 2, "year": 1990},
                         "id_number": "123-45-6789", "address": {"line1": "1 Main St"}},
    "last_verification_report": {
      "id": "vr_9", "document": {"status": "verified", "error": null, "type": "passport", "issuing_country": "GB",
        "first_name": "Jenny", "last_name": "Rosen", "number": "P1234567",
        "dob": {"day": 1, "month": 2, "year": 1990}, "expiration_date": {"day": 3, "month": 4, "year": 2031},
        "files": ["file_a"], "address": {"line1": "1 Main St"}},
      "selfie": {"status": "unverified", "error": {"code": "selfie_face_mismatch", "reason": "Faces differ"},
                 "document": "file_b", "selfie": "file_c"}}})");
}

TEST(SessionSummary, WithoutIncludeHoldsNoSensitiveValue) {
  const auto summary = summarize_session(fully_expanded_session(), {});
  const std::string text = summary.dump();
  for (const char* secret : {"123-45-6789", "P1234567", "1990", "2031", "secret", "file_", "Main St", "verify.stripe"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;
  }
  EXPECT_FALSE(summary.contains("sensitive"));
  EXPECT_EQ(summary["status"], "verified");
  EXPECT_EQ(summary["type"], "document");
  EXPECT_EQ(summary["document"]["type"], "passport");
  EXPECT_EQ(summary["document"]["issuing_country"], "GB");
  EXPECT_EQ(summary["names"]["first_name"], "Jenny");
  EXPECT_EQ(summary["checks"]["document"]["status"], "verified");
  EXPECT_TRUE(summary["checks"]["document"]["error"].is_null());
  EXPECT_EQ(summary["checks"]["selfie"]["error"]["code"], "selfie_face_mismatch");
  EXPECT_EQ(summary["verification_report"], "vr_9");
}

TEST(SessionSummary, IncludeExpandsExactlyTheNamedFields) {
  const auto summary = summarize_session(fully_expanded_session(), {SensitiveField::dob, SensitiveField::document_number});
  ASSERT_TRUE(summary.contains("sensitive"));
  EXPECT_EQ(summary["sensitive"].size(), 2u);
  EXPECT_EQ(summary["sensitive"]["dob"]["year"], 1990);
  EXPECT_EQ(summary["sensitive"]["document_number"], "P1234567");
  const std::string text = summary.dump();
  EXPECT_EQ(text.find("123-45-6789"), std::string::npos);
  EXPECT_EQ(text.find("2031"), std::string::npos);
}

TEST(SessionSummary, SessionWithoutReportSaysSo) {
  const auto summary = summarize_session(nlohmann::json::parse(R"({"id":"vs_1","status":"requires_input",
      "type":"document","last_error":{"code":"document_unverified_other","reason":"blurry"},
      "last_verification_report":null})"),
                                         {});
  EXPECT_TRUE(summary["verification_report"].is_null());
  EXPECT_EQ(summary["last_error"]["code"], "document_unverified_other");
  EXPECT_TRUE(summary["checks"].empty());
}

TEST(SessionList, ProjectsOnlyTheListedFields) {
  const auto list = project_session_list(nlohmann::json::parse(R"({"object":"list","has_more":true,"data":[
      {"id":"vs_1","status":"verified","type":"document","created":5,"redaction":{"status":"redacted"},
       "client_secret":"sec","verified_outputs":{"dob":{"year":1990}}}]})"));
  ASSERT_EQ(list["sessions"].size(), 1u);
  EXPECT_EQ(list["sessions"][0]["redaction"], "redacted");
  EXPECT_EQ(list["sessions"][0].size(), 5u);
  EXPECT_TRUE(list["has_more"].get<bool>());
  EXPECT_EQ(list.dump().find("sec"), std::string::npos);
}

}  // namespace
}  // namespace iiv::stub
