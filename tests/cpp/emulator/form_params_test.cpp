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

std::string nested(const std::string& base, std::size_t levels) {
  std::string name = base;
  for (std::size_t i = 0; i < levels; ++i) name += "[a]";
  return name;
}

TEST(FormParams, NestingUpToTheCapDecodes) {
  const auto r = parse_form(nested("metadata", kMaxParamNesting) + "=1");
  ASSERT_TRUE(r.ok()) << r.error().message;
  const nlohmann::json* node = &(*r)["metadata"];
  for (std::size_t i = 0; i < kMaxParamNesting; ++i) node = &(*node)["a"];
  EXPECT_EQ(*node, "1");
}

TEST(FormParams, NestingBeyondTheCapIsRefusedNamingTheParameter) {
  // 100,000 levels used to overflow the stack (SIGSEGV); one past the cap is enough to refuse.
  for (const std::size_t levels : {kMaxParamNesting + 1, std::size_t{100'000}}) {
    const auto r = parse_form("file=f&" + nested("expires_at", levels) + "=1");
    ASSERT_FALSE(r.ok()) << levels;
    EXPECT_EQ(r.error().http_status, 400);
    EXPECT_EQ(r.error().type, "invalid_request_error");
    EXPECT_EQ(r.error().param, "expires_at");
    EXPECT_EQ(r.error().message, "Invalid request: parameter 'expires_at' is nested more than 32 levels deep.");
  }
  // Also when the brackets come percent-encoded.
  std::string encoded = "expand";
  for (int i = 0; i < 40; ++i) encoded += "%5Bx%5D";
  EXPECT_EQ(parse_form(encoded + "=1").error().param, "expand");
}

TEST(FormParams, ANameOrValueThatIsNotUtf8IsRefusedNamingTheParameter) {
  const auto value = parse_form("limit=%FF");
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(value.error().http_status, 400);
  EXPECT_EQ(value.error().type, "invalid_request_error");
  EXPECT_EQ(value.error().param, "limit");
  EXPECT_EQ(value.error().message, "Invalid request: parameter 'limit' is not valid UTF-8.");

  EXPECT_EQ(parse_form("metadata[note]=%C0%AF").error().param, "metadata[note]");  // overlong '/'
  EXPECT_EQ(parse_form("x=%ED%A0%80").error().param, "x");                         // a surrogate
  const auto name = parse_form("caf%E9=1");  // Latin-1, not UTF-8: the name is shown repaired
  ASSERT_FALSE(name.ok());
  EXPECT_EQ(name.error().param, "caf\xEF\xBF\xBD");
  EXPECT_TRUE(nlohmann::json(name.error().param).dump().size() > 0);

  const auto euro = parse_form("metadata[price]=%E2%82%AC5");
  ASSERT_TRUE(euro.ok());
  EXPECT_EQ((*euro)["metadata"]["price"],
            "\xE2\x82\xAC"
            "5");
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
