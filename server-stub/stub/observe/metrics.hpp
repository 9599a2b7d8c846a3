#pragma once
// Counters and one latency histogram, rendered in Prometheus text format. Labels are
// fixed vocabularies (error codes, endpoint templates, statuses, triggers): never a key,
// never an id.
#include <array>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "common/http/http_server.hpp"
#include "stub/stripe/stripe_budget.hpp"

namespace iiv::stub {

class Metrics {
 public:
  static constexpr std::array<double, 11> kLatencyBucketsSeconds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                                    0.5,   1.0,  2.5,   5.0,  10.0};

  void file_links_issued(int count);
  void bundle_served();
  void refusal(const std::string& error_code);
  // `status` 0 stands for "no HTTP answer" (network failure or timeout).
  void stripe_call(const std::string& endpoint_label, int status, double seconds);
  void key_reload(const std::string& trigger, bool changed);
  void reviewers_reload(bool ok);
  void audit_line(bool written);
  // The client-side budget's own counts, read when rendering.
  void add_stripe_budget(const StripeBudget* budget);
  // A retry the shared retry budget allowed, or refused.
  void stripe_retry(const std::string& endpoint_label, bool allowed);
  // The HTTP layer's own counters (refusals by code, connections), read when rendering.
  void add_http_listener(const std::string& listener, const common::HttpServerStats* stats);

  std::string render_prometheus() const;

 private:
  mutable std::mutex mutex_;
  long long file_links_issued_ = 0;
  long long bundles_served_ = 0;
  std::map<std::string, long long> refusals_;
  std::map<std::pair<std::string, std::string>, long long> stripe_calls_;
  std::array<long long, kLatencyBucketsSeconds.size()> latency_buckets_{};
  long long latency_count_ = 0;
  double latency_sum_ = 0;
  std::map<std::pair<std::string, std::string>, long long> key_reloads_;
  std::map<std::string, long long> reviewers_reloads_;
  std::map<std::string, long long> audit_lines_;
  const StripeBudget* stripe_budget_ = nullptr;
  std::map<std::pair<std::string, std::string>, long long> stripe_retries_;
  std::vector<std::pair<std::string, const common::HttpServerStats*>> http_listeners_;
};

}  // namespace iiv::stub
