#pragma once
// expand[]: which properties a request asked Stripe to expand, checked against what each
// resource allows. Expanding a nested path ("last_verification_report.document.number")
// also expands its parents, and the sensitive verification results are only ever returned
// when their own path is expanded (Stripe's "Access verification results" table).
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "emulator/api_error.hpp"

namespace iiv::emulator {

enum class ExpandTarget { verification_session, verification_session_list, verification_report, file, file_link };

class ExpandSet {
 public:
  ExpandSet() = default;
  explicit ExpandSet(std::set<std::string> paths) : paths_(std::move(paths)) {}

  // True when `path` itself or any path below it was asked for.
  bool has(std::string_view path) const;
  // The paths under "<prefix>.", with that prefix removed.
  ExpandSet below(std::string_view prefix) const;
  const std::set<std::string>& paths() const { return paths_; }

 private:
  std::set<std::string> paths_;
};

// Stripe allows at most four levels ("data.last_verification_report.document.number").
constexpr int kMaxExpandDepth = 4;

common::Result<ExpandSet, ApiError> parse_expand(const std::vector<std::string>& requested, ExpandTarget target);

// The requested paths that name a sensitive verification result (date of birth, ID number,
// document number, expiration date), in the request's spelling.
std::vector<std::string> sensitive_expansions(const ExpandSet& expand, ExpandTarget target);

}  // namespace iiv::emulator
