#include "stub/audit/audit_line.hpp"

#include <nlohmann/json.hpp>

namespace iiv::stub {

std::string build_audit_line(const AuditEntry& entry) {
  const auto or_null = [](const std::string& text) { return text.empty() ? nlohmann::json() : nlohmann::json(text); };
  nlohmann::json line = {
      {"time", entry.time},
      {"reviewer", or_null(entry.reviewer)},
      {"action", entry.action},
      {"session", or_null(entry.session)},
      {"shown", {{"images", entry.roles}, {"sensitive_fields", entry.fields}}},
      {"outcome", entry.outcome},
      {"client", or_null(entry.client)},
  };
  if (entry.count != 1) line["count"] = entry.count;
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace iiv::stub
