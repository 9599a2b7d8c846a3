#pragma once
// A refusal: a stable code for programs and a plain message for people. Messages
// never contain a whole URL (FileLink URLs are bearer tokens), only scheme and host.
#include <string>
#include <utility>

#include "core/error_code.hpp"

namespace iiv {

struct Failure {
  ErrorCode code;
  std::string message;
};

inline Failure fail(ErrorCode code, std::string message) { return Failure{code, std::move(message)}; }

}  // namespace iiv
