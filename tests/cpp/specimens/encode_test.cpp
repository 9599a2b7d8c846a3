#include <gtest/gtest.h>

#include <stdexcept>

#include "decode_for_test.hpp"
#include "specimens/specimens.hpp"

namespace iiv::specimens {
namespace {

Image sample(int width, int height, Kind kind = Kind::id_card_front) {
  return render(SpecimenSpec{kind, "ERIKA SPECIMEN", "X1234567", "DE", 3, width, height});
}

TEST(SpecimenEncode, JpegHasMagicAndDecodesToTheSameSize) {
  const Image image = sample(0, 0);
  const std::vector<std::uint8_t> jpeg = encode_jpeg(image);
  ASSERT_GT(jpeg.size(), 4u);
  EXPECT_EQ(jpeg[0], 0xFF);
  EXPECT_EQ(jpeg[1], 0xD8);
  EXPECT_EQ(jpeg[2], 0xFF);
  EXPECT_EQ(jpeg[jpeg.size() - 2], 0xFF);
  EXPECT_EQ(jpeg[jpeg.size() - 1], 0xD9);
  const Image decoded = testing::decode(jpeg);
  EXPECT_EQ(decoded.width, image.width);
  EXPECT_EQ(decoded.height, image.height);
  // Lossy, but close to what was drawn.
  EXPECT_LT(testing::mean_abs_difference(decoded, image), 6.0);
}

TEST(SpecimenEncode, PngHasSignatureAndIsLossless) {
  const Image image = sample(0, 0, Kind::id_card_back);
  const std::vector<std::uint8_t> png = encode_png(image);
  const std::vector<std::uint8_t> signature{0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  ASSERT_GT(png.size(), signature.size());
  EXPECT_TRUE(std::equal(signature.begin(), signature.end(), png.begin()));
  const Image decoded = testing::decode(png);
  EXPECT_EQ(decoded.width, image.width);
  EXPECT_EQ(decoded.height, image.height);
  EXPECT_EQ(decoded.rgb, image.rgb);
}

TEST(SpecimenEncode, LowerQualityMakesSmallerJpegs) {
  const Image image = sample(0, 0);
  EXPECT_LT(encode_jpeg(image, 40).size(), encode_jpeg(image, 95).size());
}

TEST(SpecimenEncode, OddSizesEncodeAndDecode) {
  const int sizes[][2] = {{1, 1}, {3, 5}, {17, 1}, {1, 17}, {1001, 333}, {99, 777}};
  for (const auto& size : sizes) {
    const Image image = sample(size[0], size[1]);
    const Image from_jpeg = testing::decode(encode_jpeg(image));
    EXPECT_EQ(from_jpeg.width, size[0]);
    EXPECT_EQ(from_jpeg.height, size[1]);
    const Image from_png = testing::decode(encode_png(image));
    EXPECT_EQ(from_png.rgb, image.rgb) << size[0] << "x" << size[1];
  }
}

TEST(SpecimenEncode, QualityOutOfRangeIsClamped) {
  const Image image = sample(64, 40);
  EXPECT_EQ(testing::decode(encode_jpeg(image, 0)).width, 64);
  EXPECT_EQ(testing::decode(encode_jpeg(image, 500)).width, 64);
}

TEST(SpecimenEncode, EmptyOrInconsistentImagesAreRefused) {
  EXPECT_THROW(encode_jpeg(Image{}), std::invalid_argument);
  EXPECT_THROW(encode_png(Image{}), std::invalid_argument);
  const Image short_buffer{4, 4, std::vector<std::uint8_t>(10, 0)};
  EXPECT_THROW(encode_jpeg(short_buffer), std::invalid_argument);
  EXPECT_THROW(encode_png(short_buffer), std::invalid_argument);
}

}  // namespace
}  // namespace iiv::specimens
