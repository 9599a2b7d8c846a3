// A coverage mask (0..1 per pixel) over a window of the image. Strokes that overlap
// (polyline joints, glyph segments) take the maximum coverage, so a translucent
// colour composited through the mask stays even instead of darkening at overlaps.
#pragma once

#include <cmath>
#include <vector>

#include "geometry.hpp"

namespace iiv::specimens {

class Mask {
 public:
  Mask() = default;
  // Covers image pixels [left, left + width) x [top, top + height).
  Mask(int left, int top, int width, int height);
  // The window of `bounds` clipped to an image of the given size.
  static Mask covering(const Box& bounds, int image_width, int image_height);

  int left() const { return left_; }
  int top() const { return top_; }
  int width() const { return width_; }
  int height() const { return height_; }
  bool empty() const { return width_ <= 0 || height_ <= 0; }

  // Coverage at image pixel (x, y); 0 outside the window.
  float at(int x, int y) const {
    x -= left_;
    y -= top_;
    if (x < 0 || y < 0 || x >= width_ || y >= height_) return 0.0f;
    return values_[static_cast<std::size_t>(y) * width_ + x];
  }

  void cover(int x, int y, float coverage) {
    x -= left_;
    y -= top_;
    if (x < 0 || y < 0 || x >= width_ || y >= height_) return;
    float& v = values_[static_cast<std::size_t>(y) * width_ + x];
    if (coverage > v) v = coverage;
  }

  // Adds a shape given by a signed distance function, evaluated inside `bounds`.
  template <class Distance>
  void add_shape(const Box& bounds, Distance distance) {
    const int x0 = std::max(left_, static_cast<int>(std::floor(bounds.x0)));
    const int y0 = std::max(top_, static_cast<int>(std::floor(bounds.y0)));
    const int x1 = std::min(left_ + width_, static_cast<int>(std::ceil(bounds.x1)));
    const int y1 = std::min(top_ + height_, static_cast<int>(std::ceil(bounds.y1)));
    for (int y = y0; y < y1; ++y) {
      for (int x = x0; x < x1; ++x) {
        const float c = coverage_from_distance(distance(Point{x + 0.5f, y + 0.5f}));
        if (c > 0.0f) cover(x, y, c);
      }
    }
  }

  // An axis-aligned rectangle with exact fractional coverage at its edges.
  void add_rect(const Box& box);
  void add_segment(Point a, Point b, float stroke_width);
  void add_polyline(const std::vector<Point>& points, float stroke_width, bool closed = false);

 private:
  int left_ = 0;
  int top_ = 0;
  int width_ = 0;
  int height_ = 0;
  std::vector<float> values_;
};

}  // namespace iiv::specimens
