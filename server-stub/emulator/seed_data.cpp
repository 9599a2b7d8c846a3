#include "emulator/seed_data.hpp"

#include <cstdio>
#include <utility>

#include "specimens/specimens.hpp"

namespace iiv::emulator {

namespace {

using specimens::Kind;

constexpr std::int64_t kHour = 3600;

enum class Encoding { jpeg, png };

struct Person {
  std::string first_name, last_name, document_number, country;
  DateParts dob, expiration, issued;
  std::optional<PostalAddress> address;
  std::uint32_t face_seed = 1;
};

// "YYYY-MM-DD", as SpecimenSpec takes dates: the printed document then says what the API says.
std::string iso_date(const DateParts& date) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
  return text;
}

std::shared_ptr<const ImageContent> specimen_image(Kind kind, const Person& p, Encoding encoding, int width = 0) {
  specimens::SpecimenSpec spec;
  spec.kind = kind;
  spec.holder_name = p.first_name + " " + p.last_name;
  spec.document_number = p.document_number;
  spec.country = p.country;
  spec.seed = p.face_seed;
  spec.width = width;
  spec.date_of_birth = iso_date(p.dob);
  spec.issue_date = iso_date(p.issued);
  spec.expiry_date = iso_date(p.expiration);
  const char* mime = encoding == Encoding::jpeg ? "image/jpeg" : "image/png";
  return std::make_shared<const ImageContent>(mime, [spec, encoding] {
    const specimens::Image image = specimens::render(spec);
    return encoding == Encoding::jpeg ? specimens::encode_jpeg(image, 90) : specimens::encode_png(image);
  });
}

StoredFile identity_file(std::string id, std::string purpose, std::int64_t created, const std::string& session,
                         Kind kind, const Person& p, Encoding encoding, int width = 0) {
  StoredFile f;
  f.id = std::move(id);
  f.created = created;
  f.purpose = std::move(purpose);
  f.type = encoding == Encoding::jpeg ? "jpg" : "png";
  f.verification_session = session;
  f.content = specimen_image(kind, p, encoding, width);
  return f;
}

// One verified (or failed) document verification: the session, its report and its files.
struct Verification {
  std::string session_id, report_id;
  std::string document_type;  // passport | id_card | driving_license
  Person person;
  std::int64_t created = 0, processed_at = 0;
  std::vector<std::string> document_files;
  std::optional<std::string> selfie_file;
  bool with_id_number = false;
  std::optional<CheckError> document_error;
};

void add_verification(SeedData& seed, const Verification& v) {
  const Person& p = v.person;
  const bool verified = !v.document_error;

  DocumentCheck document;
  document.status = verified ? "verified" : "unverified";
  document.type = v.document_type;
  document.error = v.document_error;
  document.files = v.document_files;
  document.first_name = p.first_name;
  document.last_name = p.last_name;
  document.issuing_country = p.country;
  document.address = p.address;
  document.issued_date = p.issued;
  document.dob = p.dob;
  document.expiration_date = p.expiration;
  document.number = p.document_number;

  VerificationOptions options;
  options.require_matching_selfie = v.selfie_file.has_value();
  options.require_id_number = v.with_id_number;

  VerificationReport report;
  report.id = v.report_id;
  report.created = v.processed_at;
  report.document = document;
  report.options = options;
  report.verification_session = v.session_id;
  if (v.selfie_file) {
    SelfieCheck selfie;
    selfie.status = verified ? "verified" : "unverified";
    selfie.document_file = v.document_files.front();
    selfie.selfie_file = v.selfie_file;
    report.selfie = selfie;
  }
  if (v.with_id_number) {
    IdNumberCheck id;
    id.first_name = p.first_name;
    id.last_name = p.last_name;
    id.dob = p.dob;
    id.id_number_type = "us_ssn";
    id.id_number = "0000";  // synthetic last four digits
    report.id_number = id;
  }

  VerificationSession session;
  session.id = v.session_id;
  session.created = v.created;
  session.status = verified ? "verified" : "requires_input";
  session.options = options;
  session.last_verification_report = v.report_id;
  session.processed_at = v.processed_at;
  session.metadata = {{"emulator_seed", "true"}};
  if (verified) {
    VerifiedOutputs outputs;
    outputs.first_name = p.first_name;
    outputs.last_name = p.last_name;
    outputs.address = p.address;
    outputs.dob = p.dob;
    if (v.with_id_number) {
      outputs.id_number_type = "us_ssn";
      outputs.id_number = "0000";
    }
    session.verified_outputs = outputs;
  } else {
    session.last_error = v.document_error;
  }
  seed.sessions.push_back(std::move(session));
  seed.reports.push_back(std::move(report));
}

Person person(std::string first, std::string last, std::string number, std::string country, DateParts dob,
              DateParts expiration, DateParts issued, std::uint32_t face_seed,
              std::optional<PostalAddress> address = std::nullopt) {
  return Person{std::move(first), std::move(last), std::move(number),  std::move(country), dob,
                expiration,       issued,          std::move(address), face_seed};
}

PostalAddress address(std::string line1, std::string city, std::string postal_code, std::string country,
                      std::optional<std::string> state = std::nullopt) {
  PostalAddress a;
  a.line1 = std::move(line1);
  a.city = std::move(city);
  a.postal_code = std::move(postal_code);
  a.country = std::move(country);
  a.state = std::move(state);
  return a;
}

void add_passport(SeedData& seed, const std::string& name, const std::string& session_id, const Person& p,
                  std::int64_t processed_at, bool with_selfie, Encoding encoding = Encoding::jpeg, int width = 0) {
  Verification v;
  v.session_id = session_id;
  v.report_id = "vr_1Emu" + name;
  v.document_type = "passport";
  v.person = p;
  v.created = processed_at - 120;
  v.processed_at = processed_at;
  const std::string page = "file_1Emu" + name + "Page";
  seed.files.push_back(identity_file(page, "identity_document_downloadable", processed_at - 90, session_id,
                                     Kind::passport, p, encoding, width));
  v.document_files = {page};
  if (with_selfie) {
    const std::string face = "file_1Emu" + name + "Selfie";
    seed.files.push_back(
        identity_file(face, "selfie", processed_at - 60, session_id, Kind::selfie_face, p, Encoding::png));
    v.selfie_file = face;
  }
  add_verification(seed, v);
}

void add_two_sided(SeedData& seed, const std::string& name, const std::string& session_id,
                   const std::string& document_type, Kind front, Kind back, const Person& p, std::int64_t processed_at,
                   Encoding encoding, bool with_selfie, bool with_id_number,
                   std::optional<CheckError> error = std::nullopt) {
  Verification v;
  v.session_id = session_id;
  v.report_id = "vr_1Emu" + name;
  v.document_type = document_type;
  v.person = p;
  v.created = processed_at - 150;
  v.processed_at = processed_at;
  v.with_id_number = with_id_number;
  v.document_error = std::move(error);
  const std::string front_id = "file_1Emu" + name + "Front";
  const std::string back_id = "file_1Emu" + name + "Back";
  seed.files.push_back(
      identity_file(front_id, "identity_document_downloadable", processed_at - 100, session_id, front, p, encoding));
  seed.files.push_back(
      identity_file(back_id, "identity_document_downloadable", processed_at - 95, session_id, back, p, encoding));
  v.document_files = {front_id, back_id};
  if (with_selfie) {
    const std::string face = "file_1Emu" + name + "Selfie";
    seed.files.push_back(
        identity_file(face, "selfie", processed_at - 80, session_id, Kind::selfie_face, p, Encoding::png));
    v.selfie_file = face;
  }
  add_verification(seed, v);
}

StoredFile standalone_file(std::string id, std::string purpose, std::int64_t created, Kind kind, const Person& p,
                           Encoding encoding) {
  StoredFile f = identity_file(std::move(id), std::move(purpose), created, "", kind, p, encoding);
  f.verification_session.reset();
  return f;
}

}  // namespace

SeedData build_seed_data(std::int64_t now) {
  SeedData seed;

  const Person erika = person("ERIKA", "SPECIMEN", "C01X00T47", "DE", {12, 8, 1984}, {31, 10, 2031}, {1, 11, 2021}, 7);
  add_passport(seed, "PassportVerified", seed_ids::passport_verified, erika, now - 2 * kHour, false);

  const Person jonas = person("JONAS", "BEISPIEL", "L01X00T471", "DE", {3, 2, 1991}, {14, 6, 2032}, {15, 6, 2022}, 11,
                              address("MUSTERSTRASSE 1", "BERLIN", "10115", "DE"));
  add_two_sided(seed, "IdCardWithSelfie", seed_ids::id_card_with_selfie, "id_card", Kind::id_card_front,
                Kind::id_card_back, jonas, now - 3 * kHour, Encoding::jpeg, /*with_selfie=*/true,
                /*with_id_number=*/false);

  const Person alex = person("ALEX", "SAMPLE", "D0000001", "US", {29, 2, 1988}, {28, 2, 2029}, {1, 3, 2021}, 23,
                             address("1 SPECIMEN WAY", "TESTVILLE", "94000", "US", "CA"));
  add_two_sided(seed, "DrivingLicenceVerified", seed_ids::driving_licence_verified, "driving_license",
                Kind::driving_licence_front, Kind::driving_licence_back, alex, now - 5 * kHour, Encoding::png,
                /*with_selfie=*/false, /*with_id_number=*/true);

  const Person camille = person("CAMILLE", "EXEMPLE", "X4RTBPFW4", "FR", {1, 4, 1979}, {1, 4, 2019}, {2, 4, 2009}, 31,
                                address("1 RUE DE L'EXEMPLE", "PARIS", "75001", "FR"));
  add_two_sided(seed, "DocumentExpired", seed_ids::document_expired, "id_card", Kind::id_card_front, Kind::id_card_back,
                camille, now - kHour / 2, Encoding::jpeg, false, false,
                CheckError{"document_expired", "The document is expired."});

  const Person sam = person("SAM", "VOORBEELD", "SPECI2014", "NL", {10, 3, 1965}, {9, 3, 2030}, {10, 3, 2020}, 41);
  add_passport(seed, "ProcessedLongAgo", seed_ids::processed_long_ago, sam, now - 72 * kHour, true);

  const Person riley = person("RILEY", "MUSTER", "R00000000", "AT", {5, 5, 1995}, {4, 5, 2033}, {5, 5, 2023}, 53,
                              address("MUSTERGASSE 2", "WIEN", "1010", "AT"));
  add_two_sided(seed, "Redacted", seed_ids::redacted, "id_card", Kind::id_card_front, Kind::id_card_back, riley,
                now - 6 * kHour, Encoding::jpeg, true, false);
  for (auto& s : seed.sessions)
    if (s.id == seed_ids::redacted) {
      s.redaction_requested_ms = (now - 4 * kHour) * 1000;
      s.redaction_done_ms = (now - 3 * kHour) * 1000;
    }

  const Person jamie = person("JAMIE", "MUSTER", "J00000001", "DE", {21, 12, 2000}, {20, 12, 2034}, {21, 12, 2024}, 61);
  add_passport(seed, "ReadyToRedact", seed_ids::ready_to_redact, jamie, now - 4 * kHour, true);

  VerificationSession awaiting;
  awaiting.id = seed_ids::awaiting_input;
  awaiting.created = now - 7 * kHour;
  awaiting.status = "requires_input";
  seed.sessions.push_back(std::move(awaiting));

  seed.files.push_back(standalone_file(seed_ids::uploaded_identity_document_file, "identity_document", now - 10 * kHour,
                                       Kind::id_card_front, jonas, Encoding::jpeg));
  seed.files.push_back(standalone_file(seed_ids::dispute_evidence_file, "dispute_evidence", now - 9 * kHour,
                                       Kind::driving_licence_back, alex, Encoding::png));

  // 4128 × 2906 pixels: the 12-megapixel page the benchmarks decode. Added last so the
  // background warm-up renders it after every small image.
  add_passport(seed, "LargePassport12MP", seed_ids::large_passport_12mp, erika, now - kHour, false, Encoding::jpeg,
               4128);
  return seed;
}

}  // namespace iiv::emulator
