// Machine-readable zone lines (ICAO 9303 TD3 for passports, TD1 for ID cards), with
// real check digits but "SPECIMEN" in the optional data so no reader mistakes them.
#pragma once

#include <array>
#include <string>

#include "holder.hpp"

namespace iiv::specimens {

// ICAO 9303 check digit: weights 7, 3, 1; digits, A=10..Z=35, '<' = 0.
int mrz_check_digit(const std::string& field);

// Upper-case letters and digits kept, everything else '<', padded or cut to `length`.
std::string mrz_field(const std::string& text, std::size_t length);

std::array<std::string, 2> passport_mrz(const HolderDetails& holder);  // 2 x 44
std::array<std::string, 3> id_card_mrz(const HolderDetails& holder);   // 3 x 30

}  // namespace iiv::specimens
