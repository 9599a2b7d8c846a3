#include <gtest/gtest.h>

#include "specimens/raster.hpp"
#include "specimens/text.hpp"

namespace iiv::specimens {
namespace {

TEST(SpecimenText, WidthGrowsWithTextAndSize) {
  const TextStyle small{10, 1, 0};
  const TextStyle large{20, 1, 0};
  EXPECT_GT(text_width("SPECIMEN", small), text_width("SPEC", small));
  EXPECT_NEAR(text_width("SPECIMEN", large), 2 * text_width("SPECIMEN", small), 0.01);
  EXPECT_EQ(text_width("", small), 0.0f);
}

TEST(SpecimenText, DrawsInkWithinItsLineBox) {
  Image image{300, 80, std::vector<std::uint8_t>(300 * 80 * 3, 255)};
  Raster raster(image);
  const TextStyle style{21, 1.4f, 0};
  draw_text(raster, Point{10, 20}, "AB12", style, Rgb{0, 0, 0});
  const float right = 10 + text_width("AB12", style);
  long ink = 0;
  for (int y = 0; y < 80; ++y) {
    for (int x = 0; x < 300; ++x) {
      if (raster.get(x, y).r == 255) continue;
      ++ink;
      EXPECT_TRUE(x >= 10 && x <= right + 1 && y >= 20 && y <= 20 + text_line_height(style) + 2) << x << "," << y;
    }
  }
  EXPECT_GT(ink, 200);
}

TEST(SpecimenText, DifferentTextDifferentPixels) {
  auto draw = [](const char* s) {
    Image image{200, 40, std::vector<std::uint8_t>(200 * 40 * 3, 255)};
    Raster raster(image);
    draw_text(raster, Point{2, 5}, s, TextStyle{14, 1, 0}, Rgb{0, 0, 0});
    return image.rgb;
  };
  EXPECT_NE(draw("X1234567"), draw("X1234568"));
}

}  // namespace
}  // namespace iiv::specimens
