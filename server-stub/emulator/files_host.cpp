#include "emulator/files_host.hpp"

#include <nlohmann/json.hpp>

#include "common/security_headers.hpp"
#include "emulator/ids.hpp"

namespace iiv::emulator {

namespace {

constexpr std::string_view kLinksPrefix = "/links/";

bool is_link_path(const std::string& path) {
  return path.size() > kLinksPrefix.size() && path.compare(0, kLinksPrefix.size(), kLinksPrefix) == 0 &&
         path.find('/', kLinksPrefix.size()) == std::string::npos;
}

// The image's bytes as the answer's body; the answer keeps the image alive until they are sent.
std::shared_ptr<const common::SharedBody> body_of(std::shared_ptr<const ImageContent> image) {
  auto body = std::make_shared<common::SharedBody>();
  const auto& bytes = image->bytes();
  body->data = reinterpret_cast<const char*>(bytes.data());
  body->size = bytes.size();
  body->owner = std::move(image);
  return body;
}

void text_error(HttpResponse& out, int status, const std::string& message) {
  out.status = status;
  out.set_header("Content-Type", "application/json");
  out.body = nlohmann::json{{"error", {{"type", "invalid_request_error"}, {"message", message}}}}.dump();
}

}  // namespace

FilesHost::FilesHost(EmulatorStore& store, EmulatorClock& clock, RuntimeConfigHolder& config)
    : store_(store), clock_(clock), config_(config) {}

std::string FilesHost::endpoint_label(const HttpRequest& request) {
  return is_link_path(request.path()) ? request.method + " /links/{token}" : "unrecognized";
}

HttpResponse FilesHost::handle(const HttpRequest& request) const {
  HttpResponse out;
  for (const auto& [name, value] : common::security_headers()) out.set_header(name, value);
  out.set_header("Request-Id", new_request_id());
  const bool cors = config_.get().files_cors;
  if (cors) out.set_header("Access-Control-Allow-Origin", "*");

  const std::string path = request.path();
  if (request.method == "OPTIONS" && cors) {
    out.status = 204;
    out.set_header("Access-Control-Allow-Methods", "GET, HEAD");
    out.set_header("Access-Control-Max-Age", "600");
    return out;
  }
  if (request.method != "GET" && request.method != "HEAD") {
    out.set_header("Allow", "GET, HEAD");
    text_error(out, 405, "The files host only answers GET and HEAD.");
    return out;
  }
  if (!is_link_path(path)) {
    text_error(out, 404,
               path.rfind("/v1/files/", 0) == 0
                   ? "This emulator serves file contents only through FileLinks (/links/{token})."
                   : "Not found.");
    return out;
  }
  const auto lookup = store_.resolve_link_token(path.substr(kLinksPrefix.size()), clock_.now());
  switch (lookup.state) {
    case EmulatorStore::LinkState::unknown: text_error(out, 404, "No such file link."); return out;
    case EmulatorStore::LinkState::expired: text_error(out, 410, "This file link has expired."); return out;
    case EmulatorStore::LinkState::redacted:
      text_error(out, 410, "The file behind this link belonged to a redacted VerificationSession.");
      return out;
    case EmulatorStore::LinkState::live: break;
  }
  out.status = 200;
  out.set_header("Content-Type", lookup.content->content_type());
  out.shared_body = body_of(lookup.content);
  return out;
}

}  // namespace iiv::emulator
