#pragma once
// Static folders served next to the API (--static MOUNT=DIR, repeatable): GET only, a
// folder answers with its index.html or not at all (no listing), no way out of DIR
// (no "..", no dot-files, symlinks must stay inside), and content types browsers need
// for modules and WebAssembly (text/javascript, application/wasm).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iiv::stub {

struct StaticMount {
  std::string prefix;          // "/" or "/viewer" (no trailing slash)
  std::filesystem::path root;  // canonical, an existing folder
};

// Parses "MOUNT=DIR"; on error returns nullopt and explains in *error.
std::optional<StaticMount> parse_static_mount(std::string_view spec, std::string* error);

struct StaticFile {
  std::filesystem::path path;
  std::string content_type;
};

// The file a GET of `request_path` (already percent-decoded) names, if any.
std::optional<StaticFile> resolve_static(const std::vector<StaticMount>& mounts, std::string_view request_path);

std::string content_type_for(const std::filesystem::path& path);

}  // namespace iiv::stub
