#pragma once
// Test support: an emulator running in-process on loopback (port 0) and HTTP helpers. The
// program itself runs through tests/cpp/support/child_process.hpp.
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "emulator/emulator_server.hpp"
#include "support/http_client.hpp"

namespace iiv::emulator::testing {

using iiv::testing::HeaderPairs;
using iiv::testing::HttpAnswer;
using iiv::testing::HttpClient;

EmulatorOptions quiet_options();

// With $IIV_TEST_LOG_DIR set and no `log` in the options, its log lines are kept there
// when it stops, for the whole-suite secret sweep (tests/cpp/support/test_log_dir.hpp).
class RunningEmulator {
 public:
  explicit RunningEmulator(EmulatorOptions options = quiet_options());
  ~RunningEmulator();

  HttpClient api() const;
  HttpClient files() const;
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

HeaderPairs bearer(const std::string& key, HeaderPairs extra = {});
// The answer's JSON body; throws when there was no answer or it is not JSON.
nlohmann::json json_of(const HttpAnswer& r);
// Percent-encoding for form bodies and query strings (brackets included: expand%5B%5D=…).
std::string form_encode(const std::string& text);
std::string form(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace iiv::emulator::testing
