#pragma once
// Facts about Stripe's API that the stub (the client) and the emulator (the model of the
// server) must agree on, kept in one place.
//
// The API version: the stub pins it on every request (Stripe-Version), so a Dashboard
// upgrade of the account's default version cannot change the shapes under it; the emulator
// answers in it and refuses any other. It is the version of the reference schemas in
// tests/cpp/emulator/stripe-reference/. Moving to a newer one: README.md, "Stripe's API version".
//
// The rate limits: Stripe's documented limits (docs.stripe.com/rate-limits), per account
// and per second: a global limit, a default per-endpoint limit, and the Files API's own
// (files and file links: 20 reads and 20 writes). The emulator enforces them when asked to;
// the stub keeps a client-side budget under them.

namespace iiv::common {

inline constexpr const char* kStripeApiVersion = "2022-11-15";

enum class StripeMode { sandbox, live };

struct StripeRateLimits {
  double global_per_second;
  double endpoint_per_second;
  double files_reads_per_second;
  double files_writes_per_second;
};

inline constexpr StripeRateLimits kStripeSandboxLimits{25, 25, 20, 20};
inline constexpr StripeRateLimits kStripeLiveLimits{100, 25, 20, 20};

constexpr const StripeRateLimits& stripe_rate_limits(StripeMode mode) {
  return mode == StripeMode::live ? kStripeLiveLimits : kStripeSandboxLimits;
}

}  // namespace iiv::common
