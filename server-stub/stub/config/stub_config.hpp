#pragma once
// The server's configuration, from its command line. Everything is checked here, at
// start-up, so a bad setting stops the server instead of surfacing in a request.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stub/api/access_policy.hpp"
#include "stub/stripe/retry_policy.hpp"
#include "stub/http/static_files.hpp"

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
  int threads = 32;
  int stripe_connections = 16;
  RetrySettings retry;
  bool show_help = false;
};

struct ParsedConfig {
  std::optional<StubConfig> config;
  std::string error;  // set when config is not
};

ParsedConfig parse_config(const std::vector<std::string>& args);

std::string usage_text();

// The one configuration log line (everything but secrets; the key is added by the caller
// as mask_key).
nlohmann::json describe_config(const StubConfig& config);
// The one "effective access" line: images on/off, which sensitive fields may ever show.
nlohmann::json describe_access(const AccessSettings& access);

// http is accepted only for loopback hosts (the emulator); anything else must be https.
bool is_acceptable_stripe_base_url(const std::string& url, std::string* why);

}  // namespace iiv::stub
