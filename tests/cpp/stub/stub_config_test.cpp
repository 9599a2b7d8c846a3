#include "stub/config/stub_config.hpp"

#include <filesystem>

#include <gtest/gtest.h>

namespace iiv::stub {
namespace {

ParsedConfig parse(std::vector<std::string> args) {
  args.insert(args.begin(), {"--reviewers", "r.json"});
  return parse_config(args);
}

TEST(StubConfig, DefaultsAreSafe) {
  const auto parsed = parse({});
  ASSERT_TRUE(parsed.config.has_value()) << parsed.error;
  EXPECT_EQ(parsed.config->stripe_base_url, "https://api.stripe.com");
  EXPECT_EQ(parsed.config->host, "127.0.0.1");
  EXPECT_EQ(parsed.config->link_lifetime_s, 30);
  EXPECT_TRUE(parsed.config->access.images_allowed);
  EXPECT_TRUE(parsed.config->access.sensitive_allowed.empty());
  EXPECT_TRUE(parsed.config->cors_origins.empty());
}

TEST(StubConfig, LinkLifetimeAboveThirtySecondsIsRefused) {
  const auto parsed = parse({"--link-lifetime-s", "31"});
  EXPECT_FALSE(parsed.config.has_value());
  EXPECT_NE(parsed.error.find("30 seconds"), std::string::npos);
  EXPECT_EQ(parse({"--link-lifetime-s", "12"}).config->link_lifetime_s, 12);
  EXPECT_FALSE(parse({"--link-lifetime-s", "0"}).config.has_value());
}

TEST(StubConfig, AccessFlags) {
  const auto parsed = parse({"--images", "off", "--allow-sensitive", "dob,document_number"});
  ASSERT_TRUE(parsed.config.has_value()) << parsed.error;
  EXPECT_FALSE(parsed.config->access.images_allowed);
  EXPECT_EQ(parsed.config->access.sensitive_allowed,
            (SensitiveFieldSet{SensitiveField::dob, SensitiveField::document_number}));
  EXPECT_FALSE(parse({"--allow-sensitive", "address"}).config.has_value());
  EXPECT_FALSE(parse({"--images", "maybe"}).config.has_value());
  const auto access = describe_access(parsed.config->access);
  EXPECT_EQ(access["images"], "off");
  EXPECT_EQ(access["sensitive_fields"], nlohmann::json({"dob", "document_number"}));
}

TEST(StubConfig, PlainHttpOnlyForLoopback) {
  EXPECT_TRUE(parse({"--stripe-base-url", "http://127.0.0.1:4242"}).config.has_value());
  EXPECT_TRUE(parse({"--stripe-base-url", "https://api.stripe.com"}).config.has_value());
  EXPECT_FALSE(parse({"--stripe-base-url", "http://api.stripe.com"}).config.has_value());
  EXPECT_FALSE(parse({"--stripe-base-url", "https://api.stripe.com/v1"}).config.has_value());
  EXPECT_FALSE(parse({"--stripe-base-url", "ftp://x"}).config.has_value());
}

TEST(StubConfig, RefusesMistakes) {
  EXPECT_FALSE(parse_config({}).config.has_value());  // no reviewers file
  EXPECT_FALSE(parse({"--port"}).config.has_value());
  EXPECT_FALSE(parse({"--bogus", "1"}).config.has_value());
  EXPECT_FALSE(parse({"--cors-origin", "*"}).config.has_value());
  EXPECT_FALSE(parse({"--static", "/=/no/such/folder"}).config.has_value());
  EXPECT_FALSE(parse({"--static", "/api=."}).config.has_value());
  EXPECT_TRUE(parse({"--cors-origin", "http://localhost:5173"}).config.has_value());
}

TEST(StubConfig, DescriptionHoldsNoKey) {
  const auto parsed = parse({"--key-file", "/run/key"});
  const auto text = describe_config(*parsed.config).dump();
  EXPECT_NE(text.find("file /run/key"), std::string::npos);
  EXPECT_EQ(text.find("rk_"), std::string::npos);
}

}  // namespace
}  // namespace iiv::stub
