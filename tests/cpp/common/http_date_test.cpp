#include <gtest/gtest.h>

#include "common/http_date.hpp"

using iiv::common::format_http_date;
using iiv::common::parse_http_date;

TEST(HttpDate, FormatsKnownInstants) {
  EXPECT_EQ(format_http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
  EXPECT_EQ(format_http_date(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");  // RFC 9110's example
  EXPECT_EQ(format_http_date(951782400), "Tue, 29 Feb 2000 00:00:00 GMT");
}

TEST(HttpDate, ParsesWhatItFormatsAcrossCenturiesAndLeapDays) {
  for (std::int64_t t : {0LL, 784111777LL, 951782399LL, 951782400LL, 1764105439LL, 4102444799LL, 4107542400LL}) {
    EXPECT_EQ(parse_http_date(format_http_date(t)), t) << format_http_date(t);
  }
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
}

TEST(HttpDate, RefusesMalformedDates) {
  for (const char* bad :
       {"", "Sun, 06 Nov 1994 08:49:37", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
        "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 31 Nov 1994 08:49:37 GMT", "Thu, 29 Feb 2029 00:00:00 GMT",
        "Sun, 06 Nox 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 0x Nov 1994 08:49:37 GMT"}) {
    EXPECT_FALSE(parse_http_date(bad).has_value()) << bad;
  }
}
