#pragma once
// One audit record: who looked at what, from where, and what came of it. It names the
// images by role and the sensitive fields by name; it never holds a key, a FileLink URL
// or a value.
#include <string>
#include <vector>

namespace iiv::stub {

struct AuditEntry {
  std::string time;                 // RFC 3339 UTC
  std::string reviewer;             // reviewer id, or "" when the caller was not authenticated
  std::string action;               // "image_links", "summary", "list", "redact", "metrics", "me"
  std::string session;              // "vs_…" when the request named a well-formed one, else ""
  std::vector<std::string> roles;   // image roles shown
  std::vector<std::string> fields;  // sensitive fields shown (or asked for, when refused)
  // "ok", "started" (written before Stripe is called for images, sensitive fields or a
  // redaction: no line, no call), or the error code.
  std::string outcome;
  std::string client;  // the client's address (see http/client_address.hpp)
  // Refusals of callers without a reviewer are sampled: one line per client and interval,
  // counting every refusal since that client's previous line. 1 for every other line.
  long long count = 1;
};

// The JSON line, without the trailing newline.
std::string build_audit_line(const AuditEntry& entry);

}  // namespace iiv::stub
