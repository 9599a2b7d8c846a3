#pragma once
// Image bytes made by the tests themselves: real encodes of a synthetic gradient
// (stb_image_write) and hand-assembled headers for the cases encoders never write.
#include <cstdint>
#include <string_view>
#include <vector>

namespace iiv::test {

using Bytes = std::vector<std::uint8_t>;

Bytes encodePng(int width, int height);
Bytes encodeJpeg(int width, int height);

// SOI, optional APPn segments, then a frame header with `sofMarker` (0xC0, 0xC2, ...).
Bytes jpegHeader(std::uint16_t width, std::uint16_t height, std::uint8_t sofMarker = 0xC0);
// An APP1 "Exif" segment with `payloadSize` bytes of payload inserted right after SOI.
Bytes withExifSegment(const Bytes& jpeg, std::size_t payloadSize);
// `count` 0xFF fill bytes inserted before the first frame (SOFn) marker.
Bytes withFillBytesBeforeFrame(const Bytes& jpeg, std::size_t count);
// Offset just past the SOFn height and width fields of a JPEG.
std::size_t jpegFrameDimensionsEnd(const Bytes& jpeg);

Bytes pngHeader(std::uint32_t width, std::uint32_t height);

Bytes webpVp8(std::uint16_t width, std::uint16_t height);
Bytes webpVp8L(std::uint32_t width, std::uint32_t height);
Bytes webpVp8X(std::uint32_t width, std::uint32_t height);

Bytes fromText(std::string_view text);
Bytes prefix(const Bytes& bytes, std::size_t length);

}  // namespace iiv::test
