// Drawing onto an Image: solid and painted shapes with anti-aliased edges, and
// compositing a coverage mask (straight or rotated) in a colour.
#pragma once

#include <cmath>
#include <cstddef>

#include "colour.hpp"
#include "geometry.hpp"
#include "mask.hpp"
#include "specimens.hpp"

namespace iiv::specimens {

class Raster {
 public:
  explicit Raster(Image& image) : image_(image) {}

  int width() const { return image_.width; }
  int height() const { return image_.height; }

  Rgb get(int x, int y) const {
    const std::uint8_t* p = pixel(x, y);
    return {p[0], p[1], p[2]};
  }

  void set(int x, int y, Rgb c) {
    std::uint8_t* p = pixel(x, y);
    p[0] = c.r;
    p[1] = c.g;
    p[2] = c.b;
  }

  // Mixes c over the pixel with the given opacity in [0, 1]; (x, y) must be inside.
  void blend(int x, int y, Rgb c, float alpha) {
    std::uint8_t* p = pixel(x, y);
    p[0] = to_channel(p[0] + (c.r - p[0]) * alpha);
    p[1] = to_channel(p[1] + (c.g - p[1]) * alpha);
    p[2] = to_channel(p[2] + (c.b - p[2]) * alpha);
  }

  void fill(Rgb c);

  // Paints every pixel inside the shape (signed distance < 0 within `bounds`) with
  // paint(point), anti-aliasing the edge, at the given overall opacity.
  template <class Distance, class Paint>
  void paint_shape(const Box& bounds, float alpha, Distance distance, Paint paint) {
    int x0, y0, x1, y1;
    clip(bounds, x0, y0, x1, y1);
    for (int y = y0; y < y1; ++y) {
      for (int x = x0; x < x1; ++x) {
        const Point p{x + 0.5f, y + 0.5f};
        const float c = coverage_from_distance(distance(p));
        if (c <= 0.0f) continue;
        const float a = c * alpha;
        if (a >= 1.0f) {
          set(x, y, paint(p));
        } else {
          blend(x, y, paint(p), a);
        }
      }
    }
  }

  template <class Distance>
  void fill_shape(const Box& bounds, Rgb colour, float alpha, Distance distance) {
    paint_shape(bounds, alpha, distance, [colour](Point) { return colour; });
  }

  void fill_rect(const Box& box, Rgb colour, float alpha = 1.0f);
  void fill_ellipse(Point centre, float radius_x, float radius_y, Rgb colour, float alpha = 1.0f);
  void fill_rounded_rect(const Box& box, float radius, Rgb colour, float alpha = 1.0f);

  void composite(const Mask& mask, Rgb colour, float alpha = 1.0f);
  // Draws the mask rotated by `angle` radians (counter-clockwise on screen for
  // negative values, since y grows downwards) about its own centre, which lands on `centre`.
  void composite_rotated(const Mask& mask, Point centre, float angle, Rgb colour, float alpha);

 private:
  std::uint8_t* pixel(int x, int y) { return image_.rgb.data() + (static_cast<std::size_t>(y) * image_.width + x) * 3; }
  const std::uint8_t* pixel(int x, int y) const {
    return image_.rgb.data() + (static_cast<std::size_t>(y) * image_.width + x) * 3;
  }
  void clip(const Box& bounds, int& x0, int& y0, int& x1, int& y1) const;

  Image& image_;
};

}  // namespace iiv::specimens
