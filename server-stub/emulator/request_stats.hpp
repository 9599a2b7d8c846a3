#pragma once
// What GET /_emulator/stats reports: requests per endpoint (API and files host), injected
// faults, requests refused by Stripe's rate limits (per limit), and the most API requests
// that were in flight at once — how the stub's tests show that it creates its FileLinks in
// parallel.
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "emulator/runtime_config.hpp"
#include "emulator/stripe_rate_limiter.hpp"

namespace iiv::emulator {

class RequestStats {
 public:
  // Counts one API request as in flight for its lifetime.
  class InFlight {
   public:
    explicit InFlight(RequestStats& stats);
    ~InFlight();
    InFlight(const InFlight&) = delete;
    InFlight& operator=(const InFlight&) = delete;

   private:
    RequestStats& stats_;
  };

  // Endpoints are named by route, e.g. "POST /v1/file_links" or "GET /v1/files/{file}".
  void count_api(const std::string& endpoint);
  void count_files(const std::string& endpoint);
  void count_fault(FaultKind kind);
  void count_rate_limited(RateLimit limit);

  nlohmann::ordered_json to_json() const;
  // Zeroes the counts and the maximum (requests in flight now stay counted).
  void reset();

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::uint64_t> api_;
  std::map<std::string, std::uint64_t> files_;
  std::map<std::string, std::uint64_t> faults_;
  std::map<std::string, std::uint64_t> rate_limited_;
  int in_flight_ = 0;
  int max_in_flight_ = 0;
};

}  // namespace iiv::emulator
