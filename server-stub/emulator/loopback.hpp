#pragma once
// Loopback addresses: the only ones the emulator binds by default, and the only clients its
// admin endpoints answer.
#include <string_view>

namespace iiv::emulator {

// 127.0.0.0/8, ::1, ::ffff:127.x.y.z and "localhost".
bool is_loopback_address(std::string_view address);

}  // namespace iiv::emulator
