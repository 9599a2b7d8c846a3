#pragma once
// A deliberately plain HTTP/1.1 server on 127.0.0.1 for the transport tests: raw sockets, one
// thread per connection, keep-alive, and the answer's bytes written exactly as the test
// scripts them (wrong sizes, redirects, stalls). It records every request and counts the
// connections it accepted.
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace iiv::stub::testing {

struct ReceivedRequest {
  std::string method;
  std::string target;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  int connection = 0;  // 1 for the first accepted connection, and so on

  bool has(const std::string& lowercase_name) const { return headers.count(lowercase_name) > 0; }
  std::string header(const std::string& lowercase_name) const {
    const auto it = headers.find(lowercase_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class LoopbackHttpServer {
 public:
  // Returns the raw bytes to send back; an empty string closes the connection unanswered.
  using Responder = std::function<std::string(const ReceivedRequest&)>;

  explicit LoopbackHttpServer(Responder responder);
  ~LoopbackHttpServer();
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int connections_accepted() const { return accepted_.load(); }
  int max_in_flight() const { return max_in_flight_.load(); }
  std::vector<ReceivedRequest> requests() const;

  // "HTTP/1.1 <status> X\r\nContent-Length: …\r\n<extra>\r\n<body>".
  static std::string answer(int status, const std::string& body, const std::string& extra_headers = "");

 private:
  void accept_loop();
  void serve(int fd, int connection);

  Responder responder_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> accepted_{0};
  std::atomic<int> in_flight_{0};
  std::atomic<int> max_in_flight_{0};
  mutable std::mutex mutex_;
  std::vector<ReceivedRequest> requests_;
  std::vector<int> connection_fds_;
  std::vector<std::thread> connection_threads_;
  std::thread accept_thread_;
};

// A port on 127.0.0.1 that nothing listens on (bound, then closed).
int closed_loopback_port();

}  // namespace iiv::stub::testing
