// Security-print style backgrounds: fine interlaced wave lines over a tinted paper,
// and rosettes of wavy rings, computed per pixel so they stay crisp at any size.
#pragma once

#include <cstdint>

#include "colour.hpp"
#include "geometry.hpp"
#include "raster.hpp"

namespace iiv::specimens {

struct PaperPalette {
  Rgb paper_left;  // the paper tint drifts from left to right, like rainbow printing
  Rgb paper_right;
  Rgb wave_a;  // the two interlaced line families
  Rgb wave_b;
};

// Fills the rounded card shape with paper and wave lines. `unit` is the size of one
// design unit in pixels, so line spacing follows the document, not the output size.
void paint_wave_paper(Raster& raster, const Box& card, float corner_radius, float unit, const PaperPalette& palette,
                      std::uint32_t seed);

// A rosette of wavy concentric rings, translucent, clipped to `clip`.
void draw_rosette(Raster& raster, Point centre, float radius, float unit, Rgb colour, float alpha, std::uint32_t seed,
                  const Box& clip);

}  // namespace iiv::specimens
