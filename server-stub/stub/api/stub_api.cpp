#include "stub/api/stub_api.hpp"

#include <fstream>
#include <sstream>

#include "common/stripe_id.hpp"
#include "stub/api/access_policy.hpp"
#include "stub/api/routes.hpp"
#include "stub/http/client_address.hpp"
#include "stub/http/page_policy.hpp"
#include "stub/http/query_string.hpp"
#include "stub/http/static_files.hpp"
#include "stub/observe/json_log.hpp"

namespace iiv::stub {

namespace {

using common::HttpRequest;
using common::HttpResponse;
using nlohmann::json;

constexpr int kDefaultListLimit = 20;
constexpr const char* kJsonType = "application/json";

HttpResponse json_response(int status, const json& body) {
  HttpResponse response;
  response.status = status;
  response.set_header("Content-Type", kJsonType);
  response.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return response;
}

// "application/json; charset=utf-8" → "application/json".
std::string media_type(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
  return common::ascii_lowercase(type);
}

ApiError invalid_request(std::string message) { return ApiError{ErrorCode::invalid_request, std::move(message), {}}; }

bool needs_started_line(Action action, const SensitiveFieldSet& included) {
  return action == Action::image_links || action == Action::redact || (action == Action::summary && !included.empty());
}

common::Result<std::string, std::string> read_static_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return common::Fail(std::string("unreadable"));
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return common::Fail(std::string("unreadable"));
  return content.str();
}

}  // namespace

HttpResponse error_response(const ApiError& error) {
  HttpResponse response = json_response(http_status(error.code), to_json(error));
  if (error.code == ErrorCode::unauthenticated) response.set_header("WWW-Authenticate", "Bearer");
  if (error.retry_after_s) response.set_header("Retry-After", std::to_string(*error.retry_after_s));
  return response;
}

struct StubApi::Call {
  const HttpRequest& request;
  const Route& route;
  std::string session_segment;
  std::string client;      // the client's address
  std::string client_key;  // what per-client limits count by
  std::shared_ptr<const Reviewer> reviewer;
  std::string session;  // the validated "vs_…" id of the route, once checked
  SensitiveFieldSet included;
  int limit = kDefaultListLimit;
  std::vector<std::string> roles_shown;
  bool logged = true;  // sampled-out refusals leave no request log line either
};

StubApi::StubApi(StubApiParts parts) : parts_(std::move(parts)) {}
StubApi::~StubApi() = default;

HttpResponse StubApi::handle(const HttpRequest& request) {
  const std::string path = request.path();
  auto matched = match_route(request.method, path);
  if (!matched) {
    const RouteMiss& miss = matched.error();
    if (request.method == "OPTIONS" && miss.path_known && is_api_path(path)) {
      const auto headers =
          parts_.cors.preflight(request.header("origin"), request.header("access-control-request-method"),
                                request.header("access-control-request-headers"));
      if (!headers) {
        parts_.metrics.refusal(error_code_name(ErrorCode::cors_origin_not_allowed));
        return error_response({ErrorCode::cors_origin_not_allowed,
                               "This origin, method or header is not allowed to call the API (see --cors-origin).",
                               {}});
      }
      HttpResponse response;
      response.status = 204;
      for (const auto& [name, value] : *headers) response.set_header(name, value);
      return response;
    }
    const ApiError error =
        miss.path_known ? ApiError{ErrorCode::method_not_allowed, "This method is not allowed here.", {}}
                        : ApiError{ErrorCode::not_found, is_api_path(path) ? "No such API route." : "Not found.", {}};
    parts_.metrics.refusal(error_code_name(error.code));
    HttpResponse response = error_response(error);
    if (miss.path_known) response.set_header("Allow", miss.allow);
    if (is_api_path(path)) {
      for (const auto& [name, value] : parts_.cors.response_headers(request.header("origin"))) {
        response.set_header(name, value);
      }
    }
    return response;
  }

  const Route& route = *matched->route;
  if (route.action == Action::health) return json_response(200, {{"status", "ok"}});
  if (route.action == Action::static_file) {
    const auto decoded = percent_decode(path, /*plus_is_space=*/false);
    // Decoded, the path may name /api after all ("/api%2Fx", "/%61pi/x"): never a file.
    const auto file = decoded && decoded->find('\0') == std::string::npos && !is_api_path(*decoded)
                          ? resolve_static(parts_.config.statics, *decoded)
                          : std::nullopt;
    auto content =
        file ? read_static_file(file->path) : common::Result<std::string, std::string>(common::Fail(std::string()));
    if (!content) {
      parts_.metrics.refusal(error_code_name(ErrorCode::not_found));
      return error_response({ErrorCode::not_found, "Not found.", {}});
    }
    HttpResponse response;
    response.set_header("Content-Type", file->content_type);
    if (file->content_type.rfind("text/html", 0) == 0) {
      response.set_header("Content-Security-Policy", content_security_policy(parts_.config.files_origins));
    }
    response.body = std::move(*content);
    return response;
  }

  Call call{request, route, std::move(matched->session_segment), {}, {}, nullptr, {}, {}, kDefaultListLimit, {}, true};
  HttpResponse response = answer_reviewer_route(call);
  for (const auto& [name, value] : parts_.cors.response_headers(request.header("origin"))) {
    response.set_header(name, value);
  }
  if (call.logged) {
    log_event("request", {{"method", request.method},
                          {"path", path},
                          {"status", response.status},
                          {"reviewer", call.reviewer ? json(call.reviewer->id) : json()},
                          {"client", call.client}});
  }
  return response;
}

HttpResponse StubApi::answer_reviewer_route(Call& call) {
  const auto now = parts_.now();
  const std::string action(call.route.audit_action);
  // The session as the audit log names it: only a well-formed id is ever written there.
  const std::string audit_session = common::is_stripe_id(call.session_segment, "vs_") ? call.session_segment : "";
  const auto audit = [&](const std::string& outcome, long long count = 1) {
    return parts_.audit.write({utc_timestamp_now(), call.reviewer ? call.reviewer->id : std::string(), action,
                               audit_session, call.roles_shown, field_names(call.included), outcome, call.client,
                               count});
  };
  // A refusal to a reviewer: one audit line each (its failure changes nothing: nothing is shown).
  const auto refuse = [&](const ApiError& error) {
    parts_.metrics.refusal(error_code_name(error.code));
    (void)audit(error_code_name(error.code));
    return error_response(error);
  };
  // A refusal to someone who is not a reviewer: counted, and audited only as a sample.
  const auto refuse_anonymous = [&](const ApiError& error) {
    parts_.metrics.refusal(error_code_name(error.code));
    call.logged = false;
    const std::string outcome = error_code_name(error.code);
    if (const long long count = parts_.refusal_sampler.note(call.client_key, call.client, action, outcome, now);
        count > 0) {
      (void)audit(outcome, count);
    }
    return error_response(error);
  };

  // Who: the client, then the reviewer.
  call.client = client_address(call.request, parts_.config.trusted_proxies);
  call.client_key = client_limit_key(call.client);
  if (const auto wait = parts_.auth_throttle.retry_after(call.client_key, now)) {
    return refuse_anonymous({ErrorCode::too_many_auth_failures,
                             "Too many failed sign-ins from this address. Wait before trying again.", *wait});
  }
  const AuthResult auth = parts_.reviewers.authenticate(call.request.header("authorization"));
  if (auth.outcome != AuthOutcome::authenticated) {
    if (auth.outcome == AuthOutcome::wrong_credentials) parts_.auth_throttle.record_failure(call.client_key, now);
    return refuse_anonymous(
        auth.outcome == AuthOutcome::missing_credentials
            ? ApiError{ErrorCode::unauthenticated, "Sign in: send Authorization: Bearer <reviewer token>.", {}}
            : ApiError{ErrorCode::forbidden, "The reviewer token is not valid.", {}});
  }
  call.reviewer = auth.reviewer;

  // What the route needs of the reviewer.
  if (auto role = check_route_role(call.route.role, call.reviewer->roles); !role) return refuse(role.error());

  // The request's shape: the body, the session id, the query.
  if (call.route.json_body) {
    // A cross-site form cannot send application/json without a CORS preflight.
    if (media_type(call.request.header("content-type")) != kJsonType) {
      return refuse({ErrorCode::unsupported_media_type, "POST requests must have Content-Type: application/json.", {}});
    }
    if (!call.request.body.empty() &&
        json::parse(call.request.body, nullptr, /*allow_exceptions=*/false).is_discarded()) {
      return refuse(invalid_request("The request body is not JSON."));
    }
  }
  if (call.route.pattern.find("{session}") != std::string_view::npos) {
    if (audit_session.empty()) {
      return refuse({ErrorCode::invalid_session_id,
                     "A VerificationSession id looks like vs_ followed by letters and digits.",
                     {}});
    }
    call.session = audit_session;
  }
  auto query = parse_query(call.request.query());
  if (!query) return refuse(invalid_request(query.error() + "."));
  for (const auto& [name, value] : *query) {
    if (call.route.action == Action::summary && name == "include") {
      std::string bad;
      auto included = parse_sensitive_field_list(value, &bad);
      if (!included) {
        return refuse(invalid_request(
            "include takes one comma-separated list of dob, id_number, document_number, expiration_date."));
      }
      call.included = std::move(*included);
    } else if (call.route.action == Action::list_sessions && name == "limit") {
      const bool digits =
          !value.empty() && value.size() <= 3 && value.find_first_not_of("0123456789") == std::string::npos;
      call.limit = digits ? std::stoi(value) : 0;
      if (call.limit < 1 || call.limit > 100) return refuse(invalid_request("limit must be 1..100."));
    } else {
      return refuse(invalid_request("Unknown query parameter \"" + name + "\"."));
    }
  }

  // The server's policy, before Stripe is asked anything.
  if (call.route.action == Action::image_links) {
    if (auto allowed = check_images_allowed(parts_.config.access); !allowed) return refuse(allowed.error());
    if (const auto wait = parts_.reviewer_rate.take(call.reviewer->id, now)) {
      return refuse({ErrorCode::reviewer_rate_limited,
                     "You have asked for images faster than this server allows. Wait a moment and try again.", *wait});
    }
  }
  if (call.route.action == Action::summary) {
    if (auto allowed = check_sensitive_request(parts_.config.access, call.reviewer->roles, call.included); !allowed) {
      return refuse(allowed.error());
    }
  }

  // No line, no look: what shows images or sensitive values, or changes a session, is
  // recorded before Stripe is asked.
  if (needs_started_line(call.route.action, call.included)) {
    if (auto started = audit("started"); !started) {
      parts_.metrics.refusal(error_code_name(started.error().code));
      return error_response(started.error());
    }
  }
  auto answer = act(call);
  if (!answer) return refuse(answer.error());
  if (call.route.action != Action::me && call.route.action != Action::metrics) {
    if (auto recorded = audit("ok"); !recorded) {
      parts_.metrics.refusal(error_code_name(recorded.error().code));
      return error_response(recorded.error());
    }
  }
  if (call.route.action == Action::metrics) {
    HttpResponse response;
    response.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    response.body = answer->get<std::string>();
    return response;
  }
  return json_response(200, *answer);
}

void StubApi::audit_unreported_refusals(bool at_exit) {
  for (const auto& owed : parts_.refusal_sampler.drain(parts_.now(), at_exit)) {
    (void)parts_.audit.write({utc_timestamp_now(), {}, owed.action, {}, {}, {}, owed.outcome, owed.client, owed.count});
  }
}

Result<nlohmann::json> StubApi::act(Call& call) {
  switch (call.route.action) {
    case Action::image_links: {
      auto issued = parts_.image_links.issue(call.session);
      if (!issued) return Fail(std::move(issued).error());
      call.roles_shown = issued->roles_shown;
      return std::move(issued->bundle);
    }
    case Action::summary: return parts_.summaries.summarize(call.session, call.included);
    case Action::list_sessions: return parts_.summaries.list(call.limit);
    case Action::redact: return parts_.redactions.redact(call.session);
    case Action::me:
      return json{{"reviewer_id", call.reviewer->id},
                  {"roles", role_names(call.reviewer->roles)},
                  {"viewer", {{"allowed_hosts", viewer_allowed_hosts(parts_.config.files_origins)}}}};
    case Action::metrics: return json(parts_.metrics.render_prometheus());
    case Action::health:
    case Action::static_file: break;
  }
  return Fail(ApiError{ErrorCode::internal_error, "No handler for this route.", {}});
}

}  // namespace iiv::stub
