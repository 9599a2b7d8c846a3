#include "stub/sessions/session_summary.hpp"

namespace iiv::stub {

namespace {

using nlohmann::json;

const json& null_json() {
  static const json null_value;
  return null_value;
}

const json& at(const json& object, const char* key) {
  if (!object.is_object()) return null_json();
  const auto it = object.find(key);
  return it == object.end() ? null_json() : *it;
}

json scalar(const json& value) { return value.is_primitive() ? value : json(); }

json error_of(const json& error) {
  if (!error.is_object() || at(error, "code").is_null()) return nullptr;
  return {{"code", scalar(at(error, "code"))}, {"reason", scalar(at(error, "reason"))}};
}

json date_of(const json& date) {
  if (!date.is_object()) return nullptr;
  return {{"day", scalar(at(date, "day"))}, {"month", scalar(at(date, "month"))}, {"year", scalar(at(date, "year"))}};
}

json check_of(const json& check) {
  if (!check.is_object()) return nullptr;
  return {{"status", scalar(at(check, "status"))}, {"error", error_of(at(check, "error"))}};
}

json sensitive_value(SensitiveField field, const json& session, const json& report) {
  const json& outputs = at(session, "verified_outputs");
  const json& document = at(report, "document");
  switch (field) {
    case SensitiveField::dob: return date_of(at(outputs, "dob"));
    case SensitiveField::id_number: return scalar(at(outputs, "id_number"));
    case SensitiveField::document_number: return scalar(at(document, "number"));
    case SensitiveField::expiration_date: return date_of(at(document, "expiration_date"));
  }
  return nullptr;
}

}  // namespace

json redaction_status(const json& session) { return scalar(at(at(session, "redaction"), "status")); }

json summarize_session(const json& session, const SensitiveFieldSet& included, bool key_ip_restricted) {
  const json& report_value = at(session, "last_verification_report");
  const json& report = report_value.is_object() ? report_value : null_json();
  const json& document = at(report, "document");
  const json& outputs = at(session, "verified_outputs");

  json checks = json::object();
  for (const char* name : {"document", "id_number", "selfie"}) {
    const json check = check_of(at(report, name));
    if (!check.is_null()) checks[name] = check;
  }

  // Names: the verified outputs when the session verified, else what the document says.
  const json& names_source = outputs.is_object() ? outputs : document;
  json summary = {
      {"id", scalar(at(session, "id"))},
      {"status", scalar(at(session, "status"))},
      {"type", scalar(at(session, "type"))},
      {"created", scalar(at(session, "created"))},
      {"redaction", redaction_status(session)},
      {"last_error", error_of(at(session, "last_error"))},
      {"verification_report", report.is_object() ? scalar(at(report, "id")) : scalar(report_value)},
      {"checks", checks},
      {"document",
       document.is_object() ? json{{"type", scalar(at(document, "type"))},
                                   {"issuing_country", scalar(at(document, "issuing_country"))}}
                            : json()},
      {"names",
       {{"first_name", scalar(at(names_source, "first_name"))}, {"last_name", scalar(at(names_source, "last_name"))}}},
  };
  const json& report_created = at(report, "created");
  const json processed_at = report_created.is_number_integer() ? report_created : json();
  summary["processed_at"] = processed_at;
  summary["sensitive_access"] = {
      {"ip_restricted_key", key_ip_restricted},
      {"window_ends_at", key_ip_restricted || processed_at.is_null()
                             ? json()
                             : json(processed_at.get<long long>() + kSensitiveWindowSeconds)},
  };
  if (!included.empty()) {
    json sensitive = json::object();
    for (SensitiveField field : included) sensitive[sensitive_field_name(field)] = sensitive_value(field, session, report);
    summary["sensitive"] = sensitive;
  }
  return summary;
}

}  // namespace iiv::stub
