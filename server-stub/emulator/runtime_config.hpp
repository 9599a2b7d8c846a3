#pragma once
// The emulator's adjustable behaviour: added latency per API request, injected faults
// (429, 500, dropped connection) at a rate, CORS on the files host, how long a redaction
// stays "processing", and whether Stripe's documented rate limits are enforced. Set by
// flags at start, changed at runtime through POST /_emulator/config.
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.hpp"

namespace iiv::emulator {

enum class FaultKind { rate_limit, server_error, drop_connection };

// Stripe's documented rate limits (common/stripe_api.hpp): not enforced, a sandbox's, or
// live mode's.
enum class RateLimits { off, sandbox, live };

struct RuntimeConfig {
  int latency_ms = 0;
  double fault_rate = 0.0;  // 0..1, per API request
  std::vector<FaultKind> faults = {FaultKind::rate_limit, FaultKind::server_error, FaultKind::drop_connection};
  bool files_cors = true;
  int redaction_delay_ms = 0;  // 0: "processing" in the redact answer, "redacted" on the next read
  RateLimits rate_limits = RateLimits::off;
};

inline constexpr int kMaxLatencyMs = 60'000;
inline constexpr int kMaxRedactionDelayMs = 600'000;

// "429,500,drop" (any order, at least one).
common::Result<std::vector<FaultKind>, std::string> parse_fault_kinds(std::string_view list);
std::string fault_kinds_text(const std::vector<FaultKind>& kinds);
const char* fault_kind_name(FaultKind kind);

// "off", "sandbox" or "live".
common::Result<RateLimits, std::string> parse_rate_limits(std::string_view text);
const char* rate_limits_name(RateLimits limits);

// Fails with what is out of range.
common::Result<common::Done, std::string> validate(const RuntimeConfig& config);

// Applies the fields present in `patch` — latency_ms, fault_rate, faults ("429,drop" or a
// list), files_cors (true/false or "on"/"off"), redaction_delay_ms, rate_limits ("off",
// "sandbox", "live") — and validates the result. On failure `config` is left as it was.
common::Result<common::Done, std::string> apply_config_patch(RuntimeConfig& config, const nlohmann::json& patch);

nlohmann::ordered_json config_json(const RuntimeConfig& config);

class RuntimeConfigHolder {
 public:
  explicit RuntimeConfigHolder(RuntimeConfig config) : config_(std::move(config)) {}
  RuntimeConfig get() const;
  void set(RuntimeConfig config);

 private:
  mutable std::mutex mutex_;
  RuntimeConfig config_;
};

}  // namespace iiv::emulator
