#include "emulator/stripe_refusal.hpp"

#include "emulator/api_error.hpp"
#include "emulator/ids.hpp"

namespace iiv::emulator {

common::HttpResponse stripe_refusal(common::HttpRefusal refusal) {
  ApiError error;
  error.http_status = common::refusal_status(refusal);
  // Stripe's type for its own failures (5xx) is api_error; for the client's, invalid_request_error.
  error.type = error.http_status >= 500 ? "api_error" : "invalid_request_error";
  error.message = common::refusal_message(refusal);
  common::HttpResponse answer;
  answer.status = error.http_status;
  answer.set_header("Content-Type", "application/json");
  answer.set_header("Request-Id", new_request_id());
  answer.body = error.to_json().dump(2);
  answer.connection = common::HttpResponse::Connection::close;
  return answer;
}

}  // namespace iiv::emulator
