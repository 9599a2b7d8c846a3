#include "emulator/admin_service.hpp"

#include <gtest/gtest.h>

#include "emulator/builtin_keys.hpp"

namespace iiv::emulator {
namespace {

class Admin : public ::testing::Test {
 protected:
  KeyRing keys = KeyRing::builtin();
  RuntimeConfigHolder config{RuntimeConfig{}};
  RequestStats stats;
  EmulatorClock clock;
  AdminService admin{keys, config, stats, clock};

  HttpResponse call(const std::string& method, const std::string& path, const std::string& body = "",
                    const std::string& from = "127.0.0.1") {
    HttpRequest r;
    r.method = method;
    r.target = path;
    r.body = body;
    r.peer_address = from;
    return admin.handle(r);
  }
};

TEST_F(Admin, OnlyLoopbackClients) {
  EXPECT_EQ(call("GET", "/_emulator/config", "", "10.1.2.3").status, 403);
  EXPECT_EQ(call("GET", "/_emulator/config", "", "::ffff:127.0.0.1").status, 200);
  EXPECT_EQ(call("GET", "/_emulator/config", "", "::1").status, 200);
}

TEST_F(Admin, AnUnknownPathThatIsNotUtf8StillGetsAJsonAnswer) {
  const auto r = call("GET", "/_emulator/\xFF\xFE");
  EXPECT_EQ(r.status, 404);
  EXPECT_TRUE(nlohmann::json::parse(r.body)["error"]["message"].is_string());
}

TEST_F(Admin, ConfigChangesAtRuntime) {
  const auto r = call("POST", "/_emulator/config", R"({"latency_ms":120,"files_cors":false})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(config.get().latency_ms, 120);
  EXPECT_FALSE(config.get().files_cors);
  EXPECT_EQ(nlohmann::json::parse(r.body)["latency_ms"], 120);
  EXPECT_EQ(call("POST", "/_emulator/config", R"({"latency_ms":-3})").status, 400);
  EXPECT_EQ(call("POST", "/_emulator/config", "not json").status, 400);
  EXPECT_EQ(config.get().latency_ms, 120);
  EXPECT_EQ(r.header("Cache-Control"), "no-store");
  EXPECT_EQ(r.header("Request-Id").rfind("req_", 0), 0u);
}

TEST_F(Admin, RollingAKeyAnswersMaskedKeysOnly) {
  const auto r = call("POST", "/_emulator/keys/roll",
                      std::string(R"({"key":")") + builtin_keys::full_access +
                          R"(","replacement":"rk_test_iivemu_new_key_after_roll_NEW2"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.find(builtin_keys::full_access), std::string::npos);
  EXPECT_EQ(r.body.find("rk_test_iivemu_new_key_after_roll_NEW2"), std::string::npos);
  EXPECT_NE(r.body.find("rk_test_…FULL"), std::string::npos);
  EXPECT_EQ(keys.authenticate(builtin_keys::full_access).error().code, "api_key_expired");
  EXPECT_TRUE(keys.authenticate("rk_test_iivemu_new_key_after_roll_NEW2").ok());
  EXPECT_EQ(call("POST", "/_emulator/keys/roll", R"({"key":"rk_test_not_a_known_key_000000000"})").status, 404);
  EXPECT_EQ(call("POST", "/_emulator/keys/roll", R"({})").status, 400);
}

TEST_F(Admin, ClockAndStats) {
  const auto before = clock.now();
  const auto r = call("POST", "/_emulator/clock", R"({"advance_seconds":3600})");
  ASSERT_EQ(r.status, 200);
  EXPECT_GE(clock.now() - before, 3600);
  EXPECT_EQ(nlohmann::json::parse(r.body)["offset_seconds"], 3600);
  EXPECT_EQ(call("POST", "/_emulator/clock", R"({"advance_seconds":-1})").status, 400);

  stats.count_api("GET /v1/files/{file}");
  auto body = nlohmann::json::parse(call("GET", "/_emulator/stats").body);
  EXPECT_EQ(body["api_requests"]["GET /v1/files/{file}"], 1);
  body = nlohmann::json::parse(call("POST", "/_emulator/stats/reset").body);
  EXPECT_EQ(body["api_requests_total"], 0);
  EXPECT_EQ(call("GET", "/_emulator/nothing").status, 404);
}

}  // namespace
}  // namespace iiv::emulator
