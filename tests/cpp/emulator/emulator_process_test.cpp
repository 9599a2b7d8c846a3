// The iiv-stripe-emulator program itself: its one listening line, clean stop on SIGTERM and
// SIGINT, its refusal of non-loopback addresses, --keys, and that no key reaches its log.
#include <signal.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>

#include <gtest/gtest.h>

#include "emulator/builtin_keys.hpp"
#include "http_test_support.hpp"

namespace iiv::emulator {
namespace {

using testing::bearer;
using testing::ChildProcess;

constexpr int kStartTimeoutMs = 15'000;

nlohmann::json listening_line(ChildProcess& p) {
  const auto line = p.read_stdout_line(kStartTimeoutMs);
  EXPECT_TRUE(line) << p.stderr_text();
  return line ? nlohmann::json::parse(*line) : nlohmann::json();
}

bool exited_cleanly(ChildProcess& p) {
  const auto status = p.wait_for_exit(kStartTimeoutMs);
  return status && WIFEXITED(*status) && WEXITSTATUS(*status) == 0;
}

TEST(EmulatorProcess, PrintsOneListeningLineAndStopsOnSigterm) {
  ChildProcess p(IIV_EMULATOR_BINARY, {"--port", "0", "--files-port", "0"});
  const auto line = listening_line(p);
  EXPECT_EQ(line.size(), 3u);
  EXPECT_EQ(line["event"], "listening");
  const std::string api = line["api_base"], files = line["files_base"];
  EXPECT_EQ(api.rfind("http://127.0.0.1:", 0), 0u);
  EXPECT_EQ(files.rfind("http://127.0.0.1:", 0), 0u);
  EXPECT_NE(api, files);

  httplib::Client client(api);
  const auto ok = client.Get("/v1/identity/verification_sessions/vs_1EmuPassportVerified", bearer(builtin_keys::full_access));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  const std::string stranger = "rk_test_notListedAnywhere000000QRST";
  EXPECT_EQ(client.Get("/v1/identity/verification_sessions", bearer(stranger))->status, 401);

  p.send_signal(SIGTERM);
  EXPECT_TRUE(exited_cleanly(p));
  const std::string log = p.stderr_text();
  EXPECT_NE(log.find("rk_test_…FULL"), std::string::npos) << log;
  EXPECT_EQ(log.find(builtin_keys::full_access), std::string::npos) << "a key reached the log";
  EXPECT_EQ(log.find(stranger), std::string::npos) << "a key reached the log";
  EXPECT_FALSE(p.read_stdout_line(1000)) << "stdout carries the listening line only";
}

TEST(EmulatorProcess, StopsOnSigint) {
  ChildProcess p(IIV_EMULATOR_BINARY, {"--quiet"});
  listening_line(p);
  p.send_signal(SIGINT);
  EXPECT_TRUE(exited_cleanly(p));
}

TEST(EmulatorProcess, RefusesANonLoopbackAddress) {
  ChildProcess p(IIV_EMULATOR_BINARY, {"--host", "0.0.0.0"});
  EXPECT_FALSE(p.read_stdout_line(kStartTimeoutMs));
  const auto status = p.wait_for_exit(kStartTimeoutMs);
  ASSERT_TRUE(status);
  EXPECT_TRUE(WIFEXITED(*status));
  EXPECT_NE(WEXITSTATUS(*status), 0);
  EXPECT_NE(p.stderr_text().find("loopback"), std::string::npos);
}

TEST(EmulatorProcess, KeysFromAFile) {
  const std::string path = ::testing::TempDir() + "emulator-keys-test.json";
  {
    std::ofstream out(path);
    out << R"([{"key":"rk_test_from_a_key_file_00000KEYF","kind":"restricted",
                "permissions":["rak_identity_product_read"],"ip_restricted":false,"rolled":false}])";
  }
  ChildProcess p(IIV_EMULATOR_BINARY, {"--keys", path, "--quiet"});
  const auto line = listening_line(p);
  httplib::Client client(line["api_base"].get<std::string>());
  EXPECT_EQ(client.Get("/v1/identity/verification_sessions", bearer("rk_test_from_a_key_file_00000KEYF"))->status, 200);
  EXPECT_EQ(client.Get("/v1/identity/verification_sessions", bearer(builtin_keys::full_access))->status, 401);
  p.send_signal(SIGTERM);
  EXPECT_TRUE(exited_cleanly(p));
  std::remove(path.c_str());
}

TEST(EmulatorProcess, UnusableKeyFileStopsTheStart) {
  ChildProcess p(IIV_EMULATOR_BINARY, {"--keys", "/nonexistent/keys.json"});
  EXPECT_FALSE(p.read_stdout_line(kStartTimeoutMs));
  const auto status = p.wait_for_exit(kStartTimeoutMs);
  ASSERT_TRUE(status);
  EXPECT_NE(WEXITSTATUS(*status), 0);
}

}  // namespace
}  // namespace iiv::emulator
