#include "stub/stripe/stripe_shape.hpp"

#include <gtest/gtest.h>

namespace iiv::stub {
namespace {

using nlohmann::json;

const json kObject = json::parse(R"({"s":"text","i":42,"neg":-7,"b":true,"o":{"k":1},"a":[1,2],"n":null,
                                     "f":1.5,"big":9007199254740993})");

// The message of the shape's verdict, or "" when it is ok.
std::string verdict_of(const StripeShape& shape) {
  const auto verdict = shape.verdict();
  return verdict.ok() ? std::string() : verdict.error().message;
}

TEST(StripeShape, ReadsEachFieldOfTheRightType) {
  StripeShape shape("a test object");
  EXPECT_EQ(shape.text(kObject, "s", "s"), "text");
  EXPECT_EQ(shape.integer(kObject, "i", "i"), 42);
  EXPECT_EQ(shape.integer(kObject, "neg", "neg"), -7);
  EXPECT_EQ(shape.integer(kObject, "big", "big"), 9007199254740993LL);
  EXPECT_EQ(shape.boolean(kObject, "b", "b"), true);
  ASSERT_NE(shape.object(kObject, "o", "o"), nullptr);
  EXPECT_EQ((*shape.object(kObject, "o", "o"))["k"], 1);
  ASSERT_NE(shape.array(kObject, "a", "a"), nullptr);
  EXPECT_EQ(shape.array(kObject, "a", "a")->size(), 2u);
  EXPECT_TRUE(shape.ok());
  EXPECT_TRUE(shape.verdict().ok());
}

TEST(StripeShape, AbsentAndNullAreNothingAndNoFault) {
  StripeShape shape("a test object");
  EXPECT_EQ(shape.text(kObject, "missing", "missing"), std::nullopt);
  EXPECT_EQ(shape.text(kObject, "n", "n"), std::nullopt);
  EXPECT_EQ(shape.integer(kObject, "n", "n"), std::nullopt);
  EXPECT_EQ(shape.boolean(kObject, "missing", "missing"), std::nullopt);
  EXPECT_EQ(shape.object(kObject, "n", "n"), nullptr);
  EXPECT_EQ(shape.array(kObject, "missing", "missing"), nullptr);
  EXPECT_EQ(shape.any(kObject, "n"), nullptr);
  EXPECT_TRUE(shape.ok());
}

TEST(StripeShape, AFieldOfAnotherTypeMakesTheAnswerAStripeErrorNamingIt) {
  const struct {
    const char* key;
    const char* want;
  } cases[] = {{"i", "a string"},  {"s", "an integer"}, {"f", "an integer"}, {"b", "an integer"},
               {"i", "a boolean"}, {"a", "an object"},  {"o", "an array"}};
  for (const auto& c : cases) {
    StripeShape shape("a VerificationSession");
    const std::string want = c.want;
    const std::string path = std::string("parent.") + c.key;
    if (want == "a string") {
      EXPECT_EQ(shape.text(kObject, c.key, path.c_str()), std::nullopt);
    } else if (want == "an integer") {
      EXPECT_EQ(shape.integer(kObject, c.key, path.c_str()), std::nullopt);
    } else if (want == "a boolean") {
      EXPECT_EQ(shape.boolean(kObject, c.key, path.c_str()), std::nullopt);
    } else if (want == "an object") {
      EXPECT_EQ(shape.object(kObject, c.key, path.c_str()), nullptr);
    } else {
      EXPECT_EQ(shape.array(kObject, c.key, path.c_str()), nullptr);
    }
    EXPECT_FALSE(shape.ok()) << c.key << " as " << want;
    const auto verdict = shape.verdict();
    ASSERT_FALSE(verdict.ok());
    EXPECT_EQ(verdict.error().code, ErrorCode::stripe_error);
    EXPECT_EQ(http_status(verdict.error().code), 502);
    EXPECT_NE(verdict.error().message.find(path + " is not " + want), std::string::npos) << verdict.error().message;
    EXPECT_NE(verdict.error().message.find("a VerificationSession"), std::string::npos);
  }
}

TEST(StripeShape, TheFirstWrongFieldIsKeptAndLaterReadsGiveNothing) {
  StripeShape shape("a test object");
  EXPECT_EQ(shape.integer(kObject, "s", "first"), std::nullopt);
  EXPECT_EQ(shape.text(kObject, "i", "second"), std::nullopt);
  // Nothing more is read on the strength of an answer already known to be wrong.
  EXPECT_EQ(shape.text(kObject, "s", "s"), std::nullopt);
  EXPECT_EQ(shape.object(kObject, "o", "o"), nullptr);
  EXPECT_EQ(shape.any(kObject, "s"), nullptr);
  const std::string message = verdict_of(shape);
  EXPECT_NE(message.find("first is not an integer"), std::string::npos) << message;
  EXPECT_EQ(message.find("second"), std::string::npos) << message;
}

TEST(StripeShape, ACallersRejectionIsReportedLikeAWrongType) {
  StripeShape shape("a FileLink");
  shape.reject("id", "is not a FileLink id");
  EXPECT_FALSE(shape.ok());
  EXPECT_NE(verdict_of(shape).find("(id is not a FileLink id)"), std::string::npos) << verdict_of(shape);
  shape.reject("url", "is missing");
  EXPECT_EQ(verdict_of(shape).find("url"), std::string::npos);
}

TEST(StripeShape, AnyTakesAnIdOrAnExpandedObject) {
  StripeShape shape("a test object");
  EXPECT_NE(shape.any(kObject, "s"), nullptr);
  EXPECT_NE(shape.any(kObject, "o"), nullptr);
  EXPECT_EQ(shape.any(kObject, "missing"), nullptr);
  EXPECT_TRUE(shape.ok());
}

TEST(StripeShape, AParentThatIsNotAnObjectHasNoFields) {
  StripeShape shape("a test object");
  EXPECT_EQ(shape.text(json::array({"s"}), "s", "s"), std::nullopt);
  EXPECT_EQ(shape.text(json("s"), "s", "s"), std::nullopt);
  EXPECT_TRUE(shape.ok());
}

TEST(StripeShape, TheVerdictQuotesNoValue) {
  StripeShape shape("a test object");
  (void)shape.integer(json{{"number", "P1234567"}}, "number", "document.number");
  EXPECT_EQ(verdict_of(shape).find("P1234567"), std::string::npos) << verdict_of(shape);
}

}  // namespace
}  // namespace iiv::stub
