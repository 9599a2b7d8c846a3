// The few country facts a specimen prints: its name and ICAO three-letter code.
#pragma once

#include <string>

namespace iiv::specimens {

struct CountryInfo {
  std::string alpha2;  // upper case, e.g. "DE"
  std::string alpha3;  // e.g. "DEU"; "UTO" (ICAO's fictional Utopia) when unknown
  std::string name;    // upper case English name, e.g. "GERMANY"
};

CountryInfo country_info(const std::string& alpha2);

}  // namespace iiv::specimens
