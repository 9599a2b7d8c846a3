#include "stub/http/query_string.hpp"

#include "common/hex_digit.hpp"

namespace iiv::stub {

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = common::hex_digit_value(text[i + 1]);
      const int low = common::hex_digit_value(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

common::Result<std::map<std::string, std::string>, std::string> parse_query(std::string_view query) {
  std::map<std::string, std::string> params;
  std::size_t start = 0;
  while (start < query.size()) {
    auto end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view pair = query.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    const auto equals = pair.find('=');
    const auto name = percent_decode(pair.substr(0, equals), true);
    const auto value =
        percent_decode(equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1), true);
    if (!name || !value) return common::Fail(std::string("the query string has a malformed %-escape"));
    if (!params.emplace(*name, *value).second) return common::Fail(*name + " is given more than once");
  }
  return params;
}

}  // namespace iiv::stub
