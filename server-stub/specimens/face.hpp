// A synthetic cartoon face built from ellipses and strokes. Every feature comes from
// the seed, so faces differ between seeds, yet no face is, or resembles, a real person.
#pragma once

#include <cstdint>

#include "colour.hpp"
#include "geometry.hpp"
#include "raster.hpp"

namespace iiv::specimens {

enum class HairStyle { short_crop, long_straight, bun, curly, shaved };

struct FaceParams {
  Rgb skin;
  Rgb hair;
  Rgb iris;
  Rgb clothing;
  Rgb backdrop;
  HairStyle hair_style = HairStyle::short_crop;
  float head_width = 1.0f;  // relative to the standard head
  float head_length = 1.0f;
  float eye_spacing = 1.0f;
  float eye_size = 1.0f;
  float brow_tilt = 0.0f;  // positive lifts the outer ends
  float brow_weight = 1.0f;
  float nose_length = 1.0f;
  float mouth_width = 1.0f;
  float smile = 0.5f;    // 0 straight, 1 broad
  float parting = 0.0f;  // -1 left .. 1 right
  bool glasses = false;
  bool beard = false;
};

FaceParams face_params(std::uint32_t seed);

// Draws the head and shoulders filling `portrait` (pixels, ideally 3:4 upright),
// clipped to it; the backdrop colour fills the box first when `fill_backdrop` is set.
void draw_face(Raster& raster, const Box& portrait, const FaceParams& face, bool fill_backdrop = true);

}  // namespace iiv::specimens
