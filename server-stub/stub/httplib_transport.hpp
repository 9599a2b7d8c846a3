#pragma once
// StripeTransport over cpp-httplib (https to Stripe, http to a loopback emulator), with a
// pool of keep-alive connections: one httplib client serves one request at a time, so
// concurrent FileLink creations each take their own.
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "stub/stripe_transport.hpp"

namespace httplib {
class Client;
}

namespace iiv::stub {

class HttplibTransport : public StripeTransport {
 public:
  HttplibTransport(std::string base_url, std::chrono::milliseconds timeout);
  ~HttplibTransport() override;

  StripeHttpResponse send(const StripeHttpRequest& request) override;

 private:
  std::unique_ptr<httplib::Client> acquire();
  void release(std::unique_ptr<httplib::Client> client);

  std::string base_url_;
  std::chrono::milliseconds timeout_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<httplib::Client>> idle_;
};

}  // namespace iiv::stub
