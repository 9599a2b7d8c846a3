// The big diagonal translucent "SPECIMEN" stamp every generated image carries, so no
// one can mistake a specimen for a real document or face.
#pragma once

#include "raster.hpp"

namespace iiv::specimens {

// Stamps along the diagonal from bottom-left to top-right, centred on the image.
void stamp_specimen(Raster& raster);

}  // namespace iiv::specimens
