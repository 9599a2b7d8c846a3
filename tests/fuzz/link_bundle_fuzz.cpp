// The viewer core's bundle validator on arbitrary text: whatever it accepts must satisfy
// the rules it exists for (known roles, URLs that pass the URL check on their own, links
// not expired), and nothing may throw (the WebAssembly build aborts on a throw).
#include <cstdint>
#include <variant>

#include "core/link_bundle.hpp"
#include "core/url_parts.hpp"
#include "fuzz_support.hpp"

namespace {

constexpr std::int64_t kNow = 1764100000;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using iiv::fuzz::require;
  iiv::LinkPolicy policy;
  policy.extraAllowedHosts = {"127.0.0.1:4000", "files.example"};
  const auto result = iiv::validateLinkBundle(iiv::fuzz::as_text(data, size), kNow, policy);
  const auto* bundle = std::get_if<iiv::LinkBundle>(&result);
  if (bundle == nullptr) {
    require(!std::get<iiv::Failure>(result).message.empty(), "a refusal says why");
    return 0;
  }
  require(!bundle->images.empty(), "an accepted bundle has images");
  for (const iiv::BundleImage& image : bundle->images) {
    require(iiv::isKnownImageRole(image.role), "an accepted image has a known role");
    require(std::holds_alternative<std::monostate>(iiv::checkImageUrl(image.url, policy, "url")),
            "an accepted URL passes the URL check on its own");
    require(image.expiresAt > kNow - policy.clockSkewSeconds, "an accepted link has not expired");
  }
  return 0;
}
