#include "support/http_client.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace iiv::testing {

namespace {

std::string lowercase(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\r' || text.back() == '\n' || text.back() == ' ')) text.pop_back();
  std::size_t start = 0;
  while (start < text.size() && text[start] == ' ') ++start;
  return text.substr(start);
}

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* answer) {
  static_cast<HttpAnswer*>(answer)->body.append(data, size * count);
  return size * count;
}

// One header line; a status line starts the headers afresh (after a 100 Continue).
std::size_t take_header(char* data, std::size_t size, std::size_t count, void* answer) {
  auto& headers = static_cast<HttpAnswer*>(answer)->headers;
  const std::string line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {
    headers.clear();
  } else if (const auto colon = line.find(':'); colon != std::string::npos) {
    headers[lowercase(line.substr(0, colon))] = trimmed(line.substr(colon + 1));
  }
  return size * count;
}

bool names_header(const HeaderPairs& headers, const std::string& name) {
  for (const auto& [key, value] : headers)
    if (lowercase(key) == name) return true;
  return false;
}

struct CurlFree {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

std::string HttpAnswer::header(const std::string& name) const {
  const auto it = headers.find(lowercase(name));
  return it == headers.end() ? std::string() : it->second;
}

bool HttpAnswer::has_header(const std::string& name) const { return headers.count(lowercase(name)) != 0; }

std::string HttpAnswer::error_code() const {
  const auto doc = json();
  if (!doc.is_object() || !doc.contains("error") || !doc["error"].is_object()) return {};
  return doc["error"].value("code", std::string());
}

void HttpClient::set_basic_auth(std::string user, std::string password) {
  user_ = std::move(user);
  password_ = std::move(password);
  basic_auth_ = true;
}

HttpAnswer HttpClient::send(const std::string& method, const std::string& path, const HeaderPairs& headers,
                            const std::string& body, const std::string& content_type) const {
  static std::once_flag global_init;
  std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });

  HttpAnswer answer;
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl) {
    answer.failure = "curl_easy_init failed";
    return answer;
  }
  CURL* c = curl.get();
  const std::string url = base_url_ + path;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_PROXY, "");  // loopback only, whatever the environment says
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, take_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &answer);
  if (basic_auth_) {
    curl_easy_setopt(c, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
    curl_easy_setopt(c, CURLOPT_USERNAME, user_.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, password_.c_str());
  }

  if (method == "HEAD") {
    curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  } else if (method != "GET" || !body.empty()) {
    // A body (even an empty POST's) goes out with its Content-Length; any other method
    // name is sent as given.
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
    if (method != "POST") curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
  }

  std::unique_ptr<curl_slist, CurlFree> list;
  const auto add = [&list](const std::string& line) {
    if (curl_slist* longer = curl_slist_append(list.get(), line.c_str())) {
      list.release();
      list.reset(longer);
    }
  };
  for (const auto& [name, value] : headers) add(name + ": " + value);
  if (!content_type.empty())
    add("Content-Type: " + content_type);
  else if (!names_header(headers, "content-type"))
    add("Content-Type:");  // libcurl would add a form type of its own
  add("Expect:");          // and ask for a 100 Continue before bodies over 1 KiB
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list.get());

  const CURLcode result = curl_easy_perform(c);
  if (result != CURLE_OK) {
    answer = HttpAnswer{};
    answer.failure = curl_easy_strerror(result);
    return answer;
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  answer.status = static_cast<int>(status);
  return answer;
}

HttpAnswer http_call(const std::string& base_url, const std::string& method, const std::string& path,
                     const HeaderPairs& headers, const std::string& body, const std::string& content_type) {
  return HttpClient(base_url).send(method, path, headers, body, content_type);
}

}  // namespace iiv::testing
