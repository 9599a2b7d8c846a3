#include "emulator/image_content.hpp"

namespace iiv::emulator {

ImageContent::ImageContent(std::string content_type, Producer producer)
    : content_type_(std::move(content_type)), producer_(std::move(producer)) {}

const std::vector<std::uint8_t>& ImageContent::bytes() const {
  std::call_once(once_, [this] {
    bytes_ = producer_();
    ready_ = true;
  });
  return bytes_;
}

}  // namespace iiv::emulator
