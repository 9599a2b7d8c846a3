#include "stub/audit/audit_sink.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>

#include <nlohmann/json.hpp>

#include "stub/observe/json_log.hpp"

namespace iiv::stub {

using common::Done;
using common::Fail;

common::Result<std::unique_ptr<FileAuditSink>, std::string> FileAuditSink::open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
  if (fd < 0) return Fail("the audit log " + path + " cannot be opened: " + std::strerror(errno));
  return std::unique_ptr<FileAuditSink>(new FileAuditSink(fd));
}

FileAuditSink::~FileAuditSink() { ::close(fd_); }

common::Result<Done, std::string> FileAuditSink::append(const std::string& line) {
  const std::string text = line + "\n";
  // O_APPEND makes each write land whole at the end; a short write (a full disk part-way)
  // is finished or reported, never left as a torn line without notice.
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Fail(std::string(std::strerror(errno)));
    if (n == 0) return Fail(std::string("nothing was written"));
    done += static_cast<std::size_t>(n);
  }
  return Done{};
}

common::Result<Done, std::string> LogAuditSink::append(const std::string& line) {
  return write_log_line("audit", {{"audit", nlohmann::json::parse(line)}});
}

}  // namespace iiv::stub
