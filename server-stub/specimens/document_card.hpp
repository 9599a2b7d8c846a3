// The physical document as photographed: a dark surface, the card's soft shadow and
// the card itself on security paper. Layouts then draw on the returned canvas.
#pragma once

#include <cstdint>

#include "canvas.hpp"
#include "guilloche.hpp"

namespace iiv::specimens {

struct DocumentTheme {
  PaperPalette paper;
  Rgb ink;        // printed values
  Rgb label_ink;  // small field labels
  Rgb accent;     // title and emblem
  Rgb rosette;
};

struct DocumentDesign {
  float width = 1012;  // design units (the natural pixel size of the card itself)
  float height = 638;
  float corner_radius = 36;
};

Canvas draw_document_card(Raster& raster, const DocumentDesign& design, const DocumentTheme& theme, std::uint32_t seed);

}  // namespace iiv::specimens
