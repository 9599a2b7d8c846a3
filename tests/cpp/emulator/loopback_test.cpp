#include "emulator/loopback.hpp"

#include <gtest/gtest.h>

namespace iiv::emulator {
namespace {

TEST(Loopback, LoopbackAddresses) {
  for (const char* a : {"127.0.0.1", "127.255.10.1", "::1", "[::1]", "::ffff:127.0.0.1", "localhost"})
    EXPECT_TRUE(is_loopback_address(a)) << a;
}

TEST(Loopback, EverythingElse) {
  for (const char* a : {"0.0.0.0", "10.0.0.1", "192.168.1.2", "128.0.0.1", "::", "::ffff:10.0.0.1", "fe80::1",
                        "example.com", "", "127.0.0.1.example.com"})
    EXPECT_FALSE(is_loopback_address(a)) << a;
}

}  // namespace
}  // namespace iiv::emulator
