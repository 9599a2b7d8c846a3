// A tiny seeded generator with its own arithmetic, so the same seed draws the same
// specimen on every platform (std:: distributions are implementation-defined).
#pragma once

#include <cstdint>

namespace iiv::specimens {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  std::uint32_t next() {
    // splitmix64
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return static_cast<std::uint32_t>((z ^ (z >> 31)) >> 32);
  }

  // Uniform in [0, 1).
  float unit() { return static_cast<float>(next() >> 8) * (1.0f / 16777216.0f); }

  float between(float low, float high) { return low + (high - low) * unit(); }

  // Uniform integer in [0, count).
  int pick(int count) { return static_cast<int>(next() % static_cast<std::uint32_t>(count)); }

  bool chance(float probability) { return unit() < probability; }

 private:
  std::uint64_t state_;
};

}  // namespace iiv::specimens
