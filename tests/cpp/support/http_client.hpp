#pragma once
// The tests' HTTP client over loopback (libcurl): one request, one answer, on a fresh
// connection each time, so a test sees exactly what its request got — an answer, or none
// (status 0) when the connection was refused, dropped or timed out. Shared by the
// emulator's and the stub's suites.
#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace iiv::testing {

using HeaderPairs = std::vector<std::pair<std::string, std::string>>;

struct HttpAnswer {
  int status = 0;  // 0: no answer (see `failure`)
  std::string body;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string failure;                         // why there was no answer, from libcurl

  explicit operator bool() const { return status != 0; }
  // The header's value, or "" (the name in any case).
  std::string header(const std::string& name) const;
  bool has_header(const std::string& name) const;
  // The body as JSON (discarded when it is not JSON).
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
  // {"error":{"code":…}}'s code, or "".
  std::string error_code() const;
};

class HttpClient {
 public:
  // "http://127.0.0.1:PORT"
  explicit HttpClient(std::string base_url) : base_url_(std::move(base_url)) {}

  // Basic authentication on every request (Stripe's other way of presenting a key).
  void set_basic_auth(std::string user, std::string password);
  void set_timeout(std::chrono::milliseconds timeout) { timeout_ = timeout; }

  // A Content-Type is sent only when given (here or in `headers`).
  HttpAnswer send(const std::string& method, const std::string& path, const HeaderPairs& headers = {},
                  const std::string& body = "", const std::string& content_type = "") const;
  HttpAnswer get(const std::string& path, const HeaderPairs& headers = {}) const { return send("GET", path, headers); }
  HttpAnswer post(const std::string& path, const HeaderPairs& headers, const std::string& body,
                  const std::string& content_type) const {
    return send("POST", path, headers, body, content_type);
  }

 private:
  std::string base_url_;
  std::string user_, password_;
  bool basic_auth_ = false;
  std::chrono::milliseconds timeout_{30'000};
};

// One request: HttpClient(base_url).send(…).
HttpAnswer http_call(const std::string& base_url, const std::string& method, const std::string& path,
                     const HeaderPairs& headers = {}, const std::string& body = "",
                     const std::string& content_type = "");

}  // namespace iiv::testing
