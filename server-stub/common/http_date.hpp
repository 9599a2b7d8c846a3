#pragma once
// HTTP dates ("Wed, 25 Nov 2026 21:17:19 GMT", RFC 9110 IMF-fixdate). Stripe's answers carry
// one; the stub times FileLink expiries by Stripe's clock, not its own, so a server whose
// clock drifts still asks for links that expire within Stripe's 30 seconds.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace iiv::common {

std::string format_http_date(std::int64_t unix_seconds);

// Unix seconds, or nullopt for anything but a well-formed IMF-fixdate.
std::optional<std::int64_t> parse_http_date(std::string_view text);

}  // namespace iiv::common
