#include "stub/stripe/file_link.hpp"

#include <algorithm>

#include "common/stripe_id.hpp"
#include "stub/stripe/stripe_shape.hpp"

namespace iiv::stub {

bool url_is_on_origin(const std::string& url, const std::string& origin) {
  return url.size() > origin.size() && url.compare(0, origin.size(), origin) == 0 && url[origin.size()] == '/';
}

Result<FileLink> read_file_link(const nlohmann::json& object, const std::vector<std::string>& files_origins) {
  StripeShape shape("a FileLink");
  FileLink link;
  link.id = shape.text(object, "id", "id").value_or("");
  link.url = shape.text(object, "url", "url").value_or("");
  link.expires_at = shape.integer(object, "expires_at", "expires_at");
  if (shape.ok() && !common::is_stripe_id(link.id, "link_")) shape.reject("id", "is not a FileLink id");
  if (shape.ok() && link.url.empty()) shape.reject("url", "is missing");
  // A FileLink without an expiry never expires: never hand one out.
  if (shape.ok() && !link.expires_at) shape.reject("expires_at", "is missing");
  if (auto verdict = shape.verdict(); !verdict) return Fail(std::move(verdict).error());
  const bool trusted = std::any_of(files_origins.begin(), files_origins.end(),
                                   [&](const std::string& origin) { return url_is_on_origin(link.url, origin); });
  if (!trusted) {
    // The viewer would refuse it anyway; the stub says where the fault lies.
    return Fail(ApiError{ErrorCode::stripe_error,
                         "Stripe answered with a FileLink URL outside the configured files hosts (--files-host).",
                         {}});
  }
  return link;
}

}  // namespace iiv::stub
