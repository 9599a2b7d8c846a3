#include "guilloche.hpp"

#include <array>
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
  std::vector<float> offset;           // amplitude * sin(...) / spacing, per column
  std::vector<float> pixels_per_step;  // spacing in pixels along the normal, per column
  float inverse_spacing = 0;           // 1 / spacing in pixels
  float half_width = 0;                // half the line width in pixels

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

std::array<float, 3> channels(Rgb c) {
  return {static_cast<float>(c.r), static_cast<float>(c.g), static_cast<float>(c.b)};
}

// A plain complex number: std::complex multiplication goes through a slow
// NaN-checking library call unless built with -ffast-math.
struct Complex {
  float re;
  float im;
};

Complex operator*(Complex a, Complex b) { return {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re}; }

// z^n by repeated squaring (n >= 0).
Complex power(Complex z, int n) {
  Complex result{1, 0};
  while (n > 0) {
    if (n & 1) result = result * z;
    z = z * z;
    n >>= 1;
  }
  return result;
}

}  // namespace

void paint_wave_paper(Raster& raster, const Box& card, float corner_radius, float unit, const PaperPalette& palette,
                      std::uint32_t seed) {
  Rng rng(0x6A11ULL * 31 + seed);
  const int columns = raster.width();
  const float line = 0.9f;
  const WaveFamily a(columns, card.x0, unit, 9.0f, 7.0f, rng.between(150, 210), rng.between(0, kTwoPi), line);
  const WaveFamily b(columns, card.x0, unit, 9.0f, 7.0f, rng.between(150, 210), rng.between(0, kTwoPi), line);
  const float b_shift = 4.5f * unit;  // offsets family b by half a spacing

  // A slow diagonal swell modulates the tint: sin(k(x + 0.6y) + phase), split into per-column
  // and per-row tables with the angle-sum identity so no pixel calls sin().
  const float swell_k = kTwoPi / (rng.between(500, 700) * unit);
  const float swell_phase = rng.between(0, kTwoPi);
  std::vector<float> column_sin(columns), column_cos(columns), across(columns);
  for (int x = 0; x < columns; ++x) {
    const float angle = swell_k * (x + 0.5f) + swell_phase;
    column_sin[x] = std::sin(angle);
    column_cos[x] = std::cos(angle);
    across[x] = std::clamp((x + 0.5f - card.x0) / card.width(), 0.0f, 1.0f) * 0.8f;
  }

  const int x0 = std::clamp(static_cast<int>(std::floor(card.x0)), 0, columns);
  const int x1 = std::clamp(static_cast<int>(std::ceil(card.x1)), 0, columns);
  const int y0 = std::clamp(static_cast<int>(std::floor(card.y0)), 0, raster.height());
  const int y1 = std::clamp(static_cast<int>(std::ceil(card.y1)), 0, raster.height());
  // Only pixels this close to the border need the rounded-box distance; the rest are inside.
  const float edge_band = corner_radius + 1.5f;
  const auto left = channels(palette.paper_left);
  const auto right = channels(palette.paper_right);
  const auto wave_a = channels(palette.wave_a);
  const auto wave_b = channels(palette.wave_b);

  for (int y = y0; y < y1; ++y) {
    const float py = y + 0.5f;
    const float v = py - card.y0;
    const float row_angle = swell_k * 0.6f * py;
    const float row_sin = std::sin(row_angle);
    const float row_cos = std::cos(row_angle);
    const bool near_row_edge = py < card.y0 + edge_band || py > card.y1 - edge_band;
    for (int x = x0; x < x1; ++x) {
      const float px = x + 0.5f;
      float coverage = 1.0f;
      if (near_row_edge || px < card.x0 + edge_band || px > card.x1 - edge_band) {
        coverage = coverage_from_distance(rounded_box_distance(Point{px, py}, card, corner_radius));
        if (coverage <= 0.0f) continue;
      }
      const float swell = 0.5f + 0.5f * (column_sin[x] * row_cos + column_cos[x] * row_sin);
      const float t = across[x] + swell * 0.2f;
      const float ca = a.coverage(x, v) * 0.55f;
      const float cb = b.coverage(x, v + b_shift) * 0.45f;
      Rgb out;
      std::uint8_t* channels[3] = {&out.r, &out.g, &out.b};
      for (int i = 0; i < 3; ++i) {
        float value = left[i] + (right[i] - left[i]) * t;
        value += (wave_a[i] - value) * ca;
        value += (wave_b[i] - value) * cb;
        *channels[i] = to_channel(value);
      }
      if (coverage >= 1.0f) {
        raster.set(x, y, out);
      } else {
        raster.blend(x, y, out, coverage);
      }
    }
  }
}

void draw_rosette(Raster& raster, Point centre, float radius, float unit, Rgb colour, float alpha, std::uint32_t seed,
                  const Box& clip) {
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
  // sin(n * theta + phase) for the pixel's direction u = (cos theta, sin theta) is the
  // imaginary part of e^(i phase) * u^n: a few complex multiplications instead of atan2 and sin.
  const Complex turn_a{std::cos(phase), std::sin(phase)};
  const Complex turn_b{std::cos(phase), -std::sin(phase)};
  const int extra_petals = petals_b - petals_a;
  raster.paint_shape(
      clipped, 1.0f, [&](Point p) { return circle_distance(p, centre, radius); },
      [&](Point p) -> Rgb {
        const Point d = p - centre;
        const float r = length(d);
        const Complex u = r > 0 ? Complex{d.x / r, d.y / r} : Complex{1, 0};
        const Complex u_a = power(u, petals_a);
        const Complex u_b = u_a * power(u, extra_petals);
        // Two ring families with different petal counts weave into a net.
        const float fa = (r + amplitude * (turn_a * u_a).im) / spacing;
        const float fb = (r + amplitude * (turn_b * u_b).im) / spacing;
        const float da = std::abs(fa - std::nearbyint(fa)) * spacing;
        const float db = std::abs(fb - std::nearbyint(fb)) * spacing;
        const float cover =
            std::max(std::clamp(half_width + 0.5f - da, 0.0f, 1.0f), std::clamp(half_width + 0.5f - db, 0.0f, 1.0f));
        // Fade towards the rim so the rosette melts into the paper.
        const float fade = std::clamp((radius - r) / (radius * 0.25f), 0.0f, 1.0f);
        const float a = cover * fade * alpha;
        const int x = std::clamp(static_cast<int>(p.x), 0, raster.width() - 1);
        const int y = std::clamp(static_cast<int>(p.y), 0, raster.height() - 1);
        return mix(raster.get(x, y), colour, a);
      });
}

}  // namespace iiv::specimens
