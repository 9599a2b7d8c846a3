#pragma once
// Integers as decimal text for messages. std::to_string would pull printf (and its
// long-double formatting) into the .wasm for nothing but this.
#include <cstdint>
#include <string>
#include <type_traits>

namespace iiv {

template <typename Integer>
std::string decimalText(Integer value) {
  static_assert(std::is_integral_v<Integer>, "decimalText formats integers");
  const bool negative = value < 0;
  // The unsigned magnitude, so the most negative value does not overflow.
  std::uint64_t magnitude = static_cast<std::uint64_t>(value);
  if (negative) magnitude = ~magnitude + 1;
  char digits[24];
  char* const end = digits + sizeof digits;
  char* at = end;
  do {
    *--at = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (negative) *--at = '-';
  return std::string(at, end);
}

}  // namespace iiv
