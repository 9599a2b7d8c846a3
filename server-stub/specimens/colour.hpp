// 8-bit RGB colours and the few ways the drawings mix them.
#pragma once

#include <algorithm>
#include <cstdint>

namespace iiv::specimens {

struct Rgb {
  std::uint8_t r = 0;
  std::uint8_t g = 0;
  std::uint8_t b = 0;
};

inline std::uint8_t to_channel(float v) { return static_cast<std::uint8_t>(std::clamp(v, 0.0f, 255.0f) + 0.5f); }

// t = 0 gives a, t = 1 gives b.
inline Rgb mix(Rgb a, Rgb b, float t) {
  return {to_channel(a.r + (b.r - a.r) * t), to_channel(a.g + (b.g - a.g) * t), to_channel(a.b + (b.b - a.b) * t)};
}

// factor < 1 darkens, > 1 lightens towards white.
inline Rgb shade(Rgb c, float factor) {
  if (factor <= 1.0f) return {to_channel(c.r * factor), to_channel(c.g * factor), to_channel(c.b * factor)};
  return mix(c, Rgb{255, 255, 255}, std::min(factor - 1.0f, 1.0f));
}

}  // namespace iiv::specimens
