#include "common/security_headers.hpp"

namespace iiv::common {

const HeaderList& security_headers() {
  static const HeaderList headers = {
      {"Cache-Control", "no-store"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Content-Type-Options", "nosniff"},
  };
  return headers;
}

}  // namespace iiv::common
