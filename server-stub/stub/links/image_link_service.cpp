#include "stub/links/image_link_service.hpp"

#include <chrono>
#include <future>

#include "stub/api/access_policy.hpp"
#include "stub/links/report_images.hpp"
#include "stub/stripe/file_link.hpp"
#include "stub/stripe/form_encoding.hpp"
#include "stub/stripe/idempotency_key.hpp"

namespace iiv::stub {

namespace {

long long system_unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

Result<Done> check_session_viewable(const VerificationSessionFacts& session) {
  if (session.redacted()) {
    return Fail(ApiError{ErrorCode::session_redacted,
                         "This verification has been redacted: its images and sensitive results are gone.",
                         {}});
  }
  if (!session.report) {
    return Fail(ApiError{ErrorCode::report_not_ready,
                         "This verification has no report yet (status " + session.status +
                             "): the user has not completed it, or Stripe is still processing it.",
                         {}});
  }
  return Done{};
}

ImageLinkService::ImageLinkService(StripeClient& stripe, Metrics& metrics, int link_lifetime_s,
                                   std::vector<std::string> files_origins, UnixClock now)
    : stripe_(stripe),
      metrics_(metrics),
      link_lifetime_s_(link_lifetime_s),
      files_origins_(std::move(files_origins)),
      now_(now ? std::move(now) : UnixClock(system_unix_now)) {}

Result<ImageBundle> ImageLinkService::issue(const std::string& session_id) {
  if (auto refused = check_key_for_sensitive(stripe_.current_key()); !refused) return Fail(std::move(refused).error());

  const StripeCall retrieve{StripeEndpoint::retrieve_session,
                            "GET",
                            "/v1/identity/verification_sessions/" + session_id + "?expand[]=last_verification_report",
                            "",
                            "",
                            /*sensitive_requested=*/true};
  auto answer = stripe_.call(retrieve);
  if (!answer) return Fail(std::move(answer).error());
  // Everything about the session is checked before the first FileLink exists.
  auto session = read_verification_session(answer->object);
  if (!session) return Fail(std::move(session).error());
  if (auto viewable = check_session_viewable(*session); !viewable) return Fail(std::move(viewable).error());
  const std::vector<ReportImage> images = report_images(*session->report);
  if (images.empty()) return Fail(ApiError{ErrorCode::no_images, "The verification report holds no images.", {}});

  // Stripe's clock, not ours: "within 30 seconds" is judged by Stripe, and a server clock
  // that runs ahead (or far behind) would otherwise ask for links Stripe refuses.
  const long long issued_at = answer->stripe_time.value_or(now_());
  const long long expires_at = issued_at + link_lifetime_s_;
  const std::vector<std::string> files = distinct_files(images);
  std::vector<std::future<Result<StripeAnswer>>> pending;
  pending.reserve(files.size());
  for (const std::string& file : files) {
    StripeCall create{StripeEndpoint::create_file_link,
                      "POST",
                      "/v1/file_links",
                      form_encode({{"file", file}, {"expires_at", std::to_string(expires_at)}}),
                      new_idempotency_key(),
                      /*sensitive_requested=*/true};
    pending.push_back(
        std::async(std::launch::async, [this, create = std::move(create)] { return stripe_.call(create); }));
  }

  // Every answer is awaited and checked; one failure withholds them all.
  std::vector<FileLink> links;
  std::optional<ApiError> first_error;
  for (auto& future : pending) {
    auto created = future.get();
    if (!created) {
      if (!first_error) first_error = std::move(created).error();
      continue;
    }
    metrics_.file_links_issued(1);
    auto link = read_file_link(created->object, files_origins_);
    if (!link) {
      if (!first_error) first_error = std::move(link).error();
      continue;
    }
    if (link->expires_at && *link->expires_at > expires_at) {
      if (!first_error) {
        first_error =
            ApiError{ErrorCode::stripe_error, "Stripe answered with a FileLink that lives longer than asked.", {}};
      }
      continue;
    }
    links.push_back(std::move(*link));
  }
  if (first_error) return Fail(std::move(*first_error));

  ImageBundle result;
  nlohmann::json bundle_images = nlohmann::json::array();
  for (const ReportImage& image : images) {
    const std::size_t index =
        static_cast<std::size_t>(std::find(files.begin(), files.end(), image.file) - files.begin());
    const FileLink& link = links[index];
    bundle_images.push_back({{"role", image.role},
                             {"file", image.file},
                             {"file_link", link.id},
                             {"url", link.url},
                             {"expires_at", link.expires_at.value_or(expires_at)}});
    result.roles_shown.push_back(image.role);
  }
  result.bundle = nlohmann::json{{"verification_session", session_id},
                                 {"verification_report", session->report->id},
                                 {"issued_at", issued_at},
                                 {"images", std::move(bundle_images)}};
  metrics_.bundle_served();
  return result;
}

}  // namespace iiv::stub
