#pragma once
// Reading the files that guard the stub: the Stripe key (a secret: nobody but the owner
// may read it) and the reviewers file (it decides who may see identity documents: nobody
// but its owner's group may change it). The mode is checked on the opened file itself, so
// a file swapped between the check and the read cannot slip through; a refusal names the
// file and the chmod that fixes it.
#include <cstddef>
#include <string>

#include "common/result.hpp"

namespace iiv::stub {

enum class FileProtection {
  secret,   // refused when group or others have any access (chmod 600)
  trusted,  // refused when others may write (chmod o-w)
};

// The whole content, or why not. `what` names the file in messages ("the key file").
common::Result<std::string, std::string> read_protected_file(const std::string& path, FileProtection protection,
                                                             const std::string& what,
                                                             std::size_t max_bytes = 1024 * 1024);

}  // namespace iiv::stub
