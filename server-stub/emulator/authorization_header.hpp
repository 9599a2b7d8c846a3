#pragma once
// The API key in an Authorization header, in both forms Stripe accepts:
// "Bearer sk_test_…" and "Basic base64(sk_test_…:)" (the key as the user name, as curl -u sends it).
#include <string>
#include <string_view>

namespace iiv::emulator {

// The key, or an empty string when the header is absent or carries none.
std::string api_key_from_authorization(std::string_view header);

// Standard base64 (RFC 4648, padding optional); empty on malformed input.
std::string base64_decode(std::string_view encoded);

}  // namespace iiv::emulator
