#include "text.hpp"

#include <array>
#include <vector>

#include "raster.hpp"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wconversion"
#include <stb/stb_easy_font.h>
#pragma GCC diagnostic pop

namespace iiv::specimens {
namespace {

constexpr float kCapUnits = 7.0f;    // easy_font capitals span 7 units
constexpr float kLineUnits = 10.0f;  // room for descenders
constexpr int kFirstGlyph = 32;
constexpr int kGlyphCount = 95;  // printable ASCII

struct Glyph {
  std::vector<Box> strokes;  // in font units, cap top at y = 0
  float advance = 0;
};

using GlyphTable = std::array<Glyph, kGlyphCount>;

GlyphTable build_glyphs() {
  GlyphTable table;
  std::vector<char> vertices(64 * 1024);
  for (int i = 0; i < kGlyphCount; ++i) {
    char text[2] = {static_cast<char>(kFirstGlyph + i), 0};
    const int quads = stb_easy_font_print(0, 0, text, nullptr, vertices.data(), static_cast<int>(vertices.size()));
    Glyph& glyph = table[i];
    for (int q = 0; q < quads; ++q) {
      // Each vertex is x, y, z floats plus 4 colour bytes; corners 0 and 2 are opposite.
      const float* v0 = reinterpret_cast<const float*>(vertices.data() + q * 64);
      const float* v2 = reinterpret_cast<const float*>(vertices.data() + q * 64 + 32);
      glyph.strokes.push_back(
          Box{std::min(v0[0], v2[0]), std::min(v0[1], v2[1]), std::max(v0[0], v2[0]), std::max(v0[1], v2[1])});
    }
    glyph.advance = static_cast<float>(stb_easy_font_width(text));
  }
  return table;
}

const Glyph& glyph_for(char c) {
  static const GlyphTable table = build_glyphs();  // thread-safe one-time initialisation
  int index = static_cast<unsigned char>(c) - kFirstGlyph;
  if (index < 0 || index >= kGlyphCount) index = '?' - kFirstGlyph;
  return table[index];
}

}  // namespace

float text_width(const std::string& text, const TextStyle& style) {
  const float unit = style.cap_height / kCapUnits;
  float units = 0;
  for (char c : text) units += glyph_for(c).advance + style.letter_spacing;
  if (!text.empty()) units -= 1.0f + style.letter_spacing;  // no trailing gap
  return units * unit + (style.weight - 1.0f) * unit;
}

float text_line_height(const TextStyle& style) { return style.cap_height / kCapUnits * kLineUnits; }

void add_text(Mask& mask, Point origin, const std::string& text, const TextStyle& style) {
  const float unit = style.cap_height / kCapUnits;
  // Bold strokes grow right and down, so the cap's top-left corner stays at origin.
  const float thicken = style.weight - 1.0f;
  float pen = 0;
  for (char c : text) {
    const Glyph& glyph = glyph_for(c);
    for (const Box& s : glyph.strokes) {
      mask.add_rect(Box{origin.x + (pen + s.x0) * unit, origin.y + s.y0 * unit,
                        origin.x + (pen + s.x1 + thicken) * unit, origin.y + (s.y1 + thicken) * unit});
    }
    pen += glyph.advance + style.letter_spacing;
  }
}

Mask text_mask(const std::string& text, const TextStyle& style, int padding) {
  const int w = static_cast<int>(std::ceil(text_width(text, style))) + 2 * padding;
  const int h = static_cast<int>(std::ceil(text_line_height(style) + style.weight)) + 2 * padding;
  Mask mask(0, 0, w, h);
  add_text(mask, Point{static_cast<float>(padding), static_cast<float>(padding)}, text, style);
  return mask;
}

void draw_text(Raster& raster, Point origin, const std::string& text, const TextStyle& style, Rgb colour, float alpha) {
  const float w = text_width(text, style) + 2;
  const float h = text_line_height(style) + style.weight + 2;
  Mask mask =
      Mask::covering(Box{origin.x - 1, origin.y - 1, origin.x + w, origin.y + h}, raster.width(), raster.height());
  add_text(mask, origin, text, style);
  raster.composite(mask, colour, alpha);
}

}  // namespace iiv::specimens
