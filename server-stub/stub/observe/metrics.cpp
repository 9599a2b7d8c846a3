#include "stub/observe/metrics.hpp"

#include <iomanip>
#include <sstream>

namespace iiv::stub {

namespace {
// Label values come from fixed vocabularies, but escape anyway so the text stays valid.
std::string escape_label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}
}  // namespace

void Metrics::file_links_issued(int count) {
  std::lock_guard<std::mutex> lock(mutex_);
  file_links_issued_ += count;
}

void Metrics::bundle_served() {
  std::lock_guard<std::mutex> lock(mutex_);
  ++bundles_served_;
}

void Metrics::refusal(const std::string& error_code) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++refusals_[error_code];
}

void Metrics::stripe_call(const std::string& endpoint_label, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++stripe_calls_[{endpoint_label, status == 0 ? "network_error" : std::to_string(status)}];
  for (std::size_t i = 0; i < kLatencyBucketsSeconds.size(); ++i) {
    if (seconds <= kLatencyBucketsSeconds[i]) ++latency_buckets_[i];
  }
  ++latency_count_;
  latency_sum_ += seconds;
}

void Metrics::key_reload(const std::string& trigger, bool changed) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++key_reloads_[{trigger, changed ? "true" : "false"}];
}

std::string Metrics::render_prometheus() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::ostringstream out;
  out << "# HELP iiv_file_links_issued_total FileLinks created at Stripe.\n"
      << "# TYPE iiv_file_links_issued_total counter\n"
      << "iiv_file_links_issued_total " << file_links_issued_ << "\n"
      << "# HELP iiv_bundles_served_total Image link bundles answered.\n"
      << "# TYPE iiv_bundles_served_total counter\n"
      << "iiv_bundles_served_total " << bundles_served_ << "\n"
      << "# HELP iiv_refusals_total Requests answered with an error, by error code.\n"
      << "# TYPE iiv_refusals_total counter\n";
  for (const auto& [code, count] : refusals_) out << "iiv_refusals_total{code=\"" << escape_label(code) << "\"} " << count << "\n";
  out << "# HELP iiv_stripe_requests_total Requests sent to Stripe, by endpoint and HTTP status.\n"
      << "# TYPE iiv_stripe_requests_total counter\n";
  for (const auto& [labels, count] : stripe_calls_) {
    out << "iiv_stripe_requests_total{endpoint=\"" << escape_label(labels.first) << "\",status=\""
        << escape_label(labels.second) << "\"} " << count << "\n";
  }
  out << "# HELP iiv_stripe_request_duration_seconds Time of one request to Stripe.\n"
      << "# TYPE iiv_stripe_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < kLatencyBucketsSeconds.size(); ++i) {
    out << "iiv_stripe_request_duration_seconds_bucket{le=\"" << kLatencyBucketsSeconds[i] << "\"} "
        << latency_buckets_[i] << "\n";
  }
  out << "iiv_stripe_request_duration_seconds_bucket{le=\"+Inf\"} " << latency_count_ << "\n"
      << "iiv_stripe_request_duration_seconds_sum " << std::setprecision(9) << latency_sum_ << "\n"
      << "iiv_stripe_request_duration_seconds_count " << latency_count_ << "\n"
      << "# HELP iiv_key_reloads_total Re-reads of the Stripe key, by trigger and whether the key changed.\n"
      << "# TYPE iiv_key_reloads_total counter\n";
  for (const auto& [labels, count] : key_reloads_) {
    out << "iiv_key_reloads_total{trigger=\"" << escape_label(labels.first) << "\",changed=\""
        << escape_label(labels.second) << "\"} " << count << "\n";
  }
  return out.str();
}

}  // namespace iiv::stub
