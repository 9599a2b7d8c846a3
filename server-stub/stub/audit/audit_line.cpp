#include "stub/audit/audit_line.hpp"

#include <nlohmann/json.hpp>

namespace iiv::stub {

std::string build_audit_line(const AuditEntry& entry) {
  const nlohmann::json line = {
      {"time", entry.time},
      {"reviewer", entry.reviewer.empty() ? nlohmann::json() : nlohmann::json(entry.reviewer)},
      {"action", entry.action},
      {"session", entry.session.empty() ? nlohmann::json() : nlohmann::json(entry.session)},
      {"shown", {{"images", entry.roles}, {"sensitive_fields", entry.fields}}},
      {"outcome", entry.outcome},
  };
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace iiv::stub
