#pragma once
// Reading Stripe's answers field by field. A field the stub reads must have the type
// Stripe documents (or be absent or null where Stripe allows that); anything else means
// the answer is not what the stub was built for, and nothing may be done on its strength:
// 502 stripe_error naming the field, before any FileLink is created or any value shown.
// The first wrong field is kept; later reads return empty values.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "stub/api/api_error.hpp"

namespace iiv::stub {

class StripeShape {
 public:
  // `what`: the object read, for the message ("a VerificationSession").
  explicit StripeShape(std::string what) : what_(std::move(what)) {}

  // Each reads `parent[key]`; `path` names it in the message ("last_verification_report.id").
  // Absent or null: nullopt. Of another type: nullopt, and the answer is marked wrong.
  std::optional<std::string> text(const nlohmann::json& parent, const char* key, const std::string& path);
  std::optional<std::int64_t> integer(const nlohmann::json& parent, const char* key, const std::string& path);
  std::optional<bool> boolean(const nlohmann::json& parent, const char* key, const std::string& path);
  const nlohmann::json* object(const nlohmann::json& parent, const char* key, const std::string& path);
  const nlohmann::json* array(const nlohmann::json& parent, const char* key, const std::string& path);
  // Present and non-null, of one of the types above: for fields that may be an id or, when
  // expanded, the object.
  const nlohmann::json* any(const nlohmann::json& parent, const char* key);

  // Marks the answer wrong for a reason of the caller's (a malformed id, say).
  void reject(const std::string& path, const char* problem);

  bool ok() const { return !wrong_field_; }
  // Done, or the stripe_error for the first wrong field.
  Result<Done> verdict() const;

 private:
  const nlohmann::json* member(const nlohmann::json& parent, const char* key) const;
  void mark(const std::string& path, const char* expected);

  std::string what_;
  std::optional<std::string> wrong_field_;
};

}  // namespace iiv::stub
