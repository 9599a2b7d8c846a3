#include "core/secure_buffer.hpp"

#include <algorithm>
#include <cstdlib>
#include <new>
#include <numeric>
#include <vector>

#include <gtest/gtest.h>

namespace iiv {
namespace {

bool allZero(const std::uint8_t* data, std::size_t size) {
  return std::all_of(data, data + size, [](std::uint8_t b) { return b == 0; });
}

TEST(SecureBuffer, StartsZeroedWithTheRequestedSize) {
  SecureBuffer buffer(4096);
  ASSERT_EQ(buffer.size(), 4096u);
  ASSERT_NE(buffer.data(), nullptr);
  EXPECT_TRUE(allZero(buffer.data(), buffer.size()));
}

TEST(SecureBuffer, WipeZeroesEveryByteAndKeepsTheBuffer) {
  SecureBuffer buffer(1 << 20);
  std::iota(buffer.data(), buffer.data() + buffer.size(), std::uint8_t{1});
  std::uint8_t* before = buffer.data();
  ASSERT_FALSE(allZero(buffer.data(), buffer.size()));
  buffer.wipe();
  EXPECT_TRUE(allZero(buffer.data(), buffer.size()));
  EXPECT_EQ(buffer.data(), before);
  EXPECT_EQ(buffer.size(), std::size_t{1} << 20);
  // Usable again after a wipe.
  buffer.data()[7] = 42;
  EXPECT_EQ(buffer.data()[7], 42);
}

TEST(SecureBuffer, ZeroSizeIsAllowed) {
  SecureBuffer buffer(0);
  EXPECT_EQ(buffer.size(), 0u);
  buffer.wipe();
}

TEST(SecureBuffer, AFailedAllocationReportsSizeZero) {
  SecureBuffer huge(static_cast<std::size_t>(-1) / 2);
  EXPECT_EQ(huge.size(), 0u);
  huge.wipe();
}

TEST(SecureWipe, ZeroesExactlyTheGivenRange) {
  std::vector<std::uint8_t> bytes(64, 0xAB);
  secureWipe(bytes.data() + 8, 16);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const bool inside = i >= 8 && i < 24;
    EXPECT_EQ(bytes[i], inside ? 0x00 : 0xAB) << i;
  }
  secureWipe(nullptr, 10);  // harmless
  secureWipe(bytes.data(), 0);
  EXPECT_EQ(bytes[0], 0xAB);
}

// The wipe right before a buffer is freed is exactly the store an optimiser drops as
// dead. Watch the freed block through operator delete[]: its bytes must be zero when
// it is handed back.
std::vector<std::uint8_t> lastFreedBlockContents;
std::size_t watchedBlockSize = 0;

}  // namespace
}  // namespace iiv

// The array forms are replaced as a matching set on malloc/free, so the observer in
// delete[] can read the block just before it is released.
void* operator new[](std::size_t size) {
  if (void* block = std::malloc(size == 0 ? 1 : size)) return block;
  throw std::bad_alloc();
}

void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return std::malloc(size == 0 ? 1 : size); }

void operator delete[](void* block) noexcept {
  if (block != nullptr && iiv::watchedBlockSize > 0) {
    const auto* bytes = static_cast<const std::uint8_t*>(block);
    iiv::lastFreedBlockContents.assign(bytes, bytes + iiv::watchedBlockSize);
  }
  std::free(block);
}

void operator delete[](void* block, std::size_t /*size*/) noexcept { operator delete[](block); }
void operator delete[](void* block, const std::nothrow_t&) noexcept { operator delete[](block); }

namespace iiv {
namespace {

TEST(SecureBuffer, DestructionWipesBeforeTheMemoryIsFreed) {
  constexpr std::size_t kSize = 256;
  {
    SecureBuffer buffer(kSize);
    ASSERT_EQ(buffer.size(), kSize);
    std::fill(buffer.data(), buffer.data() + kSize, std::uint8_t{0x5A});
    watchedBlockSize = kSize;
    lastFreedBlockContents.clear();
  }
  watchedBlockSize = 0;
  ASSERT_EQ(lastFreedBlockContents.size(), kSize) << "operator delete[] was not seen";
  EXPECT_TRUE(allZero(lastFreedBlockContents.data(), kSize));
}

}  // namespace
}  // namespace iiv
