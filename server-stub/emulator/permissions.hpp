#pragma once
// Restricted-key permissions the emulator knows, named the way Stripe names them in its
// 403 messages ("Having the 'rak_file_write' permission would allow this request to
// continue."). Dashboard labels:
//   rak_identity_product_read          Identity › Verification Sessions and Reports: Read
//   rak_identity_product_write         Identity › Verification Sessions and Reports: Write
//   rak_identity_sensitive_results_read Identity › Access recent sensitive verification results: Read
//   rak_file_read / rak_file_write     Files: Read / Write
// Stripe does not publish the internal name of the sensitive-results permission; the
// emulator's name for it is the one above. Write implies read, as in the Dashboard.
#include <string_view>
#include <vector>

namespace iiv::emulator::permissions {

inline constexpr std::string_view identity_read = "rak_identity_product_read";
inline constexpr std::string_view identity_write = "rak_identity_product_write";
inline constexpr std::string_view sensitive_results_read = "rak_identity_sensitive_results_read";
inline constexpr std::string_view file_read = "rak_file_read";
inline constexpr std::string_view file_write = "rak_file_write";

inline const std::vector<std::string_view>& all() {
  static const std::vector<std::string_view> names = {identity_read, identity_write, sensitive_results_read, file_read,
                                                      file_write};
  return names;
}

}  // namespace iiv::emulator::permissions
