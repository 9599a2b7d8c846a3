#include "emulator/ids.hpp"

#include <array>
#include <stdexcept>

#include <openssl/rand.h>

namespace iiv::emulator {

std::string random_alphanumeric(std::size_t length) {
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  // 248 = 4 * 62: bytes at or above it are dropped so every character is equally likely.
  constexpr unsigned kAcceptBelow = 248;
  std::string out;
  out.reserve(length);
  std::array<unsigned char, 64> buffer{};
  while (out.size() < length) {
    if (RAND_bytes(buffer.data(), static_cast<int>(buffer.size())) != 1)
      throw std::runtime_error("emulator: the system random generator failed");
    for (unsigned char byte : buffer) {
      if (byte >= kAcceptBelow) continue;
      out.push_back(kAlphabet[byte % kAlphabet.size()]);
      if (out.size() == length) break;
    }
  }
  return out;
}

std::string new_object_id(std::string_view prefix) { return std::string(prefix) + "_1" + random_alphanumeric(23); }

std::string new_request_id() { return "req_" + random_alphanumeric(14); }

std::string new_link_token() { return random_alphanumeric(48); }

}  // namespace iiv::emulator
