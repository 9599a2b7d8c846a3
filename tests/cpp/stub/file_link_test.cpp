#include "stub/stripe/file_link.hpp"

#include <gtest/gtest.h>

namespace iiv::stub {
namespace {

using nlohmann::json;

const std::vector<std::string> kFilesHosts = {"https://files.stripe.com", "http://127.0.0.1:4555"};

json link(const std::string& url) {
  return {{"id", "link_1"}, {"object", "file_link"}, {"url", url}, {"expires_at", 1764100030}};
}

std::string refusal(const json& object) {
  const auto read = read_file_link(object, kFilesHosts);
  if (read.ok()) return {};
  EXPECT_EQ(read.error().code, ErrorCode::stripe_error);
  return read.error().message;
}

TEST(FileLink, ReadsALinkOnAConfiguredFilesHost) {
  const auto read = read_file_link(link("https://files.stripe.com/links/MDB8YWNjdF8x"), kFilesHosts);
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read->id, "link_1");
  EXPECT_EQ(read->url, "https://files.stripe.com/links/MDB8YWNjdF8x");
  EXPECT_EQ(read->expires_at, 1764100030);
  EXPECT_TRUE(read_file_link(link("http://127.0.0.1:4555/links/x"), kFilesHosts).ok());
}

TEST(FileLink, AUrlOffTheFilesHostsIsRefusedWithoutQuotingIt) {
  for (const char* url : {"https://evil.test/links/x", "https://files.stripe.com.evil.test/x",
                          "https://files.stripe.com@evil.test/x", "https://files.stripe.com:8443/x",
                          "https://files.stripe.com", "http://files.stripe.com/links/x", "http://127.0.0.1:45550/x",
                          "//files.stripe.com/links/x", "javascript:alert(1)", "HTTPS://FILES.STRIPE.COM/x"}) {
    const std::string why = refusal(link(url));
    EXPECT_NE(why.find("--files-host"), std::string::npos) << url << ": " << why;
    EXPECT_EQ(why.find(url), std::string::npos) << why;
  }
}

TEST(FileLink, TheIdMustBeAFileLinkId) {
  for (const json& id : {json("file_1"), json("link_"), json("link_1/../x"), json(7), json(nullptr)}) {
    auto object = link("https://files.stripe.com/links/x");
    object["id"] = id;
    EXPECT_NE(refusal(object).find("(id "), std::string::npos) << id.dump();
  }
}

TEST(FileLink, AMissingOrMistypedUrlIsRefused) {
  auto object = link("");
  EXPECT_NE(refusal(object).find("url is missing"), std::string::npos) << refusal(object);
  object.erase("url");
  EXPECT_NE(refusal(object).find("url is missing"), std::string::npos);
  object["url"] = json::object();
  EXPECT_NE(refusal(object).find("url is not a string"), std::string::npos);
}

TEST(FileLink, AnExpiryOfTheWrongTypeIsRefused) {
  auto object = link("https://files.stripe.com/links/x");
  object["expires_at"] = "1764100030";
  EXPECT_NE(refusal(object).find("expires_at is not an integer"), std::string::npos) << refusal(object);
}

TEST(FileLink, UrlIsOnOriginNeedsThePathToBeginRightAfterTheOrigin) {
  EXPECT_TRUE(url_is_on_origin("https://files.stripe.com/x", "https://files.stripe.com"));
  EXPECT_FALSE(url_is_on_origin("https://files.stripe.com", "https://files.stripe.com"));
  EXPECT_FALSE(url_is_on_origin("https://files.stripe.comx/x", "https://files.stripe.com"));
  EXPECT_FALSE(url_is_on_origin("https://files.stripe.com?x", "https://files.stripe.com"));
  EXPECT_FALSE(url_is_on_origin("https://files.stripe.com#/x", "https://files.stripe.com"));
}

}  // namespace
}  // namespace iiv::stub
