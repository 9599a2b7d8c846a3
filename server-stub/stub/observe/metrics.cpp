#include "stub/observe/metrics.hpp"

#include <sstream>

#include "stub/observe/prometheus_text.hpp"

namespace iiv::stub {

namespace {

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
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
  PrometheusText text;
  text.family("iiv_file_links_issued_total", "counter", "FileLinks created at Stripe.");
  text.sample("iiv_file_links_issued_total", {}, file_links_issued_);
  text.family("iiv_bundles_served_total", "counter", "Image link bundles answered.");
  text.sample("iiv_bundles_served_total", {}, bundles_served_);
  text.family("iiv_refusals_total", "counter", "Requests answered with an error, by error code.");
  for (const auto& [code, count] : refusals_) text.sample("iiv_refusals_total", {{"code", code}}, count);

  text.family("iiv_stripe_requests_total", "counter", "Requests sent to Stripe, by endpoint and HTTP status.");
  for (const auto& [labels, count] : stripe_calls_) {
    text.sample("iiv_stripe_requests_total", {{"endpoint", labels.first}, {"status", labels.second}}, count);
  }
  const std::string duration = "iiv_stripe_request_duration_seconds";
  text.family(duration, "histogram", "Time of one request to Stripe.");
  for (std::size_t i = 0; i < kLatencyBucketsSeconds.size(); ++i) {
    text.sample(duration + "_bucket", {{"le", number_text(kLatencyBucketsSeconds[i])}}, latency_buckets_[i]);
  }
  text.sample(duration + "_bucket", {{"le", "+Inf"}}, latency_count_);
  text.sample(duration + "_sum", {}, latency_sum_);
  text.sample(duration + "_count", {}, latency_count_);
  text.family("iiv_stripe_retries_total", "counter",
              "Retries of Stripe requests, allowed or refused by the shared retry budget.");
  for (const auto& [labels, count] : stripe_retries_) {
    text.sample("iiv_stripe_retries_total", {{"endpoint", labels.first}, {"outcome", labels.second}}, count);
  }
  if (stripe_budget_ != nullptr) {
    const StripeBudgetSnapshot budget = stripe_budget_->snapshot();
    text.family("iiv_stripe_budget_requests_total", "counter",
                "Requests to Stripe by what the client-side budget did with them: went at once, waited, or refused "
                "(the wait too long, or too many waiting).");
    for (const StripeEndpoint endpoint : kStripeEndpoints) {
      const StripeBudgetCounts& counts = budget.of(endpoint);
      const std::pair<const char*, std::uint64_t> outcomes[] = {{"immediate", counts.immediate},
                                                                {"waited", counts.waited},
                                                                {"refused_wait_too_long", counts.refused_wait_too_long},
                                                                {"refused_queue_full", counts.refused_queue_full}};
      for (const auto& [outcome, count] : outcomes) {
        text.sample("iiv_stripe_budget_requests_total", {{"endpoint", endpoint_label(endpoint)}, {"outcome", outcome}},
                    static_cast<long long>(count));
      }
    }
    text.family("iiv_stripe_budget_wait_seconds_total", "counter", "Time requests spent waiting for the budget.");
    for (const StripeEndpoint endpoint : kStripeEndpoints) {
      text.sample("iiv_stripe_budget_wait_seconds_total", {{"endpoint", endpoint_label(endpoint)}},
                  budget.of(endpoint).wait_seconds);
    }
    text.family("iiv_stripe_budget_waiting", "gauge", "Requests waiting for the budget now.");
    text.sample("iiv_stripe_budget_waiting", {}, static_cast<long long>(budget.waiting));
  }

  text.family("iiv_key_reloads_total", "counter",
              "Re-reads of the Stripe key, by trigger and whether the key changed.");
  for (const auto& [labels, count] : key_reloads_) {
    text.sample("iiv_key_reloads_total", {{"trigger", labels.first}, {"changed", labels.second}}, count);
  }
  text.family("iiv_reviewers_reloads_total", "counter", "Re-reads of the reviewers file, by outcome.");
  for (const auto& [outcome, count] : reviewers_reloads_) {
    text.sample("iiv_reviewers_reloads_total", {{"outcome", outcome}}, count);
  }
  text.family("iiv_audit_lines_total", "counter", "Audit lines, written or failed (a failure refuses the view).");
  for (const auto& [outcome, count] : audit_lines_) text.sample("iiv_audit_lines_total", {{"outcome", outcome}}, count);

  text.family("iiv_http_refusals_total", "counter", "Requests refused by the HTTP layer's limits, by code.");
  for (const auto& [listener, stats] : http_listeners_) {
    for (std::size_t i = 0; i < common::kHttpRefusalCount; ++i) {
      const auto refusal = static_cast<common::HttpRefusal>(i);
      text.sample("iiv_http_refusals_total", {{"listener", listener}, {"code", common::refusal_code(refusal)}},
                  static_cast<long long>(stats->refused(refusal)));
    }
  }
  text.family("iiv_http_connections_open", "gauge", "Connections open now.");
  for (const auto& [listener, stats] : http_listeners_) {
    text.sample("iiv_http_connections_open", {{"listener", listener}},
                static_cast<long long>(stats->connections_open.load()));
  }
  text.family("iiv_http_connections_accepted_total", "counter", "Connections accepted.");
  for (const auto& [listener, stats] : http_listeners_) {
    text.sample("iiv_http_connections_accepted_total", {{"listener", listener}},
                static_cast<long long>(stats->connections_accepted.load()));
  }
  return text.str();
}

}  // namespace iiv::stub
