#pragma once
// Transport-neutral requests and answers: the services (API, files host, admin) work on
// these, so their logic is tested without sockets; emulator_server.cpp maps them to and
// from cpp-httplib.
#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/image_content.hpp"

namespace iiv::emulator {

inline std::string lowercase(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

struct HttpRequest {
  std::string method;
  std::string target;                         // path and query, as received ("/v1/x?expand[]=y")
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string remote_addr;

  std::string header(std::string_view name) const {
    const auto it = headers.find(lowercase(name));
    return it == headers.end() ? std::string() : it->second;
  }
  std::string path() const { return target.substr(0, target.find('?')); }
  std::string query() const {
    const auto q = target.find('?');
    return q == std::string::npos ? std::string() : target.substr(q + 1);
  }
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::shared_ptr<const ImageContent> image;  // files host: the bytes to send instead of `body`
  std::string log_note;                       // for the request log only (e.g. the masked key)

  void set_header(const std::string& name, const std::string& value) {
    for (auto& h : headers)
      if (lowercase(h.first) == lowercase(name)) {
        h.second = value;
        return;
      }
    headers.emplace_back(name, value);
  }
  std::string header(std::string_view name) const {
    for (const auto& h : headers)
      if (lowercase(h.first) == lowercase(name)) return h.second;
    return {};
  }
};

}  // namespace iiv::emulator
