#pragma once
// StripeTransport over cpp-httplib (https to Stripe, http to a loopback emulator), with a
// bounded pool of keep-alive connections: one httplib client serves one request at a time,
// so concurrent FileLink creations each take their own, and at most `max_connections` are
// open at once (an idle keep-alive connection still occupies a server worker).
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "stub/stripe/stripe_transport.hpp"

namespace httplib {
class Client;
}

namespace iiv::stub {

class HttplibTransport : public StripeTransport {
 public:
  HttplibTransport(std::string base_url, std::chrono::milliseconds timeout, int max_connections);
  ~HttplibTransport() override;

  StripeHttpResponse send(const StripeHttpRequest& request) override;

 private:
  std::unique_ptr<httplib::Client> acquire();
  void release(std::unique_ptr<httplib::Client> client);
  void discard();

  std::string base_url_;
  std::chrono::milliseconds timeout_;
  int max_connections_;
  std::mutex mutex_;
  std::condition_variable available_;
  int open_connections_ = 0;
  std::vector<std::unique_ptr<httplib::Client>> idle_;
};

}  // namespace iiv::stub
