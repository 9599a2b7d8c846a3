#pragma once
// Where audit lines are written, and whether that worked: a file opened for appending
// (created with mode 0600; one write(2) per line, so lines from concurrent requests never
// interleave and a crash loses nothing already answered), or the stderr log. A failed
// write (ENOSPC, EIO, /dev/full) is reported, never ignored: the stub refuses to show what
// it could not record.
#include <memory>
#include <string>

#include "common/result.hpp"

namespace iiv::stub {

class AuditSink {
 public:
  virtual ~AuditSink() = default;
  // `line` without its newline.
  virtual common::Result<common::Done, std::string> append(const std::string& line) = 0;
};

class FileAuditSink : public AuditSink {
 public:
  static common::Result<std::unique_ptr<FileAuditSink>, std::string> open(const std::string& path);
  ~FileAuditSink() override;
  FileAuditSink(const FileAuditSink&) = delete;
  FileAuditSink& operator=(const FileAuditSink&) = delete;

  common::Result<common::Done, std::string> append(const std::string& line) override;

 private:
  explicit FileAuditSink(int fd) : fd_(fd) {}
  int fd_;
};

// Audit lines as {"event":"audit","audit":{…}} lines of the stderr log.
class LogAuditSink : public AuditSink {
 public:
  common::Result<common::Done, std::string> append(const std::string& line) override;
};

}  // namespace iiv::stub
