#include "emulator/expand_paths.hpp"

#include <algorithm>

namespace iiv::emulator {

namespace {

std::vector<std::string> with_prefix(const std::string& prefix, const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& p : paths) out.push_back(prefix + "." + p);
  return out;
}

void append(std::vector<std::string>& into, const std::vector<std::string>& more) {
  into.insert(into.end(), more.begin(), more.end());
}

// Properties of a VerificationReport that expand[] may name. Most are embedded objects that
// are always present (expanding them changes nothing, as on Stripe); the sensitive ones are not.
const std::vector<std::string>& report_paths() {
  static const std::vector<std::string> paths = {"document",
                                                 "document.address",
                                                 "document.dob",
                                                 "document.error",
                                                 "document.expiration_date",
                                                 "document.issued_date",
                                                 "document.number",
                                                 "id_number",
                                                 "id_number.dob",
                                                 "id_number.error",
                                                 "id_number.id_number",
                                                 "options",
                                                 "selfie",
                                                 "selfie.error"};
  return paths;
}

const std::vector<std::string>& report_sensitive_paths() {
  static const std::vector<std::string> paths = {"document.dob", "document.expiration_date", "document.number",
                                                 "id_number.dob", "id_number.id_number"};
  return paths;
}

const std::vector<std::string>& session_paths() {
  static const std::vector<std::string> paths = [] {
    std::vector<std::string> p = {"last_error",
                                  "options",
                                  "redaction",
                                  "verified_outputs",
                                  "verified_outputs.address",
                                  "verified_outputs.dob",
                                  "verified_outputs.id_number",
                                  "last_verification_report"};
    append(p, with_prefix("last_verification_report", report_paths()));
    return p;
  }();
  return paths;
}

const std::vector<std::string>& session_sensitive_paths() {
  static const std::vector<std::string> paths = [] {
    std::vector<std::string> p = {"verified_outputs.dob", "verified_outputs.id_number"};
    append(p, with_prefix("last_verification_report", report_sensitive_paths()));
    return p;
  }();
  return paths;
}

const std::vector<std::string>& allowed_paths(ExpandTarget target) {
  static const std::vector<std::string> session_list = [] {
    std::vector<std::string> p = {"data"};
    append(p, with_prefix("data", session_paths()));
    return p;
  }();
  static const std::vector<std::string> file = {"links"};
  static const std::vector<std::string> file_link = {"file", "file.links"};
  switch (target) {
    case ExpandTarget::verification_session: return session_paths();
    case ExpandTarget::verification_session_list: return session_list;
    case ExpandTarget::verification_report: return report_paths();
    case ExpandTarget::file: return file;
    case ExpandTarget::file_link: return file_link;
  }
  return file;
}

const std::vector<std::string>& sensitive_paths(ExpandTarget target) {
  static const std::vector<std::string> none;
  static const std::vector<std::string> session_list = with_prefix("data", session_sensitive_paths());
  switch (target) {
    case ExpandTarget::verification_session: return session_sensitive_paths();
    case ExpandTarget::verification_session_list: return session_list;
    case ExpandTarget::verification_report: return report_sensitive_paths();
    case ExpandTarget::file:
    case ExpandTarget::file_link: return none;
  }
  return none;
}

bool contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

bool ExpandSet::has(std::string_view path) const {
  for (const auto& p : paths_) {
    if (p == path) return true;
    if (p.size() > path.size() && p.compare(0, path.size(), path) == 0 && p[path.size()] == '.') return true;
  }
  return false;
}

ExpandSet ExpandSet::below(std::string_view prefix) const {
  std::set<std::string> out;
  for (const auto& p : paths_) {
    if (p.size() > prefix.size() + 1 && p.compare(0, prefix.size(), prefix) == 0 && p[prefix.size()] == '.')
      out.insert(p.substr(prefix.size() + 1));
  }
  return ExpandSet(std::move(out));
}

common::Result<ExpandSet, ApiError> parse_expand(const std::vector<std::string>& requested, ExpandTarget target) {
  std::set<std::string> paths;
  for (const auto& path : requested) {
    if (std::count(path.begin(), path.end(), '.') >= kMaxExpandDepth)
      return common::Fail(errors::expand_too_deep(path));
    if (!contains(allowed_paths(target), path)) return common::Fail(errors::cannot_expand(path));
    paths.insert(path);
  }
  return ExpandSet(std::move(paths));
}

std::vector<std::string> sensitive_expansions(const ExpandSet& expand, ExpandTarget target) {
  std::vector<std::string> out;
  for (const auto& p : expand.paths())
    if (contains(sensitive_paths(target), p)) out.push_back(p);
  return out;
}

}  // namespace iiv::emulator
