#include "emulator/api_service.hpp"

#include <exception>

#include "common/secret_mask.hpp"
#include "common/security_headers.hpp"
#include "common/stripe_api.hpp"
#include "emulator/access_rules.hpp"
#include "emulator/api_routes.hpp"
#include "emulator/authorization_header.hpp"
#include "emulator/file_endpoints.hpp"
#include "emulator/form_params.hpp"
#include "emulator/identity_endpoints.hpp"
#include "emulator/ids.hpp"
#include "emulator/permissions.hpp"

namespace iiv::emulator {

namespace {

constexpr std::size_t kMaxIdempotencyKeyLength = 255;

HttpResponse json_response(int status, const std::string& body, const std::string& request_id,
                           const std::string& version) {
  HttpResponse out;
  out.status = status;
  out.body = body;
  out.set_header("Content-Type", "application/json");
  out.set_header("Request-Id", request_id);
  out.set_header("Stripe-Version", version);
  for (const auto& [name, value] : common::security_headers()) out.set_header(name, value);
  return out;
}

// Parameters are checked for UTF-8 when they are decoded; replacing, not throwing, is the
// backstop for anything else from the request that reaches an answer.
template <class JsonType>
std::string dump_safely(const JsonType& json, int indent) {
  return json.dump(indent, ' ', false, JsonType::error_handler_t::replace);
}

std::string_view required_permission(Endpoint endpoint) {
  switch (endpoint) {
    case Endpoint::list_sessions:
    case Endpoint::retrieve_session:
    case Endpoint::retrieve_report: return permissions::identity_read;
    case Endpoint::redact_session: return permissions::identity_write;
    case Endpoint::retrieve_file:
    case Endpoint::retrieve_file_link: return permissions::file_read;
    case Endpoint::create_file_link: return permissions::file_write;
  }
  return permissions::identity_write;
}

EndpointResult run_endpoint(Endpoint endpoint, const EndpointContext& ctx) {
  switch (endpoint) {
    case Endpoint::list_sessions: return list_sessions(ctx);
    case Endpoint::retrieve_session: return retrieve_session(ctx);
    case Endpoint::redact_session: return redact_session(ctx);
    case Endpoint::retrieve_report: return retrieve_report(ctx);
    case Endpoint::retrieve_file: return retrieve_file(ctx);
    case Endpoint::create_file_link: return create_file_link(ctx);
    case Endpoint::retrieve_file_link: return retrieve_file_link(ctx);
  }
  return common::Fail(errors::internal_error());
}

// The query string, and for POST the form body too; or the error Stripe gives for them.
common::Result<nlohmann::json, ApiError> request_params(const HttpRequest& request) {
  auto query = parse_form(request.query());
  if (!query || request.method != "POST" || request.body.empty()) return query;
  std::string content_type = common::ascii_lowercase(request.header("content-type"));
  content_type = content_type.substr(0, content_type.find(';'));
  while (!content_type.empty() && content_type.back() == ' ') content_type.pop_back();
  if (!content_type.empty() && content_type != "application/x-www-form-urlencoded")
    return common::Fail(errors::unsupported_content_type(content_type));
  auto body = parse_form(request.body);
  if (!body) return body;
  if (auto merged = merge_params(*body, *query); !merged) return common::Fail(merged.error());
  return body;
}

}  // namespace

HttpResponse api_error_response(const ApiError& error, const std::string& request_id, const std::string& version) {
  return json_response(error.http_status, error.to_text(), request_id, version);
}

ApiService::ApiService(EmulatorStore& store, KeyRing& keys, EmulatorClock& clock, RuntimeConfigHolder& config,
                       RequestStats* stats, StripeRateLimiter::Now now)
    : store_(store), keys_(keys), clock_(clock), config_(config), stats_(stats), rate_limiter_(std::move(now)) {}

void ApiService::set_files_base(std::string base) {
  std::lock_guard<std::mutex> lock(files_base_mutex_);
  files_base_ = std::move(base);
}

std::string ApiService::files_base() const {
  std::lock_guard<std::mutex> lock(files_base_mutex_);
  return files_base_;
}

std::string ApiService::endpoint_label(const HttpRequest& request) {
  const auto route = match_route(request.method, request.path());
  return route ? endpoint_name(route->endpoint) : "unrecognized";
}

HttpResponse ApiService::fault_response(FaultKind kind) const {
  const ApiError error = kind == FaultKind::rate_limit ? errors::rate_limited() : errors::internal_error();
  return api_error_response(error, new_request_id(), common::kStripeApiVersion);
}

HttpResponse ApiService::handle(const HttpRequest& request) {
  const std::string request_id = new_request_id();
  const std::string version = common::kStripeApiVersion;
  const auto fail = [&](const ApiError& error, const std::string& note = {}) {
    HttpResponse out = api_error_response(error, request_id, version);
    out.log_note = note;
    return out;
  };

  const std::string path = request.path();
  const auto route = match_route(request.method, path);
  if (!route) return fail(errors::unrecognized_url(request.method, path));

  if (const std::string asked = request.header("stripe-version"); !asked.empty() && asked != version)
    return fail(errors::invalid_stripe_version(asked));

  const std::string presented = api_key_from_authorization(request.header("authorization"));
  const std::string key_note = presented.empty() ? "key=none" : "key=" + common::mask_key(presented);
  const auto authenticated = keys_.authenticate(presented);
  if (!authenticated) return fail(authenticated.error(), key_note);
  const ApiKey& key = *authenticated;

  // Stripe limits each account, so only requests that name one (a valid key) count.
  const RuntimeConfig config = config_.get();
  if (auto admitted = rate_limiter_.admit(config.rate_limits, route->endpoint); !admitted) {
    if (stats_) stats_->count_rate_limited(admitted.error());
    return fail(errors::rate_limited(), key_note + " rate_limited=" + rate_limit_name(admitted.error()));
  }

  const auto params_or_error = request_params(request);
  if (!params_or_error) return fail(params_or_error.error(), key_note);
  const nlohmann::json& params = *params_or_error;

  if (auto allowed = require_permission(key, required_permission(route->endpoint)); !allowed)
    return fail(allowed.error(), key_note);

  const std::string idempotency_key = request.method == "POST" ? request.header("idempotency-key") : std::string();
  const std::int64_t now = clock_.now();
  if (!idempotency_key.empty()) {
    if (idempotency_key.size() > kMaxIdempotencyKeyLength) return fail(errors::idempotency_key_too_long(), key_note);
    const std::string fingerprint = request.method + " " + path + " " + dump_safely(params, -1);
    const auto begun = idempotency_.begin(idempotency_key, fingerprint, now);
    switch (begun.outcome) {
      case IdempotencyCache::Outcome::mismatch: return fail(errors::idempotency_key_reused(idempotency_key), key_note);
      case IdempotencyCache::Outcome::in_progress: return fail(errors::idempotency_key_in_use(), key_note);
      case IdempotencyCache::Outcome::replay: {
        HttpResponse out = json_response(begun.answer.status, begun.answer.body, request_id, version);
        out.set_header("Idempotency-Key", idempotency_key);
        out.set_header("Idempotent-Replayed", "true");
        out.set_header("Original-Request", begun.answer.request_id);
        out.log_note = key_note + " replayed";
        return out;
      }
      case IdempotencyCache::Outcome::run: break;
    }
  }

  const std::string files_base_url = files_base();
  const EndpointContext ctx{key, params, route->id, now, clock_.now_ms(), store_, config, files_base_url};
  EndpointResult result = common::Fail(errors::internal_error());
  try {
    result = run_endpoint(route->endpoint, ctx);
  } catch (const std::exception&) {
    // e.g. a seed image that failed to render: Stripe's 500, and the key is free again.
    result = common::Fail(errors::internal_error());
  }
  if (!result) {
    if (!idempotency_key.empty()) idempotency_.abandon(idempotency_key);
    HttpResponse out = fail(result.error(), key_note);
    if (!idempotency_key.empty()) out.set_header("Idempotency-Key", idempotency_key);
    return out;
  }
  HttpResponse out = json_response(200, dump_safely(*result, 2), request_id, version);
  if (!idempotency_key.empty()) {
    idempotency_.save(idempotency_key, SavedAnswer{200, out.body, request_id}, now);
    out.set_header("Idempotency-Key", idempotency_key);
  }
  out.log_note = key_note;
  return out;
}

}  // namespace iiv::emulator
