#include <gtest/gtest.h>

#include "specimens/mrz.hpp"

namespace iiv::specimens {
namespace {

TEST(SpecimenMrz, CheckDigitsMatchTheIcaoWorkedExample) {
  // ICAO Doc 9303 part 3 worked examples.
  EXPECT_EQ(mrz_check_digit("L898902C3"), 6);
  EXPECT_EQ(mrz_check_digit("740812"), 2);
  EXPECT_EQ(mrz_check_digit("120415"), 9);
  EXPECT_EQ(mrz_check_digit("<<<<<<<<<<<<<<"), 0);
}

TEST(SpecimenMrz, FieldsArePaddedCutAndFiltered) {
  EXPECT_EQ(mrz_field("ab-1", 6), "AB<1<<");
  EXPECT_EQ(mrz_field("ABCDEFGH", 3), "ABC");
  EXPECT_EQ(mrz_field("", 2), "<<");
}

HolderDetails sample_holder() {
  return describe_holder(SpecimenSpec{Kind::passport, "ERIKA SPECIMEN", "C01X00T47", "DE", 3});
}

TEST(SpecimenMrz, PassportLinesFollowTd3) {
  const HolderDetails holder = sample_holder();
  const auto lines = passport_mrz(holder);
  ASSERT_EQ(lines[0].size(), 44u);
  ASSERT_EQ(lines[1].size(), 44u);
  EXPECT_EQ(lines[0].substr(0, 5), "P<DEU");
  EXPECT_EQ(lines[0].substr(5, 16), "SPECIMEN<<ERIKA<");
  const std::string& l2 = lines[1];
  EXPECT_EQ(l2.substr(0, 9), "C01X00T47");
  EXPECT_EQ(l2[9] - '0', mrz_check_digit(l2.substr(0, 9)));
  EXPECT_EQ(l2.substr(10, 3), "DEU");
  EXPECT_EQ(l2.substr(13, 6), format_mrz_date(holder.birth));
  EXPECT_EQ(l2[19] - '0', mrz_check_digit(l2.substr(13, 6)));
  EXPECT_EQ(l2[20], holder.sex);
  EXPECT_EQ(l2[27] - '0', mrz_check_digit(l2.substr(21, 6)));
  EXPECT_EQ(l2.substr(28, 8), "SPECIMEN");  // obviously not a real personal number
  const std::string composite = l2.substr(0, 10) + l2.substr(13, 7) + l2.substr(21, 22);
  EXPECT_EQ(l2[43] - '0', mrz_check_digit(composite));
}

TEST(SpecimenMrz, IdCardLinesFollowTd1) {
  const HolderDetails holder = sample_holder();
  const auto lines = id_card_mrz(holder);
  for (const auto& line : lines) ASSERT_EQ(line.size(), 30u);
  EXPECT_EQ(lines[0].substr(0, 14), "I<DEUC01X00T47");
  EXPECT_EQ(lines[0][14] - '0', mrz_check_digit("C01X00T47"));
  EXPECT_EQ(lines[1][6] - '0', mrz_check_digit(lines[1].substr(0, 6)));
  const std::string composite =
      lines[0].substr(5) + lines[1].substr(0, 7) + lines[1].substr(8, 7) + lines[1].substr(18, 11);
  EXPECT_EQ(lines[1][29] - '0', mrz_check_digit(composite));
  EXPECT_EQ(lines[2].substr(0, 16), "SPECIMEN<<ERIKA<");
}

}  // namespace
}  // namespace iiv::specimens
