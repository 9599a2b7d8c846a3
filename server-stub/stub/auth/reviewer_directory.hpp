#pragma once
// The reviewers who may use /api, loaded from a JSON file that holds only token digests:
//   {"reviewers":[{"id":"rev_demo","token_sha256":"<64 hex>","roles":["view","reveal"]}]}
// A request proves who it is with "Authorization: Bearer <token>".
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stub/auth/roles.hpp"
#include "stub/auth/sha256.hpp"

namespace iiv::stub {

struct Reviewer {
  std::string id;
  Sha256Digest token_sha256;
  RoleSet roles;
};

enum class AuthOutcome { missing_credentials, wrong_credentials, authenticated };

struct AuthResult {
  AuthOutcome outcome;
  const Reviewer* reviewer = nullptr;  // set when authenticated; owned by the directory
};

class ReviewerDirectory {
 public:
  // Throws std::runtime_error naming the problem (never echoing a digest).
  static ReviewerDirectory from_json_text(std::string_view text);
  static ReviewerDirectory from_file(const std::string& path);

  // `authorization` is the raw header value, empty when the header is absent.
  AuthResult authenticate(std::string_view authorization) const;

  std::size_t size() const { return reviewers_.size(); }

 private:
  std::vector<Reviewer> reviewers_;
};

}  // namespace iiv::stub
