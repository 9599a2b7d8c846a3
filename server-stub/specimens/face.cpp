#include "face.hpp"

#include <cmath>
#include <vector>

#include "rng.hpp"

namespace iiv::specimens {
namespace {

constexpr Rgb kSkinTones[] = {{255, 224, 198}, {243, 198, 165}, {228, 176, 134}, {204, 140, 100},
                              {168, 108, 74},  {124, 80, 54},   {92, 60, 42}};
constexpr Rgb kHairColours[] = {{34, 28, 26},    {70, 46, 32},    {112, 74, 44}, {160, 88, 48},
                                {212, 176, 108}, {168, 168, 172}, {58, 40, 36}};
constexpr Rgb kIrisColours[] = {{92, 60, 36}, {124, 100, 54}, {64, 112, 168}, {74, 126, 86}, {104, 116, 128}};
constexpr Rgb kClothing[] = {{38, 52, 92},   {112, 34, 48},  {40, 86, 64},  {64, 66, 72},
                             {186, 142, 48}, {32, 120, 128}, {120, 84, 150}};
constexpr Rgb kPortraitBackdrops[] = {{226, 229, 234}, {212, 224, 238}, {232, 230, 224}, {220, 232, 228}};

template <class T, std::size_t N>
T pick_from(Rng& rng, const T (&options)[N]) {
  return options[rng.pick(static_cast<int>(N))];
}

Box intersect(const Box& a, const Box& b) {
  return {std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1), std::min(a.y1, b.y1)};
}

// Draws in portrait units: a 100 x 124 design centred in the box (scaled to fit its
// height), y measured from the design's top.
class FacePainter {
 public:
  FacePainter(Raster& raster, const Box& box)
      : raster_(raster),
        box_(box),
        unit_(std::min(box.width() / 100.0f, box.height() / 124.0f)),
        left_(box.x0 + (box.width() - 100.0f * unit_) * 0.5f),
        top_(box.y0 + (box.height() - 124.0f * unit_) * 0.5f) {}

  Point at(float u, float v) const { return {left_ + u * unit_, top_ + v * unit_}; }
  float units(float pixels) const { return pixels / unit_; }
  Point to_units(Point p) const { return {(p.x - left_) / unit_, (p.y - top_) / unit_}; }

  // `distance` works in units; the painter converts it to pixels for anti-aliasing.
  template <class Distance>
  void shape(const Box& bounds_units, Rgb colour, float alpha, Distance distance) {
    const Point a = at(bounds_units.x0, bounds_units.y0);
    const Point b = at(bounds_units.x1, bounds_units.y1);
    const Box bounds = intersect(Box{a.x, a.y, b.x, b.y}.grown(1), box_);
    raster_.fill_shape(bounds, colour, alpha, [&](Point p) { return distance(to_units(p)) * unit_; });
  }

  void ellipse(float u, float v, float rx, float ry, Rgb colour, float alpha = 1.0f) {
    shape(box_around({u, v}, rx, ry), colour, alpha, [=](Point p) { return ellipse_distance(p, {u, v}, rx, ry); });
  }

  void stroke(const std::vector<Point>& points_units, float width_units, Rgb colour, float alpha = 1.0f) {
    Box bounds{1e30f, 1e30f, -1e30f, -1e30f};
    std::vector<Point> points;
    for (const Point& u : points_units) {
      const Point p = at(u.x, u.y);
      points.push_back(p);
      bounds = {std::min(bounds.x0, p.x), std::min(bounds.y0, p.y), std::max(bounds.x1, p.x), std::max(bounds.y1, p.y)};
    }
    const float width = std::max(width_units * unit_, 0.8f);
    Mask mask = Mask::covering(intersect(bounds.grown(width + 2), box_), raster_.width(), raster_.height());
    mask.add_polyline(points, width);
    raster_.composite(mask, colour, alpha);
  }

 private:
  Raster& raster_;
  Box box_;
  float unit_;
  float left_;
  float top_;
};

std::vector<Point> arc(Point centre, float rx, float ry, float from, float to, int steps = 24) {
  std::vector<Point> points;
  for (int i = 0; i <= steps; ++i) {
    const float t = from + (to - from) * static_cast<float>(i) / static_cast<float>(steps);
    points.push_back({centre.x + rx * std::cos(t), centre.y + ry * std::sin(t)});
  }
  return points;
}

constexpr float kPi = 3.14159265f;

}  // namespace

FaceParams face_params(std::uint32_t seed) {
  Rng rng(0xFACE0000ULL ^ (static_cast<std::uint64_t>(seed) * 0x9E3779B1ULL));
  FaceParams f;
  f.skin = pick_from(rng, kSkinTones);
  f.hair = pick_from(rng, kHairColours);
  f.iris = pick_from(rng, kIrisColours);
  f.clothing = pick_from(rng, kClothing);
  f.backdrop = pick_from(rng, kPortraitBackdrops);
  f.hair_style = static_cast<HairStyle>(rng.pick(5));
  f.head_width = rng.between(0.9f, 1.08f);
  f.head_length = rng.between(0.92f, 1.06f);
  f.eye_spacing = rng.between(0.9f, 1.1f);
  f.eye_size = rng.between(0.85f, 1.15f);
  f.brow_tilt = rng.between(-0.6f, 0.8f);
  f.brow_weight = rng.between(0.7f, 1.4f);
  f.nose_length = rng.between(0.85f, 1.15f);
  f.mouth_width = rng.between(0.8f, 1.2f);
  f.smile = rng.between(0.1f, 1.0f);
  f.parting = rng.between(-1.0f, 1.0f);
  f.glasses = rng.chance(0.3f);
  f.beard = f.hair_style != HairStyle::long_straight && f.hair_style != HairStyle::bun && rng.chance(0.25f);
  return f;
}

void draw_face(Raster& raster, const Box& portrait, const FaceParams& face, bool fill_backdrop) {
  if (portrait.width() < 2 || portrait.height() < 2) return;
  FacePainter paint(raster, portrait);
  if (fill_backdrop) {
    // A soft vertical gradient reads as a studio backdrop.
    const Rgb top = shade(face.backdrop, 1.06f);
    const Rgb bottom = shade(face.backdrop, 0.9f);
    raster.paint_shape(
        portrait, 1.0f, [&](Point p) { return rounded_box_distance(p, portrait, 0); },
        [&](Point p) { return mix(top, bottom, (p.y - portrait.y0) / portrait.height()); });
  }

  const float cx = 50.0f;
  const float cy = 56.0f;
  const float rx = 23.5f * face.head_width;
  const float ry = 30.0f * face.head_length;
  const Rgb skin_shadow = shade(face.skin, 0.84f);
  const Rgb hair_dark = shade(face.hair, 0.75f);
  const float hairline = cy - ry * 0.42f;

  // Shoulders and torso.
  paint.ellipse(cx, 140, 54, 42, face.clothing);
  paint.stroke(arc({cx, 140}, 54, 42, kPi * 1.1f, kPi * 1.9f), 1.0f, shade(face.clothing, 1.25f), 0.6f);

  // Long hair falls behind the neck onto the shoulders.
  if (face.hair_style == HairStyle::long_straight) {
    const Box back{cx - rx - 6, cy - 6, cx + rx + 6, cy + ry + 16};
    paint.shape(Box{cx - rx - 9, cy - ry - 10, cx + rx + 9, back.y1 + 2}, face.hair, 1.0f, [&](Point p) {
      return std::min(ellipse_distance(p, {cx, cy - 2}, rx + 7, ry + 7), rounded_box_distance(p, back, 9));
    });
  }
  if (face.hair_style == HairStyle::bun) paint.ellipse(cx, cy - ry - 4, 10, 9, face.hair);

  // Neck with a shadow under the chin, and a V neckline cut into the top.
  const Box neck{cx - 9.5f, cy + ry * 0.5f, cx + 9.5f, 104};
  paint.shape(neck.grown(1), face.skin, 1.0f, [&](Point p) { return rounded_box_distance(p, neck, 4); });
  paint.ellipse(cx, cy + ry * 0.86f, 10.5f, 6, skin_shadow, 0.7f);
  const float collar_top = 98.0f;
  const float collar_apex = 114.0f;
  const float collar_slope = 1.4f;
  paint.shape(Box{cx - 14, collar_top - 1, cx + 14, collar_apex + 1}, face.skin, 1.0f, [&](Point p) {
    const float v_edge =
        (p.y - (collar_apex - std::abs(p.x - cx) * collar_slope)) / std::sqrt(1 + collar_slope * collar_slope);
    return std::max(collar_top - p.y, v_edge);
  });
  const Rgb collar = shade(face.clothing, 0.7f);
  paint.stroke({{cx - 11.5f, collar_top - 1.5f}, {cx, collar_apex}, {cx + 11.5f, collar_top - 1.5f}}, 1.4f, collar);

  // Ears, then the head over them.
  for (float side : {-1.0f, 1.0f}) {
    paint.ellipse(cx + side * (rx - 0.5f), cy + 3, 4.2f, 7.0f, shade(face.skin, 0.94f));
    paint.stroke(arc({cx + side * (rx + 0.2f), cy + 3}, 2.2f, 4.5f, -kPi * 0.5f, kPi * 0.5f, 12), 0.7f, skin_shadow,
                 0.7f);
  }
  paint.ellipse(cx, cy, rx, ry, face.skin);
  // A darker rim along the jaw gives the head some volume.
  paint.shape(box_around({cx, cy}, rx + 1, ry + 1), skin_shadow, 0.35f, [&](Point p) {
    return std::max(ellipse_distance(p, {cx, cy}, rx, ry), -ellipse_distance(p, {cx, cy - 2.5f}, rx - 2.2f, ry - 1.5f));
  });

  // Cheeks.
  for (float side : {-1.0f, 1.0f}) paint.ellipse(cx + side * 13, cy + 11, 5.5f, 3.2f, Rgb{226, 106, 106}, 0.16f);

  // Eyes: white, iris, pupil, highlight and an upper lid line.
  const float eye_y = cy - 1;
  const float eye_dx = 10.0f * face.eye_spacing;
  const float ez = face.eye_size;
  for (float side : {-1.0f, 1.0f}) {
    const float ex = cx + side * eye_dx;
    paint.ellipse(ex, eye_y, 4.8f * ez, 3.0f * ez, Rgb{250, 250, 248});
    paint.ellipse(ex, eye_y + 0.2f, 2.5f * ez, 2.5f * ez, face.iris);
    paint.ellipse(ex, eye_y + 0.2f, 1.2f * ez, 1.2f * ez, Rgb{20, 18, 20});
    paint.ellipse(ex + 0.8f * ez, eye_y - 0.7f * ez, 0.55f * ez, 0.55f * ez, Rgb{255, 255, 255});
    paint.stroke(arc({ex, eye_y}, 4.9f * ez, 3.1f * ez, kPi * 1.05f, kPi * 1.95f, 16), 0.9f, Rgb{40, 30, 28});

    // Brows follow the hair colour; tilt lifts the outer end.
    const float by = eye_y - 6.5f * ez;
    paint.stroke(
        {{ex - side * 4.0f, by + 0.6f}, {ex + side * 1.0f, by - 0.9f}, {ex + side * 6.0f, by - face.brow_tilt * 1.8f}},
        1.5f * face.brow_weight, hair_dark);
  }

  // Nose and mouth.
  const float nose_tip = eye_y + 11.0f * face.nose_length;
  paint.stroke({{cx + 0.6f, eye_y + 2}, {cx - 1.6f, nose_tip - 0.5f}, {cx + 1.8f, nose_tip + 0.4f}}, 1.0f, skin_shadow,
               0.9f);
  for (float side : {-1.0f, 1.0f}) paint.ellipse(cx + side * 2.4f, nose_tip, 1.3f, 0.8f, shade(face.skin, 0.7f), 0.5f);

  const float mouth_y = nose_tip + 7.0f;
  if (face.beard) {
    // Jaw and moustache below the nose; the lips are drawn over it.
    paint.shape(box_around({cx, cy}, rx + 1, ry + 2), face.hair, 0.95f, [&](Point p) {
      // The upper edge curves up towards the ears instead of cutting straight across.
      const float dx = p.x - cx;
      const float below_nose = ((nose_tip + 3.0f - 0.012f * dx * dx) - p.y) / std::sqrt(1 + 0.000576f * dx * dx);
      const float jaw = ellipse_distance(p, {cx, cy + 1}, rx + 0.6f, ry + 1.5f);
      return std::max(jaw, below_nose);
    });
  }
  const float mouth_half = 7.0f * face.mouth_width;
  std::vector<Point> smile;
  for (int i = 0; i <= 20; ++i) {
    const float t = -1.0f + 2.0f * static_cast<float>(i) / 20.0f;
    smile.push_back({cx + t * mouth_half, mouth_y + face.smile * 2.6f * (1 - t * t)});
  }
  const Rgb lips = mix(face.skin, Rgb{176, 58, 64}, 0.55f);
  paint.ellipse(cx, mouth_y + 1.0f + face.smile * 1.6f, mouth_half * 0.6f, 1.6f, lips, 0.7f);
  paint.stroke(smile, 1.1f, shade(lips, 0.55f));

  // Hair on top: the head's upper cap above a wavy, parted hairline, plus sideburns.
  {
    const float sides_to = face.hair_style == HairStyle::long_straight ? cy + 14 : cy - 2;
    const float alpha = face.hair_style == HairStyle::shaved ? 0.55f : 1.0f;
    // Shaved hair is a stubble tint inside the head outline; other styles stand out from it.
    const float cap_grow = face.hair_style == HairStyle::shaved ? -0.6f : 3.0f;
    const float line = face.hair_style == HairStyle::shaved ? hairline - 3 : hairline;
    paint.shape(box_around({cx, cy}, rx + 5, ry + 5), face.hair, alpha, [&](Point p) {
      const float cap = ellipse_distance(p, {cx, cy - 1}, rx + cap_grow, ry + cap_grow);
      const float across = (p.x - cx) / rx;
      const float fringe = line + 4.0f * face.parting * across + 2.2f * std::cos(across * 5.0f + face.parting);
      // Side hair narrows as it falls towards the ears.
      const float side_inner = rx - 4.5f + std::max(p.y - line, 0.0f) * 0.12f;
      const float side = std::max(side_inner - std::abs(p.x - cx), p.y - sides_to);
      return std::max(cap, std::min(p.y - fringe, side));
    });
    if (face.hair_style == HairStyle::curly) {
      for (int i = 0; i <= 12; ++i) {
        const float t = kPi * (1.0f + static_cast<float>(i) / 12.0f);
        paint.ellipse(cx + (rx + 2) * std::cos(t), cy - 2 + (ry + 2) * std::sin(t), 5.5f, 5.5f, face.hair);
      }
    }
    // A few strands give the hair direction, starting just inside the crown.
    if (face.hair_style != HairStyle::shaved) {
      for (int i = -2; i <= 2; ++i) {
        const float x = cx + i * rx * 0.28f;
        const float across = (x - cx) / (rx + cap_grow);
        const float crown = cy - 1 - (ry + cap_grow) * std::sqrt(std::max(0.0f, 1 - across * across)) + 2.5f;
        paint.stroke(
            {{x, crown}, {x + face.parting * 3 + i, hairline - 4}, {x + face.parting * 4 + i * 1.5f, hairline}}, 0.6f,
            hair_dark, 0.5f);
      }
    }
  }

  if (face.glasses) {
    const Rgb frame{36, 32, 34};
    for (float side : {-1.0f, 1.0f}) {
      const float ex = cx + side * eye_dx;
      paint.ellipse(ex, eye_y, 7.5f, 6.0f, Rgb{200, 220, 240}, 0.12f);
      paint.stroke(arc({ex, eye_y}, 7.5f, 6.0f, 0, 2 * kPi, 40), 1.1f, frame);
      paint.stroke({{ex + side * 7.5f, eye_y - 1}, {cx + side * (rx - 0.5f), eye_y}}, 1.0f, frame);
    }
    paint.stroke({{cx - eye_dx + 7.5f, eye_y - 1}, {cx, eye_y - 2.2f}, {cx + eye_dx - 7.5f, eye_y - 1}}, 1.0f, frame);
  }
}

}  // namespace iiv::specimens
