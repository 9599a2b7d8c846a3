#include "http_call.hpp"

#include <algorithm>

#include <httplib.h>

namespace iiv::stub::testing {

HttpAnswer http_call(const std::string& base_url, const std::string& method, const std::string& path,
                     const HeaderPairs& headers, const std::string& body, const std::string& content_type) {
  httplib::Client client(base_url);
  client.set_connection_timeout(std::chrono::seconds(5));
  client.set_read_timeout(std::chrono::seconds(30));
  httplib::Request request;
  request.method = method;
  request.path = path;
  for (const auto& [name, value] : headers) request.headers.emplace(name, value);
  if (!content_type.empty()) request.headers.emplace("Content-Type", content_type);
  request.body = body;
  const httplib::Result result = client.send(request);
  HttpAnswer answer;
  if (!result) return answer;
  answer.status = result->status;
  answer.body = result->body;
  for (const auto& [name, value] : result->headers) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    answer.headers[lower] = value;
  }
  return answer;
}

}  // namespace iiv::stub::testing
