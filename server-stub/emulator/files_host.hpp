#pragma once
// The files host (files.stripe.com's stand-in, on its own port and so its own origin):
// GET /links/{token} serves the linked image's bytes with its Content-Type while the link
// lives; 404 for an unknown token, 410 once the link has expired or its session has been
// redacted. Every answer carries the security headers (Cache-Control: no-store …) and,
// when CORS is on, Access-Control-Allow-Origin: * — with CORS off the browser can only show
// the image through an <img>, which is what the viewer's fallback path is for.
#include "common/http/http_message.hpp"
#include "emulator/emulator_clock.hpp"
#include "emulator/emulator_store.hpp"
#include "emulator/runtime_config.hpp"

namespace iiv::emulator {

using common::HttpRequest;
using common::HttpResponse;

class FilesHost {
 public:
  FilesHost(EmulatorStore& store, EmulatorClock& clock, RuntimeConfigHolder& config);

  HttpResponse handle(const HttpRequest& request) const;

  // How stats name the request: "GET /links/{token}" or "unrecognized".
  static std::string endpoint_label(const HttpRequest& request);

 private:
  EmulatorStore& store_;
  EmulatorClock& clock_;
  RuntimeConfigHolder& config_;
};

}  // namespace iiv::emulator
