#pragma once
// The HTTP face of the stub: routes, reviewer authentication, CORS, the JSON-only POST
// guard, security headers, audit lines and static folders. The decisions are made by the
// iiv_stub pieces it calls; this layer only moves them on and off the wire.
#include <memory>
#include <string>

#include "stub/audit/audit_log.hpp"
#include "stub/http/cors_policy.hpp"
#include "stub/links/image_link_service.hpp"
#include "stub/observe/metrics.hpp"
#include "stub/sessions/redaction_service.hpp"
#include "stub/auth/reviewer_directory.hpp"
#include "stub/config/stub_config.hpp"
#include "stub/sessions/summary_service.hpp"

namespace iiv::stub {

struct ServerParts {
  const StubConfig& config;
  const ReviewerDirectory& reviewers;
  const CorsPolicy& cors;
  Metrics& metrics;
  AuditLog& audit;
  ImageLinkService& image_links;
  SummaryService& summaries;
  RedactionService& redactions;
};

class HttpServer {
 public:
  explicit HttpServer(ServerParts parts);
  ~HttpServer();

  // Binds the API listener (and the metrics one, if configured); returns false on failure.
  bool bind(std::string* error);
  int port() const { return port_; }
  int metrics_port() const { return metrics_port_; }

  // Serves until stop(); blocks.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = -1;
  int metrics_port_ = -1;
};

}  // namespace iiv::stub
