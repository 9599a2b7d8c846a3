#include "core/secure_buffer.hpp"

#include <cstring>
#include <new>

namespace iiv {
namespace {
// Read through a volatile pointer at every call: the compiler cannot prove the callee
// is memset, so it cannot drop the call as a dead store.
void* (*const volatile memsetThatIsNeverElided)(void*, int, std::size_t) = std::memset;
}  // namespace

void secureWipe(void* data, std::size_t size) {
  if (data != nullptr && size > 0) memsetThatIsNeverElided(data, 0, size);
}

SecureBuffer::SecureBuffer(std::size_t size) : bytes_(new (std::nothrow) std::uint8_t[size]()) {
  size_ = bytes_ ? size : 0;
}

SecureBuffer::~SecureBuffer() { wipe(); }

void SecureBuffer::wipe() { secureWipe(bytes_.get(), size_); }

}  // namespace iiv
