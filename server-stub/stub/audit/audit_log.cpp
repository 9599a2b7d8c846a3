#include "stub/audit/audit_log.hpp"

#include "stub/observe/json_log.hpp"

namespace iiv::stub {

AuditLog::AuditLog(std::unique_ptr<AuditSink> sink, Metrics& metrics) : sink_(std::move(sink)), metrics_(metrics) {}

Result<Done> AuditLog::write(const AuditEntry& entry) {
  const std::string line = build_audit_line(entry);
  common::Result<Done, std::string> written = Done{};
  {
    std::lock_guard<std::mutex> lock(mutex_);
    written = sink_->append(line);
  }
  metrics_.audit_line(written.ok());
  if (written) return Done{};
  log_event("audit_write_failed", {{"action", entry.action}, {"error", written.error()}});
  return Fail(ApiError{ErrorCode::audit_unavailable,
                       "The audit log cannot be written, so nothing sensitive is shown. Tell the server's operator.",
                       {}});
}

}  // namespace iiv::stub
