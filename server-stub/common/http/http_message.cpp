#include "common/http/http_message.hpp"

#include <algorithm>

namespace iiv::common {

std::string ascii_lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c); });
  return out;
}

std::string HttpRequest::header(std::string_view name) const {
  const auto it = headers.find(ascii_lowercase(name));
  return it == headers.end() ? std::string() : it->second;
}

bool HttpRequest::has_header(std::string_view name) const { return headers.count(ascii_lowercase(name)) != 0; }

std::string HttpRequest::path() const { return target.substr(0, target.find('?')); }

std::string HttpRequest::query() const {
  const auto q = target.find('?');
  return q == std::string::npos ? std::string() : target.substr(q + 1);
}

void HttpResponse::set_header(std::string_view name, std::string_view value) {
  const std::string lower = ascii_lowercase(name);
  for (auto& [existing, existing_value] : headers) {
    if (ascii_lowercase(existing) == lower) {
      existing_value = std::string(value);
      return;
    }
  }
  headers.emplace_back(std::string(name), std::string(value));
}

std::string HttpResponse::header(std::string_view name) const {
  const std::string lower = ascii_lowercase(name);
  for (const auto& [existing, value] : headers) {
    if (ascii_lowercase(existing) == lower) return value;
  }
  return {};
}

}  // namespace iiv::common
