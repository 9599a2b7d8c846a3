#include "emulator/request_stats.hpp"

#include <algorithm>

namespace iiv::emulator {

RequestStats::InFlight::InFlight(RequestStats& stats) : stats_(stats) {
  std::lock_guard<std::mutex> lock(stats_.mutex_);
  ++stats_.in_flight_;
  stats_.max_in_flight_ = std::max(stats_.max_in_flight_, stats_.in_flight_);
}

RequestStats::InFlight::~InFlight() {
  std::lock_guard<std::mutex> lock(stats_.mutex_);
  --stats_.in_flight_;
}

void RequestStats::count_api(const std::string& endpoint) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++api_[endpoint];
}

void RequestStats::count_files(const std::string& endpoint) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++files_[endpoint];
}

void RequestStats::count_fault(FaultKind kind) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++faults_[fault_kind_name(kind)];
}

void RequestStats::count_rate_limited(RateLimit limit) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++rate_limited_[rate_limit_name(limit)];
}

nlohmann::ordered_json RequestStats::to_json() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::uint64_t total = 0, rate_limited_total = 0;
  for (const auto& [name, n] : api_) total += n;
  for (const auto& [name, n] : rate_limited_) rate_limited_total += n;
  return {{"api_requests", api_},       {"api_requests_total", total},    {"files_requests", files_},
          {"faults_injected", faults_}, {"rate_limited", rate_limited_},  {"rate_limited_total", rate_limited_total},
          {"in_flight", in_flight_},    {"max_in_flight", max_in_flight_}};
}

void RequestStats::reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  api_.clear();
  files_.clear();
  faults_.clear();
  rate_limited_.clear();
  max_in_flight_ = in_flight_;
}

}  // namespace iiv::emulator
