#include "stub/http/query_string.hpp"

#include <gtest/gtest.h>

namespace iiv::stub {
namespace {

using Params = std::map<std::string, std::string>;

Params params_of(std::string_view query) {
  const auto parsed = parse_query(query);
  EXPECT_TRUE(parsed.ok()) << query << ": " << parsed.error();
  return parsed.ok() ? *parsed : Params{};
}

TEST(PercentDecode, DecodesEscapesAndPlusOnlyWhereAsked) {
  EXPECT_EQ(percent_decode("dob%2Cid_number", true), "dob,id_number");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
  EXPECT_EQ(percent_decode("%2e%2E%2f", false), "../");
  EXPECT_EQ(percent_decode("%41", false), "A");
  EXPECT_EQ(percent_decode("", false), "");
  EXPECT_EQ(percent_decode("%00", false), std::string(1, '\0'));
}

TEST(PercentDecode, RefusesAMalformedEscape) {
  for (const char* text : {"%", "%4", "a%", "%zz", "%4g", "%%41"}) {
    EXPECT_FALSE(percent_decode(text, true).has_value()) << text;
  }
}

TEST(QueryString, DecodesEachNameAndValue) {
  EXPECT_EQ(params_of(""), Params{});
  EXPECT_EQ(params_of("include=dob%2Cid_number"), (Params{{"include", "dob,id_number"}}));
  EXPECT_EQ(params_of("limit=5&include=dob"), (Params{{"include", "dob"}, {"limit", "5"}}));
  EXPECT_EQ(params_of("q=a+b%26c"), (Params{{"q", "a b&c"}}));
  EXPECT_EQ(params_of("flag"), (Params{{"flag", ""}}));
  EXPECT_EQ(params_of("a=1=2"), (Params{{"a", "1=2"}}));
  EXPECT_EQ(params_of("&&a=1&"), (Params{{"a", "1"}}));
}

TEST(QueryString, ANameGivenTwiceIsTheCallersMistakeNamedAsSuch) {
  for (const char* query : {"limit=5&limit=6", "limit=5&limit=5", "include=dob&include=", "a&a", "l%69mit=1&limit=2"}) {
    const auto parsed = parse_query(query);
    ASSERT_FALSE(parsed.ok()) << query;
    EXPECT_NE(parsed.error().find("is given more than once"), std::string::npos) << parsed.error();
  }
}

TEST(QueryString, AMalformedEscapeIsRefused) {
  for (const char* query : {"include=%", "include=%zz", "inc%lude=dob", "a=1&b=%4"}) {
    const auto parsed = parse_query(query);
    ASSERT_FALSE(parsed.ok()) << query;
    EXPECT_NE(parsed.error().find("malformed"), std::string::npos) << parsed.error();
  }
}

}  // namespace
}  // namespace iiv::stub
