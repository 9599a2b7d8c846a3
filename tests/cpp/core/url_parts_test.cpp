#include "core/url_parts.hpp"

#include <gtest/gtest.h>

namespace iiv {
namespace {

UrlParts parsed(std::string_view text) {
  auto result = parseUrl(text);
  if (auto* error = std::get_if<UrlSyntaxError>(&result)) {
    ADD_FAILURE() << "refused " << text << ": " << error->reason;
    return {};
  }
  return std::get<UrlParts>(result);
}

bool refused(std::string_view text) { return std::holds_alternative<UrlSyntaxError>(parseUrl(text)); }

TEST(UrlParts, SplitsAPlainHttpsUrl) {
  const auto url = parsed("https://files.stripe.com/links/MDB8YWNjdF8x?x=1#y");
  EXPECT_EQ(url.scheme, "https");
  EXPECT_FALSE(url.hasUserinfo);
  EXPECT_EQ(url.host, "files.stripe.com");
  EXPECT_FALSE(url.port.has_value());
  EXPECT_EQ(url.effectivePort(), 443);
  EXPECT_EQ(url.pathAndRest, "/links/MDB8YWNjdF8x?x=1#y");
  EXPECT_EQ(url.origin(), "https://files.stripe.com");
}

TEST(UrlParts, LowerCasesSchemeAndHost) {
  const auto url = parsed("HTTPS://FILES.Stripe.COM/Links/AbC");
  EXPECT_EQ(url.scheme, "https");
  EXPECT_EQ(url.host, "files.stripe.com");
  EXPECT_EQ(url.pathAndRest, "/Links/AbC") << "the path keeps its case";
}

TEST(UrlParts, KeepsATrailingDotSoItCannotPassForTheBareName) {
  EXPECT_EQ(parsed("https://files.stripe.com./x").host, "files.stripe.com.");
}

TEST(UrlParts, HostIsTheWholeAuthorityNotAPrefixOrTheQuery) {
  EXPECT_EQ(parsed("https://files.stripe.com.evil.test/").host, "files.stripe.com.evil.test");
  EXPECT_EQ(parsed("https://evil.test/?files.stripe.com").host, "evil.test");
  EXPECT_EQ(parsed("https://evil.test#@files.stripe.com").host, "evil.test");
  EXPECT_EQ(parsed("https://evil.test?@files.stripe.com/").host, "evil.test");
}

TEST(UrlParts, UserinfoIsSeenAndTheRealHostIsAfterTheLastAt) {
  const auto url = parsed("https://files.stripe.com@evil.test/");
  EXPECT_TRUE(url.hasUserinfo);
  EXPECT_EQ(url.host, "evil.test");
  const auto twoAts = parsed("https://a@files.stripe.com@evil.test/");
  EXPECT_TRUE(twoAts.hasUserinfo);
  EXPECT_EQ(twoAts.host, "evil.test");
  EXPECT_TRUE(parsed("https://user:pass@files.stripe.com/").hasUserinfo);
}

TEST(UrlParts, ReadsPorts) {
  EXPECT_EQ(parsed("http://127.0.0.1:4555/f").port, 4555);
  EXPECT_EQ(parsed("http://127.0.0.1:4555").pathAndRest, "");
  EXPECT_EQ(parsed("http://localhost/").effectivePort(), 80);
  EXPECT_EQ(parsed("https://h:65535/").port, 65535);
  EXPECT_TRUE(refused("https://h:0/"));
  EXPECT_TRUE(refused("https://h:65536/"));
  EXPECT_TRUE(refused("https://h:/"));
  EXPECT_TRUE(refused("https://h:44a/"));
  EXPECT_TRUE(refused("https://h:-1/"));
  EXPECT_TRUE(refused("https://h:000000443/"));
}

TEST(UrlParts, ReadsBracketedIpv6Hosts) {
  const auto url = parsed("http://[::1]:4555/x");
  EXPECT_EQ(url.host, "[::1]");
  EXPECT_EQ(url.port, 4555);
  EXPECT_EQ(parsed("https://[2001:DB8::1]/").host, "[2001:db8::1]");
  EXPECT_TRUE(refused("http://[::1/"));
  EXPECT_TRUE(refused("http://[:::1]/"));
  EXPECT_TRUE(refused("http://[1:2:3:4:5:6:7:8:9]/"));
  EXPECT_TRUE(refused("http://[12345::1]/"));
  EXPECT_TRUE(refused("http://[::1]x/"));
  EXPECT_TRUE(refused("http://[::g]/"));
  EXPECT_TRUE(refused("http://[1::2::3]/"));
  EXPECT_TRUE(refused("http://[1:]/"));
}

TEST(UrlParts, RefusesWhatBrowsersMightReadDifferently) {
  EXPECT_TRUE(refused("https://files.stripe.com\\@evil.test/"));
  EXPECT_TRUE(refused("https:\\\\files.stripe.com/"));
  EXPECT_TRUE(refused(" https://files.stripe.com/"));
  EXPECT_TRUE(refused("https://files.stripe.com/ "));
  EXPECT_TRUE(refused("https://files.stripe.com/a b"));
  EXPECT_TRUE(refused("https://files.stripe.com/\t"));
  EXPECT_TRUE(refused("https://files.stri\npe.com/"));
  EXPECT_TRUE(refused("https://files%2estripe.com/"));
  EXPECT_TRUE(refused("https://%66iles.stripe.com/"));
  EXPECT_TRUE(refused("https://fil\xC3\xA9s.stripe.com/"));
  constexpr char kWithNul[] = "https://files.stripe.com\0.evil.test/";
  EXPECT_TRUE(refused(std::string_view(kWithNul, sizeof kWithNul - 1)));
}

TEST(UrlParts, RefusesMalformedShapes) {
  EXPECT_TRUE(refused(""));
  EXPECT_TRUE(refused("files.stripe.com/links/x"));
  EXPECT_TRUE(refused("//files.stripe.com/x"));
  EXPECT_TRUE(refused("https:files.stripe.com/x"));
  EXPECT_TRUE(refused("https:/files.stripe.com/x"));
  EXPECT_TRUE(refused("https:///x"));
  EXPECT_TRUE(refused("https://"));
  EXPECT_TRUE(refused("https://@/"));
  EXPECT_TRUE(refused("1https://h/"));
  EXPECT_TRUE(refused("ht_tp://h/"));
  EXPECT_TRUE(refused("https://files_stripe.com/"));
}

TEST(UrlParts, OtherSchemesParseSoTheRulesCanNameThem) {
  EXPECT_EQ(parsed("ftp://files.stripe.com/x").scheme, "ftp");
  EXPECT_FALSE(parsed("ftp://files.stripe.com/x").effectivePort().has_value());
  EXPECT_TRUE(refused("data:image/png;base64,AAAA"));
  EXPECT_TRUE(refused("javascript:alert(1)"));
}

TEST(UrlParts, ErrorsNeverQuoteTheUrl) {
  const auto result = parseUrl("https://files%2estripe.com/links/SECRET_TOKEN");
  ASSERT_TRUE(std::holds_alternative<UrlSyntaxError>(result));
  EXPECT_EQ(std::get<UrlSyntaxError>(result).reason.find("SECRET"), std::string::npos);
}

TEST(LoopbackHost, AcceptsOnlyLoopbackSpellings) {
  EXPECT_TRUE(isLoopbackHost("localhost"));
  EXPECT_TRUE(isLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(isLoopbackHost("127.255.255.254"));
  EXPECT_TRUE(isLoopbackHost("127.1.2.3"));
  EXPECT_TRUE(isLoopbackHost("[::1]"));
  EXPECT_TRUE(isLoopbackHost("[0:0:0:0:0:0:0:1]"));
  EXPECT_TRUE(isLoopbackHost("[::0:1]"));

  EXPECT_FALSE(isLoopbackHost("128.0.0.1"));
  EXPECT_FALSE(isLoopbackHost("126.0.0.1"));
  EXPECT_FALSE(isLoopbackHost("127.0.0.256"));
  EXPECT_FALSE(isLoopbackHost("127.0.0"));
  EXPECT_FALSE(isLoopbackHost("127.0.0.1.5"));
  EXPECT_FALSE(isLoopbackHost("127.1"));
  EXPECT_FALSE(isLoopbackHost("127.0.0.1.evil.test"));
  EXPECT_FALSE(isLoopbackHost("localhost.evil.test"));
  EXPECT_FALSE(isLoopbackHost("localhost."));
  EXPECT_FALSE(isLoopbackHost("evil-localhost"));
  EXPECT_FALSE(isLoopbackHost("[::2]"));
  EXPECT_FALSE(isLoopbackHost("[::]"));
  EXPECT_FALSE(isLoopbackHost("[1::1]"));
  EXPECT_FALSE(isLoopbackHost("::1"));
  EXPECT_FALSE(isLoopbackHost("0.0.0.0"));
  EXPECT_FALSE(isLoopbackHost(""));
}

}  // namespace
}  // namespace iiv
