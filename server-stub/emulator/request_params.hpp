#pragma once
// Reading Stripe parameters out of a decoded form (form_params.hpp), with Stripe's errors
// for unknown names, bad integers and bad expand lists.
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/result.hpp"
#include "emulator/api_error.hpp"
#include "emulator/expand_paths.hpp"

namespace iiv::emulator {

// 400 parameter_unknown for the first parameter not in `known`.
common::Result<common::Done, ApiError> reject_unknown_params(const nlohmann::json& params,
                                                             std::initializer_list<std::string_view> known);

common::Result<ExpandSet, ApiError> requested_expand(const nlohmann::json& params, ExpandTarget target);

// nullopt when absent; 400 when present but not a plain integer.
common::Result<std::optional<std::int64_t>, ApiError> optional_integer(const nlohmann::json& params,
                                                                       const std::string& name);

// nullopt when absent; 400 when present but not a string.
common::Result<std::optional<std::string>, ApiError> optional_string_param(const nlohmann::json& params,
                                                                           const std::string& name);

// metadata[key]=value pairs (or metadata="" for none), with Stripe's limits: 50 keys,
// keys up to 40 characters, values up to 500.
common::Result<std::map<std::string, std::string>, ApiError> metadata_param(const nlohmann::json& params);

}  // namespace iiv::emulator
