#include "support/image_bytes.hpp"

#include <algorithm>
#include <stdexcept>

// stb_image_write's JPEG writer shifts its (signed int) bit buffer left once the top bit
// is set: UB that UBSan reports as "left shift of negative value" in stbiw__jpg_writeBits
// for ordinary images. It is stb's code (Debian's libstb-dev, v1.16) and every compiler we
// use gives the two's-complement result stb expects, so that one check, and nothing else,
// is off for stb's functions only; our code around them stays checked.
#if defined(__clang__)
#pragma clang attribute push(__attribute__((no_sanitize("shift-base"))), apply_to = function)
#endif
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO
#include <stb/stb_image_write.h>
#if defined(__clang__)
#pragma clang attribute pop
#endif

namespace iiv::test {
namespace {

// A synthetic pattern (gradients), never a photo of anyone.
std::vector<std::uint8_t> gradientPixels(int width, int height) {
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(width) * height * 3);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const std::size_t at = (static_cast<std::size_t>(y) * width + x) * 3;
      pixels[at] = static_cast<std::uint8_t>(x * 255 / (width > 1 ? width - 1 : 1));
      pixels[at + 1] = static_cast<std::uint8_t>(y * 255 / (height > 1 ? height - 1 : 1));
      pixels[at + 2] = static_cast<std::uint8_t>((x ^ y) & 0xFF);
    }
  }
  return pixels;
}

void appendToBytes(void* context, void* data, int size) {
  auto* out = static_cast<Bytes*>(context);
  const auto* bytes = static_cast<const std::uint8_t*>(data);
  out->insert(out->end(), bytes, bytes + size);
}

void putU16be(Bytes& out, std::uint32_t value) {
  out.push_back(static_cast<std::uint8_t>(value >> 8));
  out.push_back(static_cast<std::uint8_t>(value));
}
void putU32be(Bytes& out, std::uint32_t value) {
  putU16be(out, value >> 16);
  putU16be(out, value & 0xFFFF);
}
void putU16le(Bytes& out, std::uint32_t value) {
  out.push_back(static_cast<std::uint8_t>(value));
  out.push_back(static_cast<std::uint8_t>(value >> 8));
}
void putU24le(Bytes& out, std::uint32_t value) {
  putU16le(out, value & 0xFFFF);
  out.push_back(static_cast<std::uint8_t>(value >> 16));
}
void putU32le(Bytes& out, std::uint32_t value) {
  putU16le(out, value & 0xFFFF);
  putU16le(out, value >> 16);
}
void putText(Bytes& out, std::string_view text) { out.insert(out.end(), text.begin(), text.end()); }

bool isFrameMarker(std::uint8_t marker) {
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

// Offset of the 0xFF that starts the first SOFn segment (the test inputs have no fill bytes).
std::size_t frameMarkerOffset(const Bytes& jpeg) {
  std::size_t offset = 2;
  while (offset + 4 <= jpeg.size()) {
    const std::uint8_t marker = jpeg[offset + 1];
    if (isFrameMarker(marker)) return offset;
    offset += 2 + (static_cast<std::size_t>(jpeg[offset + 2]) << 8 | jpeg[offset + 3]);
  }
  throw std::runtime_error("test JPEG has no frame header");
}

Bytes riffWebp(std::string_view fourcc, const Bytes& payload) {
  Bytes out;
  putText(out, "RIFF");
  putU32le(out, static_cast<std::uint32_t>(4 + 8 + payload.size()));
  putText(out, "WEBP");
  putText(out, fourcc);
  putU32le(out, static_cast<std::uint32_t>(payload.size()));
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

}  // namespace

Bytes encodePng(int width, int height) {
  Bytes out;
  const auto pixels = gradientPixels(width, height);
  if (!stbi_write_png_to_func(appendToBytes, &out, width, height, 3, pixels.data(), width * 3)) {
    throw std::runtime_error("stb could not encode PNG");
  }
  return out;
}

Bytes encodeJpeg(int width, int height) {
  Bytes out;
  const auto pixels = gradientPixels(width, height);
  if (!stbi_write_jpg_to_func(appendToBytes, &out, width, height, 3, pixels.data(), 90)) {
    throw std::runtime_error("stb could not encode JPEG");
  }
  return out;
}

Bytes jpegHeader(std::uint16_t width, std::uint16_t height, std::uint8_t sofMarker) {
  Bytes out = {0xFF, 0xD8};
  // APP0 JFIF
  out.insert(out.end(), {0xFF, 0xE0});
  putU16be(out, 16);
  putText(out, std::string_view("JFIF\0", 5));
  out.insert(out.end(), {1, 1, 0, 0, 1, 0, 1, 0, 0});
  // DQT with one 64-entry table
  out.insert(out.end(), {0xFF, 0xDB});
  putU16be(out, 67);
  out.push_back(0);
  out.insert(out.end(), 64, 1);
  // SOFn: precision, height, width, 1 component
  out.insert(out.end(), {0xFF, sofMarker});
  putU16be(out, 11);
  out.push_back(8);
  putU16be(out, height);
  putU16be(out, width);
  out.insert(out.end(), {1, 1, 0x11, 0});
  // SOS, a little scan data and EOI so the file looks whole
  out.insert(out.end(), {0xFF, 0xDA});
  putU16be(out, 8);
  out.insert(out.end(), {1, 1, 0, 0, 63, 0});
  out.insert(out.end(), {0x12, 0x34, 0xFF, 0xD9});
  return out;
}

Bytes withExifSegment(const Bytes& jpeg, std::size_t payloadSize) {
  Bytes segment = {0xFF, 0xE1};
  putU16be(segment, static_cast<std::uint32_t>(2 + 6 + payloadSize));
  putText(segment, std::string_view("Exif\0\0", 6));
  for (std::size_t i = 0; i < payloadSize; ++i) segment.push_back(static_cast<std::uint8_t>(i * 7));
  Bytes out = jpeg;
  out.insert(out.begin() + 2, segment.begin(), segment.end());
  return out;
}

Bytes withFillBytesBeforeFrame(const Bytes& jpeg, std::size_t count) {
  const std::size_t at = frameMarkerOffset(jpeg);
  Bytes out(jpeg.begin(), jpeg.begin() + static_cast<std::ptrdiff_t>(at));
  out.insert(out.end(), count, 0xFF);
  out.insert(out.end(), jpeg.begin() + static_cast<std::ptrdiff_t>(at), jpeg.end());
  return out;
}

std::size_t jpegFrameDimensionsEnd(const Bytes& jpeg) {
  // marker(2) length(2) precision(1) height(2) width(2)
  return frameMarkerOffset(jpeg) + 9;
}

Bytes pngHeader(std::uint32_t width, std::uint32_t height) {
  Bytes out = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  putU32be(out, 13);
  putText(out, "IHDR");
  putU32be(out, width);
  putU32be(out, height);
  out.insert(out.end(), {8, 2, 0, 0, 0});
  putU32be(out, 0);  // CRC: not checked by the sniffer
  return out;
}

Bytes webpVp8(std::uint16_t width, std::uint16_t height) {
  Bytes payload = {0x50, 0x12, 0x00, 0x9D, 0x01, 0x2A};  // key frame tag, start code
  putU16le(payload, width & 0x3FFF);
  putU16le(payload, height & 0x3FFF);
  payload.insert(payload.end(), 8, 0);
  return riffWebp("VP8 ", payload);
}

Bytes webpVp8L(std::uint32_t width, std::uint32_t height) {
  Bytes payload = {0x2F};
  putU32le(payload, ((width - 1) & 0x3FFF) | ((height - 1) & 0x3FFF) << 14);
  payload.insert(payload.end(), 7, 0);
  return riffWebp("VP8L", payload);
}

Bytes webpVp8X(std::uint32_t width, std::uint32_t height) {
  Bytes payload = {0x10, 0, 0, 0};
  putU24le(payload, width - 1);
  putU24le(payload, height - 1);
  return riffWebp("VP8X", payload);
}

Bytes fromText(std::string_view text) { return Bytes(text.begin(), text.end()); }

Bytes prefix(const Bytes& bytes, std::size_t length) {
  return Bytes(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(std::min(length, bytes.size())));
}

}  // namespace iiv::test
