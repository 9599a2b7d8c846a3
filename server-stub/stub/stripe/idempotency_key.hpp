#pragma once
// Idempotency-Key values for Stripe POSTs: 128 random bits, so a retried POST (same key)
// can never create a second FileLink or redaction, and two requests never share one.
#include <string>

namespace iiv::stub {

// "iiv_" followed by 32 lowercase hex digits, from OpenSSL's CSPRNG.
std::string new_idempotency_key();

}  // namespace iiv::stub
