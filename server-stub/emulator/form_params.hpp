#pragma once
// Stripe's request parameters: application/x-www-form-urlencoded bodies and query strings
// with bracketed names, decoded into a JSON tree:
//   "file=file_1&expires_at=9&expand[]=file&metadata[k]=v"
//     → {"file":"file_1","expires_at":"9","expand":["file"],"metadata":{"k":"v"}}
// Indexed lists ("expand[0]=a&expand[1]=b") decode to an object keyed "0","1"; read lists
// with string_list(), which accepts both styles. Every leaf stays a string, as on the wire.
//
// Hostile input gets Stripe's 400, never a crash: a name nested deeper than
// kMaxParamNesting brackets, and a name or value that does not decode to UTF-8 (JSON, and so
// every answer, can only hold UTF-8), are refused naming the parameter.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.hpp"
#include "emulator/api_error.hpp"

namespace iiv::emulator {

// Stripe does not document its cap. The deepest parameter Stripe's API defines nests about
// five brackets, so 32 refuses nothing real while keeping the tree shallow.
inline constexpr std::size_t kMaxParamNesting = 32;

// "%2F" → "/", and '+' → ' ' (form encoding). A malformed escape is kept as it is.
std::string percent_decode(std::string_view encoded);

// The parameters as a JSON object, or Stripe's 400 for a form that does not decode.
common::Result<nlohmann::json, ApiError> parse_form(std::string_view encoded);

// Adds every parameter of `extra` to `into`; a name present in both is a 400.
common::Result<common::Done, ApiError> merge_params(nlohmann::json& into, const nlohmann::json& extra);

// The strings of list parameter `name`: "name[]=a&name[]=b" or "name[0]=a&name[1]=b"
// (in index order). nullopt when the parameter is present but is not a list of strings.
// An absent parameter is an empty list.
std::optional<std::vector<std::string>> string_list(const nlohmann::json& params, const std::string& name);

}  // namespace iiv::emulator
