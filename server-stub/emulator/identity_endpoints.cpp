#include "emulator/identity_endpoints.hpp"

#include <algorithm>

#include "emulator/access_rules.hpp"
#include "emulator/request_params.hpp"

namespace iiv::emulator {

using common::Fail;

namespace {

constexpr int kDefaultListLimit = 10;
constexpr int kMaxListLimit = 100;

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// The session as `ctx.key` may see it, with `expand` relative to the session.
EndpointResult render_session(const EndpointContext& ctx, const VerificationSession& session, const ExpandSet& expand,
                              bool redaction_just_requested = false) {
  const auto sensitive = sensitive_expansions(expand, ExpandTarget::verification_session);
  if (!sensitive.empty())
    if (auto allowed = check_sensitive_access(ctx.key, session.processed_at, ctx.now, joined(sensitive)); !allowed)
      return Fail(allowed.error());
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

// Whether `value` is in the `created` filter: an exact integer or gt/gte/lt/lte bounds.
common::Result<bool, ApiError> in_created_range(const nlohmann::json& created, std::int64_t value) {
  if (created.is_null()) return true;
  if (created.is_string()) {
    auto exact = optional_integer(nlohmann::json{{"created", created}}, "created");
    if (!exact) return Fail(exact.error());
    return value == **exact;
  }
  if (!created.is_object())
    return Fail(errors::invalid_value("created", "Invalid created: give an integer or gt/gte/lt/lte."));
  for (const auto& [op, bound_text] : created.items()) {
    if (op != "gt" && op != "gte" && op != "lt" && op != "lte")
      return Fail(errors::unknown_parameter("created[" + op + "]"));
    auto bound = optional_integer(nlohmann::json{{op, bound_text}}, op);
    if (!bound) {
      ApiError error = bound.error();
      error.param = "created[" + op + "]";
      return Fail(std::move(error));
    }
    const std::int64_t b = **bound;
    if (op == "gt" && !(value > b)) return false;
    if (op == "gte" && !(value >= b)) return false;
    if (op == "lt" && !(value < b)) return false;
    if (op == "lte" && !(value <= b)) return false;
  }
  return true;
}

}  // namespace

EndpointResult list_sessions(const EndpointContext& ctx) {
  if (auto known = reject_unknown_params(ctx.params, {"client_reference_id", "created", "ending_before", "expand",
                                                      "limit", "starting_after", "status"});
      !known)
    return Fail(known.error());
  auto expand = requested_expand(ctx.params, ExpandTarget::verification_session_list);
  if (!expand) return Fail(expand.error());
  const ExpandSet item_expand = expand->below("data");

  auto limit_param = optional_integer(ctx.params, "limit");
  if (!limit_param) return Fail(limit_param.error());
  const auto limit = limit_param->value_or(kDefaultListLimit);
  if (limit < 1 || limit > kMaxListLimit)
    return Fail(errors::invalid_value("limit", "Invalid limit: must be between 1 and 100."));

  std::optional<std::string> cursor_after, cursor_before, status, client_reference_id;
  for (auto [name, target] : {std::pair{"starting_after", &cursor_after}, std::pair{"ending_before", &cursor_before},
                              std::pair{"status", &status}, std::pair{"client_reference_id", &client_reference_id}}) {
    auto value = optional_string_param(ctx.params, name);
    if (!value) return Fail(value.error());
    *target = std::move(value).value();
  }
  if (cursor_after && cursor_before)
    return Fail(errors::invalid_value("ending_before",
                                      "You may only specify one of these parameters: ending_before, starting_after."));
  if (status && *status != "canceled" && *status != "processing" && *status != "requires_input" &&
      *status != "verified")
    return Fail(errors::invalid_value(
        "status", "Invalid status: must be one of canceled, processing, requires_input, or verified"));

  std::vector<VerificationSession> matching;
  const nlohmann::json created = ctx.params.contains("created") ? ctx.params.at("created") : nlohmann::json();
  for (auto& s : ctx.store.sessions_newest_first()) {
    const auto in_range = in_created_range(created, s.created);
    if (!in_range) return Fail(in_range.error());
    if (!*in_range) continue;
    if (status && s.status != *status) continue;
    if (client_reference_id && s.client_reference_id != client_reference_id) continue;
    matching.push_back(std::move(s));
  }

  std::size_t begin = 0, end = matching.size();
  if (cursor_after || cursor_before) {
    const std::string& cursor = cursor_after ? *cursor_after : *cursor_before;
    const auto at =
        std::find_if(matching.begin(), matching.end(), [&](const VerificationSession& s) { return s.id == cursor; });
    if (at == matching.end() && !ctx.store.session(cursor))
      return Fail(errors::no_such_object("verification_session", cursor,
                                         cursor_after ? "starting_after" : "ending_before", 400));
    const auto position = static_cast<std::size_t>(at - matching.begin());
    if (cursor_after)
      begin = at == matching.end() ? matching.size() : position + 1;
    else
      end = at == matching.end() ? 0 : position;
  }
  std::size_t first = begin, last = end;
  bool has_more = false;
  if (last - first > static_cast<std::size_t>(limit)) {
    has_more = true;
    if (cursor_before)
      first = last - static_cast<std::size_t>(limit);  // the page just before the cursor
    else
      last = first + static_cast<std::size_t>(limit);
  }

  Json data = Json::array();
  for (std::size_t i = first; i < last; ++i) {
    auto item = render_session(ctx, matching[i], item_expand);
    if (!item) return item;
    data.push_back(std::move(item).value());
  }
  return list_json(std::move(data), has_more, "/v1/identity/verification_sessions");
}

EndpointResult retrieve_session(const EndpointContext& ctx) {
  if (auto known = reject_unknown_params(ctx.params, {"expand"}); !known) return Fail(known.error());
  auto expand = requested_expand(ctx.params, ExpandTarget::verification_session);
  if (!expand) return Fail(expand.error());
  const auto session = ctx.store.session(ctx.id);
  if (!session) return Fail(errors::no_such_object("verification_session", ctx.id, "session"));
  return render_session(ctx, *session, *expand);
}

EndpointResult redact_session(const EndpointContext& ctx) {
  if (auto known = reject_unknown_params(ctx.params, {"expand"}); !known) return Fail(known.error());
  auto expand = requested_expand(ctx.params, ExpandTarget::verification_session);
  if (!expand) return Fail(expand.error());
  const auto result = ctx.store.request_redaction(ctx.id, ctx.now_ms, ctx.config.redaction_delay_ms);
  switch (result.outcome) {
    case EmulatorStore::RedactOutcome::not_found:
      return Fail(errors::no_such_object("verification_session", ctx.id, "session"));
    case EmulatorStore::RedactOutcome::still_processing:
      return Fail(errors::invalid_value("",
                                        "This VerificationSession is still processing. Wait until processing has "
                                        "finished before redacting it."));
    case EmulatorStore::RedactOutcome::redaction_started:
      return render_session(ctx, *result.session, *expand, /*redaction_just_requested=*/true);
    case EmulatorStore::RedactOutcome::already_requested: break;
  }
  return render_session(ctx, *result.session, *expand);
}

EndpointResult retrieve_report(const EndpointContext& ctx) {
  if (auto known = reject_unknown_params(ctx.params, {"expand"}); !known) return Fail(known.error());
  auto expand = requested_expand(ctx.params, ExpandTarget::verification_report);
  if (!expand) return Fail(expand.error());
  const auto report = ctx.store.report(ctx.id);
  if (!report) return Fail(errors::no_such_object("verification_report", ctx.id, "report"));
  const auto session = ctx.store.session(report->verification_session);
  const auto sensitive = sensitive_expansions(*expand, ExpandTarget::verification_report);
  if (!sensitive.empty())
    if (auto allowed = check_sensitive_access(ctx.key, report->created, ctx.now, joined(sensitive)); !allowed)
      return Fail(allowed.error());
  const bool hide_personal_data = session && session->redaction_requested();
  return report_json(hide_personal_data ? redacted(*report) : *report, *expand);
}

}  // namespace iiv::emulator
