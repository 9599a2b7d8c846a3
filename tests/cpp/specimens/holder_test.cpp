#include <gtest/gtest.h>

#include <stdexcept>

#include "specimens/holder.hpp"

namespace iiv::specimens {
namespace {

TEST(SpecimenHolder, FoldsAccentsAndUpperCases) {
  EXPECT_EQ(printable_upper("Erika Müller"), "ERIKA MULLER");
  EXPECT_EQ(printable_upper("José Núñez"), "JOSE NUNEZ");
  EXPECT_EQ(printable_upper("a\xE2\x82\xAC"
                            "b"),
            "A?B");  // the euro sign has no ASCII letter
  EXPECT_EQ(printable_upper("tab\there"), "TAB?HERE");
}

TEST(SpecimenHolder, SplitsGivenNamesFromSurname) {
  const HolderDetails d = describe_holder(SpecimenSpec{Kind::passport, " Anna Maria Specimen ", "x-12 34", "de", 1});
  EXPECT_EQ(d.surname, "SPECIMEN");
  EXPECT_EQ(d.given_names, "ANNA MARIA");
  EXPECT_EQ(d.document_number, "X1234");
  EXPECT_EQ(d.country.alpha3, "DEU");
  EXPECT_EQ(d.country.name, "GERMANY");
}

TEST(SpecimenHolder, FillsInWhatTheSpecLeavesOut) {
  const HolderDetails d = describe_holder(SpecimenSpec{Kind::passport, "", "", "", 4});
  EXPECT_FALSE(d.surname.empty());
  EXPECT_EQ(d.document_number.size(), 8u);
  EXPECT_EQ(d.country.alpha3, "UTO");  // ICAO's fictional state
}

TEST(SpecimenHolder, UnknownCountryCodesFallBackToUtopia) {
  EXPECT_EQ(country_info("zz").alpha3, "UTO");
  EXPECT_EQ(country_info("zz").alpha2, "ZZ");
  EXPECT_EQ(country_info("US").alpha3, "USA");
}

TEST(SpecimenHolder, DatesAreDeterministicAndOrdered) {
  for (std::uint32_t seed = 1; seed <= 50; ++seed) {
    const SpecimenSpec spec{Kind::id_card_front, "A B", "X1", "FR", seed};
    const HolderDetails d = describe_holder(spec);
    EXPECT_EQ(format_date(d.birth), format_date(describe_holder(spec).birth));
    EXPECT_LT(d.birth.year, d.issue.year);
    EXPECT_GT(d.expiry.year, d.issue.year);
  }
}

TEST(SpecimenHolder, DateFormats) {
  EXPECT_EQ(format_date(Date{1984, 8, 4}), "04.08.1984");
  EXPECT_EQ(format_mrz_date(Date{1984, 8, 4}), "840804");
  EXPECT_EQ(format_mrz_date(Date{2031, 12, 25}), "311225");
}

}  // namespace
}  // namespace iiv::specimens

namespace iiv::specimens {
namespace {

TEST(SpecimenHolder, CallerDatesReplaceTheSeededOnes) {
  SpecimenSpec spec{Kind::passport, "ERIKA SPECIMEN", "X1", "DE", 4};
  spec.date_of_birth = "1984-08-12";
  spec.issue_date = "2021-02-28";
  spec.expiry_date = "2031-02-27";
  const HolderDetails d = describe_holder(spec);
  EXPECT_EQ(format_date(d.birth), "12.08.1984");
  EXPECT_EQ(format_date(d.issue), "28.02.2021");
  EXPECT_EQ(format_date(d.expiry), "27.02.2031");
}

TEST(SpecimenHolder, MalformedDatesAreRefused) {
  EXPECT_EQ(format_date(parse_iso_date("2024-02-29")), "29.02.2024");
  for (const char* bad : {"2023-02-29", "1984-13-01", "1984-00-10", "1984-1-1", "84-08-12", "1984/08/12", "abcd-ef-gh"})
    EXPECT_THROW(parse_iso_date(bad), std::invalid_argument) << bad;
  SpecimenSpec spec{Kind::passport, "ERIKA SPECIMEN", "X1", "DE", 4};
  spec.expiry_date = "soon";
  EXPECT_THROW(render(spec), std::invalid_argument);
}

}  // namespace
}  // namespace iiv::specimens
