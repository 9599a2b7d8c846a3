#pragma once
// The headers every answer of ours carries, whatever it is: images and links must never be
// cached, a FileLink URL must never leak through a Referer, and no answer is content-sniffed.
#include <string>
#include <utility>
#include <vector>

namespace iiv::common {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Cache-Control: no-store, Referrer-Policy: no-referrer, X-Content-Type-Options: nosniff.
const HeaderList& security_headers();

}  // namespace iiv::common
