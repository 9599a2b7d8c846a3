// Text from the stb_easy_font glyph segments, scaled and anti-aliased by our own
// rasteriser. Sizes are the capital height in pixels.
#pragma once

#include <string>

#include "colour.hpp"
#include "geometry.hpp"
#include "mask.hpp"

namespace iiv::specimens {

class Raster;

struct TextStyle {
  float cap_height = 12;     // pixels
  float weight = 1.0f;       // stroke thickness relative to the font's own
  float letter_spacing = 0;  // extra advance per glyph, in font units (a cap is 7 units)
};

float text_width(const std::string& text, const TextStyle& style);
// Height of a line box, descenders included.
float text_line_height(const TextStyle& style);

// Adds the text with its cap top-left at `origin` to the mask.
void add_text(Mask& mask, Point origin, const std::string& text, const TextStyle& style);

// A mask just holding the text (top-left of the cap at the mask's (padding, padding)).
Mask text_mask(const std::string& text, const TextStyle& style, int padding = 2);

void draw_text(Raster& raster, Point origin, const std::string& text, const TextStyle& style, Rgb colour,
               float alpha = 1.0f);

}  // namespace iiv::specimens
