#pragma once
// One HTTP request from a test over loopback (cpp-httplib stays in http_call.cpp).
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace iiv::stub::testing {

struct HttpAnswer {
  int status = 0;  // 0: no answer
  std::string body;
  std::map<std::string, std::string> headers;  // names lowercased

  std::string header(const std::string& lowercase_name) const {
    const auto it = headers.find(lowercase_name);
    return it == headers.end() ? std::string() : it->second;
  }
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
  std::string error_code() const {
    const auto doc = json();
    return doc.is_object() && doc.contains("error") ? doc["error"].value("code", std::string()) : std::string();
  }
};

using HeaderPairs = std::vector<std::pair<std::string, std::string>>;

HttpAnswer http_call(const std::string& base_url, const std::string& method, const std::string& path,
                     const HeaderPairs& headers = {}, const std::string& body = "",
                     const std::string& content_type = "");

}  // namespace iiv::stub::testing
