// The stub's whole request handling without sockets (StubApi::handle), on arbitrary
// requests, with a Stripe that answers as Stripe does. Input, as text:
//   METHOD TARGET
//   name: value        (any number of header lines)
//                      (an empty line)
//   body
// Properties of every answer: no 500 (internal_error is a bug); nothing under /api and no
// static file answers 2xx without a reviewer's token, and no file outside the static mount,
// or under /api inside it, is ever served.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "stripe_like.hpp"
#include "stub/api/routes.hpp"
#include "stub_harness.hpp"

namespace {

using iiv::fuzz::require;
using nlohmann::json;
namespace stub = iiv::stub;

constexpr const char* kSecretMarker = "SECRET-";

// site/ is mounted at "/"; a secret lies beside it, and one under site/api/, which is never
// a static file.
struct StaticSite {
  StaticSite() {
    std::string pattern = (std::filesystem::temp_directory_path() / "iiv-fuzz-static-XXXXXX").string();
    require(mkdtemp(pattern.data()) != nullptr, "a temporary folder for the static site");
    root = pattern;
    std::filesystem::create_directories(root / "site" / "api");
    std::ofstream(root / "site" / "index.html") << "<p>page</p>";
    std::ofstream(root / "site" / "api" / "hidden.txt") << kSecretMarker << "UNDER-API";
    std::ofstream(root / "secret.txt") << kSecretMarker << "OUTSIDE-THE-MOUNT";
  }
  ~StaticSite() {
    std::error_code ignored;
    std::filesystem::remove_all(root, ignored);
  }
  std::filesystem::path root;
};

const StaticSite& static_site() {
  static const StaticSite site;
  return site;
}

iiv::common::HttpRequest request_from(std::string_view input) {
  iiv::common::HttpRequest request;
  std::string_view line = iiv::fuzz::take_until(input, '\n');
  request.method = std::string(iiv::fuzz::take_until(line, ' '));
  request.target = std::string(line);
  while (!input.empty()) {
    line = iiv::fuzz::take_until(input, '\n');
    if (line.empty()) break;
    const std::string_view name = iiv::fuzz::take_until(line, ':');
    if (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    request.headers[iiv::common::ascii_lowercase(name)] = std::string(line);
  }
  request.body = std::string(input);
  request.peer_address = iiv::fuzz::kPeer;
  request.peer_port = 40000;
  request.local_port = 8787;
  return request;
}

bool carries_a_token(const iiv::common::HttpRequest& request) {
  const std::string authorization = request.header("authorization");
  return authorization.find(iiv::fuzz::kRevealerToken) != std::string::npos ||
         authorization.find(iiv::fuzz::kOperatorToken) != std::string::npos;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)static_site();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  stub::StubConfig config = iiv::fuzz::fuzz_config();
  config.statics = {stub::StaticMount{"/", std::filesystem::canonical(static_site().root / "site")}};
  // Stripe as the emulator answers it: the same scripted Stripe as the stub's unit tests.
  iiv::fuzz::StubHarness harness(stub::testing::StripeLike(iiv::fuzz::kFilesOrigin, iiv::fuzz::kNow), config);

  const iiv::common::HttpRequest request = request_from(iiv::fuzz::as_text(data, size));
  const iiv::common::HttpResponse response = harness.api.handle(request);

  // The security headers are the front door's to add (common/http/http_server.cpp puts them
  // on every answer it writes), not StubApi's: http_server_test checks them there.
  require(response.status != 500, "no request makes the stub fail (internal_error)");
  require(response.body.find(kSecretMarker) == std::string::npos, "no file outside what may be served is served");
  const bool success = response.status >= 200 && response.status < 300;
  if (success && stub::is_api_path(request.path()) && request.method != "OPTIONS") {
    require(carries_a_token(request), "no /api answer succeeds without a reviewer's token");
  }
  if (const auto route = stub::match_route(request.method, request.path()); route && route->route->needs_reviewer) {
    require(!success || carries_a_token(request), "no reviewer route succeeds without a reviewer's token");
  }
  if (response.header("content-type").rfind("application/json", 0) == 0) {
    require(json::accept(response.body), "a JSON answer is JSON");
  }
  harness.api.audit_unreported_refusals(/*at_exit=*/true);
  return 0;
}
