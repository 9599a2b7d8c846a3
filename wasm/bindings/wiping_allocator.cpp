// Every block the module frees is zeroed before emmalloc gets it back.
//
// Link bundles (their URLs are bearer tokens) pass through the heap in many copies that
// nobody owns long enough to wipe by hand: the std::string Embind makes of every JS
// string argument, the strings nlohmann builds while parsing, the results on their way
// back to JS, each freed by Embind's glue or a destructor. Wiping at the allocator
// catches all of them. emmalloc defines malloc/free/realloc as weak symbols, so these
// strong definitions replace them for the C++ code and for the _free that Embind's JS
// glue calls.
#include <emscripten/emmalloc.h>

#include <cstddef>
#include <cstring>

#include "core/secure_buffer.hpp"

extern "C" {

void free(void* pointer) {
  if (pointer == nullptr) return;
  iiv::secureWipe(pointer, emmalloc_usable_size(pointer));
  emmalloc_free(pointer);
}

// emmalloc's realloc moves or shrinks a block without wiping what it leaves behind, so
// growth goes through malloc + copy + the wiping free above, and a shrink keeps the block.
void* realloc(void* pointer, std::size_t size) {
  if (pointer == nullptr) return emmalloc_malloc(size);
  if (size == 0) {
    free(pointer);
    return nullptr;
  }
  const std::size_t usable = emmalloc_usable_size(pointer);
  if (size <= usable) return pointer;
  void* grown = emmalloc_malloc(size);
  if (grown == nullptr) return nullptr;
  std::memcpy(grown, pointer, usable);
  free(pointer);
  return grown;
}

}  // extern "C"
