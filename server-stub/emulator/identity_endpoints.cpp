#include "emulator/identity_endpoints.hpp"

#include <algorithm>

#include "emulator/access_rules.hpp"
#include "emulator/request_params.hpp"

namespace iiv::emulator {

namespace {

constexpr int kDefaultListLimit = 10;
constexpr int kMaxListLimit = 100;

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// The session as `ctx.key` may see it, with `expand` relative to the session.
EndpointResult render_session(const EndpointContext& ctx, const VerificationSession& session,
                              const ExpandSet& expand, bool redaction_just_requested = false) {
  const auto sensitive = sensitive_expansions(expand, ExpandTarget::verification_session);
  if (!sensitive.empty())
    if (auto refused = check_sensitive_access(ctx.key, session.processed_at, ctx.now, joined(sensitive)))
      return *refused;
  RedactionStatus redaction = redaction_status(session, ctx.now_ms);
  if (redaction_just_requested && redaction != RedactionStatus::none) redaction = RedactionStatus::processing;
  const bool hide_personal_data = session.redaction_requested();
  std::optional<VerificationReport> report;
  if (expand.has("last_verification_report") && session.last_verification_report) {
    report = ctx.store.report(*session.last_verification_report);
    if (report && hide_personal_data) report = redacted(*report);
  }
  const VerificationSession shown = hide_personal_data ? redacted(session) : session;
  return session_json(shown, redaction, report ? &*report : nullptr, expand);
}

bool in_created_range(const nlohmann::json& created, std::int64_t value, ApiError& error) {
  if (created.is_null()) return true;
  nlohmann::json as_params = {{"created", created}};
  if (created.is_string()) {
    auto exact = optional_integer(as_params, "created");
    if (auto* e = std::get_if<ApiError>(&exact)) {
      error = *e;
      return false;
    }
    return value == **std::get_if<std::optional<std::int64_t>>(&exact);
  }
  if (!created.is_object()) {
    error = errors::invalid_value("created", "Invalid created: give an integer or gt/gte/lt/lte.");
    return false;
  }
  for (const auto& [op, bound_text] : created.items()) {
    if (op != "gt" && op != "gte" && op != "lt" && op != "lte") {
      error = errors::unknown_parameter("created[" + op + "]");
      return false;
    }
    nlohmann::json bound_params = {{op, bound_text}};
    auto bound = optional_integer(bound_params, op);
    if (auto* e = std::get_if<ApiError>(&bound)) {
      error = *e;
      error.param = "created[" + op + "]";
      return false;
    }
    const std::int64_t b = **std::get_if<std::optional<std::int64_t>>(&bound);
    if (op == "gt" && !(value > b)) return false;
    if (op == "gte" && !(value >= b)) return false;
    if (op == "lt" && !(value < b)) return false;
    if (op == "lte" && !(value <= b)) return false;
  }
  return true;
}

}  // namespace

EndpointResult list_sessions(const EndpointContext& ctx) {
  if (auto e = reject_unknown_params(ctx.params, {"client_reference_id", "created", "ending_before", "expand", "limit",
                                                  "starting_after", "status"}))
    return *e;
  auto expand = requested_expand(ctx.params, ExpandTarget::verification_session_list);
  if (auto* e = std::get_if<ApiError>(&expand)) return *e;
  const ExpandSet item_expand = std::get<ExpandSet>(expand).below("data");

  auto limit_param = optional_integer(ctx.params, "limit");
  if (auto* e = std::get_if<ApiError>(&limit_param)) return *e;
  const auto limit = std::get<std::optional<std::int64_t>>(limit_param).value_or(kDefaultListLimit);
  if (limit < 1 || limit > kMaxListLimit)
    return errors::invalid_value("limit", "Invalid limit: must be between 1 and 100.");

  std::optional<std::string> cursor_after, cursor_before, status, client_reference_id;
  for (auto [name, target] : {std::pair{"starting_after", &cursor_after}, std::pair{"ending_before", &cursor_before},
                              std::pair{"status", &status}, std::pair{"client_reference_id", &client_reference_id}}) {
    auto value = optional_string_param(ctx.params, name);
    if (auto* e = std::get_if<ApiError>(&value)) return *e;
    *target = std::get<std::optional<std::string>>(value);
  }
  if (cursor_after && cursor_before)
    return errors::invalid_value("ending_before", "You may only specify one of these parameters: ending_before, starting_after.");
  if (status && *status != "canceled" && *status != "processing" && *status != "requires_input" &&
      *status != "verified")
    return errors::invalid_value("status", "Invalid status: must be one of canceled, processing, requires_input, or verified");

  std::vector<VerificationSession> matching;
  const nlohmann::json created = ctx.params.contains("created") ? ctx.params.at("created") : nlohmann::json();
  for (auto& s : ctx.store.sessions_newest_first()) {
    ApiError range_error;
    const bool in_range = in_created_range(created, s.created, range_error);
    if (!range_error.message.empty()) return range_error;
    if (!in_range) continue;
    if (status && s.status != *status) continue;
    if (client_reference_id && s.client_reference_id != client_reference_id) continue;
    matching.push_back(std::move(s));
  }

  std::size_t begin = 0, end = matching.size();
  if (cursor_after || cursor_before) {
    const std::string& cursor = cursor_after ? *cursor_after : *cursor_before;
    const auto at = std::find_if(matching.begin(), matching.end(),
                                 [&](const VerificationSession& s) { return s.id == cursor; });
    if (at == matching.end() && !ctx.store.session(cursor))
      return errors::no_such_object("verification_session", cursor, cursor_after ? "starting_after" : "ending_before",
                                    400);
    const auto position = static_cast<std::size_t>(at - matching.begin());
    if (cursor_after) begin = at == matching.end() ? matching.size() : position + 1;
    else end = at == matching.end() ? 0 : position;
  }
  std::size_t first = begin, last = end;
  bool has_more = false;
  if (last - first > static_cast<std::size_t>(limit)) {
    has_more = true;
    if (cursor_before) first = last - static_cast<std::size_t>(limit);  // the page just before the cursor
    else last = first + static_cast<std::size_t>(limit);
  }

  Json data = Json::array();
  for (std::size_t i = first; i < last; ++i) {
    auto item = render_session(ctx, matching[i], item_expand);
    if (auto* e = std::get_if<ApiError>(&item)) return *e;
    data.push_back(std::move(std::get<Json>(item)));
  }
  return list_json(std::move(data), has_more, "/v1/identity/verification_sessions");
}

EndpointResult retrieve_session(const EndpointContext& ctx) {
  if (auto e = reject_unknown_params(ctx.params, {"expand"})) return *e;
  auto expand = requested_expand(ctx.params, ExpandTarget::verification_session);
  if (auto* e = std::get_if<ApiError>(&expand)) return *e;
  const auto session = ctx.store.session(ctx.id);
  if (!session) return errors::no_such_object("verification_session", ctx.id, "session");
  return render_session(ctx, *session, std::get<ExpandSet>(expand));
}

EndpointResult redact_session(const EndpointContext& ctx) {
  if (auto e = reject_unknown_params(ctx.params, {"expand"})) return *e;
  auto expand = requested_expand(ctx.params, ExpandTarget::verification_session);
  if (auto* e = std::get_if<ApiError>(&expand)) return *e;
  const auto result = ctx.store.request_redaction(ctx.id, ctx.now_ms, ctx.config.redaction_delay_ms);
  switch (result.outcome) {
    case EmulatorStore::RedactOutcome::not_found:
      return errors::no_such_object("verification_session", ctx.id, "session");
    case EmulatorStore::RedactOutcome::still_processing:
      return errors::invalid_value("", "This VerificationSession is still processing. Wait until processing has "
                                       "finished before redacting it.");
    case EmulatorStore::RedactOutcome::redaction_started:
      return render_session(ctx, *result.session, std::get<ExpandSet>(expand), /*redaction_just_requested=*/true);
    case EmulatorStore::RedactOutcome::already_requested: break;
  }
  return render_session(ctx, *result.session, std::get<ExpandSet>(expand));
}

EndpointResult retrieve_report(const EndpointContext& ctx) {
  if (auto e = reject_unknown_params(ctx.params, {"expand"})) return *e;
  auto expand_or_error = requested_expand(ctx.params, ExpandTarget::verification_report);
  if (auto* e = std::get_if<ApiError>(&expand_or_error)) return *e;
  const ExpandSet& expand = std::get<ExpandSet>(expand_or_error);
  const auto report = ctx.store.report(ctx.id);
  if (!report) return errors::no_such_object("verification_report", ctx.id, "report");
  const auto session = ctx.store.session(report->verification_session);
  const auto sensitive = sensitive_expansions(expand, ExpandTarget::verification_report);
  if (!sensitive.empty())
    if (auto refused = check_sensitive_access(ctx.key, report->created, ctx.now, joined(sensitive))) return *refused;
  const bool hide_personal_data = session && session->redaction_requested();
  return report_json(hide_personal_data ? redacted(*report) : *report, expand);
}

}  // namespace iiv::emulator
