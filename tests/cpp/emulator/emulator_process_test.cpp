// The iiv-stripe-emulator program itself: its one listening line, clean stop on SIGTERM and
// SIGINT, its refusal of non-loopback addresses, --keys, and that no key reaches its log.
#include <signal.h>

#include <cstdio>
#include <fstream>

#include <gtest/gtest.h>

#include "emulator/builtin_keys.hpp"
#include "emulator/seed_ids.hpp"
#include "http_test_support.hpp"
#include "support/child_process.hpp"

namespace iiv::emulator {
namespace {

using testing::bearer;
using testing::HttpClient;
using namespace std::chrono_literals;

constexpr auto kStartTimeout = 15s;

// The program with its stderr in a file of its own temp folder (kept for the secret sweep).
class EmulatorProgram {
 public:
  explicit EmulatorProgram(std::vector<std::string> args) : process_(argv(std::move(args)), dir_ / "emulator.stderr") {}

  std::optional<std::string> read_stdout_line(std::chrono::milliseconds timeout) { return process_.read_line(timeout); }
  void send_signal(int signal) { process_.signal(signal); }
  std::optional<int> wait_for_exit() { return process_.wait_exit(kStartTimeout); }
  std::string stderr_text() const { return iiv::testing::read_text_file(dir_ / "emulator.stderr"); }

 private:
  static std::vector<std::string> argv(std::vector<std::string> args) {
    args.insert(args.begin(), IIV_EMULATOR_BINARY);
    return args;
  }

  iiv::testing::TempDir dir_;  // first: it outlives the process, so the log is whole
  iiv::testing::ChildProcess process_;
};

nlohmann::json listening_line(EmulatorProgram& p) {
  const auto line = p.read_stdout_line(kStartTimeout);
  EXPECT_TRUE(line) << p.stderr_text();
  return line ? nlohmann::json::parse(*line) : nlohmann::json();
}

bool exited_cleanly(EmulatorProgram& p) { return p.wait_for_exit() == 0; }

TEST(EmulatorProcess, PrintsOneListeningLineAndStopsOnSigterm) {
  EmulatorProgram p({"--port", "0", "--files-port", "0"});
  const auto line = listening_line(p);
  EXPECT_EQ(line.size(), 3u);
  EXPECT_EQ(line["event"], "listening");
  const std::string api = line["api_base"], files = line["files_base"];
  EXPECT_EQ(api.rfind("http://127.0.0.1:", 0), 0u);
  EXPECT_EQ(files.rfind("http://127.0.0.1:", 0), 0u);
  EXPECT_NE(api, files);

  HttpClient client(api);
  const auto ok = client.get(std::string("/v1/identity/verification_sessions/") + seed_ids::passport_verified,
                             bearer(builtin_keys::full_access));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok.status, 200);
  const std::string stranger = "rk_test_notListedAnywhere000000QRST";
  EXPECT_EQ(client.get("/v1/identity/verification_sessions", bearer(stranger)).status, 401);

  p.send_signal(SIGTERM);
  EXPECT_TRUE(exited_cleanly(p));
  const std::string log = p.stderr_text();
  EXPECT_NE(log.find("rk_test_…FULL"), std::string::npos) << log;
  EXPECT_EQ(log.find(builtin_keys::full_access), std::string::npos) << "a key reached the log";
  EXPECT_EQ(log.find(stranger), std::string::npos) << "a key reached the log";
  EXPECT_FALSE(p.read_stdout_line(1s)) << "stdout carries the listening line only";
}

TEST(EmulatorProcess, StopsOnSigint) {
  EmulatorProgram p({"--quiet"});
  listening_line(p);
  p.send_signal(SIGINT);
  EXPECT_TRUE(exited_cleanly(p));
}

// --rate-limits sandbox on the program: a burst beyond 25 requests a second draws Stripe's
// 429, the stats count it, and the limits can be lifted at runtime.
TEST(EmulatorProcess, EnforcesStripesSandboxRateLimitsWhenAsked) {
  EmulatorProgram p({"--rate-limits", "sandbox", "--quiet", "--no-warm-images"});
  const auto line = listening_line(p);
  const iiv::testing::HttpClient client(line["api_base"].get<std::string>());
  constexpr int kBurst = 100;
  int ok = 0, limited = 0;
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < kBurst; ++i) {
    const auto r = client.get("/v1/identity/verification_sessions?limit=1", bearer(builtin_keys::full_access));
    ASSERT_TRUE(r) << r.failure;
    if (r.status == 200) ++ok;
    if (r.status == 429) {
      ++limited;
      const auto error = nlohmann::json::parse(r.body)["error"];
      EXPECT_EQ(error["type"], "invalid_request_error");
      EXPECT_EQ(error["code"], "rate_limit");
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(ok + limited, kBurst);
  // One second's worth at once, then 25 a second: never more, however slow this machine is.
  EXPECT_LE(ok, 25 + static_cast<int>(25 * seconds) + 1) << seconds << " s";
  EXPECT_GE(ok, 25);
  if (seconds < 2.5) {
    EXPECT_GT(limited, 0) << seconds << " s";
  }

  const auto stats = nlohmann::json::parse(client.get("/_emulator/stats").body);
  EXPECT_EQ(stats["rate_limited_total"], limited);
  EXPECT_EQ(stats["rate_limited"].value("global", 0), limited);

  const auto off = client.post("/_emulator/config", {}, R"({"rate_limits":"off"})", "application/json");
  ASSERT_TRUE(off) << off.failure;
  EXPECT_EQ(nlohmann::json::parse(off.body)["rate_limits"], "off");
  for (int i = 0; i < 40; ++i)
    ASSERT_EQ(client.get("/v1/identity/verification_sessions?limit=1", bearer(builtin_keys::full_access)).status, 200);
  p.send_signal(SIGTERM);
  EXPECT_TRUE(exited_cleanly(p));
}

TEST(EmulatorProcess, RefusesANonLoopbackAddress) {
  EmulatorProgram p({"--host", "0.0.0.0"});
  EXPECT_FALSE(p.read_stdout_line(kStartTimeout));
  const auto status = p.wait_for_exit();
  ASSERT_TRUE(status);
  EXPECT_NE(*status, 0);
  EXPECT_NE(p.stderr_text().find("loopback"), std::string::npos);
}

TEST(EmulatorProcess, KeysFromAFile) {
  const std::string path = ::testing::TempDir() + "emulator-keys-test.json";
  {
    std::ofstream out(path);
    out << R"([{"key":"rk_test_from_a_key_file_00000KEYF","kind":"restricted",
                "permissions":["rak_identity_product_read"],"ip_restricted":false,"rolled":false}])";
  }
  EmulatorProgram p({"--keys", path, "--quiet"});
  const auto line = listening_line(p);
  HttpClient client(line["api_base"].get<std::string>());
  EXPECT_EQ(client.get("/v1/identity/verification_sessions", bearer("rk_test_from_a_key_file_00000KEYF")).status, 200);
  EXPECT_EQ(client.get("/v1/identity/verification_sessions", bearer(builtin_keys::full_access)).status, 401);
  p.send_signal(SIGTERM);
  EXPECT_TRUE(exited_cleanly(p));
  std::remove(path.c_str());
}

TEST(EmulatorProcess, UnusableKeyFileStopsTheStart) {
  EmulatorProgram p({"--keys", "/nonexistent/keys.json"});
  EXPECT_FALSE(p.read_stdout_line(kStartTimeout));
  const auto status = p.wait_for_exit();
  ASSERT_TRUE(status);
  EXPECT_NE(*status, 0);
}

}  // namespace
}  // namespace iiv::emulator
