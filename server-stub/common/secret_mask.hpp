#pragma once
// What a log line may say about an API key: its kind prefix and last four characters,
// the way Stripe's Dashboard shows keys ("rk_test_…a1b2"). Nothing else of a key is ever
// written anywhere.
#include <string>
#include <string_view>

namespace iiv::common {

enum class KeyKind { secret, restricted, publishable, unknown };

KeyKind key_kind(std::string_view key);
// A live-mode key (sk_live_, rk_live_, pk_live_), as opposed to a test-mode one.
bool key_is_live(std::string_view key);
const char* key_kind_name(KeyKind kind);

// "rk_live_…wxyz"; keys too short to mask safely give only their prefix.
std::string mask_key(std::string_view key);

}  // namespace iiv::common
