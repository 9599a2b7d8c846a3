#pragma once
// StripeTransport over libcurl: https to Stripe (certificate and host name always
// verified), plain http only to a loopback emulator, redirects never followed, answers
// capped in size.
//
// A bounded pool of easy handles: each handle keeps its own connection alive between
// requests and serves one request at a time, so concurrent FileLink creations each take a
// handle, at most `max_connections` connections are open, and further callers wait for a
// free handle.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "stub/stripe/stripe_transport.hpp"

namespace iiv::stub {

struct CurlTransportSettings {
  std::string base_url = "https://api.stripe.com";  // scheme://host[:port]; http only for loopback
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds request_timeout{3000};  // the whole exchange, connect included
  int max_connections = 8;
  std::size_t max_response_bytes = 1024 * 1024;
  std::string user_agent = "iiv-server-stub";
  // A CA bundle to trust besides the system's CA directory (tests that make their own CA; a
  // TLS-inspecting egress proxy's). Empty: the system's trust store only.
  std::string ca_file;
};

class CurlTransport : public StripeTransport {
 public:
  // Refuses a base URL that is not https (or http to a loopback host) and settings out of
  // range; the reason never contains a key (none is known here).
  static common::Result<std::unique_ptr<CurlTransport>, std::string> create(CurlTransportSettings settings);
  ~CurlTransport() override;  // no send() may be running
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  // Blocks while all `max_connections` handles are busy. A failure to reach Stripe, a
  // timeout, an answer over the size cap or a refused certificate come back as `failure`.
  StripeHttpResponse send(const StripeHttpRequest& request) override;

 private:
  struct Handle;
  explicit CurlTransport(CurlTransportSettings settings);

  std::unique_ptr<Handle> acquire();
  void release(std::unique_ptr<Handle> handle);

  CurlTransportSettings settings_;
  bool plain_http_;
  std::mutex mutex_;
  std::condition_variable available_;
  int handles_open_ = 0;
  std::vector<std::unique_ptr<Handle>> idle_;
};

}  // namespace iiv::stub
