#include "stub/auth/reviewer_directory.hpp"

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace iiv::stub {

namespace {

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

}  // namespace

ReviewerDirectory ReviewerDirectory::from_json_text(std::string_view text) {
  const nlohmann::json doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) throw std::runtime_error("reviewers file is not a JSON object");
  const auto list = doc.find("reviewers");
  if (list == doc.end() || !list->is_array()) throw std::runtime_error("reviewers file needs a \"reviewers\" array");

  ReviewerDirectory directory;
  std::set<std::string> seen_ids;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& entry = (*list)[i];
    const std::string where = "reviewers[" + std::to_string(i) + "]";
    if (!entry.is_object()) throw std::runtime_error(where + " is not an object");
    if (entry.contains("token")) throw std::runtime_error(where + " holds a plain token: store only token_sha256");
    const auto id = entry.value("id", std::string());
    if (!is_valid_reviewer_id(id)) throw std::runtime_error(where + ".id is missing or not [A-Za-z0-9_.@-]{1,64}");
    if (!seen_ids.insert(id).second) throw std::runtime_error(where + ".id repeats " + id);
    const auto digest = digest_from_hex(entry.value("token_sha256", std::string()));
    if (!digest) throw std::runtime_error(where + ".token_sha256 must be 64 hex digits");
    Reviewer reviewer{id, *digest, {}};
    const auto roles = entry.find("roles");
    if (roles == entry.end() || !roles->is_array()) throw std::runtime_error(where + ".roles must be an array");
    for (const auto& name : *roles) {
      const auto role = name.is_string() ? parse_role(name.get<std::string>()) : std::nullopt;
      if (!role) throw std::runtime_error(where + ".roles has an unknown role (view, reveal, redact, operator)");
      reviewer.roles.insert(*role);
    }
    directory.reviewers_.push_back(std::move(reviewer));
  }
  return directory;
}

ReviewerDirectory ReviewerDirectory::from_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read reviewers file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return from_json_text(text.str());
}

AuthResult ReviewerDirectory::authenticate(std::string_view authorization) const {
  authorization = trim(authorization);
  if (authorization.empty()) return {AuthOutcome::missing_credentials};
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.size() <= kScheme.size() || authorization.substr(0, kScheme.size()) != kScheme) {
    return {AuthOutcome::wrong_credentials};
  }
  const std::string_view token = trim(authorization.substr(kScheme.size()));
  if (token.empty()) return {AuthOutcome::wrong_credentials};
  const Sha256Digest presented = sha256(token);
  // Compare against every reviewer, without stopping early, so the time taken says
  // nothing about which (if any) digest matched.
  const Reviewer* match = nullptr;
  for (const Reviewer& reviewer : reviewers_) {
    if (digests_equal(presented, reviewer.token_sha256) && match == nullptr) match = &reviewer;
  }
  if (match == nullptr) return {AuthOutcome::wrong_credentials};
  return {AuthOutcome::authenticated, match};
}

}  // namespace iiv::stub
