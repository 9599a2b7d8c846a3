// Everything printed about the (fictional) holder, derived from the spec and its seed
// without reading the clock, so renders stay deterministic.
#pragma once

#include <string>

#include "countries.hpp"
#include "specimens.hpp"

namespace iiv::specimens {

struct Date {
  int year = 2000;
  int month = 1;
  int day = 1;
};

// "1984-08-14" -> Date; throws std::invalid_argument unless it is a real calendar date.
Date parse_iso_date(const std::string& text);

std::string format_date(const Date& date);      // "14.08.1984"
std::string format_mrz_date(const Date& date);  // "840814"

struct HolderDetails {
  std::string surname;          // upper-case ASCII
  std::string given_names;      // upper-case ASCII
  std::string document_number;  // upper-case letters and digits
  CountryInfo country;
  char sex = 'X';
  Date birth;
  Date issue;
  Date expiry;
  std::string place_of_birth;
};

// Upper-cases and folds accented Latin letters to ASCII ("Müller" -> "MULLER");
// anything else outside printable ASCII becomes '?'.
std::string printable_upper(const std::string& utf8);

HolderDetails describe_holder(const SpecimenSpec& spec);

}  // namespace iiv::specimens
