#include "emulator/admin_service.hpp"

#include "common/secret_mask.hpp"
#include "common/security_headers.hpp"
#include "emulator/ids.hpp"
#include "emulator/loopback.hpp"

namespace iiv::emulator {

namespace {

constexpr std::int64_t kMaxClockStepSeconds = 10LL * 365 * 24 * 3600;

HttpResponse json_answer(int status, const nlohmann::ordered_json& body) {
  HttpResponse out;
  out.status = status;
  out.body = body.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);  // a path may be any bytes
  out.set_header("Content-Type", "application/json");
  out.set_header("Request-Id", new_request_id());
  for (const auto& [name, value] : common::security_headers()) out.set_header(name, value);
  return out;
}

HttpResponse admin_error(int status, const std::string& message) {
  return json_answer(status, {{"error", {{"type", "emulator_admin_error"}, {"message", message}}}});
}

}  // namespace

AdminService::AdminService(KeyRing& keys, RuntimeConfigHolder& config, RequestStats& stats, EmulatorClock& clock)
    : keys_(keys), config_(config), stats_(stats), clock_(clock) {}

bool AdminService::is_admin_path(const std::string& path) { return path.rfind("/_emulator/", 0) == 0; }

HttpResponse AdminService::handle(const HttpRequest& request) {
  if (!is_loopback_address(request.peer_address))
    return admin_error(403, "The emulator's admin endpoints answer only loopback clients.");
  const std::string path = request.path();
  const std::string& method = request.method;

  nlohmann::json body = nlohmann::json::object();
  if (method == "POST" && !request.body.empty()) {
    body = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded() || !body.is_object()) return admin_error(400, "The body must be a JSON object.");
  }

  if (path == "/_emulator/config") {
    if (method == "GET") return json_answer(200, config_json(config_.get()));
    if (method == "POST") {
      RuntimeConfig config = config_.get();
      if (auto applied = apply_config_patch(config, body); !applied) return admin_error(400, applied.error());
      config_.set(config);
      return json_answer(200, config_json(config));
    }
  } else if (path == "/_emulator/keys/roll" && method == "POST") {
    const auto key = body.find("key");
    if (key == body.end() || !key->is_string()) return admin_error(400, "Give the key to roll as {\"key\": \"…\"}.");
    std::optional<std::string> replacement;
    if (const auto r = body.find("replacement"); r != body.end()) {
      if (!r->is_string() || r->get<std::string>().empty())
        return admin_error(400, "\"replacement\" must be a non-empty key string.");
      replacement = r->get<std::string>();
    }
    if (auto rolled = keys_.roll(key->get<std::string>(), replacement); !rolled)
      return admin_error(rolled.error() == "no such key" ? 404 : 400, rolled.error());
    nlohmann::ordered_json answer{{"rolled", common::mask_key(key->get<std::string>())}};
    if (replacement) answer["replacement"] = common::mask_key(*replacement);
    return json_answer(200, answer);
  } else if (path == "/_emulator/stats") {
    if (method == "GET") return json_answer(200, stats_.to_json());
  } else if (path == "/_emulator/stats/reset" && method == "POST") {
    stats_.reset();
    return json_answer(200, stats_.to_json());
  } else if (path == "/_emulator/clock") {
    if (method == "POST") {
      const auto step = body.find("advance_seconds");
      if (step == body.end() || !step->is_number_integer() || step->get<std::int64_t>() < 0 ||
          step->get<std::int64_t>() > kMaxClockStepSeconds)
        return admin_error(400, "Give {\"advance_seconds\": N} with 0 <= N <= ten years.");
      clock_.advance_seconds(step->get<std::int64_t>());
    }
    if (method == "GET" || method == "POST")
      return json_answer(200, {{"now", clock_.now()}, {"offset_seconds", clock_.offset_seconds()}});
  }
  return admin_error(404, "No such emulator endpoint: " + method + " " + path);
}

}  // namespace iiv::emulator
