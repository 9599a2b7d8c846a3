#include "stub/api/api_error.hpp"

namespace iiv::stub {

const char* error_code_name(ErrorCode code) {
  switch (code) {
#define IIV_NAME_CASE(code, status) \
  case ErrorCode::code: return #code;
    IIV_STUB_ERROR_CODES(IIV_NAME_CASE)
#undef IIV_NAME_CASE
  }
  return "internal_error";
}

int http_status(ErrorCode code) {
  switch (code) {
#define IIV_STATUS_CASE(code, status) \
  case ErrorCode::code: return status;
    IIV_STUB_ERROR_CODES(IIV_STATUS_CASE)
#undef IIV_STATUS_CASE
  }
  return 500;
}

nlohmann::json to_json(const ApiError& error) {
  return {{"error", {{"code", error_code_name(error.code)}, {"message", error.message}}}};
}

}  // namespace iiv::stub
