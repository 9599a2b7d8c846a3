#pragma once
// The server's configuration, from its command line. Everything is checked here, at
// start-up, so a bad setting stops the server instead of surfacing in a request. Every
// limit has its safe default in the struct that uses it; the flags and --help are one
// table (stub_config.cpp), so a flag, its check and its help never drift apart.
#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/http/server_limits.hpp"
#include "common/result.hpp"
#include "stub/api/access_policy.hpp"
#include "stub/api/reviewer_rate.hpp"
#include "stub/auth/auth_throttle.hpp"
#include "stub/http/static_files.hpp"
#include "stub/stripe/retry_policy.hpp"
#include "stub/stripe/stripe_budget.hpp"

namespace iiv::stub {

// Stripe requires FileLinks to identity files to expire within 30 seconds.
constexpr int kMaxLinkLifetimeSeconds = 30;

struct StubConfig {
  std::string host = "127.0.0.1";
  int port = 8787;
  std::string stripe_base_url = "https://api.stripe.com";
  std::string key_file;  // empty: the STRIPE_API_KEY environment variable
  std::string reviewers_file;
  std::string audit_log;  // empty: audit lines go to the stderr log
  std::vector<StaticMount> statics;
  std::vector<std::string> cors_origins;
  // Where the FileLink URLs point (the viewer's allow-list and the pages' CSP).
  std::vector<std::string> files_origins;
  int link_lifetime_s = kMaxLinkLifetimeSeconds;
  AccessSettings access;
  // The operator declares the restricted key IP-restricted (Stripe then shows sensitive
  // results older than 48 hours); summaries say so, so pages offer what can succeed.
  bool key_ip_restricted = false;
  std::optional<int> metrics_port;  // a separate loopback listener for /metrics
  int threads = 32;                 // request workers (the I/O itself is event-driven)
  common::ServerLimits limits;
  std::vector<std::string> trusted_proxies;
  AuthThrottleSettings auth_throttle;
  std::chrono::seconds refusal_audit_interval{60};
  ReviewerRateSettings reviewer_rate;
  int stripe_connections = 16;
  StripeBudgetSettings stripe_budget;
  // The budget's mode follows the key's (a live key: live limits; else sandbox), decided at start.
  bool stripe_budget_by_key = true;
  RetrySettings retry;
  bool show_help = false;
};

common::Result<StubConfig, std::string> parse_config(const std::vector<std::string>& args);

std::string usage_text();

// The one configuration log line (everything but secrets; the key is added by the caller
// as mask_key).
nlohmann::json describe_config(const StubConfig& config);
// The one "effective access" line: images on/off, which sensitive fields may ever show.
nlohmann::json describe_access(const AccessSettings& access);

// http is accepted only for loopback hosts (the emulator); anything else must be https.
common::Result<common::Done, std::string> check_stripe_base_url(const std::string& url);

}  // namespace iiv::stub
