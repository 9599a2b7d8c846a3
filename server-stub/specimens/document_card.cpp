#include "document_card.hpp"

#include <algorithm>

namespace iiv::specimens {

namespace {
constexpr Rgb kSurfaceCentre{74, 80, 90};
constexpr Rgb kSurfaceEdge{38, 41, 48};
constexpr float kMarginFraction = 0.035f;  // of the shorter side, around the card
}  // namespace

Canvas draw_document_card(Raster& raster, const DocumentDesign& design, const DocumentTheme& theme,
                          std::uint32_t seed) {
  const float w = static_cast<float>(raster.width());
  const float h = static_cast<float>(raster.height());

  // The surface the document lies on: a gentle vignette.
  const Box whole{0, 0, w, h};
  const Point middle = whole.centre();
  const float inverse_reach2 = 1.0f / (dot(middle, middle) + 1);
  raster.paint_shape(
      whole, 1.0f, [](Point) { return -1.0f; },
      [&](Point p) {
        const Point d = p - middle;
        return mix(kSurfaceCentre, kSurfaceEdge, dot(d, d) * inverse_reach2);
      });

  const float margin = std::min(w, h) * kMarginFraction;
  Canvas canvas(raster, Box{margin, margin, w - margin, h - margin}, design.width, design.height);
  const Box card = canvas.box(0, 0, design.width, design.height);
  const float radius = canvas.px(design.corner_radius);

  // A soft shadow: the card's own distance field, spread over a few pixels.
  const float blur = std::max(canvas.px(14), 1.0f);
  const Box shadow{card.x0 + blur * 0.3f, card.y0 + blur * 0.6f, card.x1 + blur * 0.3f, card.y1 + blur * 0.6f};
  // Only the rim outside the card can show, so the shadow is drawn in four strips.
  const auto shadow_distance = [&](Point p) { return rounded_box_distance(p, shadow, radius) / blur; };
  const Box spread = shadow.grown(blur * 2);
  const float inset = radius + blur;
  const Rgb shadow_colour{8, 10, 14};
  raster.fill_shape(Box{spread.x0, spread.y0, spread.x1, card.y0 + inset}, shadow_colour, 0.55f, shadow_distance);
  raster.fill_shape(Box{spread.x0, card.y1 - inset, spread.x1, spread.y1}, shadow_colour, 0.55f, shadow_distance);
  raster.fill_shape(Box{spread.x0, card.y0 + inset, card.x0 + inset, card.y1 - inset}, shadow_colour, 0.55f,
                    shadow_distance);
  raster.fill_shape(Box{card.x1 - inset, card.y0 + inset, spread.x1, card.y1 - inset}, shadow_colour, 0.55f,
                    shadow_distance);

  paint_wave_paper(raster, card, radius, canvas.scale(), theme.paper, seed);
  return canvas;
}

}  // namespace iiv::specimens
