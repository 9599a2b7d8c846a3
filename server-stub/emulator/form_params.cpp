#include "emulator/form_params.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "common/hex_digit.hpp"
#include "emulator/utf8_text.hpp"

namespace iiv::emulator {

namespace {

using common::Fail;

// How a parameter is named in an error: well-formed UTF-8, and not a megabyte long.
std::string shown(std::string_view name) {
  constexpr std::size_t kLongest = 200;
  return valid_utf8(name.substr(0, kLongest)) + (name.size() > kLongest ? "…" : "");
}

struct SplitName {
  std::string base;
  std::vector<std::string> segments;
};

// "a[b][]" → base "a", segments {"b", ""}; at most kMaxParamNesting segments.
common::Result<SplitName, ApiError> split_name(const std::string& name) {
  SplitName split;
  const auto open = name.find('[');
  split.base = name.substr(0, open);
  const auto malformed = [&] { return Fail(errors::malformed_body("malformed parameter name '" + shown(name) + "'")); };
  if (split.base.empty()) return malformed();
  std::size_t pos = open;
  while (pos != std::string::npos && pos < name.size()) {
    if (name[pos] != '[') return malformed();
    const auto close = name.find(']', pos);
    if (close == std::string::npos) return malformed();
    if (split.segments.size() == kMaxParamNesting)
      return Fail(errors::param_nested_too_deeply(shown(split.base), kMaxParamNesting));
    split.segments.push_back(name.substr(pos + 1, close - pos - 1));
    pos = close + 1;
  }
  return split;
}

// Puts `value` at `name` ("a[b][]") in `root`.
common::Result<common::Done, ApiError> insert_param(nlohmann::json& root, const std::string& name,
                                                    const std::string& value) {
  if (!is_valid_utf8(name) || !is_valid_utf8(value)) return Fail(errors::param_not_utf8(shown(name)));
  auto split = split_name(name);
  if (!split) return Fail(split.error());
  const std::string& base = split->base;
  const std::vector<std::string>& segments = split->segments;
  const auto conflict = [&](const std::string& what) {
    return Fail(errors::malformed_body("parameter '" + shown(name) + "' " + what));
  };
  nlohmann::json* node = &root[base];
  for (const std::string& segment : segments) {
    if (segment.empty()) {
      if (node->is_null()) *node = nlohmann::json::array();
      if (!node->is_array()) return conflict("mixes list and non-list values");
      node->push_back(nullptr);
      node = &node->back();
    } else {
      if (node->is_null()) *node = nlohmann::json::object();
      if (!node->is_object()) return conflict("mixes list and non-list values");
      node = &(*node)[segment];
    }
  }
  if (!node->is_null() && !node->is_string()) return conflict("is given both as a value and as a hash");
  *node = value;
  return common::Done{};
}

bool is_index(const std::string& s) {
  return !s.empty() && s.size() <= 9 &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

std::string percent_decode(std::string_view encoded) {
  std::string out;
  out.reserve(encoded.size());
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    const char c = encoded[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < encoded.size() && common::hex_digit_value(encoded[i + 1]) >= 0 &&
               common::hex_digit_value(encoded[i + 2]) >= 0) {
      const int value = common::hex_digit_value(encoded[i + 1]) * 16 + common::hex_digit_value(encoded[i + 2]);
      out.push_back(static_cast<char>(value));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

common::Result<nlohmann::json, ApiError> parse_form(std::string_view encoded) {
  nlohmann::json params = nlohmann::json::object();
  std::size_t start = 0;
  while (start <= encoded.size()) {
    auto end = encoded.find('&', start);
    if (end == std::string_view::npos) end = encoded.size();
    const std::string_view pair = encoded.substr(start, end - start);
    if (!pair.empty()) {
      const auto eq = pair.find('=');
      const std::string name = percent_decode(pair.substr(0, eq));
      const std::string value = eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1));
      if (!name.empty()) {
        if (auto inserted = insert_param(params, name, value); !inserted) return Fail(inserted.error());
      }
    }
    start = end + 1;
  }
  return params;
}

common::Result<common::Done, ApiError> merge_params(nlohmann::json& into, const nlohmann::json& extra) {
  for (const auto& [name, value] : extra.items()) {
    if (into.contains(name))
      return common::Fail(
          errors::malformed_body("parameter '" + name + "' is given both in the query string and in the body"));
    into[name] = value;
  }
  return common::Done{};
}

std::optional<std::vector<std::string>> string_list(const nlohmann::json& params, const std::string& name) {
  std::vector<std::string> out;
  const auto it = params.find(name);
  if (it == params.end()) return out;
  if (it->is_array()) {
    for (const auto& item : *it) {
      if (!item.is_string()) return std::nullopt;
      out.push_back(item.get<std::string>());
    }
    return out;
  }
  if (!it->is_object()) return std::nullopt;
  std::vector<std::pair<long, std::string>> indexed;
  for (const auto& [index, item] : it->items()) {
    if (!is_index(index) || !item.is_string()) return std::nullopt;
    indexed.emplace_back(std::strtol(index.c_str(), nullptr, 10), item.get<std::string>());
  }
  std::sort(indexed.begin(), indexed.end());
  for (auto& entry : indexed) out.push_back(std::move(entry.second));
  return out;
}

}  // namespace iiv::emulator
