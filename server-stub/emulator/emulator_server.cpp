#include "emulator/emulator_server.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <optional>
#include <stdexcept>
#include <thread>

#include "common/http/http_server.hpp"
#include "common/http_date.hpp"
#include "emulator/admin_service.hpp"
#include "emulator/api_keys.hpp"
#include "emulator/api_service.hpp"
#include "emulator/emulator_clock.hpp"
#include "emulator/emulator_store.hpp"
#include "emulator/fault_injector.hpp"
#include "emulator/files_host.hpp"
#include "emulator/loopback.hpp"
#include "emulator/request_stats.hpp"
#include "emulator/seed_data.hpp"
#include "emulator/stripe_refusal.hpp"

namespace iiv::emulator {

namespace {

using namespace std::chrono_literals;

// Enough API workers that a client's parallel requests are served in parallel while
// injected latency holds some of them; the files host's handlers only look up a link
// (and render a seed image the first time).
constexpr int kApiWorkers = 24;
constexpr int kFilesWorkers = 8;

// The shared defaults, where the emulator's role differs: every client is on loopback (the
// stub's connection pool, tests, the demo's browser), so one address may hold many
// connections; query strings carry expand[] lists and request bodies are small forms
// (cpp-httplib's limits before: 8 KiB targets, 1 MiB bodies); and the files host sends
// images of several megabytes to browsers that may read them slowly.
common::ServerLimits emulator_limits() {
  common::ServerLimits limits;
  limits.max_target_bytes = 8 * 1024;
  limits.max_body_bytes = 1024 * 1024;
  limits.max_connections_per_address = 1024;
  limits.write_timeout = 60s;
  return limits;
}

std::string base_url(const std::string& host, int port) {
  const bool ipv6 = host.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

}  // namespace

struct EmulatorServer::Impl {
  explicit Impl(EmulatorOptions opts)
      : options(std::move(opts)),
        keys(options.keys_file ? KeyRing::from_file(*options.keys_file) : KeyRing::builtin()),
        seed(build_seed_data(clock.now())),
        seed_sessions(seed.sessions.size()),
        store(seed),
        config(options.runtime),
        faults(options.fault_seed),
        api(store, keys, clock, config, &stats),
        files(store, clock, config),
        admin(keys, config, stats, clock) {
    for (const auto& f : seed.files) warm_list.push_back(f.content);
    seed = SeedData{};
  }

  void log(const std::string& line) const {
    if (options.log) options.log(line);
  }

  // Waits `ms`, or less when the server is stopping.
  void added_latency(int ms) {
    if (ms <= 0) return;
    std::unique_lock<std::mutex> lock(stop_mutex);
    stop_cv.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stopping.load(); });
  }

  HttpResponse serve_api(const HttpRequest& request) {
    if (AdminService::is_admin_path(request.path())) return admin.handle(request);
    RequestStats::InFlight in_flight(stats);
    stats.count_api(ApiService::endpoint_label(request));
    const RuntimeConfig now_config = config.get();
    added_latency(now_config.latency_ms);
    if (const auto fault = faults.decide(now_config)) {
      stats.count_fault(*fault);
      log("api " + request.method + " " + request.path() + " fault=" + fault_kind_name(*fault));
      if (*fault == FaultKind::drop_connection) {
        HttpResponse dropped;
        dropped.connection = HttpResponse::Connection::drop;
        return dropped;
      }
      return api.fault_response(*fault);
    }
    HttpResponse out = api.handle(request);
    log("api " + request.method + " " + request.path() + " " + std::to_string(out.status) + " " +
        out.header("Request-Id") + (out.log_note.empty() ? "" : " " + out.log_note));
    // Stripe's answers carry its clock; ours is the emulator's (which tests may move).
    out.set_header("Date", common::format_http_date(clock.now()));
    return out;
  }

  HttpResponse serve_files(const HttpRequest& request) {
    stats.count_files(FilesHost::endpoint_label(request));
    HttpResponse out = files.handle(request);
    log("files " + request.method + " /links/… " + std::to_string(out.status));
    return out;
  }

  common::HttpServerOptions server_options(int port, int workers,
                                           std::function<HttpResponse(const HttpRequest&)> handler) const {
    common::HttpServerOptions o;
    o.host = options.host;
    o.port = port;
    o.limits = emulator_limits();
    o.worker_threads = workers;
    o.handler = std::move(handler);
    o.refusal_answer = stripe_refusal;
    return o;
  }

  void warm_images() {
    for (const auto& content : warm_list) {
      if (stopping) return;
      try {
        content->bytes();
      } catch (const std::exception& e) {
        log(std::string("warm-up: rendering a seed image failed: ") + e.what());
      }
    }
    log("warm-up: all seed images rendered");
  }

  EmulatorOptions options;
  EmulatorClock clock;
  KeyRing keys;
  SeedData seed;  // moved into the store; emptied after construction
  std::size_t seed_sessions;
  EmulatorStore store;
  RuntimeConfigHolder config;
  FaultInjector faults;
  RequestStats stats;
  ApiService api;
  FilesHost files;
  AdminService admin;
  std::vector<std::shared_ptr<const ImageContent>> warm_list;

  std::thread warm_thread;
  int api_port = -1, files_port = -1;
  bool started = false;
  std::atomic<bool> stopping{false};
  std::mutex stop_mutex;
  std::condition_variable stop_cv;
  // Last, so they stop (and their handlers end) before anything those handlers use goes.
  std::optional<common::HttpServer> api_server, files_server;
};

EmulatorServer::EmulatorServer(EmulatorOptions options) {
  if (!options.allow_non_loopback && !is_loopback_address(options.host))
    throw std::invalid_argument("refusing to listen on " + options.host +
                                ": the emulator binds loopback addresses only (force with --allow-non-loopback)");
  if (const auto valid = validate(options.runtime); !valid) throw std::invalid_argument(valid.error());
  impl_ = std::make_unique<Impl>(std::move(options));
}

EmulatorServer::~EmulatorServer() { stop(); }

void EmulatorServer::start() {
  Impl& d = *impl_;
  if (d.started) return;
  // The files host first: FileLink URLs name it, so the API must know its port before it
  // answers anyone.
  d.files_server.emplace(
      d.server_options(d.options.files_port, kFilesWorkers, [&d](const HttpRequest& r) { return d.serve_files(r); }));
  d.files_server->start();
  d.files_port = d.files_server->port();
  d.api.set_files_base(files_base());
  d.api_server.emplace(
      d.server_options(d.options.api_port, kApiWorkers, [&d](const HttpRequest& r) { return d.serve_api(r); }));
  d.api_server->start();
  d.api_port = d.api_server->port();
  d.started = true;
  if (d.options.warm_images) d.warm_thread = std::thread([&d] { d.warm_images(); });
}

void EmulatorServer::stop() {
  if (!impl_ || !impl_->started) return;
  Impl& d = *impl_;
  {
    std::lock_guard<std::mutex> lock(d.stop_mutex);
    d.stopping = true;
  }
  d.stop_cv.notify_all();  // ends injected latency, so the servers' running handlers finish
  d.api_server->stop();
  d.files_server->stop();
  if (d.warm_thread.joinable()) d.warm_thread.join();
  d.started = false;
}

int EmulatorServer::api_port() const { return impl_->api_port; }
int EmulatorServer::files_port() const { return impl_->files_port; }
std::string EmulatorServer::api_base() const { return base_url(impl_->options.host, impl_->api_port); }
std::string EmulatorServer::files_base() const { return base_url(impl_->options.host, impl_->files_port); }
std::size_t EmulatorServer::seed_session_count() const { return impl_->seed_sessions; }

}  // namespace iiv::emulator
