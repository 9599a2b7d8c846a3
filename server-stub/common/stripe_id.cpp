#include "common/stripe_id.hpp"

namespace iiv::common {

bool is_stripe_id(std::string_view id, std::string_view prefix) {
  constexpr std::size_t kMaxBodyLength = 250;
  if (prefix.empty() || id.size() <= prefix.size() || id.substr(0, prefix.size()) != prefix) return false;
  const std::string_view body = id.substr(prefix.size());
  if (body.size() > kMaxBodyLength) return false;
  for (const char c : body) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace iiv::common
