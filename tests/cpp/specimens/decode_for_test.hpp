// Decodes our own encoder output back with stb_image, to check it independently.
#pragma once

#include <cstdint>
#include <vector>

#include "specimens/specimens.hpp"

namespace iiv::specimens::testing {

// Returns an empty image (width 0) when stb_image cannot decode the bytes.
Image decode(const std::vector<std::uint8_t>& encoded);

// Mean absolute difference per channel over two images of the same size.
double mean_abs_difference(const Image& a, const Image& b);

// Number of pixels inside [x0, x1) x [y0, y1) whose RGB differs.
long count_changed_pixels(const Image& a, const Image& b, int x0, int y0, int x1, int y1);

}  // namespace iiv::specimens::testing
