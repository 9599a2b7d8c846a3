#pragma once
// What the HTTP layer refuses before the emulator sees a request (an oversized body, bad
// framing, too many connections…), answered the way Stripe answers errors: its envelope
// {"error":{"type","message"}} with the refusal's status and a Request-Id. Used by both the
// API port and the files host.
#include "common/http/http_message.hpp"
#include "common/http/server_limits.hpp"

namespace iiv::emulator {

common::HttpResponse stripe_refusal(common::HttpRefusal refusal);

}  // namespace iiv::emulator
