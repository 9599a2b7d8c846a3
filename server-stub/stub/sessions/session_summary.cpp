#include "stub/sessions/session_summary.hpp"

#include "stub/stripe/stripe_shape.hpp"

namespace iiv::stub {

namespace {

using nlohmann::json;

json or_null(const std::optional<std::string>& value) { return value ? json(*value) : json(); }
json or_null(const std::optional<std::int64_t>& value) { return value ? json(*value) : json(); }

// {"code","reason"} of a check's or the session's error (the member `key` of `parent`), or null.
json error_of(StripeShape& shape, const json* parent, const char* key, const std::string& path) {
  if (parent == nullptr) return nullptr;
  const json* error = shape.object(*parent, key, path);
  if (error == nullptr) return nullptr;
  const auto code = shape.text(*error, "code", path);
  if (!code) return nullptr;
  return {{"code", *code}, {"reason", or_null(shape.text(*error, "reason", path))}};
}

json date_of(StripeShape& shape, const json* parent, const char* key, const std::string& path) {
  if (parent == nullptr) return nullptr;
  const json* date = shape.object(*parent, key, path);
  if (date == nullptr) return nullptr;
  return {{"day", or_null(shape.integer(*date, "day", path))},
          {"month", or_null(shape.integer(*date, "month", path))},
          {"year", or_null(shape.integer(*date, "year", path))}};
}

json sensitive_value(StripeShape& shape, SensitiveField field, const json* outputs, const json* document) {
  switch (field) {
    case SensitiveField::dob: return date_of(shape, outputs, "dob", "verified_outputs.dob");
    case SensitiveField::id_number:
      return outputs == nullptr ? json() : or_null(shape.text(*outputs, "id_number", "verified_outputs.id_number"));
    case SensitiveField::document_number:
      return document == nullptr ? json()
                                 : or_null(shape.text(*document, "number", "last_verification_report.document.number"));
    case SensitiveField::expiration_date:
      return date_of(shape, document, "expiration_date", "last_verification_report.document.expiration_date");
  }
  return nullptr;
}

json redaction_of(StripeShape& shape, const json& session) {
  const json* redaction = shape.object(session, "redaction", "redaction");
  return redaction == nullptr ? json() : or_null(shape.text(*redaction, "status", "redaction.status"));
}

}  // namespace

Result<json> summarize_session(const json& session, const SensitiveFieldSet& included, const SummaryContext& context) {
  StripeShape shape("a VerificationSession");
  if (!session.is_object()) shape.reject("the session", "is not an object");

  // The report: expanded (an object), only its id (a string), or none yet.
  const json* report = nullptr;
  json report_id;
  if (const json* value = shape.any(session, "last_verification_report")) {
    if (value->is_object()) {
      report = value;
      report_id = or_null(shape.text(*value, "id", "last_verification_report.id"));
    } else if (value->is_string()) {
      report_id = *value;
    } else {
      shape.reject("last_verification_report", "is neither an id nor a report");
    }
  }
  const json* document = report ? shape.object(*report, "document", "last_verification_report.document") : nullptr;
  const json* outputs = shape.object(session, "verified_outputs", "verified_outputs");

  json checks = json::object();
  if (report != nullptr) {
    for (const char* name : {"document", "id_number", "selfie"}) {
      const std::string path = std::string("last_verification_report.") + name;
      const json* check = shape.object(*report, name, path);
      if (check == nullptr) continue;
      checks[name] = {{"status", or_null(shape.text(*check, "status", path + ".status"))},
                      {"error", error_of(shape, check, "error", path + ".error")}};
    }
  }

  // Names: the verified outputs when the session verified, else what the document says.
  const json* names_source = outputs != nullptr ? outputs : document;
  const std::string names_path = outputs != nullptr ? "verified_outputs" : "last_verification_report.document";
  json names = {{"first_name", nullptr}, {"last_name", nullptr}};
  if (names_source != nullptr) {
    names["first_name"] = or_null(shape.text(*names_source, "first_name", names_path + ".first_name"));
    names["last_name"] = or_null(shape.text(*names_source, "last_name", names_path + ".last_name"));
  }

  json processed_at;
  json window_ends_at;
  if (report != nullptr) {
    if (const auto created = shape.integer(*report, "created", "last_verification_report.created")) {
      processed_at = *created;
      if (!context.key_ip_restricted) window_ends_at = *created + kSensitiveWindowSeconds;
    }
  }

  json summary = {
      {"id", or_null(shape.text(session, "id", "id"))},
      {"status", or_null(shape.text(session, "status", "status"))},
      {"type", or_null(shape.text(session, "type", "type"))},
      {"created", or_null(shape.integer(session, "created", "created"))},
      {"redaction", redaction_of(shape, session)},
      {"last_error", error_of(shape, &session, "last_error", "last_error")},
      {"verification_report", report_id},
      {"processed_at", processed_at},
      {"sensitive_access", {{"ip_restricted_key", context.key_ip_restricted}, {"window_ends_at", window_ends_at}}},
      {"checks", checks},
      {"document",
       document ? json{{"type", or_null(shape.text(*document, "type", "last_verification_report.document.type"))},
                       {"issuing_country", or_null(shape.text(*document, "issuing_country",
                                                              "last_verification_report.document.issuing_country"))}}
                : json()},
      {"names", names},
  };
  if (!included.empty()) {
    json sensitive = json::object();
    for (SensitiveField field : included) {
      sensitive[sensitive_field_name(field)] = sensitive_value(shape, field, outputs, document);
    }
    summary["sensitive"] = sensitive;
  }
  if (auto verdict = shape.verdict(); !verdict) return Fail(std::move(verdict).error());
  return summary;
}

Result<json> project_session_list(const json& stripe_list) {
  StripeShape shape("a list of VerificationSessions");
  json sessions = json::array();
  if (const json* data = shape.array(stripe_list, "data", "data")) {
    for (const auto& session : *data) {
      if (!session.is_object()) {
        shape.reject("data[]", "is not an object");
        break;
      }
      sessions.push_back({{"id", or_null(shape.text(session, "id", "data[].id"))},
                          {"status", or_null(shape.text(session, "status", "data[].status"))},
                          {"type", or_null(shape.text(session, "type", "data[].type"))},
                          {"created", or_null(shape.integer(session, "created", "data[].created"))},
                          {"redaction", redaction_of(shape, session)}});
    }
  } else if (shape.ok()) {
    shape.reject("data", "is missing");
  }
  const bool has_more = shape.boolean(stripe_list, "has_more", "has_more").value_or(false);
  if (auto verdict = shape.verdict(); !verdict) return Fail(std::move(verdict).error());
  return json{{"sessions", sessions}, {"has_more", has_more}};
}

}  // namespace iiv::stub
