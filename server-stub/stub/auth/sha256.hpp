#pragma once
// SHA-256 of reviewer tokens: the reviewers file stores only these digests.
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace iiv::stub {

using Sha256Digest = std::array<unsigned char, 32>;

Sha256Digest sha256(std::string_view data);
std::string to_hex(const Sha256Digest& digest);
// 64 hex digits (either case) → digest; anything else → nullopt.
std::optional<Sha256Digest> digest_from_hex(std::string_view hex);
// Constant-time equality (CRYPTO_memcmp), so a timing side channel tells nothing.
bool digests_equal(const Sha256Digest& a, const Sha256Digest& b);

}  // namespace iiv::stub
