#pragma once
// Reads what a file claims to be from its first bytes — JPEG, PNG or WebP, and the
// pixel dimensions from its header — so HTML error pages, other formats and
// decompression bombs are refused before any decoder sees them.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/failure.hpp"

namespace iiv {

inline constexpr std::uint64_t kDefaultMaxPixels = 50'000'000;

enum class ImageFormat { Jpeg, Png, Webp };

constexpr std::string_view imageFormatName(ImageFormat format) {
  switch (format) {
    case ImageFormat::Jpeg: return "jpeg";
    case ImageFormat::Png: return "png";
    case ImageFormat::Webp: return "webp";
  }
  return "unknown";
}

struct ImageHeader {
  ImageFormat format;
  std::uint32_t width;
  std::uint32_t height;
};

struct SniffResult {
  std::optional<ImageHeader> header;  // set when accepted
  std::optional<Failure> failure;     // set when refused or undecided
  // With need_more_bytes: the prefix length (from the file's start) needed at least
  // before asking again; 0 when unknown.
  std::size_t bytesNeeded = 0;
};

// `isComplete` says whether `prefix` is the whole file (then a short header is
// truncated_image) or only what has arrived so far (then it is need_more_bytes).
SniffResult sniffImageHeader(const std::uint8_t* prefix, std::size_t length, bool isComplete,
                             std::uint64_t maxPixels = kDefaultMaxPixels);

}  // namespace iiv
