#pragma once
// Where audit lines go: appended to --audit-log FILE (flushed per line, so a crash loses
// nothing already answered), or to the stderr log when no file is configured.
#include <cstdio>
#include <mutex>
#include <string>

#include "stub/audit/audit_line.hpp"

namespace iiv::stub {

class AuditLog {
 public:
  // Empty path: stderr. Throws std::runtime_error when the file cannot be opened.
  explicit AuditLog(const std::string& path);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  void write(const AuditEntry& entry);

 private:
  std::mutex mutex_;
  std::FILE* file_ = nullptr;
};

}  // namespace iiv::stub
