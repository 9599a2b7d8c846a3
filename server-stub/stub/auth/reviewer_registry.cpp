#include "stub/auth/reviewer_registry.hpp"

namespace iiv::stub {

ReviewerRegistry::ReviewerRegistry(std::string path, std::shared_ptr<const ReviewerDirectory> directory)
    : path_(std::move(path)), directory_(std::move(directory)) {}

std::shared_ptr<const ReviewerDirectory> ReviewerRegistry::current() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return directory_;
}

AuthResult ReviewerRegistry::authenticate(std::string_view authorization) const {
  return ReviewerDirectory::authenticate(current(), authorization);
}

common::Result<std::size_t, std::string> ReviewerRegistry::reload() {
  auto loaded = ReviewerDirectory::from_file(path_);
  if (!loaded) return common::Fail(loaded.error());
  const std::size_t count = (*loaded)->size();
  std::lock_guard<std::mutex> lock(mutex_);
  directory_ = std::move(*loaded);
  return count;
}

std::size_t ReviewerRegistry::size() const { return current()->size(); }

}  // namespace iiv::stub
