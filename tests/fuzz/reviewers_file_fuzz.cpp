// The stub's reviewers file on arbitrary text: loading refuses what is malformed with a
// message that places the problem, and a directory that loads authenticates without
// surprises (a digest that is not the token's never lets anyone in).
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "stub/auth/reviewer_directory.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using iiv::fuzz::require;
  namespace stub = iiv::stub;
  const auto loaded = stub::ReviewerDirectory::from_json_text(iiv::fuzz::as_text(data, size));
  if (!loaded) {
    require(!loaded.error().empty(), "a refusal says why");
    // It goes into a JSON log line.
    (void)nlohmann::json(loaded.error()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return 0;
  }
  const auto& directory = *loaded;
  require(stub::ReviewerDirectory::authenticate(directory, "").outcome == stub::AuthOutcome::missing_credentials,
          "no header is no credentials");
  // The digest of "fuzz-token" is in no seed; a file would have to name it on purpose.
  const auto guess = stub::ReviewerDirectory::authenticate(directory, "Bearer fuzz-token");
  if (guess.outcome == stub::AuthOutcome::authenticated) {
    require(guess.reviewer != nullptr && !guess.reviewer->id.empty(), "an authenticated reviewer has an id");
  }
  (void)stub::ReviewerDirectory::authenticate(directory, "Bearer ");
  (void)stub::ReviewerDirectory::authenticate(directory, "Basic Zm9vOmJhcg==");
  return 0;
}
