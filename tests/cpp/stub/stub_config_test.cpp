#include "stub/config/stub_config.hpp"

#include <filesystem>

#include <gtest/gtest.h>

namespace iiv::stub {
namespace {

using Parsed = common::Result<StubConfig, std::string>;

Parsed parse(std::vector<std::string> args) {
  args.insert(args.begin(), {"--reviewers", "r.json"});
  return parse_config(args);
}

TEST(StubConfig, DefaultsAreSafe) {
  const auto parsed = parse({});
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(parsed->stripe_base_url, "https://api.stripe.com");
  EXPECT_EQ(parsed->host, "127.0.0.1");
  EXPECT_EQ(parsed->link_lifetime_s, 30);
  EXPECT_TRUE(parsed->access.images_allowed);
  EXPECT_TRUE(parsed->access.sensitive_allowed.empty());
  EXPECT_TRUE(parsed->cors_origins.empty());
}

TEST(StubConfig, LinkLifetimeAboveThirtySecondsIsRefused) {
  const auto parsed = parse({"--link-lifetime-s", "31"});
  EXPECT_FALSE(parsed.ok());
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().find("30 seconds"), std::string::npos);
  EXPECT_EQ(parse({"--link-lifetime-s", "12"})->link_lifetime_s, 12);
  EXPECT_FALSE(parse({"--link-lifetime-s", "0"}).ok());
}

TEST(StubConfig, AccessFlags) {
  const auto parsed = parse({"--images", "off", "--allow-sensitive", "dob,document_number"});
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_FALSE(parsed->access.images_allowed);
  EXPECT_EQ(parsed->access.sensitive_allowed,
            (SensitiveFieldSet{SensitiveField::dob, SensitiveField::document_number}));
  EXPECT_FALSE(parse({"--allow-sensitive", "address"}).ok());
  EXPECT_FALSE(parse({"--images", "maybe"}).ok());
  const auto access = describe_access(parsed->access);
  EXPECT_EQ(access["images"], "off");
  EXPECT_EQ(access["sensitive_fields"], nlohmann::json({"dob", "document_number"}));
}

TEST(StubConfig, PlainHttpOnlyForLoopback) {
  EXPECT_TRUE(parse({"--stripe-base-url", "http://127.0.0.1:4242"}).ok());
  EXPECT_TRUE(parse({"--stripe-base-url", "https://api.stripe.com"}).ok());
  EXPECT_FALSE(parse({"--stripe-base-url", "http://api.stripe.com"}).ok());
  EXPECT_FALSE(parse({"--stripe-base-url", "https://api.stripe.com/v1"}).ok());
  EXPECT_FALSE(parse({"--stripe-base-url", "ftp://x"}).ok());
}

TEST(StubConfig, RefusesMistakes) {
  EXPECT_FALSE(parse_config({}).ok());  // no reviewers file
  EXPECT_FALSE(parse({"--port"}).ok());
  EXPECT_FALSE(parse({"--bogus", "1"}).ok());
  EXPECT_FALSE(parse({"--cors-origin", "*"}).ok());
  EXPECT_FALSE(parse({"--static", "/=/no/such/folder"}).ok());
  EXPECT_FALSE(parse({"--static", "/api=."}).ok());
  EXPECT_TRUE(parse({"--cors-origin", "http://localhost:5173"}).ok());
}

TEST(StubConfig, DescriptionHoldsNoKey) {
  const auto parsed = parse({"--key-file", "/run/key"});
  ASSERT_TRUE(parsed.ok());
  const auto text = describe_config(*parsed).dump();
  EXPECT_NE(text.find("file /run/key"), std::string::npos);
  EXPECT_EQ(text.find("rk_"), std::string::npos);
}

}  // namespace
}  // namespace iiv::stub
