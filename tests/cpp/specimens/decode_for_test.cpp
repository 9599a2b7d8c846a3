#include "decode_for_test.hpp"

#include <cstdlib>
#include <cstring>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_STATIC
#define STBI_ONLY_JPEG
#define STBI_ONLY_PNG
#include <stb/stb_image.h>
#pragma GCC diagnostic pop

namespace iiv::specimens::testing {

Image decode(const std::vector<std::uint8_t>& encoded) {
  int w = 0, h = 0, channels = 0;
  unsigned char* pixels = stbi_load_from_memory(encoded.data(), static_cast<int>(encoded.size()), &w, &h, &channels, 3);
  if (pixels == nullptr) return {};
  Image image{w, h, std::vector<std::uint8_t>(pixels, pixels + static_cast<std::size_t>(w) * h * 3)};
  stbi_image_free(pixels);
  return image;
}

double mean_abs_difference(const Image& a, const Image& b) {
  if (a.rgb.size() != b.rgb.size() || a.rgb.empty()) return 1e9;
  double total = 0;
  for (std::size_t i = 0; i < a.rgb.size(); ++i) total += std::abs(int{a.rgb[i]} - int{b.rgb[i]});
  return total / static_cast<double>(a.rgb.size());
}

long count_changed_pixels(const Image& a, const Image& b, int x0, int y0, int x1, int y1) {
  long changed = 0;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      const std::size_t i = (static_cast<std::size_t>(y) * a.width + x) * 3;
      if (std::memcmp(&a.rgb[i], &b.rgb[i], 3) != 0) ++changed;
    }
  }
  return changed;
}

}  // namespace iiv::specimens::testing
