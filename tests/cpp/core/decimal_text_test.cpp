#include "core/decimal_text.hpp"

#include <limits>

#include <gtest/gtest.h>

namespace iiv {
namespace {

TEST(DecimalText, FormatsLikeToString) {
  for (std::int64_t value : {std::int64_t{0}, std::int64_t{7}, std::int64_t{-7}, std::int64_t{1764100030},
                             std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min()}) {
    EXPECT_EQ(decimalText(value), std::to_string(value));
  }
  EXPECT_EQ(decimalText(std::numeric_limits<std::uint64_t>::max()), "18446744073709551615");
  EXPECT_EQ(decimalText(std::uint16_t{65535}), "65535");
  EXPECT_EQ(decimalText(std::size_t{42}), "42");
  EXPECT_EQ(decimalText(-1), "-1");
}

}  // namespace
}  // namespace iiv
