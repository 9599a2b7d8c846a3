#include "holder.hpp"

#include <cctype>
#include <cstdio>
#include <stdexcept>

#include "rng.hpp"

namespace iiv::specimens {
namespace {

// Base letters for U+00C0..U+00FF; '?' where there is none.
constexpr char kLatin1Base[] = "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTSaaaaaaaceeeeiiiidnooooo/ouuuuyty";

std::string two_digits(int v) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d", v % 100);
  return buffer;
}

Date random_date(Rng& rng, int first_year, int last_year) {
  return Date{first_year + rng.pick(last_year - first_year + 1), 1 + rng.pick(12), 1 + rng.pick(28)};
}

constexpr const char* kPlaces[] = {"SPECIMEN CITY", "MUSTERSTADT", "EXAMPLEVILLE", "SAMPLETON", "PLACEHOLDER BAY"};

}  // namespace

Date parse_iso_date(const std::string& text) {
  const auto digits = [&](std::size_t from, std::size_t count) {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i])))
        throw std::invalid_argument("specimens: date is not YYYY-MM-DD: " + text);
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-')
    throw std::invalid_argument("specimens: date is not YYYY-MM-DD: " + text);
  const Date date{digits(0, 4), digits(5, 2), digits(8, 2)};
  static constexpr int kDaysInMonth[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
  const bool valid_month = date.month >= 1 && date.month <= 12;
  const int month_days = valid_month ? kDaysInMonth[date.month - 1] - (date.month == 2 && !leap ? 1 : 0) : 0;
  if (!valid_month || date.day < 1 || date.day > month_days)
    throw std::invalid_argument("specimens: no such date: " + text);
  return date;
}

std::string format_date(const Date& date) {
  return two_digits(date.day) + "." + two_digits(date.month) + "." + std::to_string(date.year);
}

std::string format_mrz_date(const Date& date) {
  return two_digits(date.year) + two_digits(date.month) + two_digits(date.day);
}

std::string printable_upper(const std::string& utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    if (lead < 0x80) {
      out += std::isprint(lead) ? static_cast<char>(std::toupper(lead)) : '?';
      ++i;
      continue;
    }
    // Multi-byte sequence: decode two-byte Latin-1 letters, replace the rest.
    int length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (length == 2 && i + 1 < utf8.size()) {
      const unsigned code = ((lead & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu);
      if (code >= 0xC0 && code <= 0xFF) {
        const char base = kLatin1Base[code - 0xC0];
        out += std::isalpha(static_cast<unsigned char>(base)) ? static_cast<char>(std::toupper(base)) : '?';
        i += 2;
        continue;
      }
    }
    out += '?';
    i += static_cast<std::size_t>(length);
  }
  return out;
}

HolderDetails describe_holder(const SpecimenSpec& spec) {
  HolderDetails d;
  std::string name = printable_upper(spec.holder_name.empty() ? "ALEX SPECIMEN" : spec.holder_name);
  while (!name.empty() && name.back() == ' ') name.pop_back();
  while (!name.empty() && name.front() == ' ') name.erase(name.begin());
  const std::size_t last_space = name.rfind(' ');
  if (last_space == std::string::npos) {
    d.surname = name;
  } else {
    d.surname = name.substr(last_space + 1);
    d.given_names = name.substr(0, last_space);
  }

  for (char c : printable_upper(spec.document_number)) {
    if (std::isalnum(static_cast<unsigned char>(c))) d.document_number += c;
  }

  Rng rng(0x5eed0000ULL + spec.seed);
  if (d.document_number.empty()) {
    d.document_number = "X";
    for (int i = 0; i < 7; ++i) d.document_number += static_cast<char>('0' + rng.pick(10));
  }
  d.country = country_info(spec.country);
  d.sex = "FMX"[rng.pick(3)];
  d.birth = random_date(rng, 1958, 2002);
  d.issue = random_date(rng, 2019, 2024);
  d.expiry = Date{d.issue.year + 10, d.issue.month, d.issue.day};
  if (!spec.date_of_birth.empty()) d.birth = parse_iso_date(spec.date_of_birth);
  if (!spec.issue_date.empty()) d.issue = parse_iso_date(spec.issue_date);
  if (!spec.expiry_date.empty()) d.expiry = parse_iso_date(spec.expiry_date);
  d.place_of_birth = kPlaces[rng.pick(static_cast<int>(std::size(kPlaces)))];
  return d;
}

}  // namespace iiv::specimens
