#include "emulator/form_params.hpp"

#include <gtest/gtest.h>

namespace iiv::emulator {
namespace {

TEST(FormParams, DecodesPlainAndBracketedNames) {
  const auto r = parse_form("file=file_1&expires_at=9&metadata[order]=A%2FB&metadata[note]=two+words");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)["file"], "file_1");
  EXPECT_EQ((*r)["expires_at"], "9");
  EXPECT_EQ((*r)["metadata"]["order"], "A/B");
  EXPECT_EQ((*r)["metadata"]["note"], "two words");
}

TEST(FormParams, EmptyBracketsMakeAListInOrder) {
  const auto r = parse_form("expand[]=b&expand[]=a");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(string_list(*r, "expand"), (std::vector<std::string>{"b", "a"}));
}

TEST(FormParams, IndexedListIsReadInNumericIndexOrder) {
  // Stripe's own libraries send expand[0]=…; index 10 must come after index 2.
  const auto r = parse_form("expand%5B10%5D=k&expand%5B2%5D=c&expand%5B0%5D=a");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(string_list(*r, "expand"), (std::vector<std::string>{"a", "c", "k"}));
}

TEST(FormParams, AbsentListIsEmptyAndScalarIsNotAList) {
  const auto r = parse_form("expand=file&other[x]=y");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(string_list(*r, "expand").has_value());
  EXPECT_FALSE(string_list(*r, "other").has_value());
  EXPECT_EQ(string_list(*r, "missing"), std::vector<std::string>{});
}

TEST(FormParams, MixingListAndValueIsAnError) {
  EXPECT_FALSE(parse_form("expand[]=a&expand[x]=b").ok());
  EXPECT_FALSE(parse_form("metadata[k]=v&metadata=plain").ok());
  EXPECT_FALSE(parse_form("a=1&a[b]=2").ok());
}

TEST(FormParams, MalformedNamesAreErrors) {
  EXPECT_FALSE(parse_form("expand[0=a").ok());
  EXPECT_FALSE(parse_form("[0]=a").ok());
  EXPECT_FALSE(parse_form("a[b]c=1").ok());
}

TEST(FormParams, LastScalarWinsAndEmptyPairsAreSkipped) {
  const auto r = parse_form("&a=1&&a=2&flag");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["a"], "2");
  EXPECT_EQ((*r)["flag"], "");
}

TEST(FormParams, PercentDecoding) {
  EXPECT_EQ(percent_decode("a%20b+c%2b"), "a b c+");
  EXPECT_EQ(percent_decode("100%"), "100%");
  EXPECT_EQ(percent_decode("%zz%4"), "%zz%4");
}

TEST(FormParams, MergeRefusesAParameterGivenTwice) {
  nlohmann::json body = parse_form("file=f").value();
  EXPECT_TRUE(merge_params(body, parse_form("expand[]=file").value()).ok());
  EXPECT_EQ(body["expand"][0], "file");
  const auto twice = merge_params(body, parse_form("file=g").value());
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().http_status, 400);
}

}  // namespace
}  // namespace iiv::emulator
