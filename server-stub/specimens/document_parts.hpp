// Building blocks shared by the document layouts, all in design units.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "canvas.hpp"
#include "document_card.hpp"
#include "face.hpp"

namespace iiv::specimens {

// A small label with the value printed beneath it.
void draw_field(Canvas& canvas, float u, float v, const std::string& label, const std::string& value,
                const DocumentTheme& theme, float value_cap = 17);

// The holder's photo: a framed 3:4 box holding the synthetic face.
void draw_portrait(Canvas& canvas, const Box& units, const FaceParams& face);

// A faint monochrome copy of the face, as printed next to the main photo on real documents.
void draw_ghost_portrait(Canvas& canvas, const Box& units, const FaceParams& face, Rgb tint);

// Machine-readable lines in a fixed pitch on a pale band.
void draw_mrz(Canvas& canvas, const Box& units, const std::vector<std::string>& lines);

// A made-up handwritten-looking squiggle; the seed varies its shape.
void draw_signature(Canvas& canvas, const Box& units, Rgb ink, std::uint32_t seed);

// A round emblem: a ring of dots around the country code.
void draw_emblem(Canvas& canvas, Point centre_units, float radius_units, const std::string& code, Rgb background,
                 Rgb foreground);

}  // namespace iiv::specimens
