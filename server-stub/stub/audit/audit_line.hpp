#pragma once
// One audit record: who looked at what, and what came of it. It names the images by role
// and the sensitive fields by name; it never holds a key, a FileLink URL or a value.
#include <optional>
#include <string>
#include <vector>

namespace iiv::stub {

struct AuditEntry {
  std::string time;         // RFC 3339 UTC
  std::string reviewer;     // reviewer id, or "" when the caller was not authenticated
  std::string action;       // "image_links", "summary", "list", "redact", "metrics"
  std::string session;      // "vs_…" when the request named a well-formed one, else ""
  std::vector<std::string> roles;   // image roles shown
  std::vector<std::string> fields;  // sensitive fields shown
  std::string outcome;      // "ok" or the error code
};

// The JSON line, without the trailing newline.
std::string build_audit_line(const AuditEntry& entry);

}  // namespace iiv::stub
