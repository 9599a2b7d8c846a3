#include "common/http/http_message.hpp"

#include <algorithm>

namespace iiv::common {

namespace {

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

}  // namespace

std::string ascii_lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
  return out;
}

std::string HttpRequest::header(std::string_view name) const {
  const auto it = headers.find(ascii_lowercase(name));
  return it == headers.end() ? std::string() : it->second;
}

bool HttpRequest::has_header(std::string_view name) const { return headers.count(ascii_lowercase(name)) != 0; }

std::string HttpRequest::path() const { return target.substr(0, target.find('?')); }

std::string HttpRequest::query() const {
  const auto mark = target.find('?');
  return mark == std::string::npos ? std::string() : target.substr(mark + 1);
}

void HttpResponse::set_header(std::string_view name, std::string_view value) {
  for (auto& [existing, existing_value] : headers)
    if (equal_ignoring_case(existing, name)) {
      existing_value = std::string(value);
      return;
    }
  headers.emplace_back(std::string(name), std::string(value));
}

std::string HttpResponse::header(std::string_view name) const {
  for (const auto& [existing, value] : headers)
    if (equal_ignoring_case(existing, name)) return value;
  return {};
}

}  // namespace iiv::common
