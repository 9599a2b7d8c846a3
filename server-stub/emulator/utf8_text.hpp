#pragma once
// UTF-8 checks for text that arrives from a client: form parameters must be well-formed
// UTF-8 before they go into JSON (nlohmann/json refuses to write anything else), and what
// goes back into an error message is made well-formed first.
#include <string>
#include <string_view>

namespace iiv::emulator {

// Well-formed UTF-8 as RFC 3629 defines it: no overlong forms, no surrogates, nothing past
// U+10FFFF, no truncated sequences.
bool is_valid_utf8(std::string_view text);

// `text` with every byte that is not part of a well-formed sequence replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

}  // namespace iiv::emulator
