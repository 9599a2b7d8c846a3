#include "emulator/redaction.hpp"

namespace iiv::emulator {

namespace {

const std::string kPlaceholder = "[redacted]";

void blank(std::optional<std::string>& field) {
  if (field) field = kPlaceholder;
}

void blank(std::optional<DateParts>& date) {
  if (date) date = DateParts{1, 1, 1};
}

void blank(std::optional<PostalAddress>& address) {
  if (!address) return;
  blank(address->city);
  blank(address->line1);
  blank(address->line2);
  blank(address->postal_code);
  blank(address->state);
}

}  // namespace

const char* redaction_status_name(RedactionStatus status) {
  switch (status) {
    case RedactionStatus::processing: return "processing";
    case RedactionStatus::redacted: return "redacted";
    case RedactionStatus::none: break;
  }
  return "none";
}

RedactionStatus redaction_status(const VerificationSession& session, std::int64_t now_ms) {
  if (!session.redaction_requested()) return RedactionStatus::none;
  return now_ms >= session.redaction_done_ms ? RedactionStatus::redacted : RedactionStatus::processing;
}

VerifiedOutputs redacted(const VerifiedOutputs& outputs) {
  VerifiedOutputs out = outputs;
  blank(out.first_name);
  blank(out.last_name);
  blank(out.address);
  blank(out.dob);
  blank(out.id_number);
  return out;
}

VerificationReport redacted(const VerificationReport& report) {
  VerificationReport out = report;
  if (out.document) {
    DocumentCheck& d = *out.document;
    blank(d.first_name);
    blank(d.last_name);
    blank(d.address);
    blank(d.dob);
    blank(d.expiration_date);
    blank(d.issued_date);
    blank(d.number);
  }
  if (out.id_number) {
    IdNumberCheck& n = *out.id_number;
    blank(n.first_name);
    blank(n.last_name);
    blank(n.dob);
    blank(n.id_number);
  }
  return out;
}

VerificationSession redacted(const VerificationSession& session) {
  VerificationSession out = session;
  out.metadata.clear();
  if (out.verified_outputs) out.verified_outputs = redacted(*out.verified_outputs);
  return out;
}

}  // namespace iiv::emulator
