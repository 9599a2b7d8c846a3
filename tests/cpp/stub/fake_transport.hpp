#pragma once
// A scripted StripeTransport for the unit tests: answers from a queue (or a function),
// records every request, and counts how many were in flight at once.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "stub/stripe/stripe_transport.hpp"

namespace iiv::stub::testing {

inline StripeHttpResponse http_answer(int status, std::string body = "{}") {
  StripeHttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

inline StripeHttpResponse failure(TransportFailure kind) {
  StripeHttpResponse response;
  response.failure = kind;
  return response;
}

class FakeTransport : public StripeTransport {
 public:
  using Responder = std::function<StripeHttpResponse(const StripeHttpRequest&)>;

  explicit FakeTransport(Responder responder, std::chrono::milliseconds hold = std::chrono::milliseconds(0))
      : responder_(std::move(responder)), hold_(hold) {}

  static FakeTransport scripted(std::deque<StripeHttpResponse> answers) {
    auto queue = std::make_shared<std::deque<StripeHttpResponse>>(std::move(answers));
    auto mutex = std::make_shared<std::mutex>();
    return FakeTransport([queue, mutex](const StripeHttpRequest&) {
      std::lock_guard<std::mutex> lock(*mutex);
      if (queue->empty()) return http_answer(599, "script exhausted");
      auto next = queue->front();
      queue->pop_front();
      return next;
    });
  }

  StripeHttpResponse send(const StripeHttpRequest& request) override {
    const int now = ++in_flight_;
    int seen = max_in_flight_.load();
    while (now > seen && !max_in_flight_.compare_exchange_weak(seen, now)) {
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      requests_.push_back(request);
    }
    // Holding the request open lets concurrent callers overlap (a property of the
    // callers, observed here, not a timing assertion).
    if (hold_.count() > 0) std::this_thread::sleep_for(hold_);
    auto response = responder_(request);
    --in_flight_;
    return response;
  }

  std::vector<StripeHttpRequest> requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }
  int max_in_flight() const { return max_in_flight_.load(); }

 private:
  Responder responder_;
  std::chrono::milliseconds hold_;
  mutable std::mutex mutex_;
  std::vector<StripeHttpRequest> requests_;
  std::atomic<int> in_flight_{0};
  std::atomic<int> max_in_flight_{0};
};

}  // namespace iiv::stub::testing
