#pragma once
// The bytes of one stored image, produced once on first use (rendering a 12-megapixel
// specimen takes a while, so nothing is drawn before someone needs it or the background
// warm-up reaches it). Thread-safe: concurrent first readers wait for the one producer.
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace iiv::emulator {

class ImageContent {
 public:
  using Producer = std::function<std::vector<std::uint8_t>()>;

  ImageContent(std::string content_type, Producer producer);

  const std::vector<std::uint8_t>& bytes() const;
  const std::string& content_type() const { return content_type_; }
  bool ready() const { return ready_.load(); }

 private:
  std::string content_type_;
  Producer producer_;
  mutable std::once_flag once_;
  mutable std::vector<std::uint8_t> bytes_;
  mutable std::atomic<bool> ready_{false};
};

}  // namespace iiv::emulator
