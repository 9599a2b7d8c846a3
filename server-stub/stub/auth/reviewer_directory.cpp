#include "stub/auth/reviewer_directory.hpp"

#include <set>

#include <nlohmann/json.hpp>

#include "stub/config/protected_file.hpp"

namespace iiv::stub {

namespace {

using common::Fail;
using nlohmann::json;

bool is_valid_reviewer_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '-' || c == '.' || c == '@';
    if (!ok) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The member `key` of `entry` when it is a string; else why not, by name.
common::Result<std::string, std::string> string_member(const json& entry, const char* key, const std::string& where) {
  const auto it = entry.find(key);
  if (it == entry.end()) return Fail(where + "." + key + " is missing");
  if (!it->is_string()) return Fail(where + "." + key + " must be a string");
  return it->get<std::string>();
}

common::Result<Reviewer, std::string> parse_reviewer(const json& entry, const std::string& where) {
  if (!entry.is_object()) return Fail(where + " must be an object");
  if (entry.contains("token")) return Fail(where + " holds a plain token: store only token_sha256");
  auto id = string_member(entry, "id", where);
  if (!id) return Fail(id.error());
  if (!is_valid_reviewer_id(*id)) return Fail(where + ".id must match [A-Za-z0-9_.@-]{1,64}");
  auto digest_hex = string_member(entry, "token_sha256", where);
  if (!digest_hex) return Fail(digest_hex.error());
  const auto digest = digest_from_hex(*digest_hex);
  if (!digest) return Fail(where + ".token_sha256 must be 64 hex digits");

  Reviewer reviewer{std::move(*id), *digest, {}};
  const auto roles = entry.find("roles");
  if (roles == entry.end()) return Fail(where + ".roles is missing");
  if (!roles->is_array()) return Fail(where + ".roles must be an array of strings");
  for (const auto& name : *roles) {
    if (!name.is_string()) return Fail(where + ".roles must be an array of strings");
    const auto role = parse_role(name.get<std::string>());
    if (!role) return Fail(where + ".roles has an unknown role (view, reveal, redact, operator)");
    reviewer.roles.insert(*role);
  }
  return reviewer;
}

}  // namespace

common::Result<std::shared_ptr<const ReviewerDirectory>, std::string> ReviewerDirectory::from_json_text(
    std::string_view text) {
  const json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return Fail(std::string("the reviewers file is not a JSON object"));
  const auto list = doc.find("reviewers");
  if (list == doc.end() || !list->is_array())
    return Fail(std::string("the reviewers file needs a \"reviewers\" array"));

  auto directory = std::make_shared<ReviewerDirectory>();
  std::set<std::string> seen_ids;
  std::set<Sha256Digest> seen_digests;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string where = "reviewers[" + std::to_string(i) + "]";
    auto reviewer = parse_reviewer((*list)[i], where);
    if (!reviewer) return Fail(reviewer.error());
    if (!seen_ids.insert(reviewer->id).second) return Fail(where + ".id repeats " + reviewer->id);
    // Two reviewers with one token would make every use of it ambiguous in the audit log.
    if (!seen_digests.insert(reviewer->token_sha256).second) {
      return Fail(where +
                  ".token_sha256 repeats the digest of an earlier reviewer: each reviewer needs their own token");
    }
    directory->reviewers_.push_back(std::move(*reviewer));
  }
  return std::shared_ptr<const ReviewerDirectory>(std::move(directory));
}

common::Result<std::shared_ptr<const ReviewerDirectory>, std::string> ReviewerDirectory::from_file(
    const std::string& path) {
  auto text = read_protected_file(path, FileProtection::trusted, "the reviewers file");
  if (!text) return Fail(text.error());
  auto directory = from_json_text(*text);
  if (!directory) return Fail("the reviewers file " + path + ": " + directory.error());
  return directory;
}

AuthResult ReviewerDirectory::authenticate(const std::shared_ptr<const ReviewerDirectory>& directory,
                                           std::string_view authorization) {
  authorization = trim(authorization);
  if (authorization.empty()) return {AuthOutcome::missing_credentials, nullptr};
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.size() <= kScheme.size() || authorization.substr(0, kScheme.size()) != kScheme) {
    return {AuthOutcome::wrong_credentials, nullptr};
  }
  const std::string_view token = trim(authorization.substr(kScheme.size()));
  if (token.empty()) return {AuthOutcome::wrong_credentials, nullptr};
  const Sha256Digest presented = sha256(token);
  // Compare against every reviewer, without stopping early, so the time taken says
  // nothing about which (if any) digest matched.
  const Reviewer* match = nullptr;
  for (const Reviewer& reviewer : directory->reviewers_) {
    if (digests_equal(presented, reviewer.token_sha256) && match == nullptr) match = &reviewer;
  }
  if (match == nullptr) return {AuthOutcome::wrong_credentials, nullptr};
  return {AuthOutcome::authenticated, std::shared_ptr<const Reviewer>(directory, match)};
}

}  // namespace iiv::stub
