#include "emulator/emulator_server.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <stdexcept>
#include <thread>

#include <httplib.h>

#include "common/http_date.hpp"
#include "emulator/admin_service.hpp"
#include "emulator/api_keys.hpp"
#include "emulator/api_service.hpp"
#include "emulator/connection_drop.hpp"
#include "emulator/emulator_clock.hpp"
#include "emulator/emulator_store.hpp"
#include "emulator/fault_injector.hpp"
#include "emulator/files_host.hpp"
#include "emulator/loopback.hpp"
#include "emulator/request_stats.hpp"
#include "emulator/seed_data.hpp"

namespace iiv::emulator {

namespace {

// Enough workers that a client's parallel requests are served in parallel even while
// keep-alive connections hold some of them.
constexpr std::size_t kWorkerThreads = 24;
// Idle keep-alive connections are closed after this, which also bounds how long stop() waits.
constexpr time_t kKeepAliveSeconds = 2;
constexpr std::size_t kChunkSize = 64 * 1024;

HttpRequest to_request(const httplib::Request& req) {
  HttpRequest r;
  r.method = req.method;
  r.target = req.target;
  for (const auto& [name, value] : req.headers) r.headers[lowercase(name)] = value;
  r.body = req.body;
  r.remote_addr = req.remote_addr;
  return r;
}

void to_httplib(const HttpResponse& out, httplib::Response& res) {
  res.status = out.status;
  std::string content_type = "application/json";
  for (const auto& [name, value] : out.headers) {
    const std::string lower = lowercase(name);
    if (lower == "content-type") {
      content_type = value;
      continue;
    }
    if (lower == "content-length") continue;  // cpp-httplib sets it from the body
    res.set_header(name, value);
  }
  if (out.image) {
    auto image = out.image;
    const auto& bytes = image->bytes();
    res.set_content_provider(bytes.size(), content_type,
                             [image](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                               const auto& data = image->bytes();
                               const std::size_t n = std::min(length, kChunkSize);
                               sink.write(reinterpret_cast<const char*>(data.data()) + offset, n);
                               return true;
                             });
  } else if (out.status != 204) {
    res.set_content(out.body, content_type);
  }
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

  void serve_api(const httplib::Request& req, httplib::Response& res) {
    const HttpRequest request = to_request(req);
    if (AdminService::is_admin_path(request.path())) {
      to_httplib(admin.handle(request), res);
      return;
    }
    RequestStats::InFlight in_flight(stats);
    stats.count_api(ApiService::endpoint_label(request));
    const RuntimeConfig now_config = config.get();
    added_latency(now_config.latency_ms);
    if (const auto fault = faults.decide(now_config)) {
      stats.count_fault(*fault);
      log("api " + request.method + " " + request.path() + " fault=" + fault_kind_name(*fault));
      if (*fault == FaultKind::drop_connection) {
        drop_connection(req.local_port, req.remote_port);
        res.status = 500;  // never reaches the client: its connection is gone
        return;
      }
      to_httplib(api.fault_response(*fault), res);
      return;
    }
    const HttpResponse out = api.handle(request);
    log("api " + request.method + " " + request.path() + " " + std::to_string(out.status) + " " +
        out.header("Request-Id") + (out.log_note.empty() ? "" : " " + out.log_note));
    to_httplib(out, res);
    // Stripe's answers carry its clock; ours is the emulator's (which tests may move).
    res.set_header("Date", common::format_http_date(clock.now()));
  }

  void serve_files(const httplib::Request& req, httplib::Response& res) {
    const HttpRequest request = to_request(req);
    stats.count_files(FilesHost::endpoint_label(request));
    const HttpResponse out = files.handle(request);
    log("files " + request.method + " /links/… " + std::to_string(out.status));
    to_httplib(out, res);
  }

  static void route_everything(httplib::Server& server, httplib::Server::Handler handler) {
    server.Get(".*", handler);
    server.Post(".*", handler);
    server.Put(".*", handler);
    server.Patch(".*", handler);
    server.Delete(".*", handler);
    server.Options(".*", handler);
  }

  void configure(httplib::Server& server) {
    server.new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
    server.set_keep_alive_timeout(kKeepAliveSeconds);
    // Headers and body leave in separate writes: without TCP_NODELAY, Nagle's algorithm
    // and delayed ACKs add ~40 ms to every answer. httplib also closes a connection after 5
    // requests by default; the reconnect bursts overflow its small listen backlog.
    server.set_tcp_nodelay(true);
    server.set_keep_alive_max_count(1000);
    server.set_payload_max_length(1024 * 1024);
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

  httplib::Server api_server, files_server;
  std::thread api_thread, files_thread, warm_thread;
  int api_port = -1, files_port = -1;
  bool started = false;
  std::atomic<bool> stopping{false};
  std::mutex stop_mutex;
  std::condition_variable stop_cv;
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
  d.configure(d.api_server);
  d.configure(d.files_server);
  Impl::route_everything(d.api_server, [&d](const httplib::Request& q, httplib::Response& r) { d.serve_api(q, r); });
  Impl::route_everything(d.files_server,
                         [&d](const httplib::Request& q, httplib::Response& r) { d.serve_files(q, r); });
  const auto bind = [&](httplib::Server& server, int port) {
    const int bound = port == 0 ? server.bind_to_any_port(d.options.host) : (server.bind_to_port(d.options.host, port) ? port : -1);
    if (bound <= 0)
      throw std::runtime_error("cannot listen on " + d.options.host + ":" + std::to_string(port));
    return bound;
  };
  d.api_port = bind(d.api_server, d.options.api_port);
  d.files_port = bind(d.files_server, d.options.files_port);
  d.api.set_files_base(files_base());
  // Both sockets listen from here on; connections queue until the accept loops run.
  d.api_thread = std::thread([&d] { d.api_server.listen_after_bind(); });
  d.files_thread = std::thread([&d] { d.files_server.listen_after_bind(); });
  d.started = true;  // from here on stop() must join the threads
  // cpp-httplib's stop() does nothing until its accept loop has begun, so stop() right
  // after start() would leave a thread serving forever: wait for both loops to run.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!(d.api_server.is_running() && d.files_server.is_running())) {
    if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("the HTTP servers did not start");
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (d.options.warm_images) d.warm_thread = std::thread([&d] { d.warm_images(); });
}

void EmulatorServer::stop() {
  if (!impl_ || !impl_->started) return;
  Impl& d = *impl_;
  {
    std::lock_guard<std::mutex> lock(d.stop_mutex);
    d.stopping = true;
  }
  d.stop_cv.notify_all();
  d.api_server.stop();
  d.files_server.stop();
  // Idle keep-alive connections would otherwise hold their worker threads (and this stop)
  // until the clients' keep-alive timeout.
  drop_all_connections(d.api_port);
  drop_all_connections(d.files_port);
  if (d.api_thread.joinable()) d.api_thread.join();
  if (d.files_thread.joinable()) d.files_thread.join();
  if (d.warm_thread.joinable()) d.warm_thread.join();
  d.started = false;
}

int EmulatorServer::api_port() const { return impl_->api_port; }
int EmulatorServer::files_port() const { return impl_->files_port; }
std::string EmulatorServer::api_base() const { return base_url(impl_->options.host, impl_->api_port); }
std::string EmulatorServer::files_base() const { return base_url(impl_->options.host, impl_->files_port); }
std::size_t EmulatorServer::seed_session_count() const { return impl_->seed_sessions; }

}  // namespace iiv::emulator
