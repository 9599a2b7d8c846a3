#pragma once
// What the stub tells the reviewer's page about where images may come from: the files
// hosts (--files-host) become the viewer's allow-list (/api/me) and the only foreign
// origins of the Content-Security-Policy on every HTML page it serves.
#include <string>
#include <vector>

namespace iiv::stub {

// Stripe's files host, the default of --files-host.
inline constexpr const char* kStripeFilesOrigin = "https://files.stripe.com";

// "https://files.stripe.com" → "files.stripe.com"; "http://127.0.0.1:4555" → "127.0.0.1:4555":
// the host[:port] entries the viewer's allowedHosts option takes.
std::vector<std::string> viewer_allowed_hosts(const std::vector<std::string>& files_origins);

// A strict policy: scripts, styles and API calls only from the page's own origin, images
// and image downloads also from the files hosts, WebAssembly compilation allowed, blob:
// images allowed (the viewer's object-URL decode path), no framing, no plugins, no <base>.
std::string content_security_policy(const std::vector<std::string>& files_origins);

}  // namespace iiv::stub
