#pragma once
// The reviewers currently in force: the directory loaded at start, replaced as a whole
// when the reviewers file is re-read (SIGHUP). A re-read that fails keeps the directory
// in force and says why, so a half-edited file never locks everyone out or lets anyone in.
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "stub/auth/reviewer_directory.hpp"

namespace iiv::stub {

class ReviewerRegistry {
 public:
  ReviewerRegistry(std::string path, std::shared_ptr<const ReviewerDirectory> directory);

  AuthResult authenticate(std::string_view authorization) const;
  // The number of reviewers now in force, or why the file was not taken.
  common::Result<std::size_t, std::string> reload();
  std::size_t size() const;

 private:
  std::shared_ptr<const ReviewerDirectory> current() const;

  std::string path_;
  mutable std::mutex mutex_;
  std::shared_ptr<const ReviewerDirectory> directory_;
};

}  // namespace iiv::stub
