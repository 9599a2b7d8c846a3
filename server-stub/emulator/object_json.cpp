#include "emulator/object_json.hpp"

namespace iiv::emulator {

namespace {

Json optional_string(const std::optional<std::string>& value) { return value ? Json(*value) : Json(nullptr); }

Json date_json(const std::optional<DateParts>& date) {
  if (!date) return nullptr;
  return Json{{"day", date->day}, {"month", date->month}, {"year", date->year}};
}

Json address_json(const std::optional<PostalAddress>& address) {
  if (!address) return nullptr;
  return Json{{"city", optional_string(address->city)},
              {"country", optional_string(address->country)},
              {"line1", optional_string(address->line1)},
              {"line2", optional_string(address->line2)},
              {"postal_code", optional_string(address->postal_code)},
              {"state", optional_string(address->state)}};
}

Json check_error_json(const std::optional<CheckError>& error) {
  if (!error) return nullptr;
  return Json{{"code", error->code}, {"reason", error->reason}};
}

Json document_options_json(const VerificationOptions& options) {
  Json doc = Json::object();
  if (!options.allowed_types.empty()) doc["allowed_types"] = options.allowed_types;
  if (options.require_id_number) doc["require_id_number"] = true;
  if (options.require_live_capture) doc["require_live_capture"] = true;
  doc["require_matching_selfie"] = options.require_matching_selfie;
  return doc;
}

Json document_json(const DocumentCheck& d, const ExpandSet& expand) {
  Json j;
  j["address"] = address_json(d.address);
  if (expand.has("dob")) j["dob"] = date_json(d.dob);
  j["error"] = check_error_json(d.error);
  if (expand.has("expiration_date")) j["expiration_date"] = date_json(d.expiration_date);
  j["files"] = d.files;
  j["first_name"] = optional_string(d.first_name);
  j["issued_date"] = date_json(d.issued_date);
  j["issuing_country"] = optional_string(d.issuing_country);
  j["last_name"] = optional_string(d.last_name);
  if (expand.has("number")) j["number"] = optional_string(d.number);
  j["status"] = d.status;
  j["type"] = optional_string(d.type);
  return j;
}

Json id_number_json(const IdNumberCheck& n, const ExpandSet& expand) {
  Json j;
  if (expand.has("dob")) j["dob"] = date_json(n.dob);
  j["error"] = check_error_json(n.error);
  j["first_name"] = optional_string(n.first_name);
  if (expand.has("id_number")) j["id_number"] = optional_string(n.id_number);
  j["id_number_type"] = optional_string(n.id_number_type);
  j["last_name"] = optional_string(n.last_name);
  j["status"] = n.status;
  return j;
}

Json selfie_json(const SelfieCheck& s) {
  return Json{{"document", optional_string(s.document_file)},
              {"error", check_error_json(s.error)},
              {"selfie", optional_string(s.selfie_file)},
              {"status", s.status}};
}

Json verified_outputs_json(const VerifiedOutputs& v, const ExpandSet& expand) {
  Json j;
  j["address"] = address_json(v.address);
  if (expand.has("dob")) j["dob"] = date_json(v.dob);
  j["first_name"] = optional_string(v.first_name);
  if (expand.has("id_number")) j["id_number"] = optional_string(v.id_number);
  j["id_number_type"] = optional_string(v.id_number_type);
  j["last_name"] = optional_string(v.last_name);
  return j;
}

Json metadata_json(const std::map<std::string, std::string>& metadata) {
  Json j = Json::object();
  for (const auto& [k, v] : metadata) j[k] = v;
  return j;
}

}  // namespace

Json report_json(const VerificationReport& report, const ExpandSet& expand) {
  Json j;
  j["id"] = report.id;
  j["object"] = "identity.verification_report";
  j["client_reference_id"] = optional_string(report.client_reference_id);
  j["created"] = report.created;
  if (report.document) j["document"] = document_json(*report.document, expand.below("document"));
  if (report.id_number) j["id_number"] = id_number_json(*report.id_number, expand.below("id_number"));
  j["livemode"] = false;
  j["options"] = Json{{"document", document_options_json(report.options)}, {"id_number", Json::object()}};
  if (report.selfie) j["selfie"] = selfie_json(*report.selfie);
  j["type"] = report.type;
  j["verification_session"] = report.verification_session;
  return j;
}

Json session_json(const VerificationSession& session, RedactionStatus redaction, const VerificationReport* report,
                  const ExpandSet& expand) {
  Json j;
  j["id"] = session.id;
  j["object"] = "identity.verification_session";
  j["client_reference_id"] = optional_string(session.client_reference_id);
  j["client_secret"] = nullptr;
  j["created"] = session.created;
  j["last_error"] = check_error_json(session.last_error);
  if (expand.has("last_verification_report") && report)
    j["last_verification_report"] = report_json(*report, expand.below("last_verification_report"));
  else
    j["last_verification_report"] = optional_string(session.last_verification_report);
  j["livemode"] = false;
  j["metadata"] = metadata_json(session.metadata);
  j["options"] = Json{{"document", document_options_json(session.options)}};
  j["redaction"] =
      redaction == RedactionStatus::none ? Json(nullptr) : Json{{"status", redaction_status_name(redaction)}};
  j["related_customer"] = nullptr;
  j["related_customer_account"] = nullptr;
  j["status"] = session.status;
  j["type"] = session.type;
  j["url"] = nullptr;
  if (expand.has("verified_outputs"))
    j["verified_outputs"] = session.verified_outputs
                                ? verified_outputs_json(*session.verified_outputs, expand.below("verified_outputs"))
                                : Json(nullptr);
  return j;
}

Json file_json(const StoredFile& file, std::size_t size, const std::vector<FileLink>& links, std::int64_t now,
               const std::string& files_base, const ExpandSet& expand) {
  Json j;
  j["id"] = file.id;
  j["object"] = "file";
  j["created"] = file.created;
  j["expires_at"] = nullptr;
  j["filename"] = file.id;
  if (expand.has("links")) {
    Json data = Json::array();
    for (const auto& link : links) data.push_back(file_link_json(link, now, files_base, std::nullopt));
    j["links"] = list_json(std::move(data), false, "/v1/file_links?file=" + file.id);
  }
  j["purpose"] = file.purpose;
  j["size"] = size;
  j["title"] = optional_string(file.title);
  j["type"] = file.type;
  j["url"] = files_base + "/v1/files/" + file.id + "/contents";
  return j;
}

Json file_link_json(const FileLink& link, std::int64_t now, const std::string& files_base,
                    const std::optional<Json>& expanded_file) {
  Json j;
  j["id"] = link.id;
  j["object"] = "file_link";
  j["created"] = link.created;
  j["expired"] = link.expires_at.has_value() && *link.expires_at <= now;
  j["expires_at"] = link.expires_at ? Json(*link.expires_at) : Json(nullptr);
  j["file"] = expanded_file ? *expanded_file : Json(link.file);
  j["livemode"] = false;
  j["metadata"] = metadata_json(link.metadata);
  j["url"] = files_base + "/links/" + link.token;
  return j;
}

Json list_json(Json data, bool has_more, const std::string& url) {
  return Json{{"object", "list"}, {"data", std::move(data)}, {"has_more", has_more}, {"url", url}};
}

}  // namespace iiv::emulator
