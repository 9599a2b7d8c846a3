#include "stub/config/stub_config.hpp"

#include <charconv>

#include "stub/http/cors_policy.hpp"
#include "stub/http/page_policy.hpp"

namespace iiv::stub {

namespace {

std::optional<int> parse_int(const std::string& text, int min, int max) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) return std::nullopt;
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

}  // namespace

bool is_acceptable_stripe_base_url(const std::string& url, std::string* why) {
  std::size_t scheme_length = 0;
  bool https = false;
  if (url.rfind("https://", 0) == 0) {
    scheme_length = 8;
    https = true;
  } else if (url.rfind("http://", 0) == 0) {
    scheme_length = 7;
  } else {
    *why = "--stripe-base-url must start with https:// (or http:// for a loopback emulator)";
    return false;
  }
  const std::string rest = url.substr(scheme_length);
  if (rest.empty() || rest.find_first_of("/?#@ ") != std::string::npos) {
    *why = "--stripe-base-url must be scheme://host[:port], without a path";
    return false;
  }
  const std::string host = host_of(url, scheme_length);
  const bool loopback = host == "127.0.0.1" || host == "localhost" || host == "[::1]";
  if (!https && !loopback) {
    *why = "--stripe-base-url may use plain http only for a loopback host: the key must not cross a network unencrypted";
    return false;
  }
  return true;
}

std::string usage_text() {
  return R"(iiv-server-stub: image links and verification summaries for Stripe Identity reviewers.

  --host H                 listen address (127.0.0.1)
  --port P                 listen port, 0 for any free one (8787)
  --stripe-base-url URL    Stripe API base (https://api.stripe.com; http only for loopback)
  --key-file FILE          restricted key file, re-read on SIGHUP and after a Stripe 401
                           (without it: the STRIPE_API_KEY environment variable)
  --reviewers FILE         reviewers JSON: {"reviewers":[{"id","token_sha256","roles"}]} (required)
  --audit-log FILE         audit JSON lines (default: the stderr log)
  --static MOUNT=DIR       serve DIR under MOUNT, GET only (repeatable)
  --cors-origin ORIGIN     allow this browser origin on /api (repeatable; none by default)
  --files-host ORIGIN      where FileLink URLs point, for the viewer's allow-list and the
                           pages' CSP (repeatable; https://files.stripe.com)
  --link-lifetime-s N      FileLink lifetime, 1..30 (30)
  --images on|off          whether images may be shown at all (on)
  --allow-sensitive LIST   sensitive fields that may ever be shown: dob,id_number,
                           document_number,expiration_date (none)
  --key-ip-restricted      the key has an IP restriction in Stripe's Dashboard, so the
                           48-hour window for sensitive results does not apply (off)
  --metrics-port P         also serve /metrics without a token on 127.0.0.1:P
  --threads N              request worker threads (32)
  --stripe-connections N   most connections open to Stripe at once (16)
  --stripe-timeout-ms N    one Stripe attempt's timeout (3000)
  --retry-max-attempts N   attempts per Stripe request, 1..10 (3)
  --retry-budget-ms N      total time for all attempts of one Stripe request (10000)
)";
}

ParsedConfig parse_config(const std::vector<std::string>& args) {
  StubConfig config;
  std::optional<std::string> images_flag;
  auto fail = [](std::string message) { return ParsedConfig{std::nullopt, std::move(message)}; };

  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    if (flag == "--help" || flag == "-h") {
      config.show_help = true;
      continue;
    }
    if (flag == "--key-ip-restricted") {
      config.key_ip_restricted = true;
      continue;
    }
    if (i + 1 >= args.size()) return fail(flag + " needs a value (see --help)");
    const std::string& value = args[++i];
    if (flag == "--host") {
      config.host = value;
    } else if (flag == "--port") {
      const auto port = parse_int(value, 0, 65535);
      if (!port) return fail("--port must be 0..65535");
      config.port = *port;
    } else if (flag == "--stripe-base-url") {
      config.stripe_base_url = value;
    } else if (flag == "--key-file") {
      config.key_file = value;
    } else if (flag == "--reviewers") {
      config.reviewers_file = value;
    } else if (flag == "--audit-log") {
      config.audit_log = value;
    } else if (flag == "--static") {
      std::string error;
      auto mount = parse_static_mount(value, &error);
      if (!mount) return fail(error);
      for (const auto& existing : config.statics) {
        if (existing.prefix == mount->prefix) return fail("--static mounts " + mount->prefix + " twice");
      }
      config.statics.push_back(std::move(*mount));
    } else if (flag == "--cors-origin") {
      if (!is_valid_origin(value)) return fail("--cors-origin must be scheme://host[:port]: " + value);
      config.cors_origins.push_back(value);
    } else if (flag == "--files-host") {
      std::string why;
      if (!is_valid_origin(value) || !is_acceptable_stripe_base_url(value, &why)) {
        return fail("--files-host must be https://host[:port] (http only for a loopback host): " + value);
      }
      config.files_origins.push_back(value);
    } else if (flag == "--link-lifetime-s") {
      const auto lifetime = parse_int(value, 1, 1000000);
      if (!lifetime) return fail("--link-lifetime-s must be a whole number of seconds, 1..30");
      if (*lifetime > kMaxLinkLifetimeSeconds) {
        return fail("--link-lifetime-s " + value +
                    " is refused: Stripe requires FileLinks to identity document and selfie files to expire within "
                    "30 seconds");
      }
      config.link_lifetime_s = *lifetime;
    } else if (flag == "--images") {
      if (value != "on" && value != "off") return fail("--images must be on or off");
      images_flag = value;
    } else if (flag == "--allow-sensitive") {
      std::string bad;
      auto fields = parse_sensitive_field_list(value == "none" ? "" : value, &bad);
      if (!fields) {
        return fail("--allow-sensitive: unknown or repeated field \"" + bad +
                    "\" (dob, id_number, document_number, expiration_date)");
      }
      config.access.sensitive_allowed = std::move(*fields);
    } else if (flag == "--metrics-port") {
      const auto port = parse_int(value, 0, 65535);
      if (!port) return fail("--metrics-port must be 0..65535");
      config.metrics_port = *port;
    } else if (flag == "--threads") {
      const auto threads = parse_int(value, 1, 1024);
      if (!threads) return fail("--threads must be 1..1024");
      config.threads = *threads;
    } else if (flag == "--stripe-connections") {
      const auto connections = parse_int(value, 1, 256);
      if (!connections) return fail("--stripe-connections must be 1..256");
      config.stripe_connections = *connections;
    } else if (flag == "--stripe-timeout-ms") {
      const auto ms = parse_int(value, 50, 120000);
      if (!ms) return fail("--stripe-timeout-ms must be 50..120000");
      config.retry.attempt_timeout = std::chrono::milliseconds(*ms);
    } else if (flag == "--retry-max-attempts") {
      const auto attempts = parse_int(value, 1, 10);
      if (!attempts) return fail("--retry-max-attempts must be 1..10");
      config.retry.max_attempts = *attempts;
    } else if (flag == "--retry-budget-ms") {
      const auto ms = parse_int(value, 50, 600000);
      if (!ms) return fail("--retry-budget-ms must be 50..600000");
      config.retry.total_budget = std::chrono::milliseconds(*ms);
    } else {
      return fail("unknown flag " + flag + " (see --help)");
    }
  }
  if (config.show_help) return {config, {}};
  if (images_flag) config.access.images_allowed = *images_flag == "on";
  if (config.files_origins.empty()) config.files_origins.push_back(kStripeFilesOrigin);
  std::string why;
  if (!is_acceptable_stripe_base_url(config.stripe_base_url, &why)) return fail(why);
  if (config.reviewers_file.empty()) return fail("--reviewers FILE is required: every /api route needs a reviewer");
  if (config.retry.total_budget < config.retry.attempt_timeout) {
    return fail("--retry-budget-ms must be at least --stripe-timeout-ms");
  }
  return {config, {}};
}

nlohmann::json describe_access(const AccessSettings& access) {
  return {{"images", access.images_allowed ? "on" : "off"}, {"sensitive_fields", field_names(access.sensitive_allowed)}};
}

nlohmann::json describe_config(const StubConfig& config) {
  nlohmann::json statics = nlohmann::json::array();
  for (const auto& mount : config.statics) statics.push_back({{"mount", mount.prefix}, {"dir", mount.root.string()}});
  return {
      {"host", config.host},
      {"port", config.port},
      {"stripe_base_url", config.stripe_base_url},
      {"key_source", config.key_file.empty() ? "environment STRIPE_API_KEY" : "file " + config.key_file},
      {"reviewers_file", config.reviewers_file},
      {"audit_log", config.audit_log.empty() ? nlohmann::json("stderr") : nlohmann::json(config.audit_log)},
      {"static", statics},
      {"cors_origins", config.cors_origins},
      {"files_hosts", config.files_origins},
      {"link_lifetime_s", config.link_lifetime_s},
      {"access", describe_access(config.access)},
      {"key_ip_restricted", config.key_ip_restricted},
      {"metrics_port", config.metrics_port ? nlohmann::json(*config.metrics_port) : nlohmann::json()},
      {"threads", config.threads},
      {"stripe_connections", config.stripe_connections},
      {"stripe_timeout_ms", config.retry.attempt_timeout.count()},
      {"retry_max_attempts", config.retry.max_attempts},
      {"retry_budget_ms", config.retry.total_budget.count()},
  };
}

}  // namespace iiv::stub
