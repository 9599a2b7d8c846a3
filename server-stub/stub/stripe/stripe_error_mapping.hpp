#pragma once
// What a failed Stripe exchange means to the reviewer: one of our error codes with a
// message that says what to do. Stripe's own message is never passed on (it may quote
// part of a key); only a permission name, checked to be one, is taken from it.
#include <string>

#include "stub/api/api_error.hpp"
#include "stub/stripe/stripe_endpoint.hpp"
#include "stub/stripe/stripe_transport.hpp"

namespace iiv::stub {

struct StripeErrorContext {
  StripeEndpoint endpoint;
  bool sensitive_requested = false;  // sensitive fields or images were asked for
};

ApiError map_stripe_failure(const StripeHttpResponse& response, const StripeErrorContext& context);

// The dashboard name of the permission a restricted key needs, from Stripe's
// "Having the 'rak_…' permission would allow this request to continue." or, when the
// message names none, from the endpoint.
std::string missing_permission(const std::string& stripe_message, const StripeErrorContext& context);

}  // namespace iiv::stub
