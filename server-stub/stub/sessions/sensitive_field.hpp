#pragma once
// The verification results Stripe treats as sensitive, how a request names them
// (?include=dob,id_number,...), and the expand[] path that makes Stripe return each one
// (Stripe's "Access verification results" table: the recommended session field).
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace iiv::stub {

enum class SensitiveField { dob, id_number, document_number, expiration_date };

using SensitiveFieldSet = std::set<SensitiveField>;

const char* sensitive_field_name(SensitiveField field);
std::optional<SensitiveField> parse_sensitive_field(std::string_view name);

// The expand[] value for a VerificationSession retrieve.
const char* expand_path(SensitiveField field);

// Parses "dob,id_number"; an empty string is the empty set. On an unknown or repeated
// name returns nullopt and puts the offending name into *bad_name.
std::optional<SensitiveFieldSet> parse_sensitive_field_list(std::string_view list, std::string* bad_name);

std::vector<std::string> field_names(const SensitiveFieldSet& fields);

}  // namespace iiv::stub
