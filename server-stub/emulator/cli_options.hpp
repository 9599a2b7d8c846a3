#pragma once
// iiv-stripe-emulator's command line:
//   --host 127.0.0.1  --port 0  --files-port 0  --latency-ms N  --fault-rate R
//   --faults 429,500,drop  --files-cors on|off  --keys FILE  --redaction-delay-ms N
//   --fault-seed N  --rate-limits off|sandbox|live  --allow-non-loopback  --no-warm-images
//   --quiet  --help
// Both "--flag value" and "--flag=value" are accepted.
#include <string>
#include <vector>

#include "common/result.hpp"
#include "emulator/emulator_server.hpp"

namespace iiv::emulator {

struct CliOptions {
  EmulatorOptions emulator;
  bool quiet = false;
  bool show_help = false;
};

// The options, or what is wrong with the command line.
common::Result<CliOptions, std::string> parse_cli(const std::vector<std::string>& args);

std::string usage_text();

}  // namespace iiv::emulator
