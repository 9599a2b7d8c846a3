#pragma once
// The audit trail. Every view, refusal and redaction is recorded here, and the record
// comes first: a line that cannot be written is logged and counted, and turns the answer
// into 503 audit_unavailable, so nothing is shown that was not recorded.
#include <memory>
#include <mutex>

#include "stub/api/api_error.hpp"
#include "stub/audit/audit_line.hpp"
#include "stub/audit/audit_sink.hpp"
#include "stub/observe/metrics.hpp"

namespace iiv::stub {

class AuditLog {
 public:
  AuditLog(std::unique_ptr<AuditSink> sink, Metrics& metrics);

  Result<Done> write(const AuditEntry& entry);

 private:
  std::mutex mutex_;
  std::unique_ptr<AuditSink> sink_;
  Metrics& metrics_;
};

}  // namespace iiv::stub
