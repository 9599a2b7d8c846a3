// The viewer core's image-header sniffer on arbitrary bytes, as a whole file and as a
// prefix still arriving. What it accepts is within the pixel limit, and a prefix never
// gets a different verdict from the whole file it starts.
#include <cstdint>

#include "core/image_header.hpp"
#include "fuzz_support.hpp"

namespace {

constexpr std::uint64_t kMaxPixels = 1'000'000;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using iiv::fuzz::require;
  const auto whole = iiv::sniffImageHeader(data, size, /*isComplete=*/true, kMaxPixels);
  require(whole.header.has_value() != whole.failure.has_value(), "a whole file is accepted or refused, never both");
  if (whole.header) {
    require(whole.header->width > 0 && whole.header->height > 0, "accepted dimensions are not zero");
    require(std::uint64_t{whole.header->width} * whole.header->height <= kMaxPixels, "accepted within the limit");
  }

  const auto arriving = iiv::sniffImageHeader(data, size, /*isComplete=*/false, kMaxPixels);
  if (arriving.header) {
    require(whole.header.has_value(), "a prefix accepted is accepted as a whole file");
    require(whole.header->format == arriving.header->format && whole.header->width == arriving.header->width &&
                whole.header->height == arriving.header->height,
            "a prefix and the whole file agree on the header");
  }
  if (arriving.bytesNeeded > 0) require(arriving.bytesNeeded > size, "asking for more bytes asks for more than given");
  return 0;
}
