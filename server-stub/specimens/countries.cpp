#include "countries.hpp"

#include <cctype>

namespace iiv::specimens {
namespace {

struct Entry {
  const char* alpha2;
  const char* alpha3;
  const char* name;
};

constexpr Entry kCountries[] = {
    {"AT", "AUT", "AUSTRIA"},        {"AU", "AUS", "AUSTRALIA"},   {"BE", "BEL", "BELGIUM"},
    {"BR", "BRA", "BRAZIL"},         {"CA", "CAN", "CANADA"},      {"CH", "CHE", "SWITZERLAND"},
    {"CZ", "CZE", "CZECHIA"},        {"DE", "DEU", "GERMANY"},     {"DK", "DNK", "DENMARK"},
    {"ES", "ESP", "SPAIN"},          {"FI", "FIN", "FINLAND"},     {"FR", "FRA", "FRANCE"},
    {"GB", "GBR", "UNITED KINGDOM"}, {"GR", "GRC", "GREECE"},      {"IE", "IRL", "IRELAND"},
    {"IN", "IND", "INDIA"},          {"IT", "ITA", "ITALY"},       {"JP", "JPN", "JAPAN"},
    {"MX", "MEX", "MEXICO"},         {"NL", "NLD", "NETHERLANDS"}, {"NO", "NOR", "NORWAY"},
    {"NZ", "NZL", "NEW ZEALAND"},    {"PL", "POL", "POLAND"},      {"PT", "PRT", "PORTUGAL"},
    {"SE", "SWE", "SWEDEN"},         {"SG", "SGP", "SINGAPORE"},   {"US", "USA", "UNITED STATES"},
};

}  // namespace

CountryInfo country_info(const std::string& alpha2) {
  std::string code;
  for (char c : alpha2) code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const Entry& e : kCountries) {
    if (code == e.alpha2) return {e.alpha2, e.alpha3, e.name};
  }
  return {code.empty() ? "UT" : code, "UTO", "UTOPIA"};
}

}  // namespace iiv::specimens
