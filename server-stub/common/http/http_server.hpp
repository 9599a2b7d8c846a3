#pragma once
// The HTTP/1.1 front door both servers share, on Boost.Beast and Asio: event-driven (a
// slow or idle client holds a socket and a few kilobytes, never a thread), strict about
// framing, and bounded by ServerLimits. Application code runs on a worker pool and sees
// only complete, checked requests; everything refused here is answered with the JSON the
// application's `refusal_answer` renders, counted, and the connection closed.
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/http/http_message.hpp"
#include "common/http/server_limits.hpp"

namespace iiv::common {

struct HttpServerStats {
  std::array<std::atomic<std::uint64_t>, kHttpRefusalCount> refusals{};  // by HttpRefusal
  std::atomic<std::uint64_t> connections_accepted{0};
  std::atomic<std::int64_t> connections_open{0};
  std::atomic<std::uint64_t> requests_handled{0};  // reached the handler

  std::uint64_t refused(HttpRefusal refusal) const { return refusals[static_cast<std::size_t>(refusal)].load(); }
};

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port (read port() after start())
  ServerLimits limits;
  int io_threads = 1;
  int worker_threads = 16;
  // Runs on a worker thread for every request that passed the limits.
  std::function<HttpResponse(const HttpRequest&)> handler;
  // The answer to a refusal (status from refusal_status); default: {"error":{"code","message"}}.
  std::function<HttpResponse(HttpRefusal)> refusal_answer;
  // Called on the worker thread after the handler answered (for request logs).
  std::function<void(const HttpRequest&, const HttpResponse&)> on_answered;
};

// {"error":{"code":refusal_code,"message":refusal_message}} with status refusal_status.
HttpResponse default_refusal_answer(HttpRefusal refusal);

class HttpServer {
 public:
  explicit HttpServer(HttpServerOptions options);
  ~HttpServer();  // stop()s
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts the I/O and worker threads, then returns. Throws std::runtime_error
  // naming host:port when the address cannot be bound.
  void start();
  // Stops accepting, closes every connection, waits for running handlers and the threads.
  // Idempotent.
  void stop();

  int port() const;
  const HttpServerStats& stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace iiv::common
