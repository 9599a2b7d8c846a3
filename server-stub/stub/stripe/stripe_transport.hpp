#pragma once
// One HTTP exchange with Stripe, behind an interface so the retry, key-reload and error
// logic above it is tested without sockets. The HTTP implementation is curl_transport.
#include <string>

namespace iiv::stub {

struct StripeHttpRequest {
  std::string method;           // "GET" or "POST"
  std::string path_and_query;   // "/v1/…", ids already validated
  std::string form_body;        // application/x-www-form-urlencoded, POST only
  std::string api_key;          // sent as "Authorization: Bearer …"; never logged
  std::string idempotency_key;  // POST only
  std::string api_version;      // sent as Stripe-Version (common::kStripeApiVersion)
};

enum class TransportFailure {
  none,
  connect,  // Stripe could not be reached
  timeout,  // no answer in time
  other,    // the connection broke off, or another passing fault
  // Failures that would happen again, the same way: never retried.
  certificate_refused,  // the host's TLS certificate could not be verified
  answer_too_large,     // the answer exceeded the transport's cap and was not read
  request_refused,      // the request could not be sent as built (a header with CR/LF, a bad path)
};

struct StripeHttpResponse {
  TransportFailure failure = TransportFailure::none;
  int status = 0;
  std::string body;
  std::string retry_after;   // the Retry-After header, if any
  std::string should_retry;  // the Stripe-Should-Retry header, if any
  std::string date;          // the Date header: Stripe's clock
};

class StripeTransport {
 public:
  virtual ~StripeTransport() = default;
  virtual StripeHttpResponse send(const StripeHttpRequest& request) = 0;
};

}  // namespace iiv::stub
