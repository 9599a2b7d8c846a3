// The audit trail: where lines go (FileAuditSink), what happens when they cannot be written
// (AuditLog fails closed), and how refusals without a reviewer are sampled (RefusalSampler).
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "stub/audit/audit_log.hpp"
#include "stub/audit/audit_sink.hpp"
#include "stub/audit/refusal_sampler.hpp"
#include "temp_dir.hpp"

namespace iiv::stub {
namespace {

using namespace std::chrono_literals;
using testing::mode_of;
using testing::TempDir;

std::string contents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

AuditEntry entry(const std::string& outcome) {
  return {"2026-11-30T12:00:00.000Z", "rev_a", "image_links", "vs_1", {}, {}, outcome, "198.51.100.7", 1};
}

TEST(FileAuditSink, CreatesTheFileReadableByItsOwnerOnly) {
  TempDir dir;
  const std::string path = dir.file("audit.log");
  auto sink = FileAuditSink::open(path);
  ASSERT_TRUE(sink.ok()) << sink.error();
  EXPECT_EQ(mode_of(path), 0600u);
}

TEST(FileAuditSink, AppendsOneLineEachAndKeepsWhatWasThere) {
  TempDir dir;
  const std::string path = dir.write("audit.log", "{\"earlier\":1}\n", 0600);
  {
    auto sink = FileAuditSink::open(path);
    ASSERT_TRUE(sink.ok()) << sink.error();
    ASSERT_TRUE((*sink)->append("{\"a\":1}").ok());
    ASSERT_TRUE((*sink)->append("{\"b\":2}").ok());
  }
  EXPECT_EQ(contents(path), "{\"earlier\":1}\n{\"a\":1}\n{\"b\":2}\n");
}

TEST(FileAuditSink, AWriteThatFailsIsReportedNotIgnored) {
  // /dev/full opens fine and refuses every write with ENOSPC, like a full disk.
  auto sink = FileAuditSink::open("/dev/full");
  ASSERT_TRUE(sink.ok()) << sink.error();
  const auto written = (*sink)->append("{\"a\":1}");
  ASSERT_FALSE(written.ok());
  EXPECT_NE(written.error().find("No space left on device"), std::string::npos) << written.error();
}

TEST(FileAuditSink, AFileThatCannotBeOpenedIsNamed) {
  TempDir dir;
  const std::string path = dir.file("no/such/folder/audit.log");
  auto sink = FileAuditSink::open(path);
  ASSERT_FALSE(sink.ok());
  EXPECT_NE(sink.error().find(path), std::string::npos) << sink.error();
}

// A sink that fails every line, or records them.
class ScriptedSink : public AuditSink {
 public:
  ScriptedSink(std::vector<std::string>& lines, bool fail) : lines_(lines), fail_(fail) {}
  common::Result<Done, std::string> append(const std::string& line) override {
    if (fail_) return Fail(std::string("EIO"));
    lines_.push_back(line);
    return Done{};
  }

 private:
  std::vector<std::string>& lines_;
  bool fail_;
};

TEST(AuditLog, WritesTheLineAndCountsIt) {
  Metrics metrics;
  std::vector<std::string> lines;
  AuditLog log(std::make_unique<ScriptedSink>(lines, false), metrics);
  ASSERT_TRUE(log.write(entry("ok")).ok());
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(lines[0])["outcome"], "ok");
  EXPECT_NE(metrics.render_prometheus().find("iiv_audit_lines_total{outcome=\"written\"} 1"), std::string::npos);
}

TEST(AuditLog, ALineThatCannotBeWrittenIsAuditUnavailableAndCounted) {
  Metrics metrics;
  std::vector<std::string> lines;
  AuditLog log(std::make_unique<ScriptedSink>(lines, true), metrics);
  const auto written = log.write(entry("started"));
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code, ErrorCode::audit_unavailable);
  EXPECT_EQ(http_status(written.error().code), 503);
  EXPECT_NE(metrics.render_prometheus().find("iiv_audit_lines_total{outcome=\"failed\"} 1"), std::string::npos);
}

TEST(AuditLog, OnAFullDiskTheFileSinkFailsClosed) {
  Metrics metrics;
  auto sink = FileAuditSink::open("/dev/full");
  ASSERT_TRUE(sink.ok());
  AuditLog log(std::move(*sink), metrics);
  const auto written = log.write(entry("started"));
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code, ErrorCode::audit_unavailable);
}

using SamplerClock = RefusalSampler::Clock;
const SamplerClock::time_point kT0 = SamplerClock::time_point(1000h);

// A wrong token from `client`: what the sampler says the audit line should count.
long long refused(RefusalSampler& sampler, const std::string& client, SamplerClock::time_point at,
                  const std::string& outcome = "forbidden") {
  return sampler.note(client, client, "list", outcome, at);
}

TEST(RefusalSampler, TheFirstRefusalOfAClientGetsALineOfItsOwn) {
  RefusalSampler sampler(60s);
  EXPECT_EQ(refused(sampler, "203.0.113.5", kT0), 1);
}

TEST(RefusalSampler, LaterRefusalsInTheIntervalAreCountedTowardsTheNextLine) {
  RefusalSampler sampler(60s);
  ASSERT_EQ(refused(sampler, "203.0.113.5", kT0), 1);
  for (int i = 1; i <= 4; ++i) EXPECT_EQ(refused(sampler, "203.0.113.5", kT0 + std::chrono::seconds(i)), 0);
  EXPECT_EQ(refused(sampler, "203.0.113.5", kT0 + 59s), 0);
  // The interval has passed: this line stands for the 5 unreported refusals and itself.
  EXPECT_EQ(refused(sampler, "203.0.113.5", kT0 + 60s), 6);
  EXPECT_EQ(refused(sampler, "203.0.113.5", kT0 + 61s), 0);
  EXPECT_EQ(refused(sampler, "203.0.113.5", kT0 + 200s), 2);
}

TEST(RefusalSampler, EachClientHasItsOwnInterval) {
  RefusalSampler sampler(60s);
  EXPECT_EQ(refused(sampler, "203.0.113.5", kT0), 1);
  EXPECT_EQ(refused(sampler, "203.0.113.6", kT0 + 1s), 1);
  EXPECT_EQ(refused(sampler, "203.0.113.5", kT0 + 2s), 0);
  EXPECT_EQ(refused(sampler, "2001:db8::/64", kT0 + 3s), 1);
  EXPECT_EQ(refused(sampler, "203.0.113.6", kT0 + 61s), 1);
  EXPECT_EQ(refused(sampler, "203.0.113.5", kT0 + 61s), 2);
}

TEST(RefusalSampler, ABurstThatStopsIsDrainedIntoOneMoreLineOnceItsIntervalPassed) {
  RefusalSampler sampler(60s);
  ASSERT_EQ(refused(sampler, "203.0.113.5", kT0), 1);
  for (int i = 1; i <= 9999; ++i) ASSERT_EQ(refused(sampler, "203.0.113.5", kT0 + 1s, "too_many_auth_failures"), 0);
  EXPECT_TRUE(sampler.drain(kT0 + 59s).empty()) << "its interval has not passed";
  const auto owed = sampler.drain(kT0 + 60s);
  ASSERT_EQ(owed.size(), 1u);
  EXPECT_EQ(owed[0].client, "203.0.113.5");
  EXPECT_EQ(owed[0].count, 9999);
  EXPECT_EQ(owed[0].outcome, "too_many_auth_failures") << "the last refusal names the line";
  EXPECT_TRUE(sampler.drain(kT0 + 200s).empty()) << "reported once";
  EXPECT_EQ(refused(sampler, "203.0.113.5", kT0 + 201s), 1) << "the next refusal starts afresh";
}

TEST(RefusalSampler, AtExitEveryUnreportedRefusalIsDrained) {
  RefusalSampler sampler(60s);
  ASSERT_EQ(refused(sampler, "a", kT0), 1);
  ASSERT_EQ(refused(sampler, "a", kT0 + 1s), 0);
  ASSERT_EQ(refused(sampler, "b", kT0 + 1s), 1);
  const auto owed = sampler.drain(kT0 + 2s, /*at_exit=*/true);
  ASSERT_EQ(owed.size(), 1u) << "b owes nothing";
  EXPECT_EQ(owed[0].client, "a");
  EXPECT_EQ(owed[0].count, 1);
}

TEST(RefusalSampler, AFloodFromManyClientsForgetsQuietClientsFirst) {
  RefusalSampler sampler(60s, /*max_clients=*/2);
  EXPECT_EQ(refused(sampler, "a", kT0), 1);
  EXPECT_EQ(refused(sampler, "b", kT0 + 30s), 1);
  // Full: "a", whose interval has passed with nothing unreported, is forgotten; "b" keeps its interval.
  EXPECT_EQ(refused(sampler, "c", kT0 + 61s), 1);
  EXPECT_EQ(refused(sampler, "b", kT0 + 62s), 0);
  // Full of clients inside their interval: a newcomer still gets its line.
  EXPECT_EQ(refused(sampler, "d", kT0 + 63s), 1);
}

TEST(RefusalSampler, AFullTableStillGivesEveryNewClientItsLine) {
  RefusalSampler sampler(60s, /*max_clients=*/100);
  long long lines = 0;
  for (int i = 0; i < 10000; ++i) lines += refused(sampler, "client-" + std::to_string(i), kT0) > 0 ? 1 : 0;
  EXPECT_EQ(lines, 10000);
}

}  // namespace
}  // namespace iiv::stub
