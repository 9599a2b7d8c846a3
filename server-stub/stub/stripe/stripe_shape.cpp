#include "stub/stripe/stripe_shape.hpp"

namespace iiv::stub {

const nlohmann::json* StripeShape::member(const nlohmann::json& parent, const char* key) const {
  if (wrong_field_ || !parent.is_object()) return nullptr;
  const auto it = parent.find(key);
  if (it == parent.end() || it->is_null()) return nullptr;
  return &*it;
}

void StripeShape::mark(const std::string& path, const char* expected) {
  if (!wrong_field_) wrong_field_ = path + " is not " + expected;
}

void StripeShape::reject(const std::string& path, const char* problem) {
  if (!wrong_field_) wrong_field_ = path + " " + problem;
}

std::optional<std::string> StripeShape::text(const nlohmann::json& parent, const char* key, const std::string& path) {
  const auto* value = member(parent, key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    mark(path, "a string");
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<std::int64_t> StripeShape::integer(const nlohmann::json& parent, const char* key,
                                                 const std::string& path) {
  const auto* value = member(parent, key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number_integer()) {
    mark(path, "an integer");
    return std::nullopt;
  }
  return value->get<std::int64_t>();
}

std::optional<bool> StripeShape::boolean(const nlohmann::json& parent, const char* key, const std::string& path) {
  const auto* value = member(parent, key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) {
    mark(path, "a boolean");
    return std::nullopt;
  }
  return value->get<bool>();
}

const nlohmann::json* StripeShape::object(const nlohmann::json& parent, const char* key, const std::string& path) {
  const auto* value = member(parent, key);
  if (value == nullptr) return nullptr;
  if (!value->is_object()) {
    mark(path, "an object");
    return nullptr;
  }
  return value;
}

const nlohmann::json* StripeShape::array(const nlohmann::json& parent, const char* key, const std::string& path) {
  const auto* value = member(parent, key);
  if (value == nullptr) return nullptr;
  if (!value->is_array()) {
    mark(path, "an array");
    return nullptr;
  }
  return value;
}

const nlohmann::json* StripeShape::any(const nlohmann::json& parent, const char* key) { return member(parent, key); }

Result<Done> StripeShape::verdict() const {
  if (!wrong_field_) return Done{};
  return Fail(ApiError{ErrorCode::stripe_error,
                       "Stripe answered with " + what_ + " of an unexpected shape (" + *wrong_field_ +
                           "): nothing was done on its strength.",
                       {}});
}

}  // namespace iiv::stub
