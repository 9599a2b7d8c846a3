// JPEG and PNG encoding through stb_image_write, into memory.
#include <stdexcept>

#include "specimens.hpp"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
// stb_image_write's JPEG writer shifts its (signed int) bit buffer left once the top bit
// is set: UB that UBSan reports as "left shift of negative value" in stbiw__jpg_writeBits
// for ordinary images. It is stb's code (Debian's libstb-dev, v1.16) and every compiler we
// use gives the two's-complement result stb expects, so that one check, and nothing else,
// is off for stb's functions only; our code around them stays checked.
#if defined(__clang__)
#pragma clang attribute push(__attribute__((no_sanitize("shift-base"))), apply_to = function)
#endif
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC
#define STBI_WRITE_NO_STDIO
#include <stb/stb_image_write.h>
#if defined(__clang__)
#pragma clang attribute pop
#endif
#pragma GCC diagnostic pop

namespace iiv::specimens {
namespace {

void check_image(const Image& image) {
  if (image.width <= 0 || image.height <= 0) throw std::invalid_argument("specimens: cannot encode an empty image");
  if (image.rgb.size() != static_cast<std::size_t>(image.width) * image.height * 3)
    throw std::invalid_argument("specimens: pixel buffer does not match width x height x 3");
}

void append_bytes(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<std::uint8_t>*>(context);
  const auto* bytes = static_cast<const std::uint8_t*>(data);
  out->insert(out->end(), bytes, bytes + size);
}

}  // namespace

std::vector<std::uint8_t> encode_jpeg(const Image& image, int quality) {
  check_image(image);
  std::vector<std::uint8_t> out;
  out.reserve(static_cast<std::size_t>(image.width) * image.height / 4);
  const int clamped = quality < 1 ? 1 : (quality > 100 ? 100 : quality);
  if (!stbi_write_jpg_to_func(append_bytes, &out, image.width, image.height, 3, image.rgb.data(), clamped))
    throw std::runtime_error("specimens: JPEG encoding failed");
  return out;
}

std::vector<std::uint8_t> encode_png(const Image& image) {
  check_image(image);
  std::vector<std::uint8_t> out;
  if (!stbi_write_png_to_func(append_bytes, &out, image.width, image.height, 3, image.rgb.data(), image.width * 3))
    throw std::runtime_error("specimens: PNG encoding failed");
  return out;
}

}  // namespace iiv::specimens
