#include "stub/config/stub_config.hpp"

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <sstream>

#include <gtest/gtest.h>

namespace iiv::stub {
namespace {

using Parsed = common::Result<StubConfig, std::string>;

Parsed parse(std::vector<std::string> args) {
  args.insert(args.begin(), {"--reviewers", "r.json"});
  return parse_config(args);
}

// The refusal's message, or "" when `parsed` was taken.
std::string refusal(const Parsed& parsed) { return parsed.ok() ? std::string() : parsed.error(); }

TEST(StubConfig, DefaultsAreSafe) {
  const auto parsed = parse({});
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(parsed->stripe_base_url, "https://api.stripe.com");
  EXPECT_EQ(parsed->host, "127.0.0.1");
  EXPECT_EQ(parsed->link_lifetime_s, 30);
  EXPECT_TRUE(parsed->access.images_allowed);
  EXPECT_TRUE(parsed->access.sensitive_allowed.empty());
  EXPECT_TRUE(parsed->cors_origins.empty());
  EXPECT_TRUE(parsed->trusted_proxies.empty());
  EXPECT_EQ(parsed->files_origins, (std::vector<std::string>{"https://files.stripe.com"}));
  EXPECT_FALSE(parsed->key_ip_restricted);
  EXPECT_FALSE(parsed->metrics_port.has_value());
  EXPECT_GT(parsed->auth_throttle.max_failures, 0);
  EXPECT_GT(parsed->reviewer_rate.bundles_per_minute, 0);
  EXPECT_EQ(parsed->limits.max_body_bytes, 16u * 1024);
  EXPECT_EQ(parsed->limits.max_header_bytes, 16u * 1024);
  EXPECT_EQ(parsed->limits.max_header_fields, 100u);
}

TEST(StubConfig, LinkLifetimeAboveThirtySecondsIsRefused) {
  const auto parsed = parse({"--link-lifetime-s", "31"});
  EXPECT_FALSE(parsed.ok());
  EXPECT_NE(refusal(parsed).find("30 seconds"), std::string::npos);
  EXPECT_EQ(parse({"--link-lifetime-s", "12"})->link_lifetime_s, 12);
  EXPECT_FALSE(parse({"--link-lifetime-s", "0"}).ok());
  EXPECT_FALSE(parse({"--link-lifetime-s", "99999999999"}).ok());
}

TEST(StubConfig, KeyIpRestrictedIsAFlagWithoutValue) {
  EXPECT_FALSE(parse({})->key_ip_restricted);
  const auto parsed = parse({"--key-ip-restricted", "--port", "9000"});
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_TRUE(parsed->key_ip_restricted);
  EXPECT_EQ(parsed->port, 9000);
  EXPECT_EQ(describe_config(*parsed)["key_ip_restricted"], true);
  EXPECT_NE(usage_text().find("--key-ip-restricted"), std::string::npos);
}

TEST(StubConfig, AccessFlags) {
  const auto parsed = parse({"--images", "off", "--allow-sensitive", "dob,document_number"});
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_FALSE(parsed->access.images_allowed);
  EXPECT_EQ(parsed->access.sensitive_allowed,
            (SensitiveFieldSet{SensitiveField::dob, SensitiveField::document_number}));
  EXPECT_FALSE(parse({"--allow-sensitive", "address"}).ok());
  EXPECT_FALSE(parse({"--images", "maybe"}).ok());
  EXPECT_TRUE(parse({"--allow-sensitive", "none"})->access.sensitive_allowed.empty());
  const auto access = describe_access(parsed->access);
  EXPECT_EQ(access["images"], "off");
  EXPECT_EQ(access["sensitive_fields"], nlohmann::json({"dob", "document_number"}));
}

TEST(StubConfig, PlainHttpOnlyForLoopback) {
  EXPECT_TRUE(parse({"--stripe-base-url", "http://127.0.0.1:4242"}).ok());
  EXPECT_TRUE(parse({"--stripe-base-url", "http://localhost:4242"}).ok());
  EXPECT_TRUE(parse({"--stripe-base-url", "http://[::1]:4242"}).ok());
  EXPECT_TRUE(parse({"--stripe-base-url", "https://api.stripe.com"}).ok());
  EXPECT_FALSE(parse({"--stripe-base-url", "http://api.stripe.com"}).ok());
  EXPECT_FALSE(parse({"--stripe-base-url", "http://127.0.0.1.evil.test"}).ok());
  EXPECT_FALSE(parse({"--stripe-base-url", "https://api.stripe.com/v1"}).ok());
  EXPECT_FALSE(parse({"--stripe-base-url", "https://user@api.stripe.com"}).ok());
  EXPECT_FALSE(parse({"--stripe-base-url", "ftp://x"}).ok());
}

TEST(StubConfig, RefusesMistakes) {
  EXPECT_NE(refusal(parse_config({})).find("--reviewers"), std::string::npos);  // no reviewers file
  EXPECT_NE(refusal(parse({"--port"})).find("needs a value"), std::string::npos);
  EXPECT_NE(refusal(parse({"--bogus", "1"})).find("unknown flag --bogus"), std::string::npos);
  EXPECT_FALSE(parse({"--cors-origin", "*"}).ok());
  EXPECT_FALSE(parse({"--cors-origin", "http://localhost:5173/"}).ok());
  EXPECT_FALSE(parse({"--static", "/=/no/such/folder"}).ok());
  EXPECT_FALSE(parse({"--static", "/api=."}).ok());
  EXPECT_TRUE(parse({"--cors-origin", "http://localhost:5173"}).ok());
}

TEST(StubConfig, AStaticMountGivenTwiceIsRefused) {
  const std::string here = std::filesystem::current_path().string();
  EXPECT_TRUE(parse({"--static", "/=" + here, "--static", "/viewer=" + here}).ok());
  EXPECT_NE(refusal(parse({"--static", "/v=" + here, "--static", "/v/=" + here})).find("twice"), std::string::npos);
}

TEST(StubConfig, HelpNeedsNothingElse) {
  const auto parsed = parse_config({"--help"});
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_TRUE(parsed->show_help);
}

// Every whole-number flag: both ends of its range are taken and applied, one beyond either
// end and anything not a plain number is refused with a message naming the flag and range.
struct NumberFlag {
  const char* flag;
  long long min;
  long long max;
  std::vector<std::string> companions;  // other flags that make the extremes consistent
  std::function<long long(const StubConfig&)> get;
};

std::vector<NumberFlag> number_flags() {
  using C = const StubConfig&;
  return {
      {"--port", 0, 65535, {}, [](C c) { return static_cast<long long>(c.port); }},
      {"--metrics-port", 0, 65535, {}, [](C c) { return static_cast<long long>(c.metrics_port.value_or(-1)); }},
      {"--threads", 1, 1024, {}, [](C c) { return static_cast<long long>(c.threads); }},
      {"--max-header-bytes",
       1024,
       1024 * 1024,
       {},
       [](C c) { return static_cast<long long>(c.limits.max_header_bytes); }},
      {"--max-header-fields", 8, 10000, {}, [](C c) { return static_cast<long long>(c.limits.max_header_fields); }},
      {"--max-target-bytes",
       64,
       1024 * 1024,
       {},
       [](C c) { return static_cast<long long>(c.limits.max_target_bytes); }},
      {"--max-body-bytes",
       0,
       16 * 1024 * 1024,
       {},
       [](C c) { return static_cast<long long>(c.limits.max_body_bytes); }},
      {"--head-timeout-ms", 100, 600000, {}, [](C c) { return static_cast<long long>(c.limits.head_timeout.count()); }},
      {"--body-timeout-ms", 100, 600000, {}, [](C c) { return static_cast<long long>(c.limits.body_timeout.count()); }},
      {"--idle-timeout-ms",
       100,
       3600000,
       {},
       [](C c) { return static_cast<long long>(c.limits.idle_timeout.count()); }},
      {"--write-timeout-ms",
       100,
       600000,
       {},
       [](C c) { return static_cast<long long>(c.limits.write_timeout.count()); }},
      {"--max-connections",
       1,
       1000000,
       {"--max-connections-per-address", "1"},
       [](C c) { return static_cast<long long>(c.limits.max_connections); }},
      {"--max-connections-per-address",
       1,
       1000000,
       {"--max-connections", "1000000"},
       [](C c) { return static_cast<long long>(c.limits.max_connections_per_address); }},
      {"--max-queued-requests",
       1,
       1000000,
       {},
       [](C c) { return static_cast<long long>(c.limits.max_queued_requests); }},
      {"--auth-failures", 0, 1000000, {}, [](C c) { return static_cast<long long>(c.auth_throttle.max_failures); }},
      {"--auth-failure-window-s",
       1,
       86400,
       {},
       [](C c) { return static_cast<long long>(c.auth_throttle.window.count()); }},
      {"--refusal-audit-interval-s",
       1,
       86400,
       {},
       [](C c) { return static_cast<long long>(c.refusal_audit_interval.count()); }},
      {"--reviewer-bundles-per-minute",
       0,
       1000000,
       {},
       [](C c) { return static_cast<long long>(c.reviewer_rate.bundles_per_minute); }},
      {"--reviewer-bundle-burst", 1, 1000000, {}, [](C c) { return static_cast<long long>(c.reviewer_rate.burst); }},
      {"--stripe-connections", 1, 256, {}, [](C c) { return static_cast<long long>(c.stripe_connections); }},
      {"--stripe-budget-max-wait-ms",
       0,
       60000,
       {},
       [](C c) { return static_cast<long long>(c.stripe_budget.max_wait.count()); }},
      {"--stripe-timeout-ms",
       50,
       120000,
       {"--retry-budget-ms", "600000"},
       [](C c) { return static_cast<long long>(c.retry.attempt_timeout.count()); }},
      {"--retry-max-attempts", 1, 10, {}, [](C c) { return static_cast<long long>(c.retry.max_attempts); }},
      {"--retry-budget-ms",
       50,
       600000,
       {"--stripe-timeout-ms", "50"},
       [](C c) { return static_cast<long long>(c.retry.total_budget.count()); }},
  };
}

Parsed parse_with(const NumberFlag& f, const std::string& value) {
  std::vector<std::string> args = f.companions;
  args.push_back(f.flag);
  args.push_back(value);
  return parse(args);
}

TEST(StubConfig, EveryNumberFlagTakesExactlyItsRange) {
  for (const NumberFlag& f : number_flags()) {
    SCOPED_TRACE(f.flag);
    for (long long edge : {f.min, f.max}) {
      const auto taken = parse_with(f, std::to_string(edge));
      ASSERT_TRUE(taken.ok()) << edge << ": " << taken.error();
      EXPECT_EQ(f.get(*taken), edge);
    }
    const std::string range = std::to_string(f.min) + ".." + std::to_string(f.max);
    for (long long beyond : {f.min - 1, f.max + 1}) {
      const std::string why = refusal(parse_with(f, std::to_string(beyond)));
      EXPECT_NE(why.find(f.flag), std::string::npos) << beyond << ": " << why;
      EXPECT_NE(why.find(range), std::string::npos) << beyond << ": " << why;
    }
    for (const char* bad : {"", "abc", "12x", "1.5", " 5", "+5", "0x10", "99999999999999999999999"}) {
      EXPECT_FALSE(parse_with(f, bad).ok()) << "\"" << bad << "\"";
    }
  }
}

TEST(StubConfig, LimitsThatMustAgreeWithEachOtherAreChecked) {
  EXPECT_NE(refusal(parse({"--retry-budget-ms", "1000", "--stripe-timeout-ms", "2000"})).find("--retry-budget-ms"),
            std::string::npos);
  EXPECT_TRUE(parse({"--retry-budget-ms", "2000", "--stripe-timeout-ms", "2000"}).ok());
  EXPECT_NE(refusal(parse({"--max-connections", "10", "--max-connections-per-address", "11"}))
                .find("--max-connections-per-address"),
            std::string::npos);
  EXPECT_TRUE(parse({"--max-connections", "10", "--max-connections-per-address", "10"}).ok());
}

TEST(StubConfig, OnOffAndChoiceFlags) {
  EXPECT_TRUE(parse({"--key-ip-restricted"})->key_ip_restricted) << "a switch";
  EXPECT_FALSE(parse({})->key_ip_restricted);
  EXPECT_TRUE(parse({})->stripe_budget_by_key) << "auto by default: the key's mode decides";
  EXPECT_TRUE(parse({"--stripe-budget", "auto"})->stripe_budget_by_key);
  const std::pair<const char*, StripeBudgetMode> modes[] = {
      {"sandbox", StripeBudgetMode::sandbox}, {"live", StripeBudgetMode::live}, {"off", StripeBudgetMode::off}};
  for (const auto& [name, mode] : modes) {
    const auto parsed = parse({"--stripe-budget", name});
    ASSERT_TRUE(parsed.ok()) << name;
    EXPECT_FALSE(parsed->stripe_budget_by_key) << name;
    EXPECT_EQ(parsed->stripe_budget.mode, mode) << name;
  }
  EXPECT_EQ(parse({"--stripe-budget-max-waiting", "5"})->stripe_budget.max_waiting, 5);
  EXPECT_NE(refusal(parse({"--stripe-budget", "test"})).find("--stripe-budget"), std::string::npos);
}

TEST(StubConfig, TheBudgetFractionIsAboveZeroAndAtMostOne) {
  EXPECT_DOUBLE_EQ(parse({"--stripe-budget-fraction", "1"})->stripe_budget.safety_fraction, 1.0);
  EXPECT_DOUBLE_EQ(parse({"--stripe-budget-fraction", "0.25"})->stripe_budget.safety_fraction, 0.25);
  for (const char* bad : {"0", "-0.5", "1.01", "2", "abc", "0.5x", "", "nan", "inf"}) {
    EXPECT_NE(refusal(parse({"--stripe-budget-fraction", bad})).find("--stripe-budget-fraction"), std::string::npos)
        << "\"" << bad << "\"";
  }
}

TEST(StubConfig, TrustedProxiesAreAddressesKeptInCanonicalForm) {
  const auto parsed =
      parse({"--trusted-proxy", "10.0.0.1", "--trusted-proxy", "::FFFF:10.0.0.2", "--trusted-proxy", "2001:DB8:0::7"});
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(parsed->trusted_proxies, (std::vector<std::string>{"10.0.0.1", "10.0.0.2", "2001:db8::7"}));
  for (const char* bad : {"proxy.internal", "10.0.0.0/8", "10.0.0.1:8080", ""}) {
    EXPECT_NE(refusal(parse({"--trusted-proxy", bad})).find("--trusted-proxy"), std::string::npos) << bad;
  }
}

TEST(StubConfig, FilesHostsAreOriginsOnHttpsOrLoopback) {
  const auto parsed = parse({"--files-host", "https://files.example", "--files-host", "http://127.0.0.1:4555"});
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  // Given explicitly, they replace Stripe's default.
  EXPECT_EQ(parsed->files_origins, (std::vector<std::string>{"https://files.example", "http://127.0.0.1:4555"}));
  for (const char* bad : {"http://files.example", "https://files.example/links", "files.example", "https://"}) {
    EXPECT_NE(refusal(parse({"--files-host", bad})).find("--files-host"), std::string::npos) << bad;
  }
}

// Every flag the stub takes; the help must list each with what it does without it.
const std::vector<std::string>& all_flags() {
  static const std::vector<std::string> flags = {"--host",
                                                 "--port",
                                                 "--stripe-base-url",
                                                 "--key-file",
                                                 "--key-ip-restricted",
                                                 "--reviewers",
                                                 "--audit-log",
                                                 "--static",
                                                 "--cors-origin",
                                                 "--files-host",
                                                 "--link-lifetime-s",
                                                 "--images",
                                                 "--allow-sensitive",
                                                 "--metrics-port",
                                                 "--threads",
                                                 "--max-header-bytes",
                                                 "--max-header-fields",
                                                 "--max-target-bytes",
                                                 "--max-body-bytes",
                                                 "--head-timeout-ms",
                                                 "--body-timeout-ms",
                                                 "--idle-timeout-ms",
                                                 "--write-timeout-ms",
                                                 "--max-connections",
                                                 "--max-connections-per-address",
                                                 "--max-queued-requests",
                                                 "--trusted-proxy",
                                                 "--auth-failures",
                                                 "--auth-failure-window-s",
                                                 "--refusal-audit-interval-s",
                                                 "--reviewer-bundles-per-minute",
                                                 "--reviewer-bundle-burst",
                                                 "--stripe-connections",
                                                 "--stripe-budget",
                                                 "--stripe-budget-fraction",
                                                 "--stripe-budget-max-wait-ms",
                                                 "--stripe-budget-max-waiting",
                                                 "--stripe-timeout-ms",
                                                 "--retry-max-attempts",
                                                 "--retry-budget-ms"};
  return flags;
}

// The help line of `flag`, or "".
std::string help_line(const std::string& help, const std::string& flag) {
  std::istringstream lines(help);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("  " + flag + " ", 0) == 0) return line;
  }
  return {};
}

TEST(StubConfig, HelpListsEveryFlagTheParserTakesAndNoOther) {
  const std::string help = usage_text();
  std::size_t listed = 0;
  std::istringstream lines(help);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("  --", 0) != 0) continue;
    ++listed;
    const std::string flag = line.substr(2, line.find(' ', 2) - 2);
    // (A switch takes no value: then "x" itself is the unknown flag.)
    EXPECT_EQ(refusal(parse({flag, "x"})).find("unknown flag " + flag), std::string::npos) << flag;
  }
  EXPECT_EQ(listed, all_flags().size()) << help;
  for (const std::string& flag : all_flags()) EXPECT_NE(help_line(help, flag), "") << flag << " is not in --help";
}

TEST(StubConfig, HelpShowsEachFlagsDefault) {
  const std::string help = usage_text();
  const StubConfig d;
  // Flags with a value by default show it in parentheses.
  for (const NumberFlag& f : number_flags()) {
    if (std::string(f.flag) == "--metrics-port") continue;  // off unless given: see below
    const std::string line = help_line(help, f.flag);
    EXPECT_NE(line.find("(" + std::to_string(f.get(d)) + ")"), std::string::npos) << line;
  }
  const std::pair<const char*, const char*> shown[] = {
      {"--host", "(127.0.0.1)"},
      {"--stripe-base-url", "(https://api.stripe.com)"},
      {"--key-ip-restricted", "(off)"},
      {"--link-lifetime-s", "(30)"},
      {"--images", "(on)"},
      {"--stripe-budget", "(auto)"},
      {"--stripe-budget-fraction", "(0.8)"},
      // Flags without a value by default say what happens without them.
      {"--key-file", "STRIPE_API_KEY"},
      {"--reviewers", "required"},
      {"--audit-log", "stderr"},
      {"--cors-origin", "none"},
      {"--files-host", "https://files.stripe.com"},
      {"--allow-sensitive", "(none)"},
      {"--trusted-proxy", "none"},
  };
  for (const auto& [flag, text] : shown) {
    const std::string line = help_line(help, flag);
    EXPECT_NE(line.find(text), std::string::npos) << line;
  }
}

TEST(StubConfig, DescriptionHoldsNoKey) {
  const auto parsed = parse({"--key-file", "/run/key"});
  ASSERT_TRUE(parsed.ok());
  const auto text = describe_config(*parsed).dump();
  EXPECT_NE(text.find("file /run/key"), std::string::npos);
  EXPECT_EQ(text.find("rk_"), std::string::npos);

  // A key from the environment is named by its variable, never by its value.
  ::setenv("STRIPE_API_KEY", "rk_test_NeverInTheLog", 1);
  const auto from_env = parse({});
  ASSERT_TRUE(from_env.ok());
  const auto env_text = describe_config(*from_env).dump();
  ::unsetenv("STRIPE_API_KEY");
  EXPECT_NE(env_text.find("environment STRIPE_API_KEY"), std::string::npos);
  EXPECT_EQ(env_text.find("NeverInTheLog"), std::string::npos);
}

TEST(StubConfig, DescriptionNamesTheAbuseLimitsInForce) {
  const auto parsed = parse({"--auth-failures", "7", "--reviewer-bundles-per-minute", "12", "--trusted-proxy",
                             "10.0.0.1", "--max-body-bytes", "2048"});
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  const auto description = describe_config(*parsed);
  EXPECT_EQ(description["auth_failures"], 7);
  EXPECT_EQ(description["reviewer_bundles_per_minute"], 12);
  EXPECT_EQ(description["trusted_proxies"], nlohmann::json({"10.0.0.1"}));
  EXPECT_EQ(description["http_limits"]["max_body_bytes"], 2048);
}

}  // namespace
}  // namespace iiv::stub
