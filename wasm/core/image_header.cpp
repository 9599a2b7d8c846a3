#include "core/image_header.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "core/decimal_text.hpp"

namespace iiv {
namespace {

constexpr std::array<std::uint8_t, 3> kJpegSignature = {0xFF, 0xD8, 0xFF};
constexpr std::array<std::uint8_t, 8> kPngSignature = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
constexpr std::size_t kWebpSignatureLength = 12;  // "RIFF" <size> "WEBP"

// A read-only window over the prefix that reports how far a read would need to go.
class ByteReader {
 public:
  ByteReader(const std::uint8_t* data, std::size_t length) : data_(data), length_(length) {}
  bool has(std::size_t offset, std::size_t count) const { return offset <= length_ && count <= length_ - offset; }
  std::uint8_t u8(std::size_t offset) const { return data_[offset]; }
  std::uint32_t u16be(std::size_t offset) const {
    return static_cast<std::uint32_t>(data_[offset] << 8 | data_[offset + 1]);
  }
  std::uint32_t u16le(std::size_t offset) const {
    return static_cast<std::uint32_t>(data_[offset] | data_[offset + 1] << 8);
  }
  std::uint32_t u24le(std::size_t offset) const {
    return u16le(offset) | static_cast<std::uint32_t>(data_[offset + 2]) << 16;
  }
  std::uint32_t u32be(std::size_t offset) const { return u16be(offset) << 16 | u16be(offset + 2); }
  std::uint32_t u32le(std::size_t offset) const { return u16le(offset) | u16le(offset + 2) << 16; }
  bool matches(std::size_t offset, std::string_view text) const {
    if (!has(offset, text.size())) return false;
    return std::equal(text.begin(), text.end(), data_ + offset,
                      [](char a, std::uint8_t b) { return static_cast<std::uint8_t>(a) == b; });
  }
  std::size_t length() const { return length_; }

 private:
  const std::uint8_t* data_;
  std::size_t length_;
};

SniffResult refuse(ErrorCode code, std::string message) {
  SniffResult result;
  result.failure = fail(code, std::move(message));
  return result;
}

// The header continues past the bytes we have: wait for more, or call it truncated.
SniffResult shortHeader(ImageFormat format, std::size_t bytesNeeded, bool isComplete) {
  const std::string name(imageFormatName(format));
  if (isComplete) {
    return refuse(ErrorCode::TruncatedImage, "the " + name + " file ends inside its header");
  }
  SniffResult result =
      refuse(ErrorCode::NeedMoreBytes, "the " + name + " header needs at least " + decimalText(bytesNeeded) + " bytes");
  result.bytesNeeded = bytesNeeded;
  return result;
}

SniffResult accept(ImageFormat format, std::uint32_t width, std::uint32_t height, std::uint64_t maxPixels) {
  const std::string name(imageFormatName(format));
  if (width == 0 || height == 0) {
    return refuse(ErrorCode::NotAnImage, "the " + name + " header declares a zero width or height");
  }
  const std::uint64_t pixels = static_cast<std::uint64_t>(width) * height;
  if (pixels > maxPixels) {
    return refuse(ErrorCode::TooManyPixels, "the " + name + " image is " + decimalText(width) + "x" +
                                                decimalText(height) + ", more than " + decimalText(maxPixels) +
                                                " pixels");
  }
  SniffResult result;
  result.header = ImageHeader{format, width, height};
  return result;
}

bool isJpegFrameMarker(std::uint8_t marker) {
  // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

bool isJpegStandaloneMarker(std::uint8_t marker) {
  return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);  // TEM, RSTn: no length
}

SniffResult sniffJpeg(const ByteReader& in, bool isComplete, std::uint64_t maxPixels) {
  std::size_t offset = 2;  // after SOI
  for (;;) {
    // When short, ask for the marker and its length field together: nearly every
    // marker has one, and it saves the caller a round trip per segment.
    if (!in.has(offset, 1)) return shortHeader(ImageFormat::Jpeg, offset + 4, isComplete);
    if (in.u8(offset) != 0xFF) {
      return refuse(ErrorCode::NotAnImage, "the JPEG has no marker at byte " + decimalText(offset));
    }
    // Any number of 0xFF fill bytes may precede a marker.
    std::size_t markerAt = offset + 1;
    while (in.has(markerAt, 1) && in.u8(markerAt) == 0xFF) ++markerAt;
    if (!in.has(markerAt, 1)) return shortHeader(ImageFormat::Jpeg, markerAt + 3, isComplete);
    const std::uint8_t marker = in.u8(markerAt);
    if (marker == 0x00) {
      return refuse(ErrorCode::NotAnImage, "the JPEG has a stray 0xFF00 at byte " + decimalText(offset));
    }
    if (isJpegStandaloneMarker(marker)) {
      offset = markerAt + 1;
      continue;
    }
    if (marker == 0xD8 || marker == 0xD9 || marker == 0xDA) {
      return refuse(ErrorCode::NotAnImage, "the JPEG reaches a scan or its end before its frame header");
    }
    const std::size_t lengthAt = markerAt + 1;
    if (!in.has(lengthAt, 2)) return shortHeader(ImageFormat::Jpeg, lengthAt + 2, isComplete);
    const std::uint32_t segmentLength = in.u16be(lengthAt);  // counts its own two bytes
    if (segmentLength < 2) {
      return refuse(ErrorCode::NotAnImage, "the JPEG has a segment shorter than its length field");
    }
    if (isJpegFrameMarker(marker)) {
      // precision(1) height(2) width(2) components(1)
      if (segmentLength < 8) return refuse(ErrorCode::NotAnImage, "the JPEG frame header is too short");
      const std::size_t fieldsAt = lengthAt + 2;
      if (!in.has(fieldsAt, 5)) return shortHeader(ImageFormat::Jpeg, fieldsAt + 5, isComplete);
      return accept(ImageFormat::Jpeg, in.u16be(fieldsAt + 3), in.u16be(fieldsAt + 1), maxPixels);
    }
    offset = lengthAt + segmentLength;  // skip APPn/EXIF, tables, comments
  }
}

SniffResult sniffPng(const ByteReader& in, bool isComplete, std::uint64_t maxPixels) {
  // signature(8) length(4) "IHDR"(4) width(4) height(4)
  constexpr std::size_t kIhdrEnd = 24;
  if (!in.has(0, kIhdrEnd)) return shortHeader(ImageFormat::Png, kIhdrEnd, isComplete);
  if (in.u32be(8) != 13 || !in.matches(12, "IHDR")) {
    return refuse(ErrorCode::NotAnImage, "the PNG does not start with an IHDR chunk");
  }
  const std::uint32_t width = in.u32be(16);
  const std::uint32_t height = in.u32be(20);
  constexpr std::uint32_t kPngMaxDimension = 0x7FFFFFFF;
  if (width > kPngMaxDimension || height > kPngMaxDimension) {
    return refuse(ErrorCode::NotAnImage, "the PNG IHDR declares an invalid size");
  }
  return accept(ImageFormat::Png, width, height, maxPixels);
}

SniffResult sniffWebp(const ByteReader& in, bool isComplete, std::uint64_t maxPixels) {
  constexpr std::size_t kChunkHeaderEnd = 20;  // "RIFF" size "WEBP" fourcc size
  constexpr std::size_t kPayload = kChunkHeaderEnd;
  if (!in.has(0, kChunkHeaderEnd)) return shortHeader(ImageFormat::Webp, kChunkHeaderEnd, isComplete);
  if (in.matches(12, "VP8 ")) {
    // frame tag(3) start code 9D 01 2A(3) width(2, 14 bits) height(2, 14 bits)
    if (!in.has(kPayload, 10)) return shortHeader(ImageFormat::Webp, kPayload + 10, isComplete);
    if ((in.u8(kPayload) & 0x01) != 0) return refuse(ErrorCode::NotAnImage, "the WebP VP8 frame is not a key frame");
    if (in.u8(kPayload + 3) != 0x9D || in.u8(kPayload + 4) != 0x01 || in.u8(kPayload + 5) != 0x2A) {
      return refuse(ErrorCode::NotAnImage, "the WebP VP8 frame has no start code");
    }
    return accept(ImageFormat::Webp, in.u16le(kPayload + 6) & 0x3FFF, in.u16le(kPayload + 8) & 0x3FFF, maxPixels);
  }
  if (in.matches(12, "VP8L")) {
    // signature 0x2F, then 14 bits width-1 and 14 bits height-1, little-endian
    if (!in.has(kPayload, 5)) return shortHeader(ImageFormat::Webp, kPayload + 5, isComplete);
    if (in.u8(kPayload) != 0x2F) return refuse(ErrorCode::NotAnImage, "the WebP VP8L chunk has no signature");
    const std::uint32_t bits = in.u32le(kPayload + 1);
    return accept(ImageFormat::Webp, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, maxPixels);
  }
  if (in.matches(12, "VP8X")) {
    // flags(1) reserved(3) canvas width-1 (24 bits) canvas height-1 (24 bits)
    if (!in.has(kPayload, 10)) return shortHeader(ImageFormat::Webp, kPayload + 10, isComplete);
    return accept(ImageFormat::Webp, in.u24le(kPayload + 4) + 1, in.u24le(kPayload + 7) + 1, maxPixels);
  }
  return refuse(ErrorCode::NotAnImage, "the WebP's first chunk is not VP8, VP8L or VP8X");
}

template <std::size_t N>
bool prefixAgrees(const ByteReader& in, const std::array<std::uint8_t, N>& signature) {
  const std::size_t n = std::min(in.length(), N);
  for (std::size_t i = 0; i < n; ++i) {
    if (in.u8(i) != signature[i]) return false;
  }
  return true;
}

bool webpPrefixAgrees(const ByteReader& in) {
  for (std::size_t i = 0; i < std::min<std::size_t>(in.length(), 4); ++i) {
    if (in.u8(i) != static_cast<std::uint8_t>("RIFF"[i])) return false;
  }
  for (std::size_t i = 8; i < std::min(in.length(), kWebpSignatureLength); ++i) {
    if (in.u8(i) != static_cast<std::uint8_t>("WEBP"[i - 8])) return false;
  }
  return true;
}

std::string describeUnknown(const ByteReader& in) {
  if (in.length() == 0) return "the file is empty";
  if (in.matches(0, "GIF8")) return "GIF images are not accepted (only JPEG, PNG, WebP)";
  std::size_t i = 0;
  while (i < in.length() && i < 64 &&
         (in.u8(i) == ' ' || in.u8(i) == '\t' || in.u8(i) == '\r' || in.u8(i) == '\n' || in.u8(i) == 0xEF ||
          in.u8(i) == 0xBB || in.u8(i) == 0xBF)) {
    ++i;
  }
  if (i < in.length() && in.u8(i) == '<') return "the file looks like HTML or XML, not an image";
  if (i < in.length() && in.u8(i) == '{') return "the file looks like JSON, not an image";
  return "the file does not start like a JPEG, PNG or WebP image";
}

}  // namespace

SniffResult sniffImageHeader(const std::uint8_t* prefix, std::size_t length, bool isComplete, std::uint64_t maxPixels) {
  if (prefix == nullptr) length = 0;
  const ByteReader in(prefix, length);

  const bool maybeJpeg = prefixAgrees(in, kJpegSignature);
  const bool maybePng = prefixAgrees(in, kPngSignature);
  const bool maybeWebp = webpPrefixAgrees(in);

  if (maybeJpeg && length >= kJpegSignature.size()) return sniffJpeg(in, isComplete, maxPixels);
  if (maybePng && length >= kPngSignature.size()) return sniffPng(in, isComplete, maxPixels);
  if (maybeWebp && length >= kWebpSignatureLength) return sniffWebp(in, isComplete, maxPixels);

  const bool stillPossible = maybeJpeg || maybePng || maybeWebp;
  if (!stillPossible || (isComplete && length == 0)) {
    return refuse(ErrorCode::NotAnImage, describeUnknown(in));
  }
  if (isComplete) return refuse(ErrorCode::TruncatedImage, "the file ends inside its signature");
  SniffResult result = refuse(ErrorCode::NeedMoreBytes, "more bytes are needed to recognise the file");
  result.bytesNeeded = maybeWebp ? kWebpSignatureLength : maybePng ? kPngSignature.size() : kJpegSignature.size();
  return result;
}

}  // namespace iiv
