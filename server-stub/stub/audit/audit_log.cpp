#include "stub/audit/audit_log.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "stub/observe/json_log.hpp"

namespace iiv::stub {

AuditLog::AuditLog(const std::string& path) {
  if (path.empty()) return;
  file_ = std::fopen(path.c_str(), "a");
  if (file_ == nullptr) throw std::runtime_error("cannot open the audit log " + path);
}

AuditLog::~AuditLog() {
  if (file_ != nullptr) std::fclose(file_);
}

void AuditLog::write(const AuditEntry& entry) {
  const std::string line = build_audit_line(entry);
  if (file_ == nullptr) {
    log_event("audit", {{"audit", nlohmann::json::parse(line)}});
    return;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  std::fputs(line.c_str(), file_);
  std::fputc('\n', file_);
  std::fflush(file_);
}

}  // namespace iiv::stub
