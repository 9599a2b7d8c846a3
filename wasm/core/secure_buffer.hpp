#pragma once
// A byte buffer for image bytes on the WASM heap that is zeroed when wiped or
// destroyed, so no copy of a document photo outlives its viewing.
#include <cstddef>
#include <cstdint>
#include <memory>

namespace iiv {

// Zeroes memory through a call the optimiser cannot see into, so the stores are kept
// even when the memory is never read again (a plain memset before free may be removed).
void secureWipe(void* data, std::size_t size);

class SecureBuffer {
 public:
  // Allocates `size` zeroed bytes; if the allocation fails, size() is 0.
  explicit SecureBuffer(std::size_t size);
  ~SecureBuffer();
  SecureBuffer(const SecureBuffer&) = delete;
  SecureBuffer& operator=(const SecureBuffer&) = delete;

  std::uint8_t* data() { return bytes_.get(); }
  const std::uint8_t* data() const { return bytes_.get(); }
  std::size_t size() const { return size_; }
  void wipe();

 private:
  std::unique_ptr<std::uint8_t[]> bytes_;
  std::size_t size_ = 0;
};

}  // namespace iiv
