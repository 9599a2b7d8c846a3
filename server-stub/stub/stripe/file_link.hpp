#pragma once
// A FileLink Stripe created for the stub: its id, its URL (which must point at a files
// host the viewer is told to trust, --files-host) and its expiry.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stub/api/api_error.hpp"

namespace iiv::stub {

struct FileLink {
  std::string id;   // "link_…"
  std::string url;  // on one of the files origins
  std::optional<std::int64_t> expires_at;
};

// `files_origins`: "https://files.stripe.com" and the like.
Result<FileLink> read_file_link(const nlohmann::json& object, const std::vector<std::string>& files_origins);

// True when `url` is `origin` followed by a path ("https://files.stripe.com/links/…").
bool url_is_on_origin(const std::string& url, const std::string& origin);

}  // namespace iiv::stub
