// The viewer core's URL parser on arbitrary text. What it accepts must be unambiguous:
// putting the parts back together and parsing again gives the same parts, so the host we
// check is the host the browser fetches.
#include <cstdint>
#include <string>
#include <variant>

#include "core/link_bundle.hpp"
#include "core/url_parts.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using iiv::fuzz::require;
  const auto text = iiv::fuzz::as_text(data, size);
  iiv::LinkPolicy policy;
  policy.extraAllowedHosts = {"localhost:8080"};
  (void)iiv::checkImageUrl(text, policy, "url");

  const auto parsed = iiv::parseUrl(text);
  const auto* parts = std::get_if<iiv::UrlParts>(&parsed);
  if (parts == nullptr) return 0;
  require(!parts->host.empty(), "an accepted URL has a host");
  for (const char c : parts->scheme + parts->host) {
    require(!(c >= 'A' && c <= 'Z'), "scheme and host are lower-cased");
  }
  (void)iiv::isLoopbackHost(parts->host);
  (void)parts->effectivePort();

  std::string rebuilt = parts->origin();
  if (parts->port) rebuilt += ":" + std::to_string(*parts->port);
  rebuilt += parts->pathAndRest;
  if (parts->hasUserinfo) return 0;  // refused by the bundle rules; the userinfo is not kept
  const auto again = iiv::parseUrl(rebuilt);
  const auto* same = std::get_if<iiv::UrlParts>(&again);
  require(same != nullptr, "a URL rebuilt from accepted parts is accepted");
  require(same->scheme == parts->scheme && same->host == parts->host && same->port == parts->port &&
              same->pathAndRest == parts->pathAndRest,
          "a URL rebuilt from accepted parts parses to the same parts");
  return 0;
}
