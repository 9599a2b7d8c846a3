#include "stub/stripe/idempotency_key.hpp"

#include <array>
#include <stdexcept>

#include <openssl/rand.h>

namespace iiv::stub {

std::string new_idempotency_key() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("the random generator failed");
  }
  static const char kHex[] = "0123456789abcdef";
  std::string key = "iiv_";
  for (unsigned char b : bytes) {
    key += kHex[b >> 4];
    key += kHex[b & 0x0f];
  }
  return key;
}

}  // namespace iiv::stub
