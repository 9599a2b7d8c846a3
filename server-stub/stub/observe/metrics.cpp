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

void Metrics::reviewers_reload(bool ok) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++reviewers_reloads_[ok ? "ok" : "refused"];
}

void Metrics::audit_line(bool written) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++audit_lines_[written ? "written" : "failed"];
}

void Metrics::add_stripe_budget(const StripeBudget* budget) {
  std::lock_guard<std::mutex> lock(mutex_);
  stripe_budget_ = budget;
}

void Metrics::stripe_retry(const std::string& endpoint_label, bool allowed) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++stripe_retries_[{endpoint_label, allowed ? "allowed" : "refused"}];
}

void Metrics::add_http_listener(const std::string& listener, const common::HttpServerStats* stats) {
  std::lock_guard<std::mutex> lock(mutex_);
  http_listeners_.emplace_back(listener, stats);
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
  out << "# HELP iiv_reviewers_reloads_total Re-reads of the reviewers file, by outcome.\n"
      << "# TYPE iiv_reviewers_reloads_total counter\n";
  for (const auto& [outcome, count] : reviewers_reloads_) {
    out << "iiv_reviewers_reloads_total{outcome=\"" << escape_label(outcome) << "\"} " << count << "\n";
  }
  out << "# HELP iiv_audit_lines_total Audit lines, written or failed (a failure refuses the view).\n"
      << "# TYPE iiv_audit_lines_total counter\n";
  for (const auto& [outcome, count] : audit_lines_) {
    out << "iiv_audit_lines_total{outcome=\"" << escape_label(outcome) << "\"} " << count << "\n";
  }
  if (stripe_budget_ != nullptr) {
    const StripeBudgetSnapshot budget = stripe_budget_->snapshot();
    out << "# HELP iiv_stripe_budget_requests_total Requests to Stripe by what the client-side budget did with "
           "them: went at once, waited, or refused (the wait too long, or too many waiting).\n"
        << "# TYPE iiv_stripe_budget_requests_total counter\n";
    for (const StripeEndpoint endpoint : kStripeEndpoints) {
      const StripeBudgetCounts& counts = budget.of(endpoint);
      const std::pair<const char*, std::uint64_t> outcomes[] = {{"immediate", counts.immediate},
                                                                {"waited", counts.waited},
                                                                {"refused_wait_too_long", counts.refused_wait_too_long},
                                                                {"refused_queue_full", counts.refused_queue_full}};
      for (const auto& [outcome, count] : outcomes) {
        out << "iiv_stripe_budget_requests_total{endpoint=\"" << escape_label(endpoint_label(endpoint))
            << "\",outcome=\"" << outcome << "\"} " << count << "\n";
      }
    }
    out << "# HELP iiv_stripe_budget_wait_seconds_total Time requests spent waiting for the budget.\n"
        << "# TYPE iiv_stripe_budget_wait_seconds_total counter\n";
    for (const StripeEndpoint endpoint : kStripeEndpoints) {
      out << "iiv_stripe_budget_wait_seconds_total{endpoint=\"" << escape_label(endpoint_label(endpoint)) << "\"} "
          << std::setprecision(9) << budget.of(endpoint).wait_seconds << "\n";
    }
    out << "# HELP iiv_stripe_budget_waiting Requests waiting for the budget now.\n"
        << "# TYPE iiv_stripe_budget_waiting gauge\n"
        << "iiv_stripe_budget_waiting " << budget.waiting << "\n";
  }
  out << "# HELP iiv_stripe_retries_total Retries of Stripe requests, allowed or refused by the shared retry budget.\n"
      << "# TYPE iiv_stripe_retries_total counter\n";
  for (const auto& [labels, count] : stripe_retries_) {
    out << "iiv_stripe_retries_total{endpoint=\"" << escape_label(labels.first) << "\",outcome=\""
        << escape_label(labels.second) << "\"} " << count << "\n";
  }
  out << "# HELP iiv_http_refusals_total Requests refused by the HTTP layer's limits, by code.\n"
      << "# TYPE iiv_http_refusals_total counter\n";
  for (const auto& [listener, stats] : http_listeners_) {
    for (std::size_t i = 0; i < common::kHttpRefusalCount; ++i) {
      const auto refusal = static_cast<common::HttpRefusal>(i);
      out << "iiv_http_refusals_total{listener=\"" << escape_label(listener) << "\",code=\""
          << common::refusal_code(refusal) << "\"} " << stats->refused(refusal) << "\n";
    }
  }
  out << "# HELP iiv_http_connections_open Connections open now.\n"
      << "# TYPE iiv_http_connections_open gauge\n";
  for (const auto& [listener, stats] : http_listeners_) {
    out << "iiv_http_connections_open{listener=\"" << escape_label(listener) << "\"} " << stats->connections_open.load()
        << "\n";
  }
  out << "# HELP iiv_http_connections_accepted_total Connections accepted.\n"
      << "# TYPE iiv_http_connections_accepted_total counter\n";
  for (const auto& [listener, stats] : http_listeners_) {
    out << "iiv_http_connections_accepted_total{listener=\"" << escape_label(listener) << "\"} "
        << stats->connections_accepted.load() << "\n";
  }
  return out.str();
}

}  // namespace iiv::stub
