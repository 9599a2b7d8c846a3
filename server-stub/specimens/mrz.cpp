#include "mrz.hpp"

#include <cctype>

namespace iiv::specimens {
namespace {

char digit_char(int digit) { return static_cast<char>('0' + digit); }

std::string name_field(const HolderDetails& holder, std::size_t length) {
  return mrz_field(holder.surname + "<<" + holder.given_names, length);
}

}  // namespace

int mrz_check_digit(const std::string& field) {
  static constexpr int kWeights[] = {7, 3, 1};
  int sum = 0;
  for (std::size_t i = 0; i < field.size(); ++i) {
    const char c = field[i];
    int value = 0;
    if (c >= '0' && c <= '9')
      value = c - '0';
    else if (c >= 'A' && c <= 'Z')
      value = c - 'A' + 10;
    sum += value * kWeights[i % 3];
  }
  return sum % 10;
}

std::string mrz_field(const std::string& text, std::size_t length) {
  std::string out;
  for (char c : text) {
    if (out.size() == length) break;
    const auto u = static_cast<unsigned char>(c);
    out += std::isalnum(u) ? static_cast<char>(std::toupper(u)) : '<';
  }
  out.resize(length, '<');
  return out;
}

std::array<std::string, 2> passport_mrz(const HolderDetails& holder) {
  const std::string& state = holder.country.alpha3;
  const std::string line1 = "P<" + mrz_field(state, 3) + name_field(holder, 39);

  const std::string number = mrz_field(holder.document_number, 9);
  const std::string birth = format_mrz_date(holder.birth);
  const std::string expiry = format_mrz_date(holder.expiry);
  const std::string personal = mrz_field("SPECIMEN", 14);
  const std::string number_part = number + digit_char(mrz_check_digit(number));
  const std::string birth_part = birth + digit_char(mrz_check_digit(birth));
  const std::string expiry_part = expiry + digit_char(mrz_check_digit(expiry));
  const std::string personal_part = personal + digit_char(mrz_check_digit(personal));
  const std::string composite = number_part + birth_part + expiry_part + personal_part;
  const std::string line2 = number_part + mrz_field(state, 3) + birth_part + holder.sex + expiry_part + personal_part +
                            digit_char(mrz_check_digit(composite));
  return {line1, line2};
}

std::array<std::string, 3> id_card_mrz(const HolderDetails& holder) {
  const std::string& state = holder.country.alpha3;
  const std::string number = mrz_field(holder.document_number, 9);
  const std::string optional1 = mrz_field("SPECIMEN", 15);
  const std::string line1 = "I<" + mrz_field(state, 3) + number + digit_char(mrz_check_digit(number)) + optional1;

  const std::string birth = format_mrz_date(holder.birth);
  const std::string expiry = format_mrz_date(holder.expiry);
  const std::string birth_part = birth + digit_char(mrz_check_digit(birth));
  const std::string expiry_part = expiry + digit_char(mrz_check_digit(expiry));
  const std::string optional2 = mrz_field("", 11);
  const std::string composite = line1.substr(5) + birth_part + expiry_part + optional2;
  const std::string line2 =
      birth_part + holder.sex + expiry_part + mrz_field(state, 3) + optional2 + digit_char(mrz_check_digit(composite));
  return {line1, line2, name_field(holder, 30)};
}

}  // namespace iiv::specimens
