// The emulator's form parser (bodies and query strings in Stripe's bracketed style) on
// arbitrary text. Hostile input gets a 400, never a crash or an exception, and what it
// accepts can be answered: the tree serialises to JSON, and list reads do not throw.
#include <cstdint>
#include <string>

#include "emulator/form_params.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using iiv::fuzz::require;
  const auto text = iiv::fuzz::as_text(data, size);
  (void)iiv::emulator::percent_decode(text);

  auto parsed = iiv::emulator::parse_form(text);
  if (!parsed) {
    // The 400's message names the parameter; it must still be JSON text.
    (void)nlohmann::json(parsed.error().message).dump();
    return 0;
  }
  const nlohmann::json& params = *parsed;
  require(params.is_object(), "the parameters are an object");
  (void)params.dump();
  for (const auto& [name, value] : params.items()) {
    (void)value;
    (void)iiv::emulator::string_list(params, name);
  }
  // Merging a form into itself repeats every name, which is a 400 unless it is empty.
  nlohmann::json copy = params;
  require(iiv::emulator::merge_params(copy, params).ok() == params.empty(), "a repeated name is refused");
  return 0;
}
