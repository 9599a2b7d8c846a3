#include "stub/links/image_link_service.hpp"

#include <chrono>
#include <future>

#include "common/stripe_id.hpp"
#include "stub/api/access_policy.hpp"
#include "stub/stripe/form_encoding.hpp"
#include "stub/stripe/idempotency_key.hpp"
#include "stub/links/report_images.hpp"
#include "stub/sessions/session_summary.hpp"

namespace iiv::stub {

namespace {

long long system_unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

struct CreatedLink {
  std::string file;
  nlohmann::json link;  // the FileLink object
};

}  // namespace

std::optional<ApiError> check_session_viewable(const nlohmann::json& session) {
  const nlohmann::json redaction = redaction_status(session);
  if (redaction == "redacted" || redaction == "processing") {
    return ApiError{ErrorCode::session_redacted,
                    "This verification has been redacted: its images and sensitive results are gone.", {}};
  }
  const auto report = session.find("last_verification_report");
  if (report == session.end() || !report->is_object()) {
    const std::string status = session.value("status", std::string("unknown"));
    return ApiError{ErrorCode::report_not_ready,
                    "This verification has no report yet (status " + status +
                        "): the user has not completed it, or Stripe is still processing it.",
                    {}};
  }
  return std::nullopt;
}

ImageLinkService::ImageLinkService(StripeClient& stripe, Metrics& metrics, int link_lifetime_s, UnixClock now)
    : stripe_(stripe), metrics_(metrics), link_lifetime_s_(link_lifetime_s), now_(now ? std::move(now) : UnixClock(system_unix_now)) {}

ImageLinkOutcome ImageLinkService::issue(const std::string& session_id) {
  ImageLinkOutcome outcome;
  if (auto refused = check_key_for_sensitive(stripe_.current_key())) {
    outcome.error = std::move(refused);
    return outcome;
  }

  const StripeCall retrieve{StripeEndpoint::retrieve_session, "GET",
                            "/v1/identity/verification_sessions/" + session_id + "?expand[]=last_verification_report",
                            "", "", /*sensitive_requested=*/true};
  StripeResult session = stripe_.call(retrieve);
  if (session.error) {
    outcome.error = std::move(session.error);
    return outcome;
  }
  if (auto refused = check_session_viewable(*session.object)) {
    outcome.error = std::move(refused);
    return outcome;
  }
  const nlohmann::json& report = (*session.object)["last_verification_report"];
  const std::vector<ReportImage> images = report_images(report);
  if (images.empty()) {
    outcome.error = ApiError{ErrorCode::no_images, "The verification report holds no images.", {}};
    return outcome;
  }

  // Stripe's clock, not ours: "within 30 seconds" is judged by Stripe, and a server clock
  // that runs ahead (or far behind) would otherwise ask for links Stripe refuses.
  const long long issued_at = session.stripe_time.value_or(now_());
  const long long expires_at = issued_at + link_lifetime_s_;
  std::vector<std::future<StripeResult>> pending;
  const std::vector<std::string> files = distinct_files(images);
  pending.reserve(files.size());
  for (const std::string& file : files) {
    StripeCall create{StripeEndpoint::create_file_link, "POST", "/v1/file_links",
                      form_encode({{"file", file}, {"expires_at", std::to_string(expires_at)}}), new_idempotency_key(),
                      /*sensitive_requested=*/true};
    pending.push_back(std::async(std::launch::async, [this, create = std::move(create)] { return stripe_.call(create); }));
  }

  std::vector<CreatedLink> links;
  std::optional<ApiError> first_error;
  for (std::size_t i = 0; i < pending.size(); ++i) {
    StripeResult created = pending[i].get();
    if (created.error) {
      if (!first_error) first_error = std::move(created.error);
      continue;
    }
    links.push_back({files[i], std::move(*created.object)});
  }
  metrics_.file_links_issued(static_cast<int>(links.size()));
  if (first_error) {
    outcome.error = std::move(first_error);
    return outcome;
  }

  nlohmann::json bundle_images = nlohmann::json::array();
  for (const ReportImage& image : images) {
    for (const CreatedLink& created : links) {
      if (created.file != image.file) continue;
      const auto& link = created.link;
      const std::string link_id = link.value("id", std::string());
      const std::string url = link.value("url", std::string());
      if (!common::is_stripe_id(link_id, "link_") || url.empty()) {
        outcome.error = ApiError{ErrorCode::stripe_error, "Stripe answered with a FileLink that has no id or URL.", {}};
        return outcome;
      }
      const auto stripe_expiry = link.find("expires_at");
      bundle_images.push_back({{"role", image.role},
                               {"file", image.file},
                               {"file_link", link_id},
                               {"url", url},
                               {"expires_at", stripe_expiry != link.end() && stripe_expiry->is_number_integer()
                                                  ? stripe_expiry->get<long long>()
                                                  : expires_at}});
      outcome.roles_shown.push_back(image.role);
    }
  }
  outcome.bundle = nlohmann::json{{"verification_session", session_id},
                                  {"verification_report", report.value("id", std::string())},
                                  {"issued_at", issued_at},
                                  {"images", bundle_images}};
  metrics_.bundle_served();
  return outcome;
}

}  // namespace iiv::stub
