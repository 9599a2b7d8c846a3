#include "stub/sessions/sensitive_field.hpp"

namespace iiv::stub {

namespace {
constexpr SensitiveField kAll[] = {SensitiveField::dob, SensitiveField::id_number, SensitiveField::document_number,
                                   SensitiveField::expiration_date};
}

const char* sensitive_field_name(SensitiveField field) {
  switch (field) {
    case SensitiveField::dob: return "dob";
    case SensitiveField::id_number: return "id_number";
    case SensitiveField::document_number: return "document_number";
    case SensitiveField::expiration_date: return "expiration_date";
  }
  return "?";
}

std::optional<SensitiveField> parse_sensitive_field(std::string_view name) {
  for (SensitiveField f : kAll) {
    if (name == sensitive_field_name(f)) return f;
  }
  return std::nullopt;
}

const char* expand_path(SensitiveField field) {
  switch (field) {
    case SensitiveField::dob: return "verified_outputs.dob";
    case SensitiveField::id_number: return "verified_outputs.id_number";
    case SensitiveField::document_number: return "last_verification_report.document.number";
    case SensitiveField::expiration_date: return "last_verification_report.document.expiration_date";
  }
  return "";
}

std::optional<SensitiveFieldSet> parse_sensitive_field_list(std::string_view list, std::string* bad_name) {
  SensitiveFieldSet fields;
  if (list.empty()) return fields;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = list.find(',', start);
    const std::string_view name =
        list.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    const auto field = parse_sensitive_field(name);
    if (!field || fields.count(*field) != 0) {
      if (bad_name != nullptr) *bad_name = std::string(name);
      return std::nullopt;
    }
    fields.insert(*field);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return fields;
}

std::vector<std::string> field_names(const SensitiveFieldSet& fields) {
  std::vector<std::string> names;
  for (SensitiveField f : fields) names.emplace_back(sensitive_field_name(f));
  return names;
}

}  // namespace iiv::stub
