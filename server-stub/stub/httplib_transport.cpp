#include "stub/httplib_transport.hpp"

#include <httplib.h>

namespace iiv::stub {

HttplibTransport::HttplibTransport(std::string base_url, std::chrono::milliseconds timeout, int max_connections)
    : base_url_(std::move(base_url)), timeout_(timeout), max_connections_(max_connections) {}

HttplibTransport::~HttplibTransport() = default;

std::unique_ptr<httplib::Client> HttplibTransport::acquire() {
  {
    std::unique_lock<std::mutex> lock(mutex_);
    available_.wait(lock, [this] { return !idle_.empty() || open_connections_ < max_connections_; });
    if (!idle_.empty()) {
      auto client = std::move(idle_.back());
      idle_.pop_back();
      return client;
    }
    ++open_connections_;
  }
  auto client = std::make_unique<httplib::Client>(base_url_);
  client->set_keep_alive(true);
  // Headers and body go out in separate writes: without TCP_NODELAY, Nagle plus delayed
  // ACKs stall every POST by ~40 ms.
  client->set_tcp_nodelay(true);
  client->set_connection_timeout(timeout_);
  client->set_read_timeout(timeout_);
  client->set_write_timeout(timeout_);
  client->enable_server_certificate_verification(true);
  return client;
}

void HttplibTransport::release(std::unique_ptr<httplib::Client> client) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    idle_.push_back(std::move(client));
  }
  available_.notify_one();
}

void HttplibTransport::discard() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    --open_connections_;
  }
  available_.notify_one();
}

StripeHttpResponse HttplibTransport::send(const StripeHttpRequest& request) {
  httplib::Headers headers = {{"Authorization", "Bearer " + request.api_key}, {"User-Agent", "iiv-server-stub"}};
  if (!request.idempotency_key.empty()) headers.emplace("Idempotency-Key", request.idempotency_key);

  auto client = acquire();
  const auto started = std::chrono::steady_clock::now();
  httplib::Result result =
      request.method == "POST"
          ? client->Post(request.path_and_query.c_str(), headers, request.form_body, "application/x-www-form-urlencoded")
          : client->Get(request.path_and_query.c_str(), headers);
  const auto elapsed = std::chrono::steady_clock::now() - started;

  StripeHttpResponse response;
  if (!result) {
    const httplib::Error error = result.error();
    // httplib reports a read timeout as a read error: tell them apart by the time taken.
    const bool timed_out = error == httplib::Error::ConnectionTimeout ||
                           ((error == httplib::Error::Read || error == httplib::Error::Write) && elapsed >= timeout_ * 9 / 10);
    response.failure = timed_out ? TransportFailure::timeout
                       : error == httplib::Error::Connection ? TransportFailure::connect
                                                             : TransportFailure::other;
    client.reset();  // a broken connection is closed, not pooled
    discard();
    return response;
  }
  response.status = result->status;
  response.body = std::move(result->body);
  response.retry_after = result->get_header_value("Retry-After");
  response.date = result->get_header_value("Date");
  response.should_retry = result->get_header_value("Stripe-Should-Retry");
  release(std::move(client));
  return response;
}

}  // namespace iiv::stub
