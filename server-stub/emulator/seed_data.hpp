#pragma once
// The sample verifications the emulator starts with: synthetic people ("ERIKA SPECIMEN" and
// friends), documents and selfies drawn by iiv_specimens — never a real person. Each session
// exercises one case; README.md lists them. Times are relative to `now` at start.
#include <cstdint>

#include "emulator/emulator_store.hpp"
#include "emulator/seed_ids.hpp"

namespace iiv::emulator {

SeedData build_seed_data(std::int64_t now);

}  // namespace iiv::emulator
