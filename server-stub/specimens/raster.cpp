#include "raster.hpp"

#include <algorithm>

namespace iiv::specimens {

namespace {

// Narrows [low, high] to the values t with slope * t + offset inside [min_value, max_value].
// Returns false when no t qualifies.
bool narrow_to_interval(float slope, float offset, float min_value, float max_value, float& low, float& high) {
  if (std::abs(slope) < 1e-6f) return offset >= min_value && offset <= max_value;
  float a = (min_value - offset) / slope;
  float b = (max_value - offset) / slope;
  if (a > b) std::swap(a, b);
  low = std::max(low, a);
  high = std::min(high, b);
  return low <= high;
}

}  // namespace

void Raster::fill(Rgb c) {
  for (std::size_t i = 0; i + 2 < image_.rgb.size(); i += 3) {
    image_.rgb[i] = c.r;
    image_.rgb[i + 1] = c.g;
    image_.rgb[i + 2] = c.b;
  }
}

void Raster::clip(const Box& bounds, int& x0, int& y0, int& x1, int& y1) const {
  x0 = std::clamp(static_cast<int>(std::floor(bounds.x0)), 0, width());
  y0 = std::clamp(static_cast<int>(std::floor(bounds.y0)), 0, height());
  x1 = std::clamp(static_cast<int>(std::ceil(bounds.x1)), 0, width());
  y1 = std::clamp(static_cast<int>(std::ceil(bounds.y1)), 0, height());
}

void Raster::fill_rect(const Box& box, Rgb colour, float alpha) {
  Mask mask = Mask::covering(box, width(), height());
  mask.add_rect(box);
  composite(mask, colour, alpha);
}

void Raster::fill_ellipse(Point centre, float radius_x, float radius_y, Rgb colour, float alpha) {
  if (radius_x <= 0 || radius_y <= 0) return;
  fill_shape(box_around(centre, radius_x + 1, radius_y + 1), colour, alpha,
             [=](Point p) { return ellipse_distance(p, centre, radius_x, radius_y); });
}

void Raster::fill_rounded_rect(const Box& box, float radius, Rgb colour, float alpha) {
  radius = std::clamp(radius, 0.0f, std::min(box.width(), box.height()) * 0.5f);
  fill_shape(box.grown(1), colour, alpha, [&](Point p) { return rounded_box_distance(p, box, radius); });
}

void Raster::composite(const Mask& mask, Rgb colour, float alpha) {
  const int x0 = std::max(mask.left(), 0);
  const int y0 = std::max(mask.top(), 0);
  const int x1 = std::min(mask.left() + mask.width(), width());
  const int y1 = std::min(mask.top() + mask.height(), height());
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      const float a = mask.at(x, y) * alpha;
      if (a > 0.0f) blend(x, y, colour, a);
    }
  }
}

void Raster::composite_rotated(const Mask& mask, Point centre, float angle, Rgb colour, float alpha) {
  if (mask.empty()) return;
  const float c = std::cos(angle);
  const float s = std::sin(angle);
  const float half_w = mask.width() * 0.5f;
  const float half_h = mask.height() * 0.5f;
  // Bounding box of the rotated mask on the image.
  const float extent_x = std::abs(c) * half_w + std::abs(s) * half_h + 2;
  const float extent_y = std::abs(s) * half_w + std::abs(c) * half_h + 2;
  int x0, y0, x1, y1;
  clip(box_around(centre, extent_x, extent_y), x0, y0, x1, y1);
  const float mask_centre_x = mask.left() + half_w;
  const float mask_centre_y = mask.top() + half_h;
  // Mask coordinates are linear in dx along a row: mx = c*dx + (s*dy + ...), my = -s*dx + (...).
  // Only the dx interval that lands inside the mask (plus one pixel for filtering) is visited.
  const float lo_x = static_cast<float>(mask.left()) - 1.0f;
  const float hi_x = static_cast<float>(mask.left() + mask.width());
  const float lo_y = static_cast<float>(mask.top()) - 1.0f;
  const float hi_y = static_cast<float>(mask.top() + mask.height());
  for (int y = y0; y < y1; ++y) {
    const float dy = y + 0.5f - centre.y;
    const float base_x = s * dy + mask_centre_x - 0.5f;
    const float base_y = c * dy + mask_centre_y - 0.5f;
    float dx_min = static_cast<float>(x0) + 0.5f - centre.x;
    float dx_max = static_cast<float>(x1) - 0.5f - centre.x;
    if (!narrow_to_interval(c, base_x, lo_x, hi_x, dx_min, dx_max)) continue;
    if (!narrow_to_interval(-s, base_y, lo_y, hi_y, dx_min, dx_max)) continue;
    const int from = std::max(x0, static_cast<int>(std::floor(dx_min + centre.x - 0.5f)));
    const int to = std::min(x1, static_cast<int>(std::ceil(dx_max + centre.x + 0.5f)));
    for (int x = from; x < to; ++x) {
      const float dx = x + 0.5f - centre.x;
      // Inverse rotation takes the image pixel back into mask space; sample bilinearly.
      const float mx = c * dx + base_x;
      const float my = -s * dx + base_y;
      const int ix = static_cast<int>(std::floor(mx));
      const int iy = static_cast<int>(std::floor(my));
      const float fx = mx - ix;
      const float fy = my - iy;
      const float top = mask.at(ix, iy) * (1 - fx) + mask.at(ix + 1, iy) * fx;
      const float bottom = mask.at(ix, iy + 1) * (1 - fx) + mask.at(ix + 1, iy + 1) * fx;
      const float a = (top * (1 - fy) + bottom * fy) * alpha;
      if (a > 0.0f) blend(x, y, colour, a);
    }
  }
}

}  // namespace iiv::specimens
