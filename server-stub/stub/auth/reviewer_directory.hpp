#pragma once
// The reviewers who may use /api, loaded from a JSON file that holds only token digests:
//   {"reviewers":[{"id":"rev_demo","token_sha256":"<64 hex>","roles":["view","reveal"]}]}
// A request proves who it is with "Authorization: Bearer <token>".
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
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
  // Set when authenticated. It keeps the directory it came from alive, so a reload of the
  // reviewers file in the middle of a request changes nothing for that request.
  std::shared_ptr<const Reviewer> reviewer;
};

class ReviewerDirectory {
 public:
  // The problem is named by its place ("reviewers[2].roles must be an array of strings"),
  // never by echoing a digest.
  static common::Result<std::shared_ptr<const ReviewerDirectory>, std::string> from_json_text(std::string_view text);
  // Also refuses a file that others may write (see protected_file.hpp).
  static common::Result<std::shared_ptr<const ReviewerDirectory>, std::string> from_file(const std::string& path);

  std::size_t size() const { return reviewers_.size(); }

  // `authorization` is the raw header value, empty when the header is absent.
  static AuthResult authenticate(const std::shared_ptr<const ReviewerDirectory>& directory,
                                 std::string_view authorization);

 private:
  std::vector<Reviewer> reviewers_;
};

}  // namespace iiv::stub
