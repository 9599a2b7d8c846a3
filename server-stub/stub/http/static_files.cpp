#include "stub/http/static_files.hpp"

#include <algorithm>
#include <system_error>

namespace iiv::stub {

namespace fs = std::filesystem;

namespace {

bool is_safe_segment(std::string_view segment) {
  if (segment.empty() || segment.front() == '.') return false;  // "..", ".", dot-files
  return std::none_of(segment.begin(), segment.end(), [](char c) { return c == '\\' || c == '\0' || c == ':'; });
}

// The part of `request_path` below `prefix`, or nullopt when the mount does not apply.
std::optional<std::string_view> below_prefix(std::string_view request_path, const std::string& prefix) {
  if (prefix == "/") return request_path.substr(1);
  if (request_path.substr(0, prefix.size()) != prefix) return std::nullopt;
  const std::string_view rest = request_path.substr(prefix.size());
  if (rest.empty()) return rest;
  if (rest.front() != '/') return std::nullopt;
  return rest.substr(1);
}

bool is_inside(const fs::path& candidate, const fs::path& root) {
  const auto mismatch = std::mismatch(root.begin(), root.end(), candidate.begin(), candidate.end());
  return mismatch.first == root.end();
}

}  // namespace

std::optional<StaticMount> parse_static_mount(std::string_view spec, std::string* error) {
  const auto equals = spec.find('=');
  if (equals == std::string_view::npos || equals == 0 || equals + 1 == spec.size()) {
    *error = "--static wants MOUNT=DIR, e.g. --static /=demo";
    return std::nullopt;
  }
  std::string prefix(spec.substr(0, equals));
  if (prefix.front() != '/') {
    *error = "--static mount must start with '/': " + prefix;
    return std::nullopt;
  }
  while (prefix.size() > 1 && prefix.back() == '/') prefix.pop_back();
  if (prefix == "/api" || prefix.rfind("/api/", 0) == 0 || prefix == "/healthz" || prefix == "/metrics") {
    *error = "--static mount " + prefix + " would hide an API route";
    return std::nullopt;
  }
  std::error_code ec;
  const fs::path root = fs::canonical(fs::path(std::string(spec.substr(equals + 1))), ec);
  if (ec || !fs::is_directory(root)) {
    *error = "--static folder " + std::string(spec.substr(equals + 1)) + " is not an existing folder";
    return std::nullopt;
  }
  return StaticMount{prefix, root};
}

std::optional<StaticFile> resolve_static(const std::vector<StaticMount>& mounts, std::string_view request_path) {
  if (request_path.empty() || request_path.front() != '/') return std::nullopt;
  // Longest mount first, so /viewer wins over / for /viewer/….
  const StaticMount* best = nullptr;
  std::string_view relative;
  for (const StaticMount& mount : mounts) {
    const auto rest = below_prefix(request_path, mount.prefix);
    if (rest && (best == nullptr || mount.prefix.size() > best->prefix.size())) {
      best = &mount;
      relative = *rest;
    }
  }
  if (best == nullptr) return std::nullopt;

  fs::path candidate = best->root;
  std::size_t start = 0;
  while (start < relative.size()) {
    const auto slash = relative.find('/', start);
    const std::string_view segment =
        relative.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    // A trailing slash ("dir/") is allowed; every other segment must be a plain name.
    if (!(segment.empty() && slash == std::string_view::npos) && !is_safe_segment(segment)) return std::nullopt;
    candidate /= std::string(segment);
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }

  std::error_code ec;
  if (fs::is_directory(candidate, ec)) candidate /= "index.html";
  const fs::path real = fs::canonical(candidate, ec);
  if (ec || !fs::is_regular_file(real, ec) || !is_inside(real, best->root)) return std::nullopt;
  return StaticFile{real, content_type_for(real)};
}

std::string content_type_for(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".wasm") return "application/wasm";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".webp") return "image/webp";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".txt" || ext == ".md" || ext == ".ts") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace iiv::stub
