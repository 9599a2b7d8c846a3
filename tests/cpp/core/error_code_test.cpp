#include "core/error_code.hpp"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace iiv {
namespace {

TEST(ErrorCode, NamesAreTheStableContractSharedWithJs) {
  // The JS package switches on exactly these strings.
  const std::set<std::string> expected = {"bad_json",
                                          "bad_bundle",
                                          "unknown_role",
                                          "insecure_url",
                                          "host_not_allowed",
                                          "link_expired",
                                          "link_lifetime_too_long",
                                          "too_large",
                                          "too_many_pixels",
                                          "not_an_image",
                                          "truncated_image",
                                          "need_more_bytes",
                                          "cors_blocked",
                                          "timeout",
                                          "http_error",
                                          "network_error",
                                          "decode_failed",
                                          "aborted"};
  std::set<std::string> actual;
  for (ErrorCode code : kAllErrorCodes) actual.insert(std::string(errorCodeName(code)));
  EXPECT_EQ(actual, expected);
  EXPECT_EQ(actual.size(), kAllErrorCodes.size()) << "two codes share a name";
}

TEST(ErrorCode, OnlyTheRequestForMoreBytesIsKeptFromPages) {
  for (ErrorCode code : kAllErrorCodes) {
    EXPECT_EQ(isReportedToPages(code), code != ErrorCode::NeedMoreBytes) << errorCodeName(code);
  }
}

TEST(ErrorCode, NameRoundTrips) {
  for (ErrorCode code : kAllErrorCodes) {
    const auto parsed = errorCodeFromName(errorCodeName(code));
    ASSERT_TRUE(parsed.has_value()) << errorCodeName(code);
    EXPECT_EQ(*parsed, code);
  }
  EXPECT_FALSE(errorCodeFromName("BAD_JSON").has_value());
  EXPECT_FALSE(errorCodeFromName("").has_value());
  EXPECT_FALSE(errorCodeFromName("unknown").has_value());
}

}  // namespace
}  // namespace iiv
