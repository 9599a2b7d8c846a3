#include "stub/stripe/curl_transport.hpp"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <string_view>

#include <curl/curl.h>

namespace iiv::stub {

namespace {

constexpr int kMostConnections = 256;
constexpr std::chrono::milliseconds kLongestTimeout{120'000};

// libcurl's global state is set up once per process, before the first handle, from
// whichever thread gets here first.
CURLcode global_init_result() {
  static std::once_flag once;
  static CURLcode result = CURLE_FAILED_INIT;
  std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  return result;
}

// What arrives for one request: the body (up to the cap) and the headers the stub reads.
struct Exchange {
  std::size_t limit = 0;
  bool over_cap = false;
  StripeHttpResponse response;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto& exchange = *static_cast<Exchange*>(user);
  const size_t n = size * count;
  if (n > exchange.limit - exchange.response.body.size()) {
    exchange.over_cap = true;
    return 0;  // anything but n aborts the transfer
  }
  exchange.response.body.append(data, n);
  return n;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto& response = static_cast<Exchange*>(user)->response;
  const size_t n = size * count;
  const std::string_view line(data, n);
  // A status line starts a new answer (after a 100 Continue, say): forget the last one's headers.
  if (line.rfind("HTTP/", 0) == 0) {
    response.retry_after.clear();
    response.should_retry.clear();
    response.date.clear();
    return n;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  const std::string_view name = trimmed(line.substr(0, colon));
  const std::string value(trimmed(line.substr(colon + 1)));
  if (same_name(name, "Retry-After"))
    response.retry_after = value;
  else if (same_name(name, "Stripe-Should-Retry"))
    response.should_retry = value;
  else if (same_name(name, "Date"))
    response.date = value;
  return n;
}

// Header values go into the request verbatim: a CR or LF would start a header of its own.
bool fits_in_a_header(std::string_view value) {
  return std::none_of(value.begin(), value.end(), [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

// The path must stay a path of the base URL: no other host ("@…", "//…"), no spaces or
// control characters.
bool is_plain_path(std::string_view path) {
  if (path.empty() || path.front() != '/' || path.rfind("//", 0) == 0) return false;
  return std::all_of(path.begin(), path.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7f && c != '#';
  });
}

// scheme://host[:port] and nothing else, https unless the host is loopback: the key must
// not cross a network unencrypted, nor go anywhere the path could redirect it.
bool is_acceptable_base_url(std::string_view url) {
  const bool https = url.rfind("https://", 0) == 0;
  if (!https && url.rfind("http://", 0) != 0) return false;
  const std::string_view authority = url.substr(https ? 8 : 7);
  if (authority.empty() || authority.find_first_of("/?#@ \\") != std::string_view::npos) return false;
  if (!std::all_of(authority.begin(), authority.end(),
                   [](char c) { return static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f; }))
    return false;
  if (https) return true;
  for (std::string_view loopback : {"127.0.0.1", "localhost", "[::1]"})
    if (authority == loopback || authority.rfind(std::string(loopback) + ":", 0) == 0) return true;
  return false;
}

TransportFailure failure_of(CURLcode code, bool over_cap) {
  if (over_cap) return TransportFailure::answer_too_large;
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT: return TransportFailure::timeout;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT: return TransportFailure::connect;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE: return TransportFailure::certificate_refused;
    case CURLE_FILESIZE_EXCEEDED: return TransportFailure::answer_too_large;
    default: return TransportFailure::other;  // a connection cut, a TLS handshake broken off, …
  }
}

// The request's extra headers, freed with the request.
struct HeaderList {
  HeaderList() = default;
  HeaderList(const HeaderList&) = delete;
  HeaderList& operator=(const HeaderList&) = delete;
  curl_slist* list = nullptr;
  bool ok = true;
  void add(const std::string& line) {
    curl_slist* grown = curl_slist_append(list, line.c_str());
    if (grown)
      list = grown;
    else
      ok = false;
  }
  ~HeaderList() { curl_slist_free_all(list); }
};

}  // namespace

struct CurlTransport::Handle {
  CURL* easy = nullptr;
  ~Handle() {
    if (easy) curl_easy_cleanup(easy);
  }
};

common::Result<std::unique_ptr<CurlTransport>, std::string> CurlTransport::create(CurlTransportSettings settings) {
  if (!is_acceptable_base_url(settings.base_url))
    return common::Fail(std::string("the Stripe base URL must be https://host[:port], or http:// to a loopback host"));
  if (settings.max_connections < 1 || settings.max_connections > kMostConnections)
    return common::Fail(std::string("the Stripe connection pool must hold 1..256 connections"));
  for (const auto timeout : {settings.connect_timeout, settings.request_timeout})
    if (timeout.count() < 1 || timeout > kLongestTimeout)
      return common::Fail(std::string("Stripe timeouts must be 1..120000 ms"));
  if (settings.max_response_bytes < 1) return common::Fail(std::string("the answer size cap must be positive"));
  if (!fits_in_a_header(settings.user_agent)) return common::Fail(std::string("the User-Agent must be one line"));
  if (global_init_result() != CURLE_OK) return common::Fail(std::string("libcurl could not be initialised"));
  return std::unique_ptr<CurlTransport>(new CurlTransport(std::move(settings)));
}

CurlTransport::CurlTransport(CurlTransportSettings settings)
    : settings_(std::move(settings)), plain_http_(settings_.base_url.rfind("http://", 0) == 0) {}

CurlTransport::~CurlTransport() = default;

std::unique_ptr<CurlTransport::Handle> CurlTransport::acquire() {
  {
    std::unique_lock<std::mutex> lock(mutex_);
    available_.wait(lock, [this] { return !idle_.empty() || handles_open_ < settings_.max_connections; });
    if (!idle_.empty()) {
      auto handle = std::move(idle_.back());
      idle_.pop_back();
      return handle;
    }
    ++handles_open_;
  }
  auto handle = std::make_unique<Handle>();
  handle->easy = curl_easy_init();
  if (!handle->easy) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      --handles_open_;
    }
    available_.notify_one();
    return nullptr;
  }
  return handle;
}

void CurlTransport::release(std::unique_ptr<Handle> handle) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    idle_.push_back(std::move(handle));
  }
  available_.notify_one();
}

StripeHttpResponse CurlTransport::send(const StripeHttpRequest& request) {
  StripeHttpResponse refused;
  refused.failure = TransportFailure::request_refused;
  const bool post = request.method == "POST";
  if ((!post && request.method != "GET") || !is_plain_path(request.path_and_query) ||
      !fits_in_a_header(request.api_key) || !fits_in_a_header(request.api_version) ||
      !fits_in_a_header(request.idempotency_key))
    return refused;

  HeaderList headers;
  headers.add("Authorization: Bearer " + request.api_key);
  if (!request.api_version.empty()) headers.add("Stripe-Version: " + request.api_version);
  headers.add("Accept: application/json");
  if (post) {
    headers.add("Content-Type: application/x-www-form-urlencoded");
    if (!request.idempotency_key.empty()) headers.add("Idempotency-Key: " + request.idempotency_key);
    headers.add("Expect:");  // no 100-continue round trip for a small form
  }
  if (!headers.ok) return refused;

  auto handle = acquire();
  if (!handle) return refused;
  CURL* easy = handle->easy;
  // Every option is set afresh for each request, so nothing of a POST lingers into a GET;
  // the handle's open connection survives the reset.
  curl_easy_reset(easy);

  Exchange exchange;
  exchange.limit = settings_.max_response_bytes;
  const std::string url = settings_.base_url + request.path_and_query;
  const char* scheme = plain_http_ ? "http" : "https";
  bool configured = true;
  const auto set = [&](CURLcode result) { configured = configured && result == CURLE_OK; };
  set(curl_easy_setopt(easy, CURLOPT_URL, url.c_str()));
  set(curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, scheme));
  set(curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, scheme));
  set(curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L));
  set(curl_easy_setopt(easy, CURLOPT_MAXREDIRS, 0L));
  set(curl_easy_setopt(easy, CURLOPT_PROXY, ""));  // never a proxy from the environment
  set(curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L));
  set(curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L));
  set(curl_easy_setopt(easy, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2)));
  if (!settings_.ca_file.empty()) set(curl_easy_setopt(easy, CURLOPT_CAINFO, settings_.ca_file.c_str()));
  // One request per handle at a time: HTTP/2's multiplexing would buy nothing.
  set(curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1)));
  set(curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L));  // timeouts without SIGALRM in a threaded server
  set(curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings_.connect_timeout.count())));
  set(curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.request_timeout.count())));
  set(curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L));
  set(curl_easy_setopt(easy, CURLOPT_TCP_NODELAY, 1L));
  set(curl_easy_setopt(easy, CURLOPT_USERAGENT, settings_.user_agent.c_str()));
  set(curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.list));
  // Refused early when Content-Length announces too much; on_body enforces it otherwise.
  set(curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(settings_.max_response_bytes)));
  set(curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body));
  set(curl_easy_setopt(easy, CURLOPT_WRITEDATA, &exchange));
  set(curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header));
  set(curl_easy_setopt(easy, CURLOPT_HEADERDATA, &exchange));
  if (post) {
    set(curl_easy_setopt(easy, CURLOPT_POST, 1L));
    set(curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.form_body.size())));
    set(curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.form_body.c_str()));
  } else {
    set(curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L));
  }

  const CURLcode code = configured ? curl_easy_perform(easy) : CURLE_FAILED_INIT;
  long status = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  // Nothing of this request (its header list, its buffers) may outlive it in the handle.
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, static_cast<curl_slist*>(nullptr));
  release(std::move(handle));

  if (code != CURLE_OK) {
    StripeHttpResponse failed;
    failed.failure = failure_of(code, exchange.over_cap);
    return failed;
  }
  exchange.response.status = static_cast<int>(status);
  return std::move(exchange.response);
}

}  // namespace iiv::stub
