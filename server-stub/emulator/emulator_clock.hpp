#pragma once
// The emulator's notion of "now": the system clock plus an offset that tests (and the demo)
// can move forward through POST /_emulator/clock, so a link's expiry or the 48-hour window
// can be crossed without waiting.
#include <atomic>
#include <cstdint>

namespace iiv::emulator {

class EmulatorClock {
 public:
  std::int64_t now() const;     // Unix seconds
  std::int64_t now_ms() const;  // Unix milliseconds
  void advance_seconds(std::int64_t seconds);
  std::int64_t offset_seconds() const;

 private:
  std::atomic<std::int64_t> offset_ms_{0};
};

}  // namespace iiv::emulator
