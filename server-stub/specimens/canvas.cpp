#include "canvas.hpp"

#include <algorithm>

namespace iiv::specimens {

Canvas::Canvas(Raster& raster, const Box& area, float design_width, float design_height)
    : raster_(raster), scale_(std::min(area.width() / design_width, area.height() / design_height)) {
  origin_ = {area.x0 + (area.width() - design_width * scale_) * 0.5f,
             area.y0 + (area.height() - design_height * scale_) * 0.5f};
}

void Canvas::rect(float u0, float v0, float u1, float v1, Rgb colour, float alpha) {
  raster_.fill_rect(box(u0, v0, u1, v1), colour, alpha);
}

void Canvas::rounded_rect(float u0, float v0, float u1, float v1, float radius, Rgb colour, float alpha) {
  raster_.fill_rounded_rect(box(u0, v0, u1, v1), px(radius), colour, alpha);
}

void Canvas::frame(float u0, float v0, float u1, float v1, float line_width, Rgb colour, float alpha) {
  const Box outer = box(u0, v0, u1, v1);
  const float w = std::max(px(line_width), 0.75f);
  Mask mask = Mask::covering(outer, raster_.width(), raster_.height());
  mask.add_rect({outer.x0, outer.y0, outer.x1, outer.y0 + w});
  mask.add_rect({outer.x0, outer.y1 - w, outer.x1, outer.y1});
  mask.add_rect({outer.x0, outer.y0, outer.x0 + w, outer.y1});
  mask.add_rect({outer.x1 - w, outer.y0, outer.x1, outer.y1});
  raster_.composite(mask, colour, alpha);
}

void Canvas::line(float u0, float v0, float u1, float v1, float line_width, Rgb colour, float alpha) {
  polyline({{u0, v0}, {u1, v1}}, line_width, colour, alpha);
}

void Canvas::polyline(const std::vector<Point>& units, float line_width, Rgb colour, float alpha) {
  if (units.empty()) return;
  std::vector<Point> points;
  points.reserve(units.size());
  Box bounds{1e30f, 1e30f, -1e30f, -1e30f};
  for (const Point& u : units) {
    const Point p = at(u.x, u.y);
    points.push_back(p);
    bounds = {std::min(bounds.x0, p.x), std::min(bounds.y0, p.y), std::max(bounds.x1, p.x), std::max(bounds.y1, p.y)};
  }
  // Thin lines fade rather than vanish at small output sizes.
  const float w = px(line_width);
  const float visible_alpha = w < 0.75f ? alpha * w / 0.75f : alpha;
  Mask mask = Mask::covering(bounds.grown(std::max(w, 0.75f) + 2), raster_.width(), raster_.height());
  mask.add_polyline(points, std::max(w, 0.75f));
  raster_.composite(mask, colour, visible_alpha);
}

float Canvas::text_width(const std::string& s, float cap_height, float weight, float letter_spacing) const {
  return iiv::specimens::text_width(s, TextStyle{cap_height, weight, letter_spacing});
}

void Canvas::text(float u, float v, float cap_height, const std::string& s, Rgb colour, float weight, Align align,
                  float letter_spacing, float alpha) {
  const TextStyle style{px(cap_height), weight, letter_spacing};
  Point origin = at(u, v);
  const float width = iiv::specimens::text_width(s, style);
  if (align == Align::centre) origin.x -= width * 0.5f;
  if (align == Align::right) origin.x -= width;
  draw_text(raster_, origin, s, style, colour, alpha);
}

}  // namespace iiv::specimens
