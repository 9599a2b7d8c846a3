#include "stub/config/protected_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace iiv::stub {

namespace {

std::string octal_mode(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

common::Result<std::string, std::string> read_protected_file(const std::string& path, FileProtection protection,
                                                             const std::string& what, std::size_t max_bytes) {
  using common::Fail;
  // O_NONBLOCK: a FIFO put in the file's place must not hang the start or a reload before
  // the check below refuses it.
  const FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (file.get() < 0) return Fail(what + " " + path + " cannot be opened: " + std::strerror(errno));
  struct stat info {};
  if (::fstat(file.get(), &info) != 0) return Fail(what + " " + path + " cannot be examined: " + std::strerror(errno));
  if (!S_ISREG(info.st_mode)) return Fail(what + " " + path + " is not a regular file");
  if (protection == FileProtection::secret && (info.st_mode & 077) != 0) {
    return Fail(what + " " + path + " is readable or writable by group or others (mode " + octal_mode(info.st_mode) +
                "): run chmod 600 " + path);
  }
  if (protection == FileProtection::trusted && (info.st_mode & S_IWOTH) != 0) {
    return Fail(what + " " + path + " is writable by others (mode " + octal_mode(info.st_mode) + "): run chmod o-w " +
                path);
  }
  if (static_cast<std::size_t>(info.st_size) > max_bytes) {
    return Fail(what + " " + path + " is larger than " + std::to_string(max_bytes) + " bytes");
  }
  std::string content(static_cast<std::size_t>(info.st_size), '\0');
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::read(file.get(), content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Fail(what + " " + path + " cannot be read: " + std::strerror(errno));
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  content.resize(done);
  return content;
}

}  // namespace iiv::stub
