#include "emulator/request_params.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>

#include "emulator/form_params.hpp"

namespace iiv::emulator {

using common::Done;
using common::Fail;

common::Result<Done, ApiError> reject_unknown_params(const nlohmann::json& params,
                                                     std::initializer_list<std::string_view> known) {
  for (const auto& [name, value] : params.items()) {
    bool found = false;
    for (auto k : known) found = found || k == name;
    if (!found) return Fail(errors::unknown_parameter(name));
  }
  return Done{};
}

common::Result<ExpandSet, ApiError> requested_expand(const nlohmann::json& params, ExpandTarget target) {
  const auto list = string_list(params, "expand");
  if (!list) return Fail(errors::invalid_value("expand", "Invalid array: expand must be a list of property names."));
  return parse_expand(*list, target);
}

common::Result<std::optional<std::int64_t>, ApiError> optional_integer(const nlohmann::json& params,
                                                                       const std::string& name) {
  const auto it = params.find(name);
  if (it == params.end()) return std::optional<std::int64_t>{};
  if (!it->is_string()) return Fail(errors::invalid_integer(name, it->dump()));
  const std::string text = it->get<std::string>();
  const bool digits_only = !text.empty() && text.size() <= 18 &&
                           std::all_of(text.begin() + (text[0] == '-' ? 1 : 0), text.end(),
                                       [](unsigned char c) { return std::isdigit(c); }) &&
                           text != "-";
  if (!digits_only) return Fail(errors::invalid_integer(name, text));
  return std::optional<std::int64_t>{std::strtoll(text.c_str(), nullptr, 10)};
}

common::Result<std::optional<std::string>, ApiError> optional_string_param(const nlohmann::json& params,
                                                                           const std::string& name) {
  const auto it = params.find(name);
  if (it == params.end()) return std::optional<std::string>{};
  if (!it->is_string()) return Fail(errors::invalid_value(name, "Invalid string: " + name + " must be a string."));
  return std::optional<std::string>{it->get<std::string>()};
}

common::Result<std::map<std::string, std::string>, ApiError> metadata_param(const nlohmann::json& params) {
  std::map<std::string, std::string> metadata;
  const auto it = params.find("metadata");
  if (it == params.end() || (it->is_string() && it->get<std::string>().empty())) return metadata;
  if (!it->is_object())
    return Fail(errors::invalid_value("metadata", "Invalid hash: metadata must be a set of key-value pairs."));
  for (const auto& [key, value] : it->items()) {
    if (!value.is_string())
      return Fail(errors::invalid_value("metadata[" + key + "]", "Invalid string: metadata values must be strings."));
    if (key.size() > 40)
      return Fail(errors::invalid_value("metadata[" + key + "]", "Metadata keys can have up to 40 characters."));
    if (value.get<std::string>().size() > 500)
      return Fail(errors::invalid_value("metadata[" + key + "]", "Metadata values can have up to 500 characters."));
    if (!value.get<std::string>().empty()) metadata[key] = value.get<std::string>();
  }
  if (metadata.size() > 50) return Fail(errors::invalid_value("metadata", "Metadata can have up to 50 keys."));
  return metadata;
}

}  // namespace iiv::emulator
