#pragma once
// Stripe object ids ("vs_1Pgag2B7WZ01zgkW…"): checked before an id goes into any URL, so a
// crafted id can never change the path or query of a request to Stripe.
#include <string_view>

namespace iiv::common {

// True when `id` is `prefix` followed by 1..250 ASCII letters, digits or underscores.
bool is_stripe_id(std::string_view id, std::string_view prefix);

}  // namespace iiv::common
