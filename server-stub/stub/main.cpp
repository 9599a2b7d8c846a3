// iiv-server-stub: reads its configuration, loads reviewers and the key, then serves until
// SIGINT/SIGTERM. SIGHUP re-reads the key file and the reviewers file (a key roll, a
// reviewer added or removed, without a restart).
#include <pthread.h>
#include <condition_variable>
#include <csignal>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "common/http/http_server.hpp"
#include "common/secret_mask.hpp"
#include "stub/api/stub_api.hpp"
#include "stub/audit/audit_sink.hpp"
#include "stub/observe/json_log.hpp"
#include "stub/stripe/curl_transport.hpp"
#include "stub/stripe/stripe_budget.hpp"

namespace {

using namespace iiv::stub;

int refuse_to_start(const std::string& message) {
  log_event("startup_refused", {{"message", message}});
  return 2;
}

iiv::common::Result<KeyStore, std::string> load_key(const StubConfig& config) {
  return config.key_file.empty() ? KeyStore::from_environment("STRIPE_API_KEY") : KeyStore::from_file(config.key_file);
}

iiv::common::Result<std::unique_ptr<AuditSink>, std::string> open_audit(const StubConfig& config) {
  if (config.audit_log.empty()) return std::unique_ptr<AuditSink>(std::make_unique<LogAuditSink>());
  auto file = FileAuditSink::open(config.audit_log);
  if (!file) return iiv::common::Fail(file.error());
  return std::unique_ptr<AuditSink>(std::move(*file));
}

void reload_on_sighup(KeyStore& keys, ReviewerRegistry& reviewers, Metrics& metrics) {
  const auto key = keys.reload();
  const bool changed = key.ok() && key->changed;
  metrics.key_reload("sighup", changed);
  log_event("key_reload", {{"trigger", "sighup"},
                           {"read_ok", key.ok()},
                           {"problem", key.ok() ? std::string() : key.error()},
                           {"changed", changed},
                           {"key", iiv::common::mask_key(keys.current())}});
  const auto loaded = reviewers.reload();
  metrics.reviewers_reload(loaded.ok());
  log_event("reviewers_reload", {{"ok", loaded.ok()},
                                 {"reviewers", reviewers.size()},
                                 {"problem", loaded.ok() ? std::string() : loaded.error()}});
}

// The loopback listener for Prometheus: /metrics without a token, nothing else.
iiv::common::HttpResponse serve_metrics(const iiv::common::HttpRequest& request, const Metrics& metrics) {
  if (request.path() != "/metrics") return error_response({ErrorCode::not_found, "Not found.", {}});
  if (request.method != "GET") {
    auto refused = error_response({ErrorCode::method_not_allowed, "This method is not allowed here.", {}});
    refused.set_header("Allow", "GET");
    return refused;
  }
  iiv::common::HttpResponse response;
  response.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  response.body = metrics.render_prometheus();
  return response;
}

}  // namespace

int main(int argc, char** argv) {
  // Signals arrive only where sigwait() asks for them: every thread starts with them blocked.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGHUP);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  auto parsed = parse_config(std::vector<std::string>(argv + 1, argv + argc));
  if (!parsed) return refuse_to_start(parsed.error());
  const StubConfig& config = *parsed;
  if (config.show_help) {
    std::cout << usage_text();
    return 0;
  }

  auto directory = ReviewerDirectory::from_file(config.reviewers_file);
  if (!directory) return refuse_to_start(directory.error());
  ReviewerRegistry reviewers(config.reviewers_file, std::move(*directory));
  auto loaded_key = load_key(config);
  if (!loaded_key) return refuse_to_start(loaded_key.error());
  KeyStore& keys = *loaded_key;
  auto audit_sink = open_audit(config);
  if (!audit_sink) return refuse_to_start(audit_sink.error());

  const std::string key = keys.current();
  const auto kind = iiv::common::key_kind(key);
  nlohmann::json described = describe_config(config);
  described["key"] = iiv::common::mask_key(key);
  described["key_kind"] = iiv::common::key_kind_name(kind);
  described["reviewers"] = reviewers.size();
  log_event("config", described);
  log_event("access", describe_access(config.access));
  if (kind == iiv::common::KeyKind::secret) {
    log_event("warning", {{"message",
                           "a secret key (sk_) is configured: images and sensitive fields will be refused; use a "
                           "restricted key (rk_)"}});
  }

  Metrics metrics;
  AuditLog audit(std::move(*audit_sink), metrics);
  CurlTransportSettings stripe_connection;
  stripe_connection.base_url = config.stripe_base_url;
  stripe_connection.connect_timeout = config.retry.attempt_timeout;
  stripe_connection.request_timeout = config.retry.attempt_timeout;
  stripe_connection.max_connections = config.stripe_connections;
  auto transport = CurlTransport::create(stripe_connection);
  if (!transport) return refuse_to_start(transport.error());
  StripeBudgetSettings budget_settings = config.stripe_budget;
  if (config.stripe_budget_by_key) {
    budget_settings.mode = iiv::common::key_is_live(key) ? StripeBudgetMode::live : StripeBudgetMode::sandbox;
  }
  log_event("stripe_budget",
            {{"mode", stripe_budget_mode_name(budget_settings.mode)}, {"fraction", budget_settings.safety_fraction}});
  StripeBudget budget(budget_settings);
  metrics.add_stripe_budget(&budget);
  StripeClient stripe(**transport, keys, config.retry, metrics, [&budget](StripeEndpoint endpoint) -> Result<Done> {
    auto admitted = budget.acquire(endpoint);
    if (admitted) return Done{};
    return Fail(ApiError{ErrorCode::stripe_budget_exhausted,
                         "The server is holding back its requests to Stripe to stay under Stripe's rate limits. "
                         "Try again shortly.",
                         admitted.error().retry_after_seconds});
  });
  ImageLinkService image_links(stripe, metrics, config.link_lifetime_s, config.files_origins);
  SummaryService summaries(stripe, SummaryContext{config.key_ip_restricted});
  RedactionService redactions(stripe);
  const CorsPolicy cors(config.cors_origins);
  AuthThrottle auth_throttle(config.auth_throttle);
  RefusalSampler refusal_sampler(config.refusal_audit_interval);
  ReviewerRate reviewer_rate(config.reviewer_rate);
  StubApi api({config, reviewers, cors, metrics, audit, auth_throttle, refusal_sampler, reviewer_rate, image_links,
               summaries, redactions});

  iiv::common::HttpServerOptions api_options;
  api_options.host = config.host;
  api_options.port = config.port;
  api_options.limits = config.limits;
  api_options.worker_threads = config.threads;
  api_options.handler = [&api](const iiv::common::HttpRequest& request) { return api.handle(request); };
  iiv::common::HttpServer server(api_options);
  metrics.add_http_listener("api", &server.stats());

  std::unique_ptr<iiv::common::HttpServer> metrics_server;
  if (config.metrics_port) {
    iiv::common::HttpServerOptions options;
    options.host = "127.0.0.1";  // only ever loopback: this listener asks for no token
    options.port = *config.metrics_port;
    options.worker_threads = 1;
    options.handler = [&metrics](const iiv::common::HttpRequest& request) { return serve_metrics(request, metrics); };
    metrics_server = std::make_unique<iiv::common::HttpServer>(options);
    metrics.add_http_listener("metrics", &metrics_server->stats());
  }

  try {
    server.start();
    if (metrics_server) metrics_server->start();
  } catch (const std::exception& e) {
    return refuse_to_start(e.what());
  }

  nlohmann::json listening = {{"event", "listening"},
                              {"url", "http://" + config.host + ":" + std::to_string(server.port())}};
  if (metrics_server) listening["metrics_url"] = "http://127.0.0.1:" + std::to_string(metrics_server->port());
  std::cout << listening.dump() << std::endl;

  // Refusals of non-reviewers that stopped mid-interval still reach the audit log.
  std::mutex flush_mutex;
  std::condition_variable flush_wake;
  bool stopping = false;
  std::thread refusal_flusher([&] {
    std::unique_lock<std::mutex> lock(flush_mutex);
    while (!flush_wake.wait_for(lock, std::chrono::seconds(10), [&] { return stopping; })) {
      lock.unlock();
      api.audit_unreported_refusals();
      lock.lock();
    }
  });

  while (true) {
    int signal = 0;
    if (sigwait(&signals, &signal) != 0) continue;
    if (signal == SIGHUP) {
      reload_on_sighup(keys, reviewers, metrics);
      continue;
    }
    log_event("stopping", {{"signal", signal == SIGINT ? "SIGINT" : "SIGTERM"}});
    break;
  }
  server.stop();
  if (metrics_server) metrics_server->stop();
  {
    std::lock_guard<std::mutex> lock(flush_mutex);
    stopping = true;
  }
  flush_wake.notify_all();
  refusal_flusher.join();
  api.audit_unreported_refusals(/*at_exit=*/true);
  log_event("stopped");
  return 0;
}
