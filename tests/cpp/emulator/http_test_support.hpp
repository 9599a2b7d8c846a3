#pragma once
// Test support: an emulator running in-process on loopback (port 0), HTTP helpers, and a
// child-process wrapper for the iiv-stripe-emulator program.
#include <sys/types.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "emulator/emulator_server.hpp"

namespace iiv::emulator::testing {

EmulatorOptions quiet_options();

// With $IIV_TEST_LOG_DIR set and no `log` in the options, its log lines are kept there
// when it stops, for the whole-suite secret sweep (tests/cpp/support/test_log_dir.hpp).
class RunningEmulator {
 public:
  explicit RunningEmulator(EmulatorOptions options = quiet_options());
  ~RunningEmulator();

  httplib::Client api() const;
  httplib::Client files() const;
  // A full URL (files host link) split for a client: {base, path}.
  static std::pair<std::string, std::string> split_url(const std::string& url);

  // Admin helpers (JSON bodies).
  nlohmann::json admin_post(const std::string& path, const nlohmann::json& body) const;
  nlohmann::json admin_get(const std::string& path) const;

  EmulatorServer& server() { return server_; }

 private:
  struct KeptLog;
  std::unique_ptr<KeptLog> kept_log_;  // before server_: it outlives the server's threads
  EmulatorServer server_;
};

httplib::Headers bearer(const std::string& key, httplib::Headers extra = {});
nlohmann::json json_of(const httplib::Result& r);
// Percent-encoding for form bodies and query strings (brackets included: expand%5B%5D=…).
std::string form_encode(const std::string& text);
std::string form(const std::vector<std::pair<std::string, std::string>>& fields);

// A program run with pipes on stdout and stderr (stderr is collected in the background,
// and kept in $IIV_TEST_LOG_DIR when that is set).
class ChildProcess {
 public:
  ChildProcess(const std::string& program, const std::vector<std::string>& args);
  ~ChildProcess();

  // The next stdout line, or nullopt at end of output or after `timeout_ms`.
  std::optional<std::string> read_stdout_line(int timeout_ms);
  void send_signal(int signal);
  // The exit status (as from waitpid), waiting at most `timeout_ms`; nullopt on timeout.
  std::optional<int> wait_for_exit(int timeout_ms);
  std::string stderr_text();

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int stderr_fd_ = -1;
  std::string stdout_buffer_;
  std::thread stderr_reader_;
  std::mutex stderr_mutex_;
  std::string stderr_text_;
  std::optional<int> exit_status_;
};

}  // namespace iiv::emulator::testing
