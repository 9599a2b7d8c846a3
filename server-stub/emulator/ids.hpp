#pragma once
// Fresh Stripe-shaped identifiers: object ids ("link_1…"), request ids ("req_…") and the
// unguessable tokens in FileLink URLs. Drawn from OpenSSL's CSPRNG because a link token is
// the only thing that guards an identity image on the files host.
#include <cstddef>
#include <string>
#include <string_view>

namespace iiv::emulator {

// `length` characters from [0-9A-Za-z].
std::string random_alphanumeric(std::size_t length);

// "<prefix>_1" followed by 23 alphanumerics, like "link_1Pgc76B7WZ01zgkWPhd77i13".
std::string new_object_id(std::string_view prefix);

// "req_" followed by 14 alphanumerics.
std::string new_request_id();

// 48 alphanumerics (about 285 bits): the path segment of a FileLink URL.
std::string new_link_token();

}  // namespace iiv::emulator
