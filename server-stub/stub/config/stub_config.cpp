#include "stub/config/stub_config.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <sstream>

#include "stub/http/client_address.hpp"
#include "stub/http/cors_policy.hpp"
#include "stub/http/page_policy.hpp"

namespace iiv::stub {

namespace {

using common::Done;
using common::Fail;
using Check = common::Result<Done, std::string>;

template <class Int>
common::Result<Int, std::string> parse_number(const std::string& flag, const std::string& text, Int min, Int max) {
  Int value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return Fail(flag + " must be a whole number, " + std::to_string(min) + ".." + std::to_string(max));
  }
  return value;
}

common::Result<double, std::string> parse_fraction(const std::string& flag, const std::string& text) {
  std::istringstream in(text);
  double value = 0;
  in >> value;
  if (!in || !in.eof() || !(value > 0.0) || value > 1.0) return Fail(flag + " must be a number above 0 and at most 1");
  return value;
}

std::string host_of(const std::string& url, std::size_t scheme_length) {
  std::string rest = url.substr(scheme_length);
  if (!rest.empty() && rest.front() == '[') {
    const auto close = rest.find(']');
    return close == std::string::npos ? std::string() : rest.substr(0, close + 1);
  }
  return rest.substr(0, rest.find(':'));
}

// One flag: its name, what its value looks like ("" for a switch, which takes none), what
// it does, and how it is applied.
struct Flag {
  const char* name;
  const char* value;
  const char* help;
  std::function<Check(StubConfig&, const std::string&)> apply;
  bool is_switch() const { return *value == '\0'; }
};

// Applies a whole number in [min, max] through `set`.
template <class Int>
std::function<Check(StubConfig&, const std::string&)> number(const char* flag, Int min, Int max,
                                                             std::function<void(StubConfig&, Int)> set) {
  return [=](StubConfig& config, const std::string& text) -> Check {
    auto value = parse_number<Int>(flag, text, min, max);
    if (!value) return Fail(value.error());
    set(config, *value);
    return Done{};
  };
}

const std::vector<Flag>& flags() {
  using ms = std::chrono::milliseconds;
  static const std::vector<Flag> table = {
      {"--host", "H", "listen address",
       [](StubConfig& c, const std::string& v) -> Check {
         c.host = v;
         return Done{};
       }},
      {"--port", "P", "listen port, 0 for any free one",
       number<int>("--port", 0, 65535, [](StubConfig& c, int v) { c.port = v; })},
      {"--stripe-base-url", "URL", "Stripe API base (http only for a loopback host)",
       [](StubConfig& c, const std::string& v) -> Check {
         c.stripe_base_url = v;
         return Done{};
       }},
      {"--key-file", "FILE",
       "restricted key file (mode 600), re-read on SIGHUP and after a Stripe 401 (without it: STRIPE_API_KEY)",
       [](StubConfig& c, const std::string& v) -> Check {
         c.key_file = v;
         return Done{};
       }},
      {"--key-ip-restricted", "", "the key is IP-restricted in the Dashboard: sensitive results have no 48-hour window",
       [](StubConfig& c, const std::string&) -> Check {
         c.key_ip_restricted = true;
         return Done{};
       }},
      {"--reviewers", "FILE", "reviewers JSON (required; not writable by others), re-read on SIGHUP",
       [](StubConfig& c, const std::string& v) -> Check {
         c.reviewers_file = v;
         return Done{};
       }},
      {"--audit-log", "FILE", "audit JSON lines, created with mode 600 (default: the stderr log)",
       [](StubConfig& c, const std::string& v) -> Check {
         c.audit_log = v;
         return Done{};
       }},
      {"--static", "MOUNT=DIR", "serve DIR under MOUNT, GET and HEAD only (repeatable)",
       [](StubConfig& c, const std::string& v) -> Check {
         std::string error;
         auto mount = parse_static_mount(v, &error);
         if (!mount) return Fail(error);
         for (const auto& existing : c.statics) {
           if (existing.prefix == mount->prefix) return Fail("--static mounts " + mount->prefix + " twice");
         }
         c.statics.push_back(std::move(*mount));
         return Done{};
       }},
      {"--cors-origin", "ORIGIN", "allow this browser origin on /api (repeatable; none by default)",
       [](StubConfig& c, const std::string& v) -> Check {
         if (!is_valid_origin(v)) return Fail("--cors-origin must be scheme://host[:port]: " + v);
         c.cors_origins.push_back(v);
         return Done{};
       }},
      {"--files-host", "ORIGIN",
       "where FileLink URLs may point: the viewer's allow-list and the pages' CSP (repeatable; "
       "https://files.stripe.com)",
       [](StubConfig& c, const std::string& v) -> Check {
         if (!is_valid_origin(v) || !check_stripe_base_url(v)) {
           return Fail("--files-host must be https://host[:port] (http only for a loopback host): " + v);
         }
         if (std::find(c.files_origins.begin(), c.files_origins.end(), v) != c.files_origins.end()) {
           return Fail("--files-host names " + v + " twice");
         }
         c.files_origins.push_back(v);
         return Done{};
       }},
      {"--link-lifetime-s", "N", "FileLink lifetime, 1..30",
       [](StubConfig& c, const std::string& v) -> Check {
         auto lifetime = parse_number<int>("--link-lifetime-s", v, 1, 1000000);
         if (!lifetime) return Fail(std::string("--link-lifetime-s must be a whole number of seconds, 1..30"));
         if (*lifetime > kMaxLinkLifetimeSeconds) {
           return Fail("--link-lifetime-s " + v +
                       " is refused: Stripe requires FileLinks to identity document and selfie files to expire within "
                       "30 seconds");
         }
         c.link_lifetime_s = *lifetime;
         return Done{};
       }},
      {"--images", "on|off", "whether images may be shown at all",
       [](StubConfig& c, const std::string& v) -> Check {
         if (v != "on" && v != "off") return Fail(std::string("--images must be on or off"));
         c.access.images_allowed = v == "on";
         return Done{};
       }},
      {"--allow-sensitive", "LIST",
       "sensitive fields that may ever be shown: dob,id_number,document_number,expiration_date (none)",
       [](StubConfig& c, const std::string& v) -> Check {
         std::string bad;
         auto fields = parse_sensitive_field_list(v == "none" ? "" : v, &bad);
         if (!fields) {
           return Fail("--allow-sensitive: unknown or repeated field \"" + bad +
                       "\" (dob, id_number, document_number, expiration_date)");
         }
         c.access.sensitive_allowed = std::move(*fields);
         return Done{};
       }},
      {"--metrics-port", "P", "also serve /metrics without a token on 127.0.0.1:P",
       number<int>("--metrics-port", 0, 65535, [](StubConfig& c, int v) { c.metrics_port = v; })},
      {"--threads", "N", "request worker threads (the I/O is event-driven and needs none)",
       number<int>("--threads", 1, 1024, [](StubConfig& c, int v) { c.threads = v; })},
      // The HTTP front door (common/http/server_limits.hpp).
      {"--max-header-bytes", "N", "largest request head: 431 beyond it",
       number<std::size_t>("--max-header-bytes", 1024, 1024 * 1024,
                           [](StubConfig& c, std::size_t v) { c.limits.max_header_bytes = v; })},
      {"--max-header-fields", "N", "most header fields in a request: 431 beyond it",
       number<std::size_t>("--max-header-fields", 8, 10000,
                           [](StubConfig& c, std::size_t v) { c.limits.max_header_fields = v; })},
      {"--max-target-bytes", "N", "longest request target: 414 beyond it",
       number<std::size_t>("--max-target-bytes", 64, 1024 * 1024,
                           [](StubConfig& c, std::size_t v) { c.limits.max_target_bytes = v; })},
      {"--max-body-bytes", "N", "largest request body, chunked or not: 413 beyond it",
       number<std::size_t>("--max-body-bytes", 0, 16 * 1024 * 1024,
                           [](StubConfig& c, std::size_t v) { c.limits.max_body_bytes = v; })},
      {"--head-timeout-ms", "N", "time for a whole request head to arrive: 408 beyond it",
       number<long long>("--head-timeout-ms", 100, 600000,
                         [](StubConfig& c, long long v) { c.limits.head_timeout = ms(v); })},
      {"--body-timeout-ms", "N", "time for a request body to arrive: 408 beyond it",
       number<long long>("--body-timeout-ms", 100, 600000,
                         [](StubConfig& c, long long v) { c.limits.body_timeout = ms(v); })},
      {"--idle-timeout-ms", "N", "how long a kept-alive connection may wait for its next request",
       number<long long>("--idle-timeout-ms", 100, 3600000,
                         [](StubConfig& c, long long v) { c.limits.idle_timeout = ms(v); })},
      {"--write-timeout-ms", "N", "time to write one answer before the connection is dropped",
       number<long long>("--write-timeout-ms", 100, 600000,
                         [](StubConfig& c, long long v) { c.limits.write_timeout = ms(v); })},
      {"--max-connections", "N", "most open connections: 503 beyond it",
       number<std::size_t>("--max-connections", 1, 1000000,
                           [](StubConfig& c, std::size_t v) { c.limits.max_connections = v; })},
      {"--max-connections-per-address", "N", "most open connections from one address: 429 beyond it",
       number<std::size_t>("--max-connections-per-address", 1, 1000000,
                           [](StubConfig& c, std::size_t v) { c.limits.max_connections_per_address = v; })},
      {"--max-queued-requests", "N", "most requests waiting for or held by a worker: 503 beyond it",
       number<std::size_t>("--max-queued-requests", 1, 1000000,
                           [](StubConfig& c, std::size_t v) { c.limits.max_queued_requests = v; })},
      {"--trusted-proxy", "IP", "a reverse proxy whose X-Forwarded-For names the client (repeatable; none by default)",
       [](StubConfig& c, const std::string& v) -> Check {
         const std::string ip = canonical_ip(v);
         if (ip.empty()) return Fail("--trusted-proxy must be an IP address: " + v);
         c.trusted_proxies.push_back(ip);
         return Done{};
       }},
      // Abuse limits above HTTP.
      {"--auth-failures", "N",
       "failed sign-ins per client address and window before 429 too_many_auth_failures (0: no limit)",
       number<int>("--auth-failures", 0, 1000000, [](StubConfig& c, int v) { c.auth_throttle.max_failures = v; })},
      {"--auth-failure-window-s", "S", "the window of --auth-failures",
       number<long long>("--auth-failure-window-s", 1, 86400,
                         [](StubConfig& c, long long v) { c.auth_throttle.window = std::chrono::seconds(v); })},
      {"--refusal-audit-interval-s", "S",
       "refusals without a reviewer: one audit line per client address and interval, with a count",
       number<long long>("--refusal-audit-interval-s", 1, 86400,
                         [](StubConfig& c, long long v) { c.refusal_audit_interval = std::chrono::seconds(v); })},
      {"--reviewer-bundles-per-minute", "N", "image link bundles one reviewer may ask for per minute (0: no limit)",
       number<int>("--reviewer-bundles-per-minute", 0, 1000000,
                   [](StubConfig& c, int v) { c.reviewer_rate.bundles_per_minute = v; })},
      {"--reviewer-bundle-burst", "N", "bundles one reviewer may ask for at once",
       number<int>("--reviewer-bundle-burst", 1, 1000000, [](StubConfig& c, int v) { c.reviewer_rate.burst = v; })},
      // Towards Stripe.
      {"--stripe-connections", "N", "most connections open to Stripe at once (kept alive and reused)",
       number<int>("--stripe-connections", 1, 256, [](StubConfig& c, int v) { c.stripe_connections = v; })},
      {"--stripe-budget", "MODE",
       "client-side budget under Stripe's rate limits: auto (by the key's mode), sandbox, live, off",
       [](StubConfig& c, const std::string& v) -> Check {
         c.stripe_budget_by_key = v == "auto";
         if (c.stripe_budget_by_key) return Done{};
         auto mode = parse_stripe_budget_mode(v);
         if (!mode) return Fail(std::string("--stripe-budget must be auto, sandbox, live or off"));
         c.stripe_budget.mode = *mode;
         return Done{};
       }},
      {"--stripe-budget-fraction", "F",
       "the share of Stripe's documented limits the budget uses, above 0 and at most 1",
       [](StubConfig& c, const std::string& v) -> Check {
         auto fraction = parse_fraction("--stripe-budget-fraction", v);
         if (!fraction) return Fail(fraction.error());
         c.stripe_budget.safety_fraction = *fraction;
         return Done{};
       }},
      {"--stripe-budget-max-wait-ms", "N", "longest a request waits for the budget before 429 stripe_budget_exhausted",
       number<long long>("--stripe-budget-max-wait-ms", 0, 60000,
                         [](StubConfig& c, long long v) { c.stripe_budget.max_wait = ms(v); })},
      {"--stripe-budget-max-waiting", "N",
       "most requests waiting for the budget at once, beyond which they are refused",
       number<int>("--stripe-budget-max-waiting", 0, 10000,
                   [](StubConfig& c, int v) { c.stripe_budget.max_waiting = v; })},
      {"--stripe-timeout-ms", "N", "one Stripe attempt's timeout",
       number<long long>("--stripe-timeout-ms", 50, 120000,
                         [](StubConfig& c, long long v) { c.retry.attempt_timeout = ms(v); })},
      {"--retry-max-attempts", "N", "attempts per Stripe request",
       number<int>("--retry-max-attempts", 1, 10, [](StubConfig& c, int v) { c.retry.max_attempts = v; })},
      {"--retry-budget-ms", "N", "total time for all attempts of one Stripe request",
       number<long long>("--retry-budget-ms", 50, 600000,
                         [](StubConfig& c, long long v) { c.retry.total_budget = ms(v); })},
  };
  return table;
}

// The default of each flag, as --help shows it.
std::string default_of(const std::string& flag, const StubConfig& d) {
  if (flag == "--host") return d.host;
  if (flag == "--port") return std::to_string(d.port);
  if (flag == "--stripe-base-url") return d.stripe_base_url;
  if (flag == "--key-ip-restricted") return d.key_ip_restricted ? "on" : "off";  // a switch: off unless given
  if (flag == "--link-lifetime-s") return std::to_string(d.link_lifetime_s);
  if (flag == "--images") return d.access.images_allowed ? "on" : "off";
  if (flag == "--threads") return std::to_string(d.threads);
  if (flag == "--max-header-bytes") return std::to_string(d.limits.max_header_bytes);
  if (flag == "--max-header-fields") return std::to_string(d.limits.max_header_fields);
  if (flag == "--max-target-bytes") return std::to_string(d.limits.max_target_bytes);
  if (flag == "--max-body-bytes") return std::to_string(d.limits.max_body_bytes);
  if (flag == "--head-timeout-ms") return std::to_string(d.limits.head_timeout.count());
  if (flag == "--body-timeout-ms") return std::to_string(d.limits.body_timeout.count());
  if (flag == "--idle-timeout-ms") return std::to_string(d.limits.idle_timeout.count());
  if (flag == "--write-timeout-ms") return std::to_string(d.limits.write_timeout.count());
  if (flag == "--max-connections") return std::to_string(d.limits.max_connections);
  if (flag == "--max-connections-per-address") return std::to_string(d.limits.max_connections_per_address);
  if (flag == "--max-queued-requests") return std::to_string(d.limits.max_queued_requests);
  if (flag == "--auth-failures") return std::to_string(d.auth_throttle.max_failures);
  if (flag == "--auth-failure-window-s") return std::to_string(d.auth_throttle.window.count());
  if (flag == "--refusal-audit-interval-s") return std::to_string(d.refusal_audit_interval.count());
  if (flag == "--reviewer-bundles-per-minute") return std::to_string(d.reviewer_rate.bundles_per_minute);
  if (flag == "--reviewer-bundle-burst") return std::to_string(d.reviewer_rate.burst);
  if (flag == "--stripe-connections") return std::to_string(d.stripe_connections);
  if (flag == "--stripe-budget") return d.stripe_budget_by_key ? "auto" : stripe_budget_mode_name(d.stripe_budget.mode);
  if (flag == "--stripe-budget-fraction") {
    std::ostringstream out;
    out << d.stripe_budget.safety_fraction;
    return out.str();
  }
  if (flag == "--stripe-budget-max-wait-ms") return std::to_string(d.stripe_budget.max_wait.count());
  if (flag == "--stripe-budget-max-waiting") return std::to_string(d.stripe_budget.max_waiting);
  if (flag == "--stripe-timeout-ms") return std::to_string(d.retry.attempt_timeout.count());
  if (flag == "--retry-max-attempts") return std::to_string(d.retry.max_attempts);
  if (flag == "--retry-budget-ms") return std::to_string(d.retry.total_budget.count());
  return {};
}

}  // namespace

common::Result<Done, std::string> check_stripe_base_url(const std::string& url) {
  std::size_t scheme_length = 0;
  bool https = false;
  if (url.rfind("https://", 0) == 0) {
    scheme_length = 8;
    https = true;
  } else if (url.rfind("http://", 0) == 0) {
    scheme_length = 7;
  } else {
    return Fail(std::string("--stripe-base-url must start with https:// (or http:// for a loopback emulator)"));
  }
  const std::string rest = url.substr(scheme_length);
  if (rest.empty() || rest.find_first_of("/?#@ ") != std::string::npos) {
    return Fail(std::string("--stripe-base-url must be scheme://host[:port], without a path"));
  }
  const std::string host = host_of(url, scheme_length);
  const bool loopback = host == "127.0.0.1" || host == "localhost" || host == "[::1]";
  if (!https && !loopback) {
    return Fail(std::string(
        "--stripe-base-url may use plain http only for a loopback host: the key must not cross a network unencrypted"));
  }
  return Done{};
}

std::string usage_text() {
  const StubConfig defaults;
  std::string text = "iiv-server-stub: image links and verification summaries for Stripe Identity reviewers.\n\n";
  for (const Flag& flag : flags()) {
    std::string head = std::string("  ") + flag.name + (flag.is_switch() ? "" : std::string(" ") + flag.value);
    if (head.size() < 36) head.resize(36, ' ');
    text += head + " " + flag.help;
    const std::string fallback = default_of(flag.name, defaults);
    if (!fallback.empty()) text += " (" + fallback + ")";
    text += "\n";
  }
  return text;
}

common::Result<StubConfig, std::string> parse_config(const std::vector<std::string>& args) {
  StubConfig config;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& name = args[i];
    if (name == "--help" || name == "-h") {
      config.show_help = true;
      continue;
    }
    const auto& table = flags();
    const auto flag = std::find_if(table.begin(), table.end(), [&](const Flag& f) { return name == f.name; });
    if (flag == table.end()) return Fail("unknown flag " + name + " (see --help)");
    if (flag->is_switch()) {
      if (auto applied = flag->apply(config, {}); !applied) return Fail(applied.error());
      continue;
    }
    if (i + 1 >= args.size()) return Fail(name + " needs a value (see --help)");
    if (auto applied = flag->apply(config, args[++i]); !applied) return Fail(applied.error());
  }
  if (config.show_help) return config;
  if (config.files_origins.empty()) config.files_origins.push_back(kStripeFilesOrigin);
  if (auto base = check_stripe_base_url(config.stripe_base_url); !base) return Fail(base.error());
  if (config.reviewers_file.empty())
    return Fail(std::string("--reviewers FILE is required: every /api route needs a reviewer"));
  if (config.retry.total_budget < config.retry.attempt_timeout) {
    return Fail(std::string("--retry-budget-ms must be at least --stripe-timeout-ms"));
  }
  if (config.limits.max_connections_per_address > config.limits.max_connections) {
    return Fail(std::string("--max-connections-per-address must not exceed --max-connections"));
  }
  return config;
}

nlohmann::json describe_access(const AccessSettings& access) {
  return {{"images", access.images_allowed ? "on" : "off"},
          {"sensitive_fields", field_names(access.sensitive_allowed)}};
}

nlohmann::json describe_config(const StubConfig& config) {
  nlohmann::json statics = nlohmann::json::array();
  for (const auto& mount : config.statics) statics.push_back({{"mount", mount.prefix}, {"dir", mount.root.string()}});
  const auto& limits = config.limits;
  return {
      {"host", config.host},
      {"port", config.port},
      {"stripe_base_url", config.stripe_base_url},
      {"key_source", config.key_file.empty() ? "environment STRIPE_API_KEY" : "file " + config.key_file},
      {"key_ip_restricted", config.key_ip_restricted},
      {"reviewers_file", config.reviewers_file},
      {"audit_log", config.audit_log.empty() ? nlohmann::json("stderr") : nlohmann::json(config.audit_log)},
      {"static", statics},
      {"cors_origins", config.cors_origins},
      {"files_hosts", config.files_origins},
      {"link_lifetime_s", config.link_lifetime_s},
      {"access", describe_access(config.access)},
      {"metrics_port", config.metrics_port ? nlohmann::json(*config.metrics_port) : nlohmann::json()},
      {"threads", config.threads},
      {"http_limits",
       {{"max_header_bytes", limits.max_header_bytes},
        {"max_header_fields", limits.max_header_fields},
        {"max_target_bytes", limits.max_target_bytes},
        {"max_body_bytes", limits.max_body_bytes},
        {"head_timeout_ms", limits.head_timeout.count()},
        {"body_timeout_ms", limits.body_timeout.count()},
        {"idle_timeout_ms", limits.idle_timeout.count()},
        {"write_timeout_ms", limits.write_timeout.count()},
        {"max_connections", limits.max_connections},
        {"max_connections_per_address", limits.max_connections_per_address},
        {"max_queued_requests", limits.max_queued_requests}}},
      {"trusted_proxies", config.trusted_proxies},
      {"auth_failures", config.auth_throttle.max_failures},
      {"auth_failure_window_s", config.auth_throttle.window.count()},
      {"refusal_audit_interval_s", config.refusal_audit_interval.count()},
      {"reviewer_bundles_per_minute", config.reviewer_rate.bundles_per_minute},
      {"reviewer_bundle_burst", config.reviewer_rate.burst},
      {"stripe_connections", config.stripe_connections},
      {"stripe_budget",
       {{"mode", config.stripe_budget_by_key ? "auto" : stripe_budget_mode_name(config.stripe_budget.mode)},
        {"fraction", config.stripe_budget.safety_fraction},
        {"max_wait_ms", config.stripe_budget.max_wait.count()},
        {"max_waiting", config.stripe_budget.max_waiting}}},
      {"stripe_timeout_ms", config.retry.attempt_timeout.count()},
      {"retry_max_attempts", config.retry.max_attempts},
      {"retry_budget_ms", config.retry.total_budget.count()},
  };
}

}  // namespace iiv::stub
