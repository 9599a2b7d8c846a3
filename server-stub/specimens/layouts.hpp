// One function per kind of specimen; each fills the whole raster (before the stamp).
#pragma once

#include "raster.hpp"
#include "specimens.hpp"

namespace iiv::specimens {

void draw_passport_page(Raster& raster, const SpecimenSpec& spec);
void draw_id_card_front(Raster& raster, const SpecimenSpec& spec);
void draw_id_card_back(Raster& raster, const SpecimenSpec& spec);
void draw_driving_licence_front(Raster& raster, const SpecimenSpec& spec);
void draw_driving_licence_back(Raster& raster, const SpecimenSpec& spec);
void draw_selfie(Raster& raster, const SpecimenSpec& spec);

}  // namespace iiv::specimens
