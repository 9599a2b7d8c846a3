#include "emulator/emulator_clock.hpp"

#include <chrono>

namespace iiv::emulator {

std::int64_t EmulatorClock::now_ms() const {
  const auto system =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  return system + offset_ms_.load();
}

std::int64_t EmulatorClock::now() const { return now_ms() / 1000; }

void EmulatorClock::advance_seconds(std::int64_t seconds) { offset_ms_ += seconds * 1000; }

std::int64_t EmulatorClock::offset_seconds() const { return offset_ms_.load() / 1000; }

}  // namespace iiv::emulator
