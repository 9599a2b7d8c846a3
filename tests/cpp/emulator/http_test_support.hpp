#pragma once
// Test support: an emulator running in-process on loopback (port 0) and HTTP helpers. The
// program itself runs through tests/cpp/support/child_process.hpp.
#include <memory>
#include <string>
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

}  // namespace iiv::emulator::testing
