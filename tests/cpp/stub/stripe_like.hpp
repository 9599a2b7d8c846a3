#pragma once
// Stripe as the emulator answers it, scripted: one verified session, vs_1, whose report
// has four images (a two-sided document and a selfie check). The stub's unit tests and its
// fuzz target (tests/fuzz/stub_api_fuzz.cpp) both put it behind a FakeTransport, so they
// exercise the stub against the same Stripe.
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "common/http_date.hpp"
#include "stub/stripe/stripe_transport.hpp"

namespace iiv::stub::testing {

class StripeLike {
 public:
  // `files_origin` is where the FileLinks point; `now` is Stripe's clock (its Date header,
  // and the links expire 30 s after it).
  StripeLike(std::string files_origin, long long now) : files_origin_(std::move(files_origin)), now_(now) {}

  StripeHttpResponse operator()(const StripeHttpRequest& request) const {
    if (request.path_and_query == "/v1/file_links") return file_link_for(request);
    if (request.path_and_query.rfind("/v1/identity/verification_sessions?", 0) == 0) {
      return answer(nlohmann::json{{"object", "list"}, {"has_more", false}, {"data", {session_head()}}});
    }
    if (request.method == "POST") {
      return answer(nlohmann::json{{"id", "vs_1"}, {"status", "canceled"}, {"redaction", {{"status", "processing"}}}});
    }
    return answer(session());
  }

  // A FileLink for the file the request names, on `origin` (the files host by default).
  StripeHttpResponse file_link_for(const StripeHttpRequest& request, const std::string& origin = "") const {
    const auto at = request.form_body.find("file=") + 5;
    const std::string file = request.form_body.substr(at, request.form_body.find('&', at) - at);
    return answer(nlohmann::json{{"id", "link_" + file.substr(5)},
                                 {"object", "file_link"},
                                 {"file", file},
                                 {"url", (origin.empty() ? files_origin_ : origin) + "/links/" + file},
                                 {"expires_at", now_ + 30}});
  }

 private:
  // Started a day ago, processed about three hours ago: well within the 48-hour window.
  nlohmann::json session_head() const {
    return {{"id", "vs_1"},
            {"status", "verified"},
            {"type", "document"},
            {"created", now_ - 100000},
            {"redaction", nullptr}};
  }

  nlohmann::json session() const {
    nlohmann::json session = session_head();
    session["object"] = "identity.verification_session";
    session["last_error"] = nullptr;
    session["verified_outputs"] = {
        {"first_name", "Jenny"}, {"last_name", "Rosen"}, {"dob", {{"day", 1}, {"month", 2}, {"year", 1990}}}};
    session["last_verification_report"] = {
        {"id", "vr_1"},
        {"created", now_ - 10000},
        {"document",
         {{"status", "verified"},
          {"type", "passport"},
          {"issuing_country", "GB"},
          {"files", {"file_front", "file_back"}}}},
        {"selfie", {{"status", "verified"}, {"document", "file_sd"}, {"selfie", "file_face"}}}};
    return session;
  }

  StripeHttpResponse answer(const nlohmann::json& body) const {
    StripeHttpResponse response;
    response.status = 200;
    response.body = body.dump();
    response.date = common::format_http_date(now_);  // Stripe's clock agrees with the stub's
    return response;
  }

  std::string files_origin_;
  long long now_;
};

}  // namespace iiv::stub::testing
