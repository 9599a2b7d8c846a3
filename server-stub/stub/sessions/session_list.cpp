#include "stub/sessions/session_list.hpp"

#include "stub/sessions/session_summary.hpp"

namespace iiv::stub {

nlohmann::json project_session_list(const nlohmann::json& stripe_list) {
  nlohmann::json sessions = nlohmann::json::array();
  const auto data = stripe_list.is_object() ? stripe_list.find("data") : stripe_list.end();
  if (stripe_list.is_object() && data != stripe_list.end() && data->is_array()) {
    for (const auto& session : *data) {
      if (!session.is_object()) continue;
      auto field = [&](const char* key) {
        const auto it = session.find(key);
        return it != session.end() && it->is_primitive() ? *it : nlohmann::json();
      };
      sessions.push_back({{"id", field("id")},
                          {"status", field("status")},
                          {"type", field("type")},
                          {"created", field("created")},
                          {"redaction", redaction_status(session)}});
    }
  }
  const bool has_more = stripe_list.is_object() && stripe_list.value("has_more", false);
  return {{"sessions", sessions}, {"has_more", has_more}};
}

}  // namespace iiv::stub
