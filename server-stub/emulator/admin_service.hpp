#pragma once
// /_emulator/… on the API port: the emulator's own controls for tests and the demo,
// answered only to loopback clients.
//   GET  /_emulator/config          current settings
//   POST /_emulator/config          {"latency_ms","fault_rate","faults","files_cors","redaction_delay_ms"} (any subset)
//   POST /_emulator/keys/roll       {"key":"rk_test_…","replacement":"rk_test_…"(optional)} → later calls with key: 401
//   GET  /_emulator/stats           requests per endpoint, faults, in-flight and max in-flight
//   POST /_emulator/stats/reset     zero the counters
//   GET  /_emulator/clock           {"now","offset_seconds"}
//   POST /_emulator/clock           {"advance_seconds":N} moves the emulator's clock forward
// Bodies are JSON; answers are JSON with the security headers and a Request-Id.
#include <string>

#include "common/http/http_message.hpp"
#include "emulator/api_keys.hpp"
#include "emulator/emulator_clock.hpp"
#include "emulator/request_stats.hpp"
#include "emulator/runtime_config.hpp"

namespace iiv::emulator {

using common::HttpRequest;
using common::HttpResponse;

class AdminService {
 public:
  AdminService(KeyRing& keys, RuntimeConfigHolder& config, RequestStats& stats, EmulatorClock& clock);

  static bool is_admin_path(const std::string& path);
  HttpResponse handle(const HttpRequest& request);

 private:
  KeyRing& keys_;
  RuntimeConfigHolder& config_;
  RequestStats& stats_;
  EmulatorClock& clock_;
};

}  // namespace iiv::emulator
