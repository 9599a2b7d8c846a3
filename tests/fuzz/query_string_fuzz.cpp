// The stub's query-string parser on arbitrary request targets' queries: one value per
// name, escapes decoded, a malformed escape or a repeated name refused with a message.
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "stub/http/query_string.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using iiv::fuzz::require;
  const auto query = iiv::fuzz::as_text(data, size);
  (void)iiv::stub::percent_decode(query, false);
  const auto parsed = iiv::stub::parse_query(query);
  if (!parsed) {
    require(!parsed.error().empty(), "a refusal says why");
    return 0;
  }
  std::size_t decoded_bytes = 0;
  for (const auto& [name, value] : *parsed) decoded_bytes += name.size() + value.size();
  require(decoded_bytes <= query.size(), "decoding never makes the text longer");
  return 0;
}
