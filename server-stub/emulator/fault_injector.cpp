#include "emulator/fault_injector.hpp"

namespace iiv::emulator {

std::optional<FaultKind> FaultInjector::decide(const RuntimeConfig& config) {
  if (config.fault_rate <= 0.0 || config.faults.empty()) return std::nullopt;
  std::lock_guard<std::mutex> lock(mutex_);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  if (config.fault_rate < 1.0 && unit(rng_) >= config.fault_rate) return std::nullopt;
  std::uniform_int_distribution<std::size_t> pick(0, config.faults.size() - 1);
  return config.faults[pick(rng_)];
}

}  // namespace iiv::emulator
