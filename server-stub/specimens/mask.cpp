#include "mask.hpp"

#include <algorithm>

namespace iiv::specimens {

Mask::Mask(int left, int top, int width, int height)
    : left_(left),
      top_(top),
      width_(std::max(width, 0)),
      height_(std::max(height, 0)),
      values_(static_cast<std::size_t>(width_) * height_, 0.0f) {}

Mask Mask::covering(const Box& bounds, int image_width, int image_height) {
  const int x0 = std::clamp(static_cast<int>(std::floor(bounds.x0)), 0, image_width);
  const int y0 = std::clamp(static_cast<int>(std::floor(bounds.y0)), 0, image_height);
  const int x1 = std::clamp(static_cast<int>(std::ceil(bounds.x1)), 0, image_width);
  const int y1 = std::clamp(static_cast<int>(std::ceil(bounds.y1)), 0, image_height);
  return Mask(x0, y0, x1 - x0, y1 - y0);
}

namespace {

// Length of [a, b) inside the pixel span [p, p + 1).
float overlap(float a, float b, int p) {
  return std::max(0.0f, std::min(b, p + 1.0f) - std::max(a, static_cast<float>(p)));
}

}  // namespace

void Mask::add_rect(const Box& box) {
  if (box.x1 <= box.x0 || box.y1 <= box.y0) return;
  const int x0 = std::max(left_, static_cast<int>(std::floor(box.x0)));
  const int y0 = std::max(top_, static_cast<int>(std::floor(box.y0)));
  const int x1 = std::min(left_ + width_, static_cast<int>(std::ceil(box.x1)));
  const int y1 = std::min(top_ + height_, static_cast<int>(std::ceil(box.y1)));
  for (int y = y0; y < y1; ++y) {
    const float cy = overlap(box.y0, box.y1, y);
    for (int x = x0; x < x1; ++x) cover(x, y, cy * overlap(box.x0, box.x1, x));
  }
}

void Mask::add_segment(Point a, Point b, float stroke_width) {
  const float half = stroke_width * 0.5f;
  const Box bounds =
      Box{std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x), std::max(a.y, b.y)}.grown(half + 1.0f);
  add_shape(bounds, [&](Point p) { return segment_distance(p, a, b, half); });
}

void Mask::add_polyline(const std::vector<Point>& points, float stroke_width, bool closed) {
  for (std::size_t i = 1; i < points.size(); ++i) add_segment(points[i - 1], points[i], stroke_width);
  if (closed && points.size() > 2) add_segment(points.back(), points.front(), stroke_width);
}

}  // namespace iiv::specimens
