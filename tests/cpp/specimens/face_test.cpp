#include <gtest/gtest.h>

#include <set>

#include "specimens/face.hpp"
#include "specimens/specimens.hpp"

namespace iiv::specimens {
namespace {

Image face_image(std::uint32_t seed) {
  Image image{120, 160, std::vector<std::uint8_t>(120 * 160 * 3, 0)};
  Raster raster(image);
  draw_face(raster, Box{0, 0, 120, 160}, face_params(seed));
  return image;
}

TEST(SpecimenFace, SameSeedSameFace) { EXPECT_EQ(face_image(42).rgb, face_image(42).rgb); }

TEST(SpecimenFace, DistinctSeedsGiveDistinctFaces) {
  std::set<std::vector<std::uint8_t>> faces;
  for (std::uint32_t seed = 1; seed <= 24; ++seed) faces.insert(face_image(seed).rgb);
  EXPECT_EQ(faces.size(), 24u);
}

TEST(SpecimenFace, SeedsSpreadOverTheFeatures) {
  // Not a handful of variants: skin tones and hair styles all occur.
  std::set<int> styles;
  std::set<std::uint32_t> skins;
  for (std::uint32_t seed = 1; seed <= 200; ++seed) {
    const FaceParams f = face_params(seed);
    styles.insert(static_cast<int>(f.hair_style));
    skins.insert(f.skin.r << 16 | f.skin.g << 8 | f.skin.b);
  }
  EXPECT_EQ(styles.size(), 5u);
  EXPECT_GE(skins.size(), 6u);
}

TEST(SpecimenFace, SelfiesDifferBySeed) {
  const SpecimenSpec a{Kind::selfie_face, "", "", "", 1, 180, 240};
  SpecimenSpec b = a;
  b.seed = 2;
  EXPECT_NE(render(a).rgb, render(b).rgb);
}

TEST(SpecimenFace, DrawsInsideItsBoxOnly) {
  Image image{200, 200, std::vector<std::uint8_t>(200 * 200 * 3, 0)};
  Raster raster(image);
  draw_face(raster, Box{50, 40, 110, 120}, face_params(9));
  for (int y = 0; y < 200; ++y) {
    for (int x = 0; x < 200; ++x) {
      const bool inside = x >= 50 && x < 110 && y >= 40 && y < 120;
      const Rgb c = raster.get(x, y);
      if (!inside) {
        ASSERT_TRUE(c.r == 0 && c.g == 0 && c.b == 0) << x << "," << y;
      }
    }
  }
  EXPECT_NE(raster.get(80, 80).r, 0);
}

}  // namespace
}  // namespace iiv::specimens
