// A layout's drawing surface: each document is designed in fixed "units" (its natural
// pixel size) and drawn at any output size through one uniform scale and offset.
#pragma once

#include <string>
#include <vector>

#include "raster.hpp"
#include "text.hpp"

namespace iiv::specimens {

enum class Align { left, centre, right };

class Canvas {
 public:
  // Maps the design rectangle [0, design_width] x [0, design_height] onto `area` (pixels).
  Canvas(Raster& raster, const Box& area, float design_width, float design_height);

  Raster& raster() { return raster_; }
  float scale() const { return scale_; }
  float px(float units) const { return units * scale_; }
  Point at(float u, float v) const { return {origin_.x + u * scale_, origin_.y + v * scale_}; }
  Box box(float u0, float v0, float u1, float v1) const {
    const Point a = at(u0, v0);
    const Point b = at(u1, v1);
    return {a.x, a.y, b.x, b.y};
  }

  void rect(float u0, float v0, float u1, float v1, Rgb colour, float alpha = 1.0f);
  void rounded_rect(float u0, float v0, float u1, float v1, float radius, Rgb colour, float alpha = 1.0f);
  void frame(float u0, float v0, float u1, float v1, float line_width, Rgb colour, float alpha = 1.0f);
  void line(float u0, float v0, float u1, float v1, float line_width, Rgb colour, float alpha = 1.0f);
  void polyline(const std::vector<Point>& units, float line_width, Rgb colour, float alpha = 1.0f);

  // Text with its cap top at v; u is the left edge, centre or right edge per `align`.
  void text(float u, float v, float cap_height, const std::string& s, Rgb colour, float weight = 1.0f,
            Align align = Align::left, float letter_spacing = 0, float alpha = 1.0f);
  float text_width(const std::string& s, float cap_height, float weight = 1.0f, float letter_spacing = 0) const;

 private:
  Raster& raster_;
  Point origin_;
  float scale_;
};

}  // namespace iiv::specimens
