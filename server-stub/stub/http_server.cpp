#include "stub/http_server.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include <httplib.h>

#include "common/security_headers.hpp"
#include "common/stripe_id.hpp"
#include "stub/observe/json_log.hpp"
#include "stub/http/page_policy.hpp"

namespace iiv::stub {

namespace {

using nlohmann::json;

constexpr const char* kSessionRoute = R"(/api/verification-sessions/([^/]+))";
constexpr const char* kImageLinksRoute = R"(/api/verification-sessions/([^/]+)/image-links)";
constexpr const char* kRedactRoute = R"(/api/verification-sessions/([^/]+)/redact)";
constexpr const char* kListRoute = "/api/verification-sessions";
constexpr const char* kMeRoute = "/api/me";
constexpr int kDefaultListLimit = 20;

httplib::Headers security_header_map() {
  httplib::Headers headers;
  for (const auto& [name, value] : common::security_headers()) headers.emplace(name, value);
  return headers;
}

void send_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// "application/json; charset=utf-8" → "application/json".
std::string media_type(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && std::isspace(static_cast<unsigned char>(type.back()))) type.pop_back();
  return lower(type);
}

bool is_api_path(const std::string& path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

std::string read_whole_file(const std::filesystem::path& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  *ok = static_cast<bool>(in) || in.eof();
  return content.str();
}

}  // namespace

struct HttpServer::Impl {
  explicit Impl(ServerParts p) : parts(p) {}

  ServerParts parts;
  httplib::Server api;
  std::unique_ptr<httplib::Server> metrics_listener;
  std::thread metrics_thread;

  // --- answers --------------------------------------------------------------------------

  void audit(const Reviewer* reviewer, const std::string& action, const std::string& session,
             std::vector<std::string> roles, std::vector<std::string> fields, const std::string& outcome) {
    parts.audit.write({utc_timestamp_now(), reviewer != nullptr ? reviewer->id : std::string(), action, session,
                       std::move(roles), std::move(fields), outcome});
  }

  void send_error(httplib::Response& res, const ApiError& error) {
    parts.metrics.refusal(error_code_name(error.code));
    if (error.code == ErrorCode::unauthenticated) res.set_header("WWW-Authenticate", "Bearer");
    if (error.retry_after_s) res.set_header("Retry-After", std::to_string(*error.retry_after_s));
    send_json(res, http_status(error.code), to_json(error));
  }

  // Refuses a request and writes its audit line.
  void refuse(httplib::Response& res, const Reviewer* reviewer, const std::string& action, const std::string& session,
              const ApiError& error, std::vector<std::string> fields = {}) {
    send_error(res, error);
    audit(reviewer, action, session, {}, std::move(fields), error_code_name(error.code));
  }

  void apply_cors(const httplib::Request& req, httplib::Response& res) {
    for (const auto& [name, value] : parts.cors.response_headers(req.get_header_value("Origin"))) res.set_header(name, value);
  }

  // The reviewer behind the request, or nullptr after answering 401/403.
  const Reviewer* authenticate(const httplib::Request& req, httplib::Response& res, const std::string& action,
                               const std::string& session) {
    const AuthResult auth = parts.reviewers.authenticate(req.get_header_value("Authorization"));
    if (auth.outcome == AuthOutcome::authenticated) return auth.reviewer;
    const bool missing = auth.outcome == AuthOutcome::missing_credentials;
    refuse(res, nullptr, action, session,
           missing ? ApiError{ErrorCode::unauthenticated, "Sign in: send Authorization: Bearer <reviewer token>.", {}}
                   : ApiError{ErrorCode::forbidden, "The reviewer token is not valid.", {}});
    return nullptr;
  }

  // POSTs must be JSON: a cross-site form cannot send that without a preflight.
  bool require_json_post(const httplib::Request& req, httplib::Response& res, const Reviewer* reviewer,
                         const std::string& action, const std::string& session) {
    if (media_type(req.get_header_value("Content-Type")) != "application/json") {
      refuse(res, reviewer, action, session,
             {ErrorCode::unsupported_media_type, "POST requests must have Content-Type: application/json.", {}});
      return false;
    }
    if (!req.body.empty() && json::parse(req.body, nullptr, /*allow_exceptions=*/false).is_discarded()) {
      refuse(res, reviewer, action, session, {ErrorCode::invalid_request, "The request body is not JSON.", {}});
      return false;
    }
    return true;
  }

  // The session id from the path when it is well formed, else "" after answering 400.
  std::string session_id(const httplib::Request& req, httplib::Response& res, const Reviewer* reviewer,
                         const std::string& action) {
    const std::string id = req.matches[1];
    if (common::is_stripe_id(id, "vs_")) return id;
    refuse(res, reviewer, action, "",
           {ErrorCode::invalid_session_id, "A VerificationSession id looks like vs_ followed by letters and digits.", {}});
    return {};
  }

  // --- routes ---------------------------------------------------------------------------

  struct SessionRequest {
    const Reviewer* reviewer;
    std::string session;
  };

  // The common start of a route on one session: CORS, the reviewer, (for POSTs) the JSON
  // guard, the session id's shape. Nullopt once a refusal has been answered and audited.
  std::optional<SessionRequest> begin_session_request(const httplib::Request& req, httplib::Response& res,
                                                      const std::string& action, bool is_post) {
    apply_cors(req, res);
    const std::string raw_id = req.matches[1];
    const std::string audit_session = common::is_stripe_id(raw_id, "vs_") ? raw_id : "";
    const Reviewer* reviewer = authenticate(req, res, action, audit_session);
    if (reviewer == nullptr) return std::nullopt;
    if (is_post && !require_json_post(req, res, reviewer, action, audit_session)) return std::nullopt;
    std::string id = session_id(req, res, reviewer, action);
    if (id.empty()) return std::nullopt;
    return SessionRequest{reviewer, std::move(id)};
  }

  void image_links(const httplib::Request& req, httplib::Response& res) {
    const std::string action = "image_links";
    const auto request = begin_session_request(req, res, action, /*is_post=*/true);
    if (!request) return;
    const Reviewer* reviewer = request->reviewer;
    const std::string& id = request->session;
    if (auto refused = check_image_access(parts.config.access, reviewer->roles)) return refuse(res, reviewer, action, id, *refused);

    ImageLinkOutcome outcome = parts.image_links.issue(id);
    if (outcome.error) return refuse(res, reviewer, action, id, *outcome.error);
    send_json(res, 200, *outcome.bundle);
    audit(reviewer, action, id, outcome.roles_shown, {}, "ok");
  }

  void summary(const httplib::Request& req, httplib::Response& res) {
    const std::string action = "summary";
    const auto request = begin_session_request(req, res, action, /*is_post=*/false);
    if (!request) return;
    const Reviewer* reviewer = request->reviewer;
    const std::string& id = request->session;

    SensitiveFieldSet included;
    if (req.has_param("include")) {
      std::string bad;
      auto parsed = req.get_param_value_count("include") == 1
                        ? parse_sensitive_field_list(req.get_param_value("include"), &bad)
                        : std::nullopt;
      if (!parsed) {
        return refuse(res, reviewer, action, id,
                      {ErrorCode::invalid_request,
                       "include takes one comma-separated list of dob, id_number, document_number, expiration_date.",
                       {}});
      }
      included = std::move(*parsed);
    }
    const std::vector<std::string> fields = field_names(included);
    if (auto refused = check_summary_access(parts.config.access, reviewer->roles, included)) {
      return refuse(res, reviewer, action, id, *refused, fields);
    }
    SummaryOutcome outcome = parts.summaries.summarize(id, included);
    if (outcome.error) return refuse(res, reviewer, action, id, *outcome.error, fields);
    send_json(res, 200, *outcome.summary);
    audit(reviewer, action, id, {}, fields, "ok");
  }

  void list(const httplib::Request& req, httplib::Response& res) {
    const std::string action = "list";
    apply_cors(req, res);
    const Reviewer* reviewer = authenticate(req, res, action, "");
    if (reviewer == nullptr) return;
    if (auto refused = check_list_access(reviewer->roles)) return refuse(res, reviewer, action, "", *refused);
    int limit = kDefaultListLimit;
    if (req.has_param("limit")) {
      const std::string text = req.get_param_value("limit");
      const bool digits = !text.empty() && text.size() <= 3 &&
                          std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
      limit = digits ? std::stoi(text) : 0;
      if (limit < 1 || limit > 100) {
        return refuse(res, reviewer, action, "", {ErrorCode::invalid_request, "limit must be 1..100.", {}});
      }
    }
    SummaryOutcome outcome = parts.summaries.list(limit);
    if (outcome.error) return refuse(res, reviewer, action, "", *outcome.error);
    send_json(res, 200, *outcome.summary);
    audit(reviewer, action, "", {}, {}, "ok");
  }

  void redact(const httplib::Request& req, httplib::Response& res) {
    const std::string action = "redact";
    const auto request = begin_session_request(req, res, action, /*is_post=*/true);
    if (!request) return;
    const Reviewer* reviewer = request->reviewer;
    const std::string& id = request->session;
    if (auto refused = check_redact_access(reviewer->roles)) return refuse(res, reviewer, action, id, *refused);
    RedactionOutcome outcome = parts.redactions.redact(id);
    if (outcome.error) return refuse(res, reviewer, action, id, *outcome.error);
    send_json(res, 200, *outcome.answer);
    audit(reviewer, action, id, {}, {}, "ok");
  }

  // Who is signed in, and what the page's viewer needs to know: which files hosts to
  // trust. Lets a page check a token before it shows anything.
  void me(const httplib::Request& req, httplib::Response& res) {
    apply_cors(req, res);
    const Reviewer* reviewer = authenticate(req, res, "me", "");
    if (reviewer == nullptr) return;
    send_json(res, 200,
              {{"reviewer_id", reviewer->id},
               {"roles", role_names(reviewer->roles)},
               {"viewer", {{"allowed_hosts", viewer_allowed_hosts(parts.config.files_origins)}}}});
  }

  void metrics_with_token(const httplib::Request& req, httplib::Response& res) {
    const Reviewer* reviewer = authenticate(req, res, "metrics", "");
    if (reviewer == nullptr) return;
    if (auto refused = check_metrics_access(reviewer->roles)) return refuse(res, reviewer, "metrics", "", *refused);
    res.set_content(parts.metrics.render_prometheus(), "text/plain; version=0.0.4; charset=utf-8");
  }

  void preflight(const httplib::Request& req, httplib::Response& res) {
    if (!is_api_path(req.path)) {
      send_error(res, {ErrorCode::method_not_allowed, "Static files answer GET only.", {}});
      res.set_header("Allow", "GET, HEAD");
      return;
    }
    const auto headers = parts.cors.preflight(req.get_header_value("Origin"),
                                              req.get_header_value("Access-Control-Request-Method"),
                                              req.get_header_value("Access-Control-Request-Headers"));
    if (!headers) {
      send_error(res, {ErrorCode::cors_origin_not_allowed,
                       "This origin, method or header is not allowed to call the API (see --cors-origin).", {}});
      return;
    }
    for (const auto& [name, value] : *headers) res.set_header(name, value);
    res.status = 204;
  }

  void static_or_not_found(const httplib::Request& req, httplib::Response& res) {
    if (is_api_path(req.path)) {
      apply_cors(req, res);
      return send_error(res, {ErrorCode::not_found, "No such API route.", {}});
    }
    const auto file = resolve_static(parts.config.statics, req.path);
    bool ok = false;
    std::string content = file ? read_whole_file(file->path, &ok) : std::string();
    if (!file || !ok) return send_error(res, {ErrorCode::not_found, "Not found.", {}});
    if (file->content_type.rfind("text/html", 0) == 0) {
      res.set_header("Content-Security-Policy", content_security_policy(parts.config.files_origins));
    }
    res.set_content(std::move(content), file->content_type.c_str());
  }

  void other_method(const httplib::Request& req, httplib::Response& res) {
    if (is_api_path(req.path)) {
      apply_cors(req, res);
      const bool known = req.path == kMeRoute || std::regex_match(req.path, std::regex(kListRoute)) ||
                         std::regex_match(req.path, std::regex(kSessionRoute)) ||
                         std::regex_match(req.path, std::regex(kImageLinksRoute)) ||
                         std::regex_match(req.path, std::regex(kRedactRoute));
      if (!known) return send_error(res, {ErrorCode::not_found, "No such API route.", {}});
    }
    send_error(res, {ErrorCode::method_not_allowed, "This method is not allowed here.", {}});
  }

  void install_routes() {
    api.set_default_headers(security_header_map());
    api.set_payload_max_length(64 * 1024);
    api.set_tcp_nodelay(true);
    // httplib closes a connection after 5 requests by default; reconnect bursts then
    // overflow its small listen backlog and cost a 1 s SYN retransmit.
    api.set_keep_alive_max_count(1000);
    api.set_read_timeout(std::chrono::seconds(10));
    api.set_write_timeout(std::chrono::seconds(10));
    const int threads = parts.config.threads;
    api.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };

    api.Get("/healthz", [](const httplib::Request&, httplib::Response& res) { send_json(res, 200, {{"status", "ok"}}); });
    api.Get("/metrics", [this](const httplib::Request& req, httplib::Response& res) { metrics_with_token(req, res); });
    api.Get(kMeRoute, [this](const httplib::Request& req, httplib::Response& res) { me(req, res); });
    api.Get(kListRoute, [this](const httplib::Request& req, httplib::Response& res) { list(req, res); });
    api.Get(kSessionRoute, [this](const httplib::Request& req, httplib::Response& res) { summary(req, res); });
    api.Post(kImageLinksRoute, [this](const httplib::Request& req, httplib::Response& res) { image_links(req, res); });
    api.Post(kRedactRoute, [this](const httplib::Request& req, httplib::Response& res) { redact(req, res); });
    api.Options(".*", [this](const httplib::Request& req, httplib::Response& res) { preflight(req, res); });
    api.Get(".*", [this](const httplib::Request& req, httplib::Response& res) { static_or_not_found(req, res); });
    const auto other = [this](const httplib::Request& req, httplib::Response& res) { other_method(req, res); };
    api.Post(".*", other);
    api.Put(".*", other);
    api.Patch(".*", other);
    api.Delete(".*", other);

    // Whatever httplib answers on its own (unknown method, bad request) still gets a JSON
    // error body; our own error bodies are left as they are.
    api.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
      const ErrorCode code = res.status == 404   ? ErrorCode::not_found
                             : res.status == 405 ? ErrorCode::method_not_allowed
                             : res.status < 500  ? ErrorCode::invalid_request
                                                 : ErrorCode::internal_error;
      send_json(res, res.status, to_json({code, "The request could not be served.", {}}));
      return httplib::Server::HandlerResponse::Handled;
    }));
    api.set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
      send_error(res, {ErrorCode::internal_error, "The server failed to answer this request.", {}});
    });
    api.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      log_event("request", {{"method", req.method}, {"path", req.path}, {"status", res.status}});
    });
  }
};

HttpServer::HttpServer(ServerParts parts) : impl_(std::make_unique<Impl>(parts)) { impl_->install_routes(); }

HttpServer::~HttpServer() {
  stop();
  if (impl_->metrics_thread.joinable()) impl_->metrics_thread.join();
}

bool HttpServer::bind(std::string* error) {
  const auto& config = impl_->parts.config;
  port_ = config.port == 0 ? impl_->api.bind_to_any_port(config.host)
                           : (impl_->api.bind_to_port(config.host, config.port) ? config.port : -1);
  if (port_ < 0) {
    *error = "cannot listen on " + config.host + ":" + std::to_string(config.port);
    return false;
  }
  if (config.metrics_port) {
    auto& listener = impl_->metrics_listener;
    listener = std::make_unique<httplib::Server>();
    listener->set_default_headers(security_header_map());
    Metrics& metrics = impl_->parts.metrics;
    listener->Get("/metrics", [&metrics](const httplib::Request&, httplib::Response& res) {
      res.set_content(metrics.render_prometheus(), "text/plain; version=0.0.4; charset=utf-8");
    });
    // Only ever loopback: this listener asks for no token.
    metrics_port_ = *config.metrics_port == 0 ? listener->bind_to_any_port("127.0.0.1")
                                              : (listener->bind_to_port("127.0.0.1", *config.metrics_port)
                                                     ? *config.metrics_port
                                                     : -1);
    if (metrics_port_ < 0) {
      *error = "cannot listen on 127.0.0.1:" + std::to_string(*config.metrics_port) + " for metrics";
      return false;
    }
  }
  return true;
}

void HttpServer::run() {
  if (impl_->metrics_listener) {
    impl_->metrics_thread = std::thread([this] { impl_->metrics_listener->listen_after_bind(); });
  }
  impl_->api.listen_after_bind();
}

void HttpServer::stop() {
  impl_->api.stop();
  if (impl_->metrics_listener) impl_->metrics_listener->stop();
}

}  // namespace iiv::stub
