#include "document_parts.hpp"

#include <cmath>

#include "rng.hpp"

namespace iiv::specimens {

namespace {
constexpr float kPi = 3.14159265f;
constexpr Rgb kMrzInk{24, 26, 30};
}  // namespace

void draw_field(Canvas& canvas, float u, float v, const std::string& label, const std::string& value,
                const DocumentTheme& theme, float value_cap) {
  canvas.text(u, v, 9.5f, label, theme.label_ink, 1.1f, Align::left, 0.6f);
  canvas.text(u, v + 16, value_cap, value, theme.ink, 1.45f);
}

void draw_portrait(Canvas& canvas, const Box& units, const FaceParams& face) {
  draw_face(canvas.raster(), canvas.box(units.x0, units.y0, units.x1, units.y1), face);
  canvas.frame(units.x0, units.y0, units.x1, units.y1, 1.5f, Rgb{90, 94, 104}, 0.8f);
}

void draw_ghost_portrait(Canvas& canvas, const Box& units, const FaceParams& face, Rgb tint) {
  const Box target = canvas.box(units.x0, units.y0, units.x1, units.y1);
  const int w = std::max(1, static_cast<int>(std::ceil(target.width())));
  const int h = std::max(1, static_cast<int>(std::ceil(target.height())));
  // Draw the face on its own small image, then print its darkness in one tint.
  Image scratch{w, h, std::vector<std::uint8_t>(static_cast<std::size_t>(w) * h * 3, 255)};
  Raster scratch_raster(scratch);
  FaceParams plain = face;
  plain.backdrop = Rgb{255, 255, 255};
  draw_face(scratch_raster, Box{0, 0, static_cast<float>(w), static_cast<float>(h)}, plain);
  Raster& raster = canvas.raster();
  const int x0 = static_cast<int>(std::floor(target.x0));
  const int y0 = static_cast<int>(std::floor(target.y0));
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const int tx = x0 + x;
      const int ty = y0 + y;
      if (tx < 0 || ty < 0 || tx >= raster.width() || ty >= raster.height()) continue;
      const Rgb c = scratch_raster.get(x, y);
      const float darkness = 1.0f - (0.3f * c.r + 0.59f * c.g + 0.11f * c.b) / 255.0f;
      // Fade the edges so the ghost has no hard frame.
      const float fx = std::min(x, w - 1 - x) / (w * 0.12f);
      const float fy = std::min(y, h - 1 - y) / (h * 0.12f);
      const float edge = std::clamp(std::min(fx, fy), 0.0f, 1.0f);
      raster.blend(tx, ty, tint, darkness * 0.45f * edge);
    }
  }
}

void draw_mrz(Canvas& canvas, const Box& units, const std::vector<std::string>& lines) {
  canvas.rect(units.x0, units.y0, units.x1, units.y1, Rgb{250, 250, 246}, 0.78f);
  if (lines.empty()) return;
  std::size_t longest = 0;
  for (const auto& line : lines) longest = std::max(longest, line.size());
  const float margin = 0.045f * units.width();
  const float pitch = (units.width() - 2 * margin) / static_cast<float>(longest);
  const float row = units.height() / static_cast<float>(lines.size());
  const float cap = std::min(row * 0.5f, pitch * 1.05f);
  for (std::size_t r = 0; r < lines.size(); ++r) {
    const float v = units.y0 + row * (static_cast<float>(r) + 0.5f) - cap * 0.5f;
    for (std::size_t i = 0; i < lines[r].size(); ++i) {
      // Each glyph centred in its own cell: OCR-B style fixed pitch.
      const float u = units.x0 + margin + pitch * (static_cast<float>(i) + 0.5f);
      canvas.text(u, v, cap, std::string(1, lines[r][i]), kMrzInk, 1.5f, Align::centre);
    }
  }
}

void draw_signature(Canvas& canvas, const Box& units, Rgb ink, std::uint32_t seed) {
  Rng rng(0x5191ULL * 7 + seed);
  const int loops = 4 + rng.pick(4);
  const float f1 = rng.between(2.5f, 4.0f), f2 = rng.between(6.0f, 9.0f);
  const float p1 = rng.between(0, 2 * kPi), p2 = rng.between(0, 2 * kPi);
  std::vector<Point> points;
  const int steps = 220;
  for (int i = 0; i <= steps; ++i) {
    const float t = static_cast<float>(i) / steps;
    // A drifting pen with loops: horizontal travel plus two circular motions.
    const float loop = 2 * kPi * loops * t;
    const float u = units.x0 + units.width() * (0.05f + 0.85f * t) + units.height() * 0.18f * std::cos(loop + p1);
    const float v = units.y0 + units.height() * (0.55f + 0.25f * std::sin(loop) * std::sin(f1 * t + p1) +
                                                 0.1f * std::sin(f2 * t + p2));
    points.push_back({u, v});
  }
  canvas.polyline(points, 1.6f, ink, 0.9f);
  canvas.line(units.x0 + units.width() * 0.55f, units.y0 + units.height() * 0.85f, units.x1,
              units.y0 + units.height() * 0.78f, 1.4f, ink, 0.8f);
}

void draw_emblem(Canvas& canvas, Point centre, float radius, const std::string& code, Rgb background, Rgb foreground) {
  const Box disc = canvas.box(centre.x - radius, centre.y - radius, centre.x + radius, centre.y + radius);
  canvas.raster().fill_ellipse(disc.centre(), disc.width() * 0.5f, disc.height() * 0.5f, background);
  for (int i = 0; i < 12; ++i) {
    const float a = 2 * kPi * i / 12.0f;
    const Point p = canvas.at(centre.x + radius * 0.72f * std::cos(a), centre.y + radius * 0.72f * std::sin(a));
    canvas.raster().fill_ellipse(p, canvas.px(radius * 0.07f), canvas.px(radius * 0.07f), foreground);
  }
  const float cap = radius * 0.55f;
  canvas.text(centre.x, centre.y - cap * 0.5f, cap, code, foreground, 1.6f, Align::centre);
}

}  // namespace iiv::specimens
