#include "core/image_header.hpp"

#include <random>

#include <gtest/gtest.h>

#include "support/image_bytes.hpp"

namespace iiv {
namespace {

using test::Bytes;

SniffResult sniff(const Bytes& bytes, bool isComplete = true, std::uint64_t maxPixels = kDefaultMaxPixels) {
  return sniffImageHeader(bytes.data(), bytes.size(), isComplete, maxPixels);
}

void expectImage(const SniffResult& result, ImageFormat format, std::uint32_t width, std::uint32_t height) {
  ASSERT_FALSE(result.failure.has_value()) << errorCodeName(result.failure->code) << ": " << result.failure->message;
  ASSERT_TRUE(result.header.has_value());
  EXPECT_EQ(imageFormatName(result.header->format), imageFormatName(format));
  EXPECT_EQ(result.header->width, width);
  EXPECT_EQ(result.header->height, height);
}

void expectRefused(const SniffResult& result, ErrorCode code, std::string_view mentions = "") {
  ASSERT_TRUE(result.failure.has_value()) << "accepted, expected " << errorCodeName(code);
  EXPECT_FALSE(result.header.has_value());
  EXPECT_EQ(errorCodeName(result.failure->code), errorCodeName(code)) << result.failure->message;
  EXPECT_NE(result.failure->message.find(mentions), std::string::npos) << result.failure->message;
}

// Feeds a growing prefix the way the fetch loop does, honouring bytesNeeded; returns
// the final result and how many calls it took.
std::pair<SniffResult, int> sniffStreaming(const Bytes& bytes) {
  std::size_t have = 0;
  for (int calls = 1;; ++calls) {
    const bool complete = have >= bytes.size();
    SniffResult result = sniffImageHeader(bytes.data(), std::min(have, bytes.size()), complete);
    if (!result.failure || result.failure->code != ErrorCode::NeedMoreBytes) return {result, calls};
    EXPECT_GT(result.bytesNeeded, have) << "no progress at " << have;
    have = std::max(have + 1, result.bytesNeeded);
  }
}

TEST(ImageHeader, ReadsARealPngEncode) {
  const Bytes png = test::encodePng(37, 23);
  expectImage(sniff(png), ImageFormat::Png, 37, 23);
  expectImage(sniff(test::prefix(png, 24), false), ImageFormat::Png, 37, 23);
}

TEST(ImageHeader, ReadsARealJpegEncode) {
  const Bytes jpeg = test::encodeJpeg(64, 48);
  expectImage(sniff(jpeg), ImageFormat::Jpeg, 64, 48);
  const Bytes odd = test::encodeJpeg(17, 301);
  expectImage(sniff(odd), ImageFormat::Jpeg, 17, 301);
}

TEST(ImageHeader, RealEncodesAreRecognisedFromTheirHeaderAlone) {
  for (const Bytes& bytes : {test::encodeJpeg(120, 80), test::encodePng(120, 80)}) {
    const auto [result, calls] = sniffStreaming(bytes);
    ASSERT_FALSE(result.failure.has_value()) << result.failure->message;
    EXPECT_EQ(result.header->width, 120u);
    EXPECT_EQ(result.header->height, 80u);
    EXPECT_LE(calls, 12) << "bytesNeeded should lead to the header in a few steps";
  }
}

TEST(ImageHeader, ReadsEveryJpegFrameType) {
  for (std::uint8_t marker : {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}) {
    expectImage(sniff(test::jpegHeader(3000, 2000, marker)), ImageFormat::Jpeg, 3000, 2000);
  }
}

TEST(ImageHeader, DoesNotMistakeJpegTablesForAFrame) {
  // DHT (C4), JPG (C8) and DAC (CC) sit in the SOF range but carry no dimensions.
  for (std::uint8_t marker : {0xC4, 0xC8, 0xCC}) {
    Bytes bytes = test::jpegHeader(640, 480);
    Bytes table = {0xFF, marker, 0x00, 0x07, 0x00, 0x10, 0x00, 0x10, 0x00};
    bytes.insert(bytes.begin() + 2, table.begin(), table.end());
    expectImage(sniff(bytes), ImageFormat::Jpeg, 640, 480);
  }
}

TEST(ImageHeader, SkipsExifAndOtherAppSegments) {
  const Bytes withExif = test::withExifSegment(test::encodeJpeg(90, 60), 60000);
  expectImage(sniff(withExif), ImageFormat::Jpeg, 90, 60);
  const Bytes twice = test::withExifSegment(withExif, 100);
  expectImage(sniff(twice), ImageFormat::Jpeg, 90, 60);
}

TEST(ImageHeader, AsksForTheBytesPastALargeExifSegment) {
  const Bytes withExif = test::withExifSegment(test::jpegHeader(640, 480), 60000);
  const SniffResult first = sniff(test::prefix(withExif, 100), false);
  expectRefused(first, ErrorCode::NeedMoreBytes);
  // The segment runs from byte 2 for 2 + 2 + 6 + 60000 bytes; then come the next
  // marker and its length field.
  EXPECT_EQ(first.bytesNeeded, 2u + 2 + 2 + 6 + 60000 + 4);
  const auto [result, calls] = sniffStreaming(withExif);
  expectImage(result, ImageFormat::Jpeg, 640, 480);
  // signature, then one step per segment (EXIF, APP0, DQT) and two for the frame header.
  EXPECT_LE(calls, 7);
}

TEST(ImageHeader, SkipsFillBytesBeforeAMarker) {
  expectImage(sniff(test::withFillBytesBeforeFrame(test::jpegHeader(800, 600), 7)), ImageFormat::Jpeg, 800, 600);
  expectImage(sniff(test::withFillBytesBeforeFrame(test::encodeJpeg(33, 44), 1)), ImageFormat::Jpeg, 33, 44);
}

TEST(ImageHeader, SkipsStandaloneMarkers) {
  Bytes bytes = test::jpegHeader(10, 20);
  const Bytes restartAndTem = {0xFF, 0xD0, 0xFF, 0x01};
  bytes.insert(bytes.begin() + 2, restartAndTem.begin(), restartAndTem.end());
  expectImage(sniff(bytes), ImageFormat::Jpeg, 10, 20);
}

TEST(ImageHeader, RefusesAJpegFrameWithZeroDimensions) {
  expectRefused(sniff(test::jpegHeader(0, 480)), ErrorCode::NotAnImage, "zero");
  expectRefused(sniff(test::jpegHeader(640, 0)), ErrorCode::NotAnImage, "zero");
}

TEST(ImageHeader, RefusesMalformedJpegStructure) {
  // Scan or end of image before any frame header.
  expectRefused(sniff(Bytes{0xFF, 0xD8, 0xFF, 0xD9}), ErrorCode::NotAnImage);
  expectRefused(sniff(Bytes{0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08}), ErrorCode::NotAnImage);
  // A byte that is not a marker where a marker must be.
  expectRefused(sniff(Bytes{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0x12, 0x34}), ErrorCode::NotAnImage);
  // A segment length below 2.
  expectRefused(sniff(Bytes{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01, 0x00}), ErrorCode::NotAnImage);
  // A frame header too short to hold dimensions.
  expectRefused(sniff(Bytes{0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x05, 0x08, 0x01, 0x00, 0x01, 0x00}), ErrorCode::NotAnImage);
  expectRefused(sniff(Bytes{0xFF, 0xD8, 0xFF, 0x00}), ErrorCode::NotAnImage);
}

TEST(ImageHeader, EveryShortJpegPrefixWaitsOrIsTruncated) {
  const Bytes jpeg = test::withExifSegment(test::encodeJpeg(50, 40), 300);
  const std::size_t headerEnd = test::jpegFrameDimensionsEnd(jpeg);
  for (std::size_t length = 1; length < headerEnd; ++length) {
    const Bytes cut = test::prefix(jpeg, length);
    const SniffResult partial = sniff(cut, false);
    expectRefused(partial, ErrorCode::NeedMoreBytes);
    EXPECT_GT(partial.bytesNeeded, length) << length;
    EXPECT_LE(partial.bytesNeeded, headerEnd) << length;
    expectRefused(sniff(cut, true), ErrorCode::TruncatedImage);
  }
  expectImage(sniff(test::prefix(jpeg, headerEnd), false), ImageFormat::Jpeg, 50, 40);
}

TEST(ImageHeader, EveryShortPngPrefixWaitsOrIsTruncated) {
  const Bytes png = test::encodePng(9, 7);
  for (std::size_t length = 1; length < 24; ++length) {
    const SniffResult partial = sniff(test::prefix(png, length), false);
    expectRefused(partial, ErrorCode::NeedMoreBytes);
    EXPECT_GT(partial.bytesNeeded, length);
    EXPECT_LE(partial.bytesNeeded, 24u);
    expectRefused(sniff(test::prefix(png, length), true), ErrorCode::TruncatedImage);
  }
  expectImage(sniff(test::prefix(png, 24), false), ImageFormat::Png, 9, 7);
}

TEST(ImageHeader, RefusesPixelBombsBeforeDecoding) {
  expectRefused(sniff(test::pngHeader(100000, 100000)), ErrorCode::TooManyPixels, "100000x100000");
  expectRefused(sniff(test::jpegHeader(65535, 65535)), ErrorCode::TooManyPixels);
  expectRefused(sniff(test::webpVp8X(16384, 16384)), ErrorCode::TooManyPixels);
  // 2^32-1 squared must not overflow into a small number.
  expectRefused(sniff(test::pngHeader(0x7FFFFFFF, 0x7FFFFFFF)), ErrorCode::TooManyPixels);
}

TEST(ImageHeader, PixelLimitIsInclusiveAndConfigurable) {
  expectImage(sniff(test::pngHeader(100, 100), true, 10000), ImageFormat::Png, 100, 100);
  expectRefused(sniff(test::pngHeader(100, 101), true, 10000), ErrorCode::TooManyPixels, "10000");
  expectImage(sniff(test::pngHeader(5000, 10000)), ImageFormat::Png, 5000, 10000);  // exactly 50 MP
  expectRefused(sniff(test::pngHeader(5000, 10001)), ErrorCode::TooManyPixels);
}

TEST(ImageHeader, RefusesInvalidPngHeaders) {
  expectRefused(sniff(test::pngHeader(0, 10)), ErrorCode::NotAnImage);
  expectRefused(sniff(test::pngHeader(10, 0)), ErrorCode::NotAnImage);
  expectRefused(sniff(test::pngHeader(0x80000000u, 1)), ErrorCode::NotAnImage);
  Bytes notIhdr = test::pngHeader(10, 10);
  notIhdr[12] = 'g';  // "gHDR"
  expectRefused(sniff(notIhdr), ErrorCode::NotAnImage, "IHDR");
  Bytes wrongLength = test::pngHeader(10, 10);
  wrongLength[11] = 14;
  expectRefused(sniff(wrongLength), ErrorCode::NotAnImage, "IHDR");
}

TEST(ImageHeader, ReadsWebpLossyLosslessAndExtended) {
  expectImage(sniff(test::webpVp8(640, 480)), ImageFormat::Webp, 640, 480);
  expectImage(sniff(test::webpVp8(16383, 1)), ImageFormat::Webp, 16383, 1);
  expectImage(sniff(test::webpVp8L(1, 1)), ImageFormat::Webp, 1, 1);
  expectImage(sniff(test::webpVp8L(16384, 3)), ImageFormat::Webp, 16384, 3);
  expectImage(sniff(test::webpVp8X(3000, 2000)), ImageFormat::Webp, 3000, 2000);
}

TEST(ImageHeader, RefusesMalformedWebp) {
  Bytes notKeyFrame = test::webpVp8(10, 10);
  notKeyFrame[20] |= 0x01;
  expectRefused(sniff(notKeyFrame), ErrorCode::NotAnImage, "key frame");
  Bytes noStartCode = test::webpVp8(10, 10);
  noStartCode[23] = 0x00;
  expectRefused(sniff(noStartCode), ErrorCode::NotAnImage, "start code");
  Bytes noSignature = test::webpVp8L(10, 10);
  noSignature[20] = 0x2E;
  expectRefused(sniff(noSignature), ErrorCode::NotAnImage);
  Bytes otherChunk = test::webpVp8X(10, 10);
  otherChunk[12] = 'A';  // "AP8X"
  expectRefused(sniff(otherChunk), ErrorCode::NotAnImage);
  expectRefused(sniff(test::webpVp8(0, 10)), ErrorCode::NotAnImage, "zero");
}

TEST(ImageHeader, EveryShortWebpPrefixWaitsOrIsTruncated) {
  for (const Bytes& webp : {test::webpVp8(70, 50), test::webpVp8L(70, 50), test::webpVp8X(70, 50)}) {
    const auto [result, calls] = sniffStreaming(webp);
    expectImage(result, ImageFormat::Webp, 70, 50);
    EXPECT_LE(calls, 4);
    for (std::size_t length = 1; length < 25; ++length) {
      const SniffResult complete = sniff(test::prefix(webp, length), true);
      if (complete.header) continue;  // VP8L needs only 25 bytes
      expectRefused(complete, ErrorCode::TruncatedImage);
    }
  }
}

TEST(ImageHeader, RefusesWhatIsNotAnImage) {
  expectRefused(sniff(test::fromText("<!DOCTYPE html><html><body>Not found</body></html>")), ErrorCode::NotAnImage,
                "HTML");
  expectRefused(sniff(test::fromText("\r\n  <html>")), ErrorCode::NotAnImage, "HTML");
  expectRefused(sniff(test::fromText("{\"error\":{\"type\":\"invalid_request_error\"}}")), ErrorCode::NotAnImage,
                "JSON");
  expectRefused(sniff(test::fromText("GIF89a\x01\x00\x01\x00")), ErrorCode::NotAnImage, "GIF");
  expectRefused(sniff(Bytes{'R', 'I', 'F', 'F', 0x24, 0, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't', ' '}),
                ErrorCode::NotAnImage);
  expectRefused(sniff(Bytes{'B', 'M', '6', 0, 0, 0}), ErrorCode::NotAnImage);
  expectRefused(sniff(Bytes{}), ErrorCode::NotAnImage, "empty");
  // A bad signature is known as soon as the first byte disagrees, even mid-download.
  expectRefused(sniff(test::fromText("<"), false), ErrorCode::NotAnImage);
  expectRefused(sniff(Bytes{0x89, 'P', 'N', 'X'}, false), ErrorCode::NotAnImage);
}

TEST(ImageHeader, AnEmptyPrefixMidDownloadWaitsForTheLongestSignature) {
  const SniffResult result = sniff(Bytes{}, false);
  expectRefused(result, ErrorCode::NeedMoreBytes);
  EXPECT_EQ(result.bytesNeeded, 12u);
  EXPECT_EQ(sniff(Bytes{0xFF}, false).bytesNeeded, 3u);
  EXPECT_EQ(sniff(Bytes{0x89, 'P'}, false).bytesNeeded, 8u);
}

// Random damage to real files: every answer is well-formed, a prefix never contradicts
// the whole file, and need_more_bytes always asks for more than it was given.
TEST(ImageHeader, DamagedFilesGetConsistentAnswers) {
  std::mt19937 random(20251125);  // fixed seed: reproducible
  const std::vector<Bytes> originals = {
      test::encodeJpeg(40, 30), test::encodePng(40, 30), test::withExifSegment(test::jpegHeader(300, 200), 200),
      test::webpVp8(64, 48),    test::webpVp8L(64, 48),  test::webpVp8X(64, 48)};
  for (int round = 0; round < 20000; ++round) {
    Bytes bytes = originals[static_cast<std::size_t>(round) % originals.size()];
    bytes.resize(std::min<std::size_t>(bytes.size(), 96 + random() % 64));
    const int damage = 1 + static_cast<int>(random() % 4);
    for (int i = 0; i < damage; ++i) bytes[random() % bytes.size()] = static_cast<std::uint8_t>(random());

    const SniffResult whole = sniff(bytes, true);
    ASSERT_NE(whole.header.has_value(), whole.failure.has_value());
    if (whole.failure) {
      EXPECT_NE(whole.failure->code, ErrorCode::NeedMoreBytes);
    }

    const std::size_t cut = random() % (bytes.size() + 1);
    const SniffResult partial = sniff(test::prefix(bytes, cut), false);
    ASSERT_NE(partial.header.has_value(), partial.failure.has_value());
    if (partial.header) {
      ASSERT_TRUE(whole.header.has_value()) << "a prefix was accepted but the whole file was not";
      EXPECT_EQ(partial.header->width, whole.header->width);
      EXPECT_EQ(partial.header->height, whole.header->height);
    } else if (partial.failure->code == ErrorCode::NeedMoreBytes) {
      EXPECT_GT(partial.bytesNeeded, cut);
    } else {
      EXPECT_EQ(partial.failure->code, whole.failure ? whole.failure->code : ErrorCode::NeedMoreBytes)
          << "a refusal from a prefix must stand for the whole file";
    }
  }
}

TEST(ImageHeader, ANullPointerIsAnEmptyFile) {
  expectRefused(sniffImageHeader(nullptr, 10, true), ErrorCode::NotAnImage, "empty");
}

}  // namespace
}  // namespace iiv
