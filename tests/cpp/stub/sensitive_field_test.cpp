#include "stub/sessions/sensitive_field.hpp"

#include <gtest/gtest.h>

namespace iiv::stub {
namespace {

TEST(SensitiveField, ParsesACommaSeparatedList) {
  std::string bad;
  const auto fields = parse_sensitive_field_list("dob,expiration_date", &bad);
  ASSERT_TRUE(fields.has_value());
  EXPECT_EQ(*fields, (SensitiveFieldSet{SensitiveField::dob, SensitiveField::expiration_date}));
  EXPECT_TRUE(parse_sensitive_field_list("", &bad)->empty());
}

TEST(SensitiveField, RefusesUnknownEmptyAndRepeatedNames) {
  std::string bad;
  EXPECT_FALSE(parse_sensitive_field_list("dob,address", &bad).has_value());
  EXPECT_EQ(bad, "address");
  EXPECT_FALSE(parse_sensitive_field_list("dob,,id_number", &bad).has_value());
  EXPECT_FALSE(parse_sensitive_field_list("dob,dob", &bad).has_value());
  EXPECT_FALSE(parse_sensitive_field_list("DOB", &bad).has_value());
}

TEST(SensitiveField, ExpandsTheRecommendedSessionFields) {
  EXPECT_STREQ(expand_path(SensitiveField::dob), "verified_outputs.dob");
  EXPECT_STREQ(expand_path(SensitiveField::id_number), "verified_outputs.id_number");
  EXPECT_STREQ(expand_path(SensitiveField::document_number), "last_verification_report.document.number");
  EXPECT_STREQ(expand_path(SensitiveField::expiration_date), "last_verification_report.document.expiration_date");
}

}  // namespace
}  // namespace iiv::stub
