// The emulator's Authorization parser on arbitrary header values: "Bearer <key>" and
// "Basic base64(<key>:)". It never reads past its input, and what it returns as the key
// is no longer than the header and carries no surrounding whitespace.
#include <cctype>
#include <cstdint>

#include "emulator/authorization_header.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using iiv::fuzz::require;
  const auto header = iiv::fuzz::as_text(data, size);
  const std::string key = iiv::emulator::api_key_from_authorization(header);
  require(key.size() <= header.size(), "the key is part of the header");
  if (!key.empty() && header.substr(0, 7) == "Bearer ") {
    require(
        !std::isspace(static_cast<unsigned char>(key.front())) && !std::isspace(static_cast<unsigned char>(key.back())),
        "a bearer key carries no surrounding whitespace");
  }
  const std::string decoded = iiv::emulator::base64_decode(header);
  require(decoded.size() <= header.size() * 3 / 4 + 1, "base64 decodes to at most three bytes per four");
  return 0;
}
