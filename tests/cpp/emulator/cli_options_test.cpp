#include "emulator/cli_options.hpp"

#include <gtest/gtest.h>

namespace iiv::emulator {
namespace {

CliOptions parsed(const std::vector<std::string>& args) {
  auto r = parse_cli(args);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error());
  return r.ok() ? r.value() : CliOptions{};
}

std::string error_of(const std::vector<std::string>& args) {
  auto r = parse_cli(args);
  return r.ok() ? "" : r.error();
}

TEST(CliOptions, DefaultsAreLoopbackAnyPortsNoFaultsCorsOn) {
  const CliOptions c = parsed({});
  EXPECT_EQ(c.emulator.host, "127.0.0.1");
  EXPECT_EQ(c.emulator.api_port, 0);
  EXPECT_EQ(c.emulator.files_port, 0);
  EXPECT_EQ(c.emulator.runtime.latency_ms, 0);
  EXPECT_EQ(c.emulator.runtime.fault_rate, 0.0);
  EXPECT_TRUE(c.emulator.runtime.files_cors);
  EXPECT_FALSE(c.emulator.keys_file);
  EXPECT_FALSE(c.emulator.allow_non_loopback);
}

TEST(CliOptions, EveryFlagInBothSpellings) {
  const CliOptions c = parsed({"--host", "::1", "--port=8123", "--files-port", "8124", "--latency-ms", "40",
                               "--fault-rate=0.25", "--faults", "500,drop", "--files-cors", "off", "--keys=k.json",
                               "--redaction-delay-ms", "1500", "--fault-seed", "9", "--no-warm-images", "--quiet"});
  EXPECT_EQ(c.emulator.host, "::1");
  EXPECT_EQ(c.emulator.api_port, 8123);
  EXPECT_EQ(c.emulator.files_port, 8124);
  EXPECT_EQ(c.emulator.runtime.latency_ms, 40);
  EXPECT_EQ(c.emulator.runtime.fault_rate, 0.25);
  EXPECT_EQ(c.emulator.runtime.faults, (std::vector<FaultKind>{FaultKind::server_error, FaultKind::drop_connection}));
  EXPECT_FALSE(c.emulator.runtime.files_cors);
  EXPECT_EQ(c.emulator.keys_file, "k.json");
  EXPECT_EQ(c.emulator.runtime.redaction_delay_ms, 1500);
  EXPECT_EQ(c.emulator.fault_seed, 9u);
  EXPECT_FALSE(c.emulator.warm_images);
  EXPECT_TRUE(c.quiet);
}

TEST(CliOptions, RateLimits) {
  EXPECT_EQ(parsed({}).emulator.runtime.rate_limits, RateLimits::off);
  EXPECT_EQ(parsed({"--rate-limits", "sandbox"}).emulator.runtime.rate_limits, RateLimits::sandbox);
  EXPECT_EQ(parsed({"--rate-limits=live"}).emulator.runtime.rate_limits, RateLimits::live);
  EXPECT_NE(error_of({"--rate-limits", "test"}), "");
  EXPECT_NE(error_of({"--rate-limits"}), "");
}

TEST(CliOptions, BadValuesAreExplained) {
  EXPECT_NE(error_of({"--port", "70000"}), "");
  EXPECT_NE(error_of({"--port"}), "");
  EXPECT_NE(error_of({"--fault-rate", "2"}), "");
  EXPECT_NE(error_of({"--faults", "418"}), "");
  EXPECT_NE(error_of({"--files-cors", "yes"}), "");
  EXPECT_NE(error_of({"--latency-ms", "-5"}), "");
  EXPECT_NE(error_of({"--frobnicate"}), "");
  EXPECT_NE(error_of({"--quiet=1"}), "");
}

TEST(CliOptions, NonLoopbackHostIsRefusedUnlessForced) {
  EmulatorOptions o;
  o.host = "0.0.0.0";
  EXPECT_THROW(EmulatorServer{o}, std::invalid_argument);
  o.host = "192.168.1.10";
  EXPECT_THROW(EmulatorServer{o}, std::invalid_argument);
  o.host = "127.0.0.2";
  EXPECT_NO_THROW(EmulatorServer{o});
  o.host = "0.0.0.0";
  o.allow_non_loopback = true;
  EXPECT_NO_THROW(EmulatorServer{o});  // constructed, never started: nothing is bound
}

}  // namespace
}  // namespace iiv::emulator
