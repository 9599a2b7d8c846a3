#pragma once
// The emulator's records of Stripe objects: VerificationSessions, VerificationReports,
// Files and FileLinks. Plain data; object_json.hpp turns them into Stripe's wire shapes and
// decides what a given request may see.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator/image_content.hpp"

namespace iiv::emulator {

struct DateParts {
  int day = 0;
  int month = 0;
  int year = 0;
};

struct PostalAddress {
  std::optional<std::string> city, country, line1, line2, postal_code, state;
};

struct CheckError {
  std::string code;
  std::string reason;
};

struct DocumentCheck {
  std::string status = "verified";  // verified | unverified
  std::optional<std::string> type;  // driving_license | id_card | passport
  std::optional<CheckError> error;
  std::vector<std::string> files;  // File ids: front, then back
  std::optional<std::string> first_name, last_name, issuing_country;
  std::optional<PostalAddress> address;
  std::optional<DateParts> issued_date;
  // Sensitive: only returned when expanded, to a key allowed to read them.
  std::optional<DateParts> dob, expiration_date;
  std::optional<std::string> number;
};

struct IdNumberCheck {
  std::string status = "verified";
  std::optional<CheckError> error;
  std::optional<std::string> first_name, last_name, id_number_type;
  // Sensitive.
  std::optional<DateParts> dob;
  std::optional<std::string> id_number;
};

struct SelfieCheck {
  std::string status = "verified";
  std::optional<CheckError> error;
  std::optional<std::string> document_file;  // the photo-ID front used for the comparison
  std::optional<std::string> selfie_file;    // the face image
};

struct VerificationOptions {
  std::vector<std::string> allowed_types;
  bool require_id_number = false;
  bool require_live_capture = false;
  bool require_matching_selfie = false;
};

struct VerificationReport {
  std::string id;
  std::int64_t created = 0;  // when processing finished: the start of the 48-hour window
  std::string type = "document";
  std::optional<std::string> client_reference_id;
  std::optional<DocumentCheck> document;
  std::optional<IdNumberCheck> id_number;
  std::optional<SelfieCheck> selfie;
  VerificationOptions options;
  std::string verification_session;
};

struct VerifiedOutputs {
  std::optional<std::string> first_name, last_name, id_number_type;
  std::optional<PostalAddress> address;
  // Sensitive.
  std::optional<DateParts> dob;
  std::optional<std::string> id_number;
};

struct VerificationSession {
  std::string id;
  std::int64_t created = 0;
  std::string status;  // requires_input | processing | verified | canceled
  std::string type = "document";
  std::optional<std::string> client_reference_id;
  std::map<std::string, std::string> metadata;
  VerificationOptions options;
  std::optional<CheckError> last_error;
  std::optional<std::string> last_verification_report;
  std::optional<VerifiedOutputs> verified_outputs;
  // When the last verification was processed (the 48-hour window); none before processing.
  std::optional<std::int64_t> processed_at;
  // Redaction: requested at, and finished at (both emulator-clock milliseconds).
  std::optional<std::int64_t> redaction_requested_ms;
  std::int64_t redaction_done_ms = 0;

  bool redaction_requested() const { return redaction_requested_ms.has_value(); }
};

struct StoredFile {
  std::string id;
  std::int64_t created = 0;
  std::string purpose;  // identity_document_downloadable | selfie | identity_document | dispute_evidence …
  std::string type;     // "jpg" | "png"
  std::optional<std::string> title;
  std::optional<std::string> verification_session;  // the session whose verification collected it
  std::shared_ptr<const ImageContent> content;

  // Images collected by Identity: linkable only under the sensitive-results rules and the 30-s cap.
  bool is_identity_image() const { return purpose == "identity_document_downloadable" || purpose == "selfie"; }
};

struct FileLink {
  std::string id;
  std::int64_t created = 0;
  std::string file;
  std::optional<std::int64_t> expires_at;
  std::map<std::string, std::string> metadata;
  std::string token;  // the unguessable last segment of the URL on the files host
};

}  // namespace iiv::emulator
