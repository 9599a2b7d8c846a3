#pragma once
// A child process for the tests that run the real emulator and stub binaries.
// Its stdout is a pipe (both print one JSON "listening" line first); its stderr goes to a
// file the test can search. The destructor stops it (SIGTERM, then SIGKILL) and reaps it.
#include <sys/types.h>
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace iiv::testing {

class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& stderr_file,
               const std::map<std::string, std::string>& extra_env = {});
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The next stdout line, or nullopt at end of output or after `timeout`.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout);
  // Exit status once the process has ended by itself within `timeout`.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);

  void signal(int signal_number) const;
  void stop();
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string buffered_;
  bool reaped_ = false;
};

// Reads a whole file ("" when absent).
std::string read_text_file(const std::filesystem::path& path);

// Polls `path` until it contains `needle` or `timeout` passes: waiting for an event the
// process reports, never for a fixed time.
bool wait_for_text(const std::filesystem::path& path, const std::string& needle, std::chrono::milliseconds timeout);

// A fresh folder under the system temp folder, removed with the object. With
// $IIV_TEST_LOG_DIR set, its log files (*.stderr, *.jsonl, *.log) are kept there first
// (tests/cpp/support/test_log_dir.hpp); key and reviewer files never are.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace iiv::testing
