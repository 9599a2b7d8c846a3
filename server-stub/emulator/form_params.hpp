#pragma once
// Stripe's request parameters: application/x-www-form-urlencoded bodies and query strings
// with bracketed names, decoded into a JSON tree:
//   "file=file_1&expires_at=9&expand[]=file&metadata[k]=v"
//     → {"file":"file_1","expires_at":"9","expand":["file"],"metadata":{"k":"v"}}
// Indexed lists ("expand[0]=a&expand[1]=b") decode to an object keyed "0","1"; read lists
// with string_list(), which accepts both styles. Every leaf stays a string, as on the wire.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace iiv::emulator {

struct FormParseResult {
  nlohmann::json params = nlohmann::json::object();
  std::string error;  // empty when the input decoded
  bool ok() const { return error.empty(); }
};

// "%2F" → "/", and '+' → ' ' (form encoding). A malformed escape is kept as it is.
std::string percent_decode(std::string_view encoded);

FormParseResult parse_form(std::string_view encoded);

// Adds every parameter of `extra` to `into`; a name present in both is an error.
std::string merge_params(nlohmann::json& into, const nlohmann::json& extra);

// The strings of list parameter `name`: "name[]=a&name[]=b" or "name[0]=a&name[1]=b"
// (in index order). nullopt when the parameter is present but is not a list of strings.
// An absent parameter is an empty list.
std::optional<std::vector<std::string>> string_list(const nlohmann::json& params, const std::string& name);

}  // namespace iiv::emulator
