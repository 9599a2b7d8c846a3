#include "emulator/utf8_text.hpp"

#include <gtest/gtest.h>

namespace iiv::emulator {
namespace {

TEST(Utf8Text, WellFormedTextPasses) {
  for (const char* good :
       {"", "plain ascii", "caf\xC3\xA9", "\xE2\x82\xAC 5", "\xF0\x9F\x98\x80", "\xEF\xBF\xBD", "\xF4\x8F\xBF\xBF"}) {
    EXPECT_TRUE(is_valid_utf8(good)) << good;
    EXPECT_EQ(valid_utf8(good), good);
  }
}

TEST(Utf8Text, EveryKindOfMalformedSequenceIsCaught) {
  for (const char* bad : {"\xFF", "\x80", "\xC3", "\xC3(", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80",
                          "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "ok\xE2\x82"}) {
    EXPECT_FALSE(is_valid_utf8(bad)) << static_cast<unsigned>(static_cast<unsigned char>(bad[0]));
    EXPECT_TRUE(is_valid_utf8(valid_utf8(bad)));
  }
}

TEST(Utf8Text, EachBadByteBecomesOneReplacementCharacter) {
  EXPECT_EQ(valid_utf8("a\xFF"
                       "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(valid_utf8("\xC3(x"), "\xEF\xBF\xBD(x");
  EXPECT_EQ(valid_utf8("\xE2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(valid_utf8("caf\xC3\xA9\xFF"), "caf\xC3\xA9\xEF\xBF\xBD");
}

}  // namespace
}  // namespace iiv::emulator
