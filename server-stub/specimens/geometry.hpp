// Points, boxes and signed distances (negative inside) that every drawing builds on:
// a shape is "a distance function plus a bounding box", anti-aliased by coverage.
#pragma once

#include <algorithm>
#include <cmath>

namespace iiv::specimens {

struct Point {
  float x = 0;
  float y = 0;
};

inline Point operator+(Point a, Point b) { return {a.x + b.x, a.y + b.y}; }
inline Point operator-(Point a, Point b) { return {a.x - b.x, a.y - b.y}; }
inline Point operator*(Point a, float s) { return {a.x * s, a.y * s}; }
inline float dot(Point a, Point b) { return a.x * b.x + a.y * b.y; }
inline float length(Point a) { return std::sqrt(dot(a, a)); }

struct Box {
  float x0 = 0;
  float y0 = 0;
  float x1 = 0;
  float y1 = 0;

  float width() const { return x1 - x0; }
  float height() const { return y1 - y0; }
  Point centre() const { return {(x0 + x1) * 0.5f, (y0 + y1) * 0.5f}; }
  Box grown(float by) const { return {x0 - by, y0 - by, x1 + by, y1 + by}; }
};

inline Box box_around(Point centre, float half_width, float half_height) {
  return {centre.x - half_width, centre.y - half_height, centre.x + half_width, centre.y + half_height};
}

// Fraction of a pixel covered by a shape whose signed distance at the pixel centre is d.
inline float coverage_from_distance(float d) { return std::clamp(0.5f - d, 0.0f, 1.0f); }

inline float circle_distance(Point p, Point centre, float radius) { return length(p - centre) - radius; }

// A first-order approximation, exact on the axes and good enough for anti-aliasing.
inline float ellipse_distance(Point p, Point centre, float radius_x, float radius_y) {
  const Point q = p - centre;
  const float k0 = std::sqrt((q.x * q.x) / (radius_x * radius_x) + (q.y * q.y) / (radius_y * radius_y));
  const float k1 = std::sqrt((q.x * q.x) / (radius_x * radius_x * radius_x * radius_x) +
                             (q.y * q.y) / (radius_y * radius_y * radius_y * radius_y));
  if (k1 <= 1e-12f) return -std::min(radius_x, radius_y);
  return k0 * (k0 - 1.0f) / k1;
}

inline float segment_distance(Point p, Point a, Point b, float half_width) {
  const Point ab = b - a;
  const float len2 = dot(ab, ab);
  const float t = len2 > 0 ? std::clamp(dot(p - a, ab) / len2, 0.0f, 1.0f) : 0.0f;
  return length(p - (a + ab * t)) - half_width;
}

inline float rounded_box_distance(Point p, const Box& box, float radius) {
  const Point c = box.centre();
  const float qx = std::abs(p.x - c.x) - (box.width() * 0.5f - radius);
  const float qy = std::abs(p.y - c.y) - (box.height() * 0.5f - radius);
  const float outside = std::sqrt(std::max(qx, 0.0f) * std::max(qx, 0.0f) + std::max(qy, 0.0f) * std::max(qy, 0.0f));
  return outside + std::min(std::max(qx, qy), 0.0f) - radius;
}

}  // namespace iiv::specimens
