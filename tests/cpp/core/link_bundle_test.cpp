#include "core/link_bundle.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

namespace iiv {
namespace {

using Json = nlohmann::json;

constexpr std::int64_t kNow = 1764100000;
constexpr std::string_view kSecret = "SECRET_TOKEN_abc123";

Json image(std::string role, std::string url, std::int64_t expiresAt = kNow + 30) {
  return Json{
      {"role", role}, {"file", "file_" + role}, {"file_link", "link_" + role}, {"url", url}, {"expires_at", expiresAt}};
}

std::string stripeUrl() { return "https://files.stripe.com/links/" + std::string(kSecret); }

Json validBundle() {
  return Json{{"verification_session", "vs_123"},
              {"verification_report", "vr_456"},
              {"issued_at", kNow},
              {"images", Json::array({image("document_front", stripeUrl()), image("document_back", stripeUrl()),
                                      image("selfie_document", stripeUrl()), image("selfie_face", stripeUrl())})}};
}

std::variant<LinkBundle, Failure> validate(const Json& bundle, const LinkPolicy& policy = {}, std::int64_t now = kNow) {
  return validateLinkBundle(bundle.dump(), now, policy);
}

// Asserts a refusal with `code`, and that the message names `mentions` and never the secret path.
void expectRefused(const std::variant<LinkBundle, Failure>& result, ErrorCode code, std::string_view mentions = "") {
  ASSERT_TRUE(std::holds_alternative<Failure>(result)) << "accepted, expected " << errorCodeName(code);
  const auto& failure = std::get<Failure>(result);
  EXPECT_EQ(errorCodeName(failure.code), errorCodeName(code)) << failure.message;
  EXPECT_NE(failure.message.find(mentions), std::string::npos)
      << "message \"" << failure.message << "\" does not mention \"" << mentions << "\"";
  EXPECT_EQ(failure.message.find(kSecret), std::string::npos) << "message leaks the URL: " << failure.message;
  EXPECT_EQ(failure.message.find("/links/"), std::string::npos) << "message leaks the URL: " << failure.message;
}

const LinkBundle& accepted(const std::variant<LinkBundle, Failure>& result) {
  static const LinkBundle kEmpty;
  if (const auto* failure = std::get_if<Failure>(&result)) {
    ADD_FAILURE() << "refused: " << errorCodeName(failure->code) << ": " << failure->message;
    return kEmpty;
  }
  return std::get<LinkBundle>(result);
}

Json withFirstImageUrl(std::string url) {
  Json bundle = validBundle();
  bundle["images"][0]["url"] = std::move(url);
  return bundle;
}

TEST(LinkBundle, AcceptsAValidBundleAndKeepsEveryField) {
  const auto result = validate(validBundle());
  const LinkBundle& bundle = accepted(result);
  EXPECT_EQ(bundle.verificationSession, "vs_123");
  EXPECT_EQ(bundle.verificationReport, "vr_456");
  EXPECT_EQ(bundle.issuedAt, kNow);
  ASSERT_EQ(bundle.images.size(), 4u);
  EXPECT_EQ(bundle.images[0].role, "document_front");
  EXPECT_EQ(bundle.images[3].role, "selfie_face");
  EXPECT_EQ(bundle.images[2].file, "file_selfie_document");
  EXPECT_EQ(bundle.images[1].fileLink, "link_document_back");
  EXPECT_EQ(bundle.images[0].url, stripeUrl());
  EXPECT_EQ(bundle.images[0].expiresAt, kNow + 30);
}

TEST(LinkBundle, AcceptsASingleImageAndKeepsTheUrlAsWritten) {
  Json bundle = validBundle();
  bundle["images"] = Json::array({image("selfie_face", "HTTPS://Files.Stripe.COM:443/links/AbC")});
  const auto result = validate(bundle);
  ASSERT_EQ(accepted(result).images.size(), 1u);
  EXPECT_EQ(accepted(result).images[0].url, "HTTPS://Files.Stripe.COM:443/links/AbC");
}

TEST(LinkBundle, RefusesTextThatIsNotAJsonObject) {
  expectRefused(validateLinkBundle("", kNow, {}), ErrorCode::BadJson);
  expectRefused(validateLinkBundle("{", kNow, {}), ErrorCode::BadJson);
  expectRefused(validateLinkBundle("{\"images\": [}", kNow, {}), ErrorCode::BadJson);
  expectRefused(validateLinkBundle("[]", kNow, {}), ErrorCode::BadJson, "object");
  expectRefused(validateLinkBundle("null", kNow, {}), ErrorCode::BadJson);
  expectRefused(validateLinkBundle("\"vs_1\"", kNow, {}), ErrorCode::BadJson);
  expectRefused(validateLinkBundle(validBundle().dump() + " {}", kNow, {}), ErrorCode::BadJson);
  expectRefused(validateLinkBundle("{\"a\": \"\xff\"}", kNow, {}), ErrorCode::BadJson);
}

TEST(LinkBundle, RefusesOversizedTextBeforeParsing) {
  Json bundle = validBundle();
  bundle["verification_session"] = std::string(kMaxBundleBytes, 'x');
  expectRefused(validate(bundle), ErrorCode::BadJson, "larger than");
  // Padding with whitespace up to the limit is still fine.
  std::string text = validBundle().dump();
  text.append(kMaxBundleBytes - text.size(), ' ');
  EXPECT_TRUE(std::holds_alternative<LinkBundle>(validateLinkBundle(text, kNow, {})));
}

TEST(LinkBundle, RefusesDuplicateKeysBecauseParsersDisagreeOnThem) {
  std::string text = validBundle().dump();
  // Same URL key twice in the first image: which one would be fetched is parser-dependent.
  const std::string firstUrl = "\"url\":";
  const auto at = text.find(firstUrl);
  ASSERT_NE(at, std::string::npos);
  text.insert(at, "\"url\":\"https://evil.test/x\",");
  expectRefused(validateLinkBundle(text, kNow, {}), ErrorCode::BadJson, "repeats");

  const std::string topLevel = "{\"issued_at\":1," + validBundle().dump().substr(1);
  expectRefused(validateLinkBundle(topLevel, kNow, {}), ErrorCode::BadJson);
}

TEST(LinkBundle, EqualKeysInDifferentObjectsAreFine) {
  // Every image has "role", "url", ...: only repeats within one object are duplicates.
  EXPECT_TRUE(std::holds_alternative<LinkBundle>(validate(validBundle())));
}

TEST(LinkBundle, RefusesMissingFields) {
  for (const char* field : {"verification_session", "verification_report", "issued_at", "images"}) {
    Json bundle = validBundle();
    bundle.erase(field);
    expectRefused(validate(bundle), ErrorCode::BadBundle, field);
  }
  for (const char* field : {"role", "file", "file_link", "url", "expires_at"}) {
    Json bundle = validBundle();
    bundle["images"][1].erase(field);
    expectRefused(validate(bundle), ErrorCode::BadBundle, std::string("images[1].") + field);
  }
}

TEST(LinkBundle, RefusesWrongTypes) {
  const std::vector<std::pair<std::string, Json>> topLevel = {
      {"verification_session", 12}, {"verification_session", ""}, {"verification_report", nullptr},
      {"issued_at", "1764100000"},  {"issued_at", 1764100000.5},  {"issued_at", true},
      {"images", Json::object()},   {"images", "document_front"},
  };
  for (const auto& [field, value] : topLevel) {
    Json bundle = validBundle();
    bundle[field] = value;
    expectRefused(validate(bundle), ErrorCode::BadBundle, field);
  }
  const std::vector<std::pair<std::string, Json>> perImage = {
      {"role", 1}, {"file", Json::array()}, {"file_link", false},        {"url", Json::object()},
      {"url", ""}, {"expires_at", "soon"},  {"expires_at", 1.5e9 + 0.5}, {"expires_at", nullptr},
  };
  for (const auto& [field, value] : perImage) {
    Json bundle = validBundle();
    bundle["images"][2][field] = value;
    expectRefused(validate(bundle), ErrorCode::BadBundle, "images[2]." + field);
  }
  Json notAnObject = validBundle();
  notAnObject["images"][0] = stripeUrl();
  expectRefused(validate(notAnObject), ErrorCode::BadBundle, "images[0]");
}

TEST(LinkBundle, RefusesOutOfRangeIntegers) {
  Json bundle = validBundle();
  bundle["images"][0]["expires_at"] = std::uint64_t{18446744073709551615u};
  expectRefused(validate(bundle), ErrorCode::BadBundle, "out of range");
}

TEST(LinkBundle, RefusesUnknownFields) {
  Json bundle = validBundle();
  bundle["livemode"] = false;
  expectRefused(validate(bundle), ErrorCode::BadBundle, "livemode");
  Json inImage = validBundle();
  inImage["images"][3]["purpose"] = "identity_document";
  expectRefused(validate(inImage), ErrorCode::BadBundle, "purpose");
}

TEST(LinkBundle, RefusesEmptyImages) {
  Json bundle = validBundle();
  bundle["images"] = Json::array();
  expectRefused(validate(bundle), ErrorCode::BadBundle, "empty");
}

TEST(LinkBundle, RefusesUnknownRoles) {
  for (const char* role : {"passport", "DOCUMENT_FRONT", "document_front ", "", "selfie"}) {
    Json bundle = validBundle();
    bundle["images"][1]["role"] = role;
    const ErrorCode expected = std::string_view(role).empty() ? ErrorCode::BadBundle : ErrorCode::UnknownRole;
    expectRefused(validate(bundle), expected, "images[1]");
  }
}

TEST(LinkBundle, RefusesADuplicateRole) {
  Json bundle = validBundle();
  bundle["images"][3]["role"] = "document_front";
  expectRefused(validate(bundle), ErrorCode::BadBundle, "appears twice");
}

TEST(LinkBundle, RefusesNonHttpsUrlsNamingOnlySchemeAndHost) {
  expectRefused(validate(withFirstImageUrl("http://files.stripe.com/links/" + std::string(kSecret))),
                ErrorCode::InsecureUrl, "http://files.stripe.com");
  expectRefused(validate(withFirstImageUrl("ftp://files.stripe.com/links/" + std::string(kSecret))),
                ErrorCode::InsecureUrl, "ftp");
  expectRefused(validate(withFirstImageUrl("wss://files.stripe.com/links/" + std::string(kSecret))),
                ErrorCode::InsecureUrl, "wss");
  expectRefused(validate(withFirstImageUrl("data:image/png;base64,AAAA")), ErrorCode::InsecureUrl, "images[0].url");
  expectRefused(validate(withFirstImageUrl("/links/" + std::string(kSecret))), ErrorCode::InsecureUrl);
}

TEST(LinkBundle, AllowsPlainHttpOnlyForLoopbackHostsOnTheAllowList) {
  LinkPolicy policy;
  policy.extraAllowedHosts = {"127.0.0.1:4555", "localhost:4555", "[::1]:4555", "10.0.0.5:4555"};
  for (const char* url : {"http://127.0.0.1:4555/links/x", "http://localhost:4555/links/x", "http://[::1]:4555/links/x",
                          "http://LOCALHOST:4555/links/x"}) {
    EXPECT_TRUE(std::holds_alternative<LinkBundle>(validate(withFirstImageUrl(url), policy))) << url;
  }
  expectRefused(validate(withFirstImageUrl("http://10.0.0.5:4555/links/" + std::string(kSecret)), policy),
                ErrorCode::InsecureUrl, "http://10.0.0.5");
  // Loopback makes http acceptable, not the host: it must still be allow-listed.
  expectRefused(validate(withFirstImageUrl("http://127.0.0.1:9999/links/" + std::string(kSecret)), policy),
                ErrorCode::HostNotAllowed, "127.0.0.1:9999");
  expectRefused(validate(withFirstImageUrl("http://127.0.0.1:4555/links/x")), ErrorCode::HostNotAllowed);
}

TEST(LinkBundle, RefusesUserinfoInTheUrl) {
  expectRefused(validate(withFirstImageUrl("https://files.stripe.com@evil.test/links/" + std::string(kSecret))),
                ErrorCode::InsecureUrl, "https://evil.test");
  expectRefused(validate(withFirstImageUrl("https://u:p@files.stripe.com/links/" + std::string(kSecret))),
                ErrorCode::InsecureUrl, "user name");
}

TEST(LinkBundle, RefusesMalformedUrlsWithoutEchoingThem) {
  for (const std::string& url : {"https://files.stripe.com\\@evil.test/links/" + std::string(kSecret),
                                 " https://files.stripe.com/links/" + std::string(kSecret),
                                 "https://files.stripe.com/links/" + std::string(kSecret) + "\n",
                                 "https://files%2estripe.com/links/" + std::string(kSecret)}) {
    expectRefused(validate(withFirstImageUrl(url)), ErrorCode::InsecureUrl, "not a well-formed URL");
  }
}

TEST(LinkBundle, RefusesHostsOffTheAllowList) {
  for (const std::string_view host : {"files.stripe.com.evil.test", "evil.test", "files.stripe.com.", "stripe.com",
                                      "xfiles.stripe.com", "files.stripe.co"}) {
    expectRefused(validate(withFirstImageUrl("https://" + std::string(host) + "/links/" + std::string(kSecret))),
                  ErrorCode::HostNotAllowed, "\"" + std::string(host) + "\"");
  }
  expectRefused(validate(withFirstImageUrl("https://evil.test/?files.stripe.com")), ErrorCode::HostNotAllowed,
                "evil.test");
  expectRefused(validate(withFirstImageUrl("https://files.stripe.com:8443/links/" + std::string(kSecret))),
                ErrorCode::HostNotAllowed, "files.stripe.com:8443");
}

TEST(LinkBundle, AllowListEntriesMatchHostAndPortExactly) {
  LinkPolicy policy;
  policy.extraAllowedHosts = {"Files.Example.Test", "127.0.0.1:4555", "not a host", "https://x.test/"};
  EXPECT_TRUE(
      std::holds_alternative<LinkBundle>(validate(withFirstImageUrl("https://files.example.test/links/x"), policy)));
  EXPECT_TRUE(std::holds_alternative<LinkBundle>(
      validate(withFirstImageUrl("https://files.example.test:443/links/x"), policy)));
  EXPECT_TRUE(
      std::holds_alternative<LinkBundle>(validate(withFirstImageUrl("https://127.0.0.1:4555/links/x"), policy)));
  expectRefused(validate(withFirstImageUrl("https://files.example.test:8443/links/x"), policy),
                ErrorCode::HostNotAllowed);
  expectRefused(validate(withFirstImageUrl("https://127.0.0.1:4556/links/x"), policy), ErrorCode::HostNotAllowed);
  expectRefused(validate(withFirstImageUrl("https://127.0.0.1/links/x"), policy), ErrorCode::HostNotAllowed);
  expectRefused(validate(withFirstImageUrl("https://sub.files.example.test/links/x"), policy),
                ErrorCode::HostNotAllowed);
  expectRefused(validate(withFirstImageUrl("https://x.test/links/x"), policy), ErrorCode::HostNotAllowed);
}

TEST(LinkBundle, TheDefaultFilesHostIsAlwaysAllowed) {
  LinkPolicy policy;
  policy.extraAllowedHosts = {"files.example.test"};
  EXPECT_TRUE(std::holds_alternative<LinkBundle>(validate(validBundle(), policy)));
}

TEST(LinkBundle, RefusesExpiredLinksWithTheDefaultSkew) {
  // Expired means expires_at <= now - skew (default 5 s).
  Json bundle = validBundle();
  bundle["images"][2]["expires_at"] = kNow - 5;
  expectRefused(validate(bundle), ErrorCode::LinkExpired, "selfie_document");
  bundle["images"][2]["expires_at"] = kNow - 4;
  EXPECT_TRUE(std::holds_alternative<LinkBundle>(validate(bundle)));
}

TEST(LinkBundle, ClockSkewIsConfigurableAndCapped) {
  Json bundle = validBundle();
  bundle["images"][0]["expires_at"] = kNow - 30;
  LinkPolicy policy;
  policy.clockSkewSeconds = 30;
  expectRefused(validate(bundle, policy), ErrorCode::LinkExpired);
  policy.clockSkewSeconds = 31;
  EXPECT_TRUE(std::holds_alternative<LinkBundle>(validate(bundle, policy)));

  bundle["images"][0]["expires_at"] = kNow - 60;
  policy.clockSkewSeconds = 3600;  // capped at 60
  expectRefused(validate(bundle, policy), ErrorCode::LinkExpired);
  bundle["images"][0]["expires_at"] = kNow - 59;
  EXPECT_TRUE(std::holds_alternative<LinkBundle>(validate(bundle, policy)));

  bundle["images"][0]["expires_at"] = kNow;
  policy.clockSkewSeconds = -10;  // treated as 0
  expectRefused(validate(bundle, policy), ErrorCode::LinkExpired);
  bundle["images"][0]["expires_at"] = kNow + 1;
  EXPECT_TRUE(std::holds_alternative<LinkBundle>(validate(bundle, policy)));
}

TEST(LinkBundle, RefusesLinksThatLiveLongerThanStripeAllowsPlusTheSkew) {
  // Stripe caps identity FileLinks at 30 s; with the default 5 s skew, 35 s is the most.
  Json bundle = validBundle();
  bundle["images"][1]["expires_at"] = kNow + 35;
  EXPECT_TRUE(std::holds_alternative<LinkBundle>(validate(bundle)));
  bundle["images"][1]["expires_at"] = kNow + 36;
  expectRefused(validate(bundle), ErrorCode::LinkLifetimeTooLong, "document_back");

  // The case that used to pass silently: a link valid for a day.
  bundle["images"][1]["expires_at"] = kNow + 86400;
  expectRefused(validate(bundle), ErrorCode::LinkLifetimeTooLong, "86400 s");
}

TEST(LinkBundle, TheLifetimeIsMeasuredFromIssuedAtNotFromNow) {
  // A bundle issued 20 s ago whose links expire 40 s after issue: still valid by the
  // clock, but never a link Stripe would have made.
  Json bundle = validBundle();
  bundle["issued_at"] = kNow - 20;
  for (auto& image : bundle["images"]) image["expires_at"] = kNow + 10;
  EXPECT_TRUE(std::holds_alternative<LinkBundle>(validate(bundle)));
  bundle["images"][0]["expires_at"] = kNow + 20;
  expectRefused(validate(bundle), ErrorCode::LinkLifetimeTooLong, "40 s");
}

TEST(LinkBundle, TheLifetimeAllowanceFollowsTheClockSkew) {
  Json bundle = validBundle();
  bundle["images"][0]["expires_at"] = kNow + 40;
  LinkPolicy policy;
  policy.clockSkewSeconds = 9;
  expectRefused(validate(bundle, policy), ErrorCode::LinkLifetimeTooLong);
  policy.clockSkewSeconds = 10;
  EXPECT_TRUE(std::holds_alternative<LinkBundle>(validate(bundle, policy)));
  policy.clockSkewSeconds = 0;
  bundle["images"][0]["expires_at"] = kNow + 31;
  expectRefused(validate(bundle, policy), ErrorCode::LinkLifetimeTooLong);
}

TEST(LinkBundle, ReportsTheFirstProblemInImageOrder) {
  Json bundle = validBundle();
  bundle["images"][1]["url"] = "https://evil.test/x";
  bundle["images"][2]["role"] = "passport";
  expectRefused(validate(bundle), ErrorCode::HostNotAllowed, "images[1]");
}

TEST(LinkBundle, KnownRolesAreExactlyTheFour) {
  EXPECT_TRUE(isKnownImageRole("document_front"));
  EXPECT_TRUE(isKnownImageRole("document_back"));
  EXPECT_TRUE(isKnownImageRole("selfie_document"));
  EXPECT_TRUE(isKnownImageRole("selfie_face"));
  EXPECT_FALSE(isKnownImageRole("selfie"));
  EXPECT_FALSE(isKnownImageRole(""));
}

}  // namespace
}  // namespace iiv
