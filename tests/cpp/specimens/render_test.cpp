#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "specimens/render_stages.hpp"
#include "specimens/specimens.hpp"

namespace iiv::specimens {
namespace {

SpecimenSpec spec_for(Kind kind, int width = 0, int height = 0, std::uint32_t seed = 7) {
  return SpecimenSpec{kind, "ERIKA SPECIMEN", "X1234567", "DE", seed, width, height};
}

TEST(SpecimenRender, SameSpecGivesSameBytes) {
  for (Kind kind : all_kinds()) {
    const SpecimenSpec spec = spec_for(kind);
    EXPECT_EQ(render(spec).rgb, render(spec).rgb) << kind_name(kind);
    EXPECT_EQ(encode_jpeg(render(spec)), encode_jpeg(render(spec))) << kind_name(kind);
  }
}

TEST(SpecimenRender, NaturalSizesMatchTheKinds) {
  EXPECT_EQ(render(spec_for(Kind::passport)).width, 1250);
  EXPECT_EQ(render(spec_for(Kind::passport)).height, 880);
  EXPECT_EQ(render(spec_for(Kind::id_card_front)).width, 1012);
  EXPECT_EQ(render(spec_for(Kind::id_card_back)).height, 638);
  EXPECT_EQ(render(spec_for(Kind::selfie_face)).width, 720);
  EXPECT_EQ(render(spec_for(Kind::selfie_face)).height, 960);
}

TEST(SpecimenRender, ExplicitSizesAreHonoured) {
  for (Kind kind : all_kinds()) {
    const Image image = render(spec_for(kind, 333, 517));
    EXPECT_EQ(image.width, 333) << kind_name(kind);
    EXPECT_EQ(image.height, 517) << kind_name(kind);
    EXPECT_EQ(image.rgb.size(), 333u * 517u * 3u) << kind_name(kind);
  }
}

TEST(SpecimenRender, OneGivenSideKeepsTheAspectRatio) {
  const Image by_width = render(spec_for(Kind::passport, 625, 0));
  EXPECT_EQ(by_width.height, 440);
  const Image by_height = render(spec_for(Kind::selfie_face, 0, 480));
  EXPECT_EQ(by_height.width, 360);
}

TEST(SpecimenRender, TinyImagesStillRender) {
  for (Kind kind : all_kinds()) {
    const Image image = render(spec_for(kind, 1, 1));
    EXPECT_EQ(image.rgb.size(), 3u) << kind_name(kind);
  }
}

TEST(SpecimenRender, BadSizesAreRefused) {
  EXPECT_THROW(render(spec_for(Kind::passport, -1, 100)), std::invalid_argument);
  EXPECT_THROW(render(spec_for(Kind::passport, 100, -5)), std::invalid_argument);
  EXPECT_THROW(render(spec_for(Kind::passport, 20000, 10)), std::invalid_argument);
  EXPECT_THROW(render(spec_for(Kind::passport, 12000, 12000)), std::invalid_argument);
}

TEST(SpecimenRender, EveryKindDrawsADetailedPicture) {
  // A blank or flat image would have very few distinct colours.
  for (Kind kind : all_kinds()) {
    const Image image = render(spec_for(kind));
    std::set<std::uint32_t> colours;
    for (std::size_t i = 0; i < image.rgb.size(); i += 3)
      colours.insert(image.rgb[i] << 16 | image.rgb[i + 1] << 8 | image.rgb[i + 2]);
    EXPECT_GT(colours.size(), 500u) << kind_name(kind);
  }
}

TEST(SpecimenRender, KindsLookDifferent) {
  const Image front = render(spec_for(Kind::id_card_front));
  const Image back = render(spec_for(Kind::id_card_back));
  const Image licence = render(spec_for(Kind::driving_licence_front));
  EXPECT_NE(front.rgb, back.rgb);
  EXPECT_NE(front.rgb, licence.rgb);
}

TEST(SpecimenRender, PrintedDetailsChangeThePixels) {
  SpecimenSpec a = spec_for(Kind::passport);
  SpecimenSpec b = a;
  b.document_number = "Y7654321";
  EXPECT_NE(render(a).rgb, render(b).rgb);
  b = a;
  b.holder_name = "MAX MUSTERMANN";
  EXPECT_NE(render(a).rgb, render(b).rgb);
}

TEST(SpecimenRender, KindNames) {
  EXPECT_STREQ(kind_name(Kind::passport), "passport");
  EXPECT_STREQ(kind_name(Kind::id_card_front), "id_card_front");
  EXPECT_STREQ(kind_name(Kind::id_card_back), "id_card_back");
  EXPECT_STREQ(kind_name(Kind::driving_licence_front), "driving_licence_front");
  EXPECT_STREQ(kind_name(Kind::driving_licence_back), "driving_licence_back");
  EXPECT_STREQ(kind_name(Kind::selfie_face), "selfie_face");
  EXPECT_EQ(all_kinds().size(), 6u);
}

}  // namespace
}  // namespace iiv::specimens
