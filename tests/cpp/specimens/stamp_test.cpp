#include <gtest/gtest.h>

#include "decode_for_test.hpp"
#include "specimens/raster.hpp"
#include "specimens/render_stages.hpp"
#include "specimens/stamp.hpp"

namespace iiv::specimens {
namespace {

TEST(SpecimenStamp, ChangesThePixelsAcrossTheMiddle) {
  for (Kind kind : all_kinds()) {
    const SpecimenSpec spec{kind, "ERIKA SPECIMEN", "X1234567", "DE", 5, 0, 0};
    const Image plain = render_unstamped(spec);
    const Image stamped = render(spec);
    const int w = plain.width, h = plain.height;
    const long in_middle = testing::count_changed_pixels(plain, stamped, w * 2 / 5, h * 2 / 5, w * 3 / 5, h * 3 / 5);
    const long middle_area = static_cast<long>(w / 5) * (h / 5);
    EXPECT_GT(in_middle, middle_area / 5) << kind_name(kind);
  }
}

TEST(SpecimenStamp, LeavesTheCornersOffTheDiagonalAlone) {
  const SpecimenSpec spec{Kind::passport, "ERIKA SPECIMEN", "X1234567", "DE", 5, 0, 0};
  const Image plain = render_unstamped(spec);
  const Image stamped = render(spec);
  const int w = plain.width, h = plain.height;
  // The stamp runs from bottom-left to top-right: top-left and bottom-right stay clean.
  EXPECT_EQ(testing::count_changed_pixels(plain, stamped, 0, 0, w / 10, h / 10), 0);
  EXPECT_EQ(testing::count_changed_pixels(plain, stamped, w * 9 / 10, h * 9 / 10, w, h), 0);
  EXPECT_GT(testing::count_changed_pixels(plain, stamped, 0, 0, w, h), static_cast<long>(w) * h / 20);
}

TEST(SpecimenStamp, TintsRed) {
  Image grey{400, 300, std::vector<std::uint8_t>(400 * 300 * 3, 128)};
  Raster raster(grey);
  stamp_specimen(raster);
  long reddened = 0;
  for (std::size_t i = 0; i < grey.rgb.size(); i += 3) {
    if (grey.rgb[i] > 128 && grey.rgb[i + 1] < 128 && grey.rgb[i + 2] < 128) ++reddened;
  }
  EXPECT_GT(reddened, 400L * 300 / 20);
}

TEST(SpecimenStamp, SurvivesDegenerateSizes) {
  for (auto [w, h] : {std::pair{1, 1}, std::pair{1, 500}, std::pair{700, 2}}) {
    Image image{w, h, std::vector<std::uint8_t>(static_cast<std::size_t>(w) * h * 3, 200)};
    Raster raster(image);
    stamp_specimen(raster);
    EXPECT_EQ(image.rgb.size(), static_cast<std::size_t>(w) * h * 3);
  }
}

}  // namespace
}  // namespace iiv::specimens
