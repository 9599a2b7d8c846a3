// The stub's reading of Stripe's answers, on arbitrary answer bodies: the readers
// (StripeShape through read_verification_session, read_file_link, summarize_session and
// project_session_list) directly, then every service as a request meets it, with the input
// as Stripe's answer. An answer of the wrong shape is Stripe's fault and must end as one of
// the errors for that (stripe_error above all), never as an exception or internal_error;
// whatever is accepted holds only checked ids and links on a trusted files origin.
#include <cstdint>
#include <string>

#include "common/http_date.hpp"
#include "common/stripe_id.hpp"
#include "stripe_like.hpp"
#include "stub/sessions/session_summary.hpp"
#include "stub/stripe/file_link.hpp"
#include "stub/stripe/verification_session.hpp"
#include "stub_harness.hpp"

namespace {

using iiv::fuzz::require;
using nlohmann::json;
namespace stub = iiv::stub;

void check_service_outcome(const stub::Result<json>& outcome, const char* property) {
  if (outcome.ok()) {
    (void)outcome->dump();
  } else {
    require(iiv::fuzz::is_stripe_answer_error(outcome.error().code), property);
  }
}

void read_directly(const json& answer) {
  if (auto facts = stub::read_verification_session(answer); facts.ok() && facts->report) {
    const auto& report = *facts->report;
    for (const std::string& file : report.document_files) {
      require(iiv::common::is_stripe_id(file, "file_"), "a document file id is checked");
    }
    if (report.selfie_document)
      require(iiv::common::is_stripe_id(*report.selfie_document, "file_"), "selfie ids are checked");
    if (report.selfie_face) require(iiv::common::is_stripe_id(*report.selfie_face, "file_"), "selfie ids are checked");
  }
  if (auto link = stub::read_file_link(answer, {iiv::fuzz::kFilesOrigin}); link.ok()) {
    require(stub::url_is_on_origin(link->url, iiv::fuzz::kFilesOrigin), "an accepted link is on a files origin");
    require(iiv::common::is_stripe_id(link->id, "link_"), "an accepted link id is checked");
  }
  const stub::SensitiveFieldSet all = {stub::SensitiveField::dob, stub::SensitiveField::id_number,
                                       stub::SensitiveField::document_number, stub::SensitiveField::expiration_date};
  if (auto summary = stub::summarize_session(answer, {}, {}); summary.ok()) {
    require(!summary->contains("sensitive"), "a summary holds no sensitive field unless asked");
    (void)summary->dump();
  }
  if (auto summary = stub::summarize_session(answer, all, {true}); summary.ok()) (void)summary->dump();
  if (auto list = stub::project_session_list(answer); list.ok()) (void)list->dump();
}

void through_the_services(const std::string& body) {
  iiv::fuzz::StubHarness every_answer(
      [&](const stub::StripeHttpRequest&) { return iiv::fuzz::stripe_answer(200, body); });
  const stub::SensitiveFieldSet all = {stub::SensitiveField::dob, stub::SensitiveField::expiration_date};
  check_service_outcome(every_answer.summaries.summarize("vs_1", all), "a summary fails as Stripe's fault");
  check_service_outcome(every_answer.summaries.list(10), "a list fails as Stripe's fault");
  check_service_outcome(every_answer.redactions.redact("vs_1"), "a redaction fails as Stripe's fault");
  const auto bundle = every_answer.links.issue("vs_1");
  if (!bundle.ok()) require(iiv::fuzz::is_stripe_answer_error(bundle.error().code), "a bundle fails as Stripe's fault");

  // The session is sound; each FileLink Stripe creates is the input.
  const stub::testing::StripeLike stripe(iiv::fuzz::kFilesOrigin, iiv::fuzz::kNow);  // a session with four images
  iiv::fuzz::StubHarness links_answer([&](const stub::StripeHttpRequest& request) {
    return request.method == "GET" ? stripe(request) : iiv::fuzz::stripe_answer(200, body);
  });
  const auto issued = links_answer.links.issue("vs_1");
  if (!issued.ok()) {
    require(iiv::fuzz::is_stripe_answer_error(issued.error().code), "a bundle fails as Stripe's fault");
    return;
  }
  for (const json& image : issued->bundle.at("images")) {
    require(stub::url_is_on_origin(image.at("url").get<std::string>(), iiv::fuzz::kFilesOrigin),
            "a bundle's links are on a files origin");
    require(image.at("expires_at").get<long long>() <= iiv::fuzz::kNow + 30, "a bundle's links expire within 30 s");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body(iiv::fuzz::as_text(data, size));
  const json answer = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!answer.is_discarded()) read_directly(answer);
  through_the_services(body);
  return 0;
}
