#pragma once
// Stripe's wire shapes for the emulator's records (keys in Stripe's order: id, object, then
// alphabetical). Sensitive fields (dob, number, expiration_date, id_number) are left out of
// the JSON unless their path is in `expand`, as Stripe leaves out fields that are only
// "includable"; the caller checks beforehand that the key may see them, and passes the
// redacted record for a redacted session.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "emulator/expand_paths.hpp"
#include "emulator/identity_model.hpp"
#include "emulator/redaction.hpp"

namespace iiv::emulator {

using Json = nlohmann::ordered_json;

Json report_json(const VerificationReport& report, const ExpandSet& expand);

// `report` is embedded when `expand` has last_verification_report (else the id is given).
Json session_json(const VerificationSession& session, RedactionStatus redaction, const VerificationReport* report,
                  const ExpandSet& expand);

// `links`: this file's links, newest first, included when `expand` has "links".
Json file_json(const StoredFile& file, std::size_t size, const std::vector<FileLink>& links, std::int64_t now,
               const std::string& files_base, const ExpandSet& expand);

Json file_link_json(const FileLink& link, std::int64_t now, const std::string& files_base,
                    const std::optional<Json>& expanded_file);

Json list_json(Json data, bool has_more, const std::string& url);

}  // namespace iiv::emulator
