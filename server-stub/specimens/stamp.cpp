#include "stamp.hpp"

#include <algorithm>
#include <cmath>

#include "text.hpp"

namespace iiv::specimens {

namespace {
constexpr const char* kStampWord = "SPECIMEN";
constexpr Rgb kStampRed{206, 28, 44};
constexpr float kStampOpacity = 0.42f;
}  // namespace

void stamp_specimen(Raster& raster) {
  const float w = static_cast<float>(raster.width());
  const float h = static_cast<float>(raster.height());
  if (w < 1 || h < 1) return;
  const float diagonal = std::sqrt(w * w + h * h);
  const float angle = -std::atan2(h, w);

  // Size the word to most of the diagonal, but never taller than the image allows.
  TextStyle style{1.0f, 1.7f, 1.2f};
  const float width_per_cap = text_width(kStampWord, style);
  style.cap_height = std::min(diagonal * 0.62f / width_per_cap, std::min(w, h) * 0.22f);
  style.cap_height = std::max(style.cap_height, 3.0f);

  // A rubber-stamp look: the word inside a double frame.
  const float text_w = text_width(kStampWord, style);
  const float pad = style.cap_height * 0.45f;
  const float rule = std::max(style.cap_height * 0.07f, 1.0f);
  const float gap = rule * 1.6f;
  const float frame_w = text_w + 2 * (pad + 2 * rule + gap);
  const float frame_h = style.cap_height + 2 * (pad + 2 * rule + gap);
  Mask mask(0, 0, static_cast<int>(std::ceil(frame_w)) + 2, static_cast<int>(std::ceil(frame_h)) + 2);
  auto ring = [&](float inset, float thickness) {
    const Box o{1 + inset, 1 + inset, 1 + frame_w - inset, 1 + frame_h - inset};
    mask.add_rect({o.x0, o.y0, o.x1, o.y0 + thickness});
    mask.add_rect({o.x0, o.y1 - thickness, o.x1, o.y1});
    mask.add_rect({o.x0, o.y0, o.x0 + thickness, o.y1});
    mask.add_rect({o.x1 - thickness, o.y0, o.x1, o.y1});
  };
  ring(0, rule);
  ring(rule + gap, rule * 0.6f);
  add_text(mask, Point{1 + (frame_w - text_w) * 0.5f, 1 + (frame_h - style.cap_height) * 0.5f}, kStampWord, style);

  raster.composite_rotated(mask, Point{w * 0.5f, h * 0.5f}, angle, kStampRed, kStampOpacity);
}

}  // namespace iiv::specimens
