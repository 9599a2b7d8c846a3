#include "emulator/runtime_config.hpp"

#include <algorithm>
#include <climits>
#include <cstdint>

namespace iiv::emulator {

using common::Done;
using common::Fail;
using common::Result;

namespace {

std::optional<FaultKind> parse_kind(std::string_view name) {
  if (name == "429") return FaultKind::rate_limit;
  if (name == "500") return FaultKind::server_error;
  if (name == "drop") return FaultKind::drop_connection;
  return std::nullopt;
}

std::optional<bool> parse_switch(const nlohmann::json& value) {
  if (value.is_boolean()) return value.get<bool>();
  if (value == "on") return true;
  if (value == "off") return false;
  return std::nullopt;
}

}  // namespace

const char* fault_kind_name(FaultKind kind) {
  switch (kind) {
    case FaultKind::rate_limit: return "429";
    case FaultKind::server_error: return "500";
    case FaultKind::drop_connection: return "drop";
  }
  return "?";
}

common::Result<std::vector<FaultKind>, std::string> parse_fault_kinds(std::string_view list) {
  const auto unknown = [] { return Fail(std::string("faults must name only 429, 500 and drop, at least one")); };
  std::vector<FaultKind> kinds;
  std::size_t start = 0;
  while (start <= list.size()) {
    auto end = list.find(',', start);
    if (end == std::string_view::npos) end = list.size();
    std::string_view item = list.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    const auto kind = parse_kind(item);
    if (!kind) return unknown();
    if (std::find(kinds.begin(), kinds.end(), *kind) == kinds.end()) kinds.push_back(*kind);
    start = end + 1;
  }
  if (kinds.empty()) return unknown();
  return kinds;
}

Result<RateLimits, std::string> parse_rate_limits(std::string_view text) {
  if (text == "off") return RateLimits::off;
  if (text == "sandbox") return RateLimits::sandbox;
  if (text == "live") return RateLimits::live;
  return Fail(std::string("rate_limits must be off, sandbox or live"));
}

const char* rate_limits_name(RateLimits limits) {
  switch (limits) {
    case RateLimits::off: return "off";
    case RateLimits::sandbox: return "sandbox";
    case RateLimits::live: return "live";
  }
  return "?";
}

std::string fault_kinds_text(const std::vector<FaultKind>& kinds) {
  std::string text;
  for (const auto kind : kinds) {
    if (!text.empty()) text += ",";
    text += fault_kind_name(kind);
  }
  return text;
}

Result<Done, std::string> validate(const RuntimeConfig& c) {
  if (c.latency_ms < 0 || c.latency_ms > kMaxLatencyMs)
    return Fail("latency_ms must be between 0 and " + std::to_string(kMaxLatencyMs));
  if (!(c.fault_rate >= 0.0 && c.fault_rate <= 1.0)) return Fail(std::string("fault_rate must be between 0 and 1"));
  if (c.faults.empty()) return Fail(std::string("faults must name at least one of 429, 500, drop"));
  if (c.redaction_delay_ms < 0 || c.redaction_delay_ms > kMaxRedactionDelayMs)
    return Fail("redaction_delay_ms must be between 0 and " + std::to_string(kMaxRedactionDelayMs));
  return Done{};
}

Result<Done, std::string> apply_config_patch(RuntimeConfig& config, const nlohmann::json& patch) {
  if (!patch.is_object()) return Fail(std::string("the configuration must be a JSON object"));
  RuntimeConfig next = config;
  for (const auto& [name, value] : patch.items()) {
    if (name == "latency_ms" || name == "redaction_delay_ms") {
      if (!value.is_number_integer()) return Fail(name + " must be an integer");
      // Checked before narrowing, so 4294967301 is not taken for 5.
      const bool fits_int = value.is_number_unsigned()
                                ? value.get<std::uint64_t>() <= std::uint64_t{INT_MAX}
                                : value.get<std::int64_t>() >= INT_MIN && value.get<std::int64_t>() <= INT_MAX;
      if (!fits_int) return Fail(name + " is out of range");
      (name == "latency_ms" ? next.latency_ms : next.redaction_delay_ms) = value.get<int>();
    } else if (name == "fault_rate") {
      if (!value.is_number()) return Fail(std::string("fault_rate must be a number"));
      next.fault_rate = value.get<double>();
    } else if (name == "faults") {
      std::string list;
      if (value.is_string()) {
        list = value.get<std::string>();
      } else if (value.is_array()) {
        for (const auto& item : value) {
          if (!item.is_string() && !item.is_number_integer())
            return Fail(std::string("faults must list 429, 500 or drop"));
          if (!list.empty()) list += ",";
          list += item.is_string() ? item.get<std::string>() : std::to_string(item.get<std::int64_t>());
        }
      } else {
        return Fail(std::string("faults must be \"429,500,drop\" or a list of them"));
      }
      auto kinds = parse_fault_kinds(list);
      if (!kinds) return Fail(kinds.error());
      next.faults = std::move(kinds).value();
    } else if (name == "files_cors") {
      const auto on = parse_switch(value);
      if (!on) return Fail(std::string("files_cors must be true, false, \"on\" or \"off\""));
      next.files_cors = *on;
    } else if (name == "rate_limits") {
      auto limits = parse_rate_limits(value.is_string() ? value.get<std::string>() : std::string());
      if (!limits) return Fail(limits.error());
      next.rate_limits = *limits;
    } else {
      return Fail("unknown setting " + name +
                  " (known: latency_ms, fault_rate, faults, files_cors, redaction_delay_ms, rate_limits)");
    }
  }
  if (auto valid = validate(next); !valid) return valid;
  config = next;
  return Done{};
}

nlohmann::ordered_json config_json(const RuntimeConfig& c) {
  return {{"latency_ms", c.latency_ms},
          {"fault_rate", c.fault_rate},
          {"faults", fault_kinds_text(c.faults)},
          {"files_cors", c.files_cors},
          {"redaction_delay_ms", c.redaction_delay_ms},
          {"rate_limits", rate_limits_name(c.rate_limits)}};
}

RuntimeConfig RuntimeConfigHolder::get() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return config_;
}

void RuntimeConfigHolder::set(RuntimeConfig config) {
  std::lock_guard<std::mutex> lock(mutex_);
  config_ = std::move(config);
}

}  // namespace iiv::emulator
