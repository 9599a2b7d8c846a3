#include "guilloche.hpp"

#include <cmath>
#include <vector>

#include "rng.hpp"

namespace iiv::specimens {
namespace {

constexpr float kTwoPi = 6.2831853f;

// One family of parallel wavy lines y = k * spacing - amplitude * sin(frequency * x + phase).
// Everything that depends on x alone is tabulated per column, so a pixel costs a few
// multiply-adds. Returns coverage of the nearest line at the pixel.
struct WaveFamily {
  std::vector<float> offset;         // amplitude * sin(...) / spacing, per column
  std::vector<float> pixels_per_step;  // spacing in pixels along the normal, per column
  float inverse_spacing = 0;         // 1 / spacing in pixels
  float half_width = 0;              // half the line width in pixels

  WaveFamily(int columns, float x_origin, float unit, float spacing_units, float amplitude_units,
             float wavelength_units, float phase, float line_width_units) {
    offset.resize(columns);
    pixels_per_step.resize(columns);
    const float spacing = spacing_units * unit;
    inverse_spacing = 1.0f / spacing;
    half_width = std::max(line_width_units * unit, 0.7f) * 0.5f;
    const float k = kTwoPi / (wavelength_units * unit);
    const float amplitude = amplitude_units * unit;
    for (int x = 0; x < columns; ++x) {
      const float px = x + 0.5f - x_origin;
      offset[x] = amplitude * std::sin(k * px + phase) * inverse_spacing;
      const float slope = amplitude * k * std::cos(k * px + phase);
      pixels_per_step[x] = spacing / std::sqrt(1.0f + slope * slope);
    }
  }

  float coverage(int x, float y) const {
    const float f = y * inverse_spacing + offset[x];
    const float distance = std::abs(f - std::nearbyint(f)) * pixels_per_step[x];
    return std::clamp(half_width + 0.5f - distance, 0.0f, 1.0f);
  }
};

}  // namespace

void paint_wave_paper(Raster& raster, const Box& card, float corner_radius, float unit,
                      const PaperPalette& palette, std::uint32_t seed) {
  Rng rng(0x6A11ULL * 31 + seed);
  const int columns = raster.width();
  const float line = 0.9f;
  const WaveFamily a(columns, card.x0, unit, 9.0f, 7.0f, rng.between(150, 210), rng.between(0, kTwoPi), line);
  const WaveFamily b(columns, card.x0, unit, 9.0f, 7.0f, rng.between(150, 210), rng.between(0, kTwoPi), line);
  // A slow swell modulates the tint across the page.
  const float swell_k = kTwoPi / (rng.between(500, 700) * unit);
  const float swell_phase = rng.between(0, kTwoPi);

  raster.paint_shape(card.grown(1), 1.0f,
                     [&](Point p) { return rounded_box_distance(p, card, corner_radius); },
                     [&](Point p) {
                       const float across = std::clamp((p.x - card.x0) / card.width(), 0.0f, 1.0f);
                       const float swell = 0.5f + 0.5f * std::sin(swell_k * (p.x + p.y * 0.6f) + swell_phase);
                       Rgb c = mix(palette.paper_left, palette.paper_right, across * 0.8f + swell * 0.2f);
                       const int x = std::clamp(static_cast<int>(p.x), 0, columns - 1);
                       const float y = p.y - card.y0;
                       const float ca = a.coverage(x, y);
                       const float cb = b.coverage(x, y + 4.5f * unit);
                       if (ca > 0) c = mix(c, palette.wave_a, ca * 0.55f);
                       if (cb > 0) c = mix(c, palette.wave_b, cb * 0.45f);
                       return c;
                     });
}

void draw_rosette(Raster& raster, Point centre, float radius, float unit, Rgb colour, float alpha,
                  std::uint32_t seed, const Box& clip) {
  if (radius < 2) return;
  Rng rng(0x2053ULL * 17 + seed);
  const int petals_a = 9 + rng.pick(8);
  const int petals_b = petals_a + 1 + rng.pick(3);
  const float phase = rng.between(0, kTwoPi);
  const float spacing = 7.0f * unit;
  const float amplitude = 5.0f * unit;
  const float half_width = std::max(0.8f * unit, 0.7f) * 0.5f;
  const Box bounds = box_around(centre, radius, radius);
  const Box clipped{std::max(bounds.x0, clip.x0), std::max(bounds.y0, clip.y0), std::min(bounds.x1, clip.x1),
                    std::min(bounds.y1, clip.y1)};
  raster.paint_shape(
      clipped, 1.0f, [&](Point p) { return circle_distance(p, centre, radius); },
      [&](Point p) -> Rgb {
        const Point d = p - centre;
        const float r = length(d);
        const float theta = std::atan2(d.y, d.x);
        // Two ring families with different petal counts weave into a net.
        const float fa = (r + amplitude * std::sin(petals_a * theta + phase)) / spacing;
        const float fb = (r + amplitude * std::sin(petals_b * theta - phase)) / spacing;
        const float da = std::abs(fa - std::nearbyint(fa)) * spacing;
        const float db = std::abs(fb - std::nearbyint(fb)) * spacing;
        const float cover = std::max(std::clamp(half_width + 0.5f - da, 0.0f, 1.0f),
                                     std::clamp(half_width + 0.5f - db, 0.0f, 1.0f));
        // Fade towards the rim so the rosette melts into the paper.
        const float fade = std::clamp((radius - r) / (radius * 0.25f), 0.0f, 1.0f);
        const float a = cover * fade * alpha;
        const int x = std::clamp(static_cast<int>(p.x), 0, raster.width() - 1);
        const int y = std::clamp(static_cast<int>(p.y), 0, raster.height() - 1);
        return mix(raster.get(x, y), colour, a);
      });
}

}  // namespace iiv::specimens
