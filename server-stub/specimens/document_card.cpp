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
  const float reach = length(middle) + 1;
  raster.paint_shape(whole, 1.0f, [](Point) { return -1.0f; }, [&](Point p) {
    const float t = length(p - middle) / reach;
    return mix(kSurfaceCentre, kSurfaceEdge, t * t);
  });

  const float margin = std::min(w, h) * kMarginFraction;
  Canvas canvas(raster, Box{margin, margin, w - margin, h - margin}, design.width, design.height);
  const Box card = canvas.box(0, 0, design.width, design.height);
  const float radius = canvas.px(design.corner_radius);

  // A soft shadow: the card's own distance field, spread over a few pixels.
  const float blur = std::max(canvas.px(14), 1.0f);
  const Box shadow{card.x0 + blur * 0.3f, card.y0 + blur * 0.6f, card.x1 + blur * 0.3f, card.y1 + blur * 0.6f};
  raster.fill_shape(shadow.grown(blur * 2), Rgb{8, 10, 14}, 0.55f,
                    [&](Point p) { return rounded_box_distance(p, shadow, radius) / blur; });

  paint_wave_paper(raster, card, radius, canvas.scale(), theme.paper, seed);
  return canvas;
}

}  // namespace iiv::specimens
