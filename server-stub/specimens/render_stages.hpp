// render() in its two stages, exposed so tests can see what the stamp changes.
#pragma once

#include "specimens.hpp"

namespace iiv::specimens {

// The output size for a spec: natural size, aspect kept when one side is 0.
// Throws std::invalid_argument for negative or oversized dimensions.
Size resolve_size(const SpecimenSpec& spec);

// The specimen before the SPECIMEN stamp is applied.
Image render_unstamped(const SpecimenSpec& spec);

}  // namespace iiv::specimens
