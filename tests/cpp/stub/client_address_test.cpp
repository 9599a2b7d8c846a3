#include "stub/http/client_address.hpp"

#include <gtest/gtest.h>

#include <string>

namespace iiv::stub {
namespace {

common::HttpRequest from(const std::string& peer, const std::string& forwarded_for = "") {
  common::HttpRequest request;
  request.method = "GET";
  request.target = "/api/me";
  request.peer_address = peer;
  if (!forwarded_for.empty()) request.headers["x-forwarded-for"] = forwarded_for;
  return request;
}

const std::vector<std::string> kNoProxy;
const std::vector<std::string> kOneProxy = {"10.0.0.1"};
const std::vector<std::string> kTwoProxies = {"10.0.0.1", "10.0.0.2"};

TEST(CanonicalIp, WritesEachAddressOneWay) {
  EXPECT_EQ(canonical_ip("203.0.113.5"), "203.0.113.5");
  EXPECT_EQ(canonical_ip("2001:DB8:0:0::1"), "2001:db8::1");
  EXPECT_EQ(canonical_ip("::1"), "::1");
  // An IPv4 client on a dual-stack socket is the same client as over IPv4.
  EXPECT_EQ(canonical_ip("::ffff:203.0.113.5"), "203.0.113.5");
  EXPECT_EQ(canonical_ip("::FFFF:CB00:7105"), "203.0.113.5");
}

TEST(CanonicalIp, AnythingElseIsNoAddress) {
  for (const char* text :
       {"", "localhost", "203.0.113", "203.0.113.5:80", "[::1]", "203.0.113.5 ", "1.2.3.4/32", "unknown", "::1%eth0"}) {
    EXPECT_EQ(canonical_ip(text), "") << text;
  }
}

// Found by client_address_fuzz: the parser read the text only up to its first NUL byte.
TEST(CanonicalIp, ATextWithANulByteIsNoAddressWhateverComesFirst) {
  using namespace std::string_literals;
  for (const std::string& text : {"::\0\0001"s, "203.0.113.5\0"s, "203.0.113.5\0garbage"s, "\0"s}) {
    EXPECT_EQ(canonical_ip(text), "") << text.size();
  }
  // The walk stops at such an entry as at any malformed one.
  EXPECT_EQ(client_address(from("10.0.0.1", "6.6.6.6, 203.0.113.5\0"s), kOneProxy), "10.0.0.1");
}

TEST(ClientAddress, IsTheSocketsPeerWithoutATrustedProxy) {
  EXPECT_EQ(client_address(from("198.51.100.7"), kNoProxy), "198.51.100.7");
  EXPECT_EQ(client_address(from("::ffff:198.51.100.7"), kNoProxy), "198.51.100.7");
}

TEST(ClientAddress, AForwardedForHeaderFromAnUntrustedPeerIsIgnored) {
  // The header is the client's to forge: it must not pick whose failures are counted.
  EXPECT_EQ(client_address(from("198.51.100.7", "203.0.113.5"), kNoProxy), "198.51.100.7");
  EXPECT_EQ(client_address(from("198.51.100.7", "10.0.0.1, 203.0.113.5"), kOneProxy), "198.51.100.7");
}

TEST(ClientAddress, ATrustedProxyNamesTheClientItSaw) {
  EXPECT_EQ(client_address(from("10.0.0.1", "203.0.113.5"), kOneProxy), "203.0.113.5");
  EXPECT_EQ(client_address(from("10.0.0.1", " 2001:DB8::5 "), kOneProxy), "2001:db8::5");
  EXPECT_EQ(client_address(from("10.0.0.1", "::ffff:203.0.113.5"), kOneProxy), "203.0.113.5");
  // The proxy connects over a dual-stack socket: still the configured proxy.
  EXPECT_EQ(client_address(from("::ffff:10.0.0.1", "203.0.113.5"), kOneProxy), "203.0.113.5");
}

TEST(ClientAddress, AChainOfTrustedProxiesIsWalkedFromTheRight) {
  EXPECT_EQ(client_address(from("10.0.0.1", "203.0.113.5, 10.0.0.2"), kTwoProxies), "203.0.113.5");
  EXPECT_EQ(client_address(from("10.0.0.1", "203.0.113.5,10.0.0.2"), kTwoProxies), "203.0.113.5");
  // Entries left of the first untrusted one were written by the client: not believed.
  EXPECT_EQ(client_address(from("10.0.0.1", "6.6.6.6, 203.0.113.5, 10.0.0.2"), kTwoProxies), "203.0.113.5");
  // A proxy that is not configured as trusted ends the walk: it is the client as far as we know.
  EXPECT_EQ(client_address(from("10.0.0.1", "203.0.113.5, 10.9.9.9"), kOneProxy), "10.9.9.9");
}

TEST(ClientAddress, AMalformedEntryStopsTheWalkAtTheProxy) {
  for (const char* header : {"garbage", "203.0.113.5, garbage", "203.0.113.5:4711", "203.0.113.5,", ",",
                             "unknown, 10.0.0.2", "[2001:db8::5]"}) {
    EXPECT_EQ(client_address(from("10.0.0.1", header), kTwoProxies), "10.0.0.1") << header;
  }
}

TEST(ClientAddress, WithoutAHeaderOrWithOnlyTrustedProxiesItIsTheProxy) {
  EXPECT_EQ(client_address(from("10.0.0.1"), kOneProxy), "10.0.0.1");
  EXPECT_EQ(client_address(from("10.0.0.1", "10.0.0.2"), kTwoProxies), "10.0.0.1");
}

TEST(ClientLimitKey, CountsIpv4AddressesOneByOne) {
  EXPECT_EQ(client_limit_key("203.0.113.5"), "203.0.113.5");
  EXPECT_NE(client_limit_key("203.0.113.5"), client_limit_key("203.0.113.6"));
}

TEST(ClientLimitKey, CountsIpv6ByItsSlash64) {
  EXPECT_EQ(client_limit_key("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
  // One host usually holds a whole /64: hopping inside it changes nothing.
  EXPECT_EQ(client_limit_key("2001:db8:1:2::1"), client_limit_key("2001:db8:1:2:ffff:ffff:ffff:ffff"));
  EXPECT_NE(client_limit_key("2001:db8:1:2::1"), client_limit_key("2001:db8:1:3::1"));
  EXPECT_EQ(client_limit_key("::1"), "::/64");
}

TEST(ClientLimitKey, AMappedIpv4ClientIsKeyedAsIpv4) {
  const auto request = from("::ffff:203.0.113.5");
  EXPECT_EQ(client_limit_key(client_address(request, kNoProxy)), "203.0.113.5");
  // Otherwise every IPv4 client of a dual-stack socket would share the one ::ffff:0:0/64 key.
  EXPECT_NE(client_limit_key(client_address(from("::ffff:203.0.113.5"), kNoProxy)),
            client_limit_key(client_address(from("::ffff:203.0.113.6"), kNoProxy)));
}

}  // namespace
}  // namespace iiv::stub
