#pragma once
// application/x-www-form-urlencoded, as Stripe's API takes it (also for query strings).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iiv::stub {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// Percent-encodes all but unreserved characters; '[' and ']' stay literal in names, the
// way Stripe's own libraries send "expand[]".
std::string form_encode(const FormFields& fields);

std::string percent_encode(std::string_view text, bool keep_brackets);

}  // namespace iiv::stub
