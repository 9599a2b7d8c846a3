// iiv-server-stub: reads its configuration, loads reviewers and the key, then serves until
// SIGINT/SIGTERM. SIGHUP re-reads the key file (key roll without restart).
#include <csignal>
#include <cstdio>
#include <iostream>
#include <optional>
#include <pthread.h>
#include <thread>

#include "common/secret_mask.hpp"
#include "stub/audit/audit_log.hpp"
#include "stub/http/cors_policy.hpp"
#include "stub/http_server.hpp"
#include "stub/httplib_transport.hpp"
#include "stub/links/image_link_service.hpp"
#include "stub/observe/json_log.hpp"
#include "stub/stripe/key_store.hpp"
#include "stub/observe/metrics.hpp"
#include "stub/sessions/redaction_service.hpp"
#include "stub/auth/reviewer_directory.hpp"
#include "stub/stripe/stripe_client.hpp"
#include "stub/config/stub_config.hpp"
#include "stub/sessions/summary_service.hpp"

namespace {

using namespace iiv::stub;

int refuse_to_start(const std::string& message) {
  log_event("startup_refused", {{"message", message}});
  return 2;
}

KeyStore load_key(const StubConfig& config) {
  return config.key_file.empty() ? KeyStore::from_environment("STRIPE_API_KEY") : KeyStore::from_file(config.key_file);
}

// Signals arrive here only: every thread starts with them blocked.
void handle_signals(const sigset_t& signals, KeyStore& keys, Metrics& metrics, HttpServer& server) {
  while (true) {
    int signal = 0;
    if (sigwait(&signals, &signal) != 0) continue;
    if (signal == SIGHUP) {
      const KeyReload reload = keys.reload();
      metrics.key_reload("sighup", reload.changed);
      log_event("key_reload", {{"trigger", "sighup"},
                               {"read_ok", reload.read_ok},
                               {"changed", reload.changed},
                               {"key", iiv::common::mask_key(keys.current())}});
      continue;
    }
    log_event("stopping", {{"signal", signal == SIGINT ? "SIGINT" : "SIGTERM"}});
    server.stop();
    return;
  }
}

}  // namespace

int main(int argc, char** argv) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGHUP);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  const ParsedConfig parsed = parse_config(std::vector<std::string>(argv + 1, argv + argc));
  if (!parsed.config) return refuse_to_start(parsed.error);
  const StubConfig& config = *parsed.config;
  if (config.show_help) {
    std::cout << usage_text();
    return 0;
  }

  std::optional<ReviewerDirectory> reviewers;
  std::optional<KeyStore> keys;
  std::optional<AuditLog> audit;
  try {
    reviewers.emplace(ReviewerDirectory::from_file(config.reviewers_file));
    keys.emplace(load_key(config));
    audit.emplace(config.audit_log);
  } catch (const std::exception& e) {
    return refuse_to_start(e.what());
  }

  const std::string key = keys->current();
  nlohmann::json described = describe_config(config);
  described["key"] = iiv::common::mask_key(key);
  described["key_kind"] = iiv::common::key_kind_name(iiv::common::key_kind(key));
  described["reviewers"] = reviewers->size();
  log_event("config", described);
  log_event("access", describe_access(config.access));
  if (iiv::common::key_kind(key) == iiv::common::KeyKind::secret) {
    log_event("warning", {{"message",
                           "a secret key (sk_) is configured: images and sensitive fields will be refused; use a "
                           "restricted key (rk_)"}});
  }

  Metrics metrics;
  HttplibTransport transport(config.stripe_base_url, config.retry.attempt_timeout, config.stripe_connections);
  StripeClient stripe(transport, *keys, config.retry, metrics);
  ImageLinkService image_links(stripe, metrics, config.link_lifetime_s);
  SummaryService summaries(stripe, config.key_ip_restricted);
  RedactionService redactions(stripe);
  const CorsPolicy cors(config.cors_origins);
  HttpServer server({config, *reviewers, cors, metrics, *audit, image_links, summaries, redactions});

  std::string error;
  if (!server.bind(&error)) return refuse_to_start(error);

  nlohmann::json listening = {{"event", "listening"},
                              {"url", "http://" + config.host + ":" + std::to_string(server.port())}};
  if (server.metrics_port() >= 0) listening["metrics_url"] = "http://127.0.0.1:" + std::to_string(server.metrics_port());
  std::cout << listening.dump() << std::endl;

  std::thread signal_thread([&] { handle_signals(signals, *keys, metrics, server); });
  server.run();
  // run() also returns if the listener fails; make sure the signal thread ends too.
  pthread_kill(signal_thread.native_handle(), SIGTERM);
  signal_thread.join();
  log_event("stopped");
  return 0;
}
