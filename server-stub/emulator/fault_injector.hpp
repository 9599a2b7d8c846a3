#pragma once
// Picks which API requests fail on purpose: each one with probability fault_rate, the kind
// drawn evenly from the configured kinds. Seeded, so a run can be repeated; a rate of 1
// with one kind is fully deterministic (what the tests use).
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>

#include "emulator/runtime_config.hpp"

namespace iiv::emulator {

class FaultInjector {
 public:
  explicit FaultInjector(std::uint64_t seed) : rng_(seed) {}
  std::optional<FaultKind> decide(const RuntimeConfig& config);

 private:
  std::mutex mutex_;
  std::mt19937_64 rng_;
};

}  // namespace iiv::emulator
