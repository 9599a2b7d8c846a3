#include "stub/api/routes.hpp"

#include <gtest/gtest.h>

namespace iiv::stub {
namespace {

// The action `method` `path` is routed to; fails the test when it is not routed.
Action action_of(std::string_view method, std::string_view path) {
  const auto matched = match_route(method, path);
  EXPECT_TRUE(matched.ok()) << method << " " << path;
  return matched.ok() ? matched->route->action : Action::health;
}

TEST(Routes, EachRouteIsFoundByItsMethodAndPath) {
  EXPECT_EQ(action_of("GET", "/healthz"), Action::health);
  EXPECT_EQ(action_of("GET", "/metrics"), Action::metrics);
  EXPECT_EQ(action_of("GET", "/api/me"), Action::me);
  EXPECT_EQ(action_of("GET", "/api/verification-sessions"), Action::list_sessions);
  EXPECT_EQ(action_of("GET", "/api/verification-sessions/vs_1"), Action::summary);
  EXPECT_EQ(action_of("POST", "/api/verification-sessions/vs_1/image-links"), Action::image_links);
  EXPECT_EQ(action_of("POST", "/api/verification-sessions/vs_1/redact"), Action::redact);
  EXPECT_EQ(action_of("GET", "/"), Action::static_file);
  EXPECT_EQ(action_of("HEAD", "/viewer/core.wasm"), Action::static_file);
}

TEST(Routes, TheSessionSegmentIsHandedOnRawForTheApiToCheck) {
  const auto matched = match_route("POST", "/api/verification-sessions/vs_1Pgag2/image-links");
  ASSERT_TRUE(matched.ok());
  EXPECT_EQ(matched->session_segment, "vs_1Pgag2");
  const auto odd = match_route("GET", "/api/verification-sessions/not%20an%20id");
  ASSERT_TRUE(odd.ok());
  EXPECT_EQ(odd->session_segment, "not%20an%20id");
}

TEST(Routes, EveryApiRouteNeedsAReviewerAndTheRoleItsActionNeeds) {
  for (const Route& route : route_table()) {
    if (route.action == Action::health || route.action == Action::static_file) {
      EXPECT_FALSE(route.needs_reviewer) << route.pattern;
      continue;
    }
    EXPECT_TRUE(route.needs_reviewer) << route.pattern;
    EXPECT_FALSE(route.audit_action.empty()) << route.pattern;
  }
  EXPECT_EQ(match_route("GET", "/metrics")->route->role, RouteRole::operator_);
  EXPECT_EQ(match_route("POST", "/api/verification-sessions/vs_1/redact")->route->role, RouteRole::redact);
  EXPECT_EQ(match_route("POST", "/api/verification-sessions/vs_1/image-links")->route->role, RouteRole::view);
  EXPECT_EQ(match_route("GET", "/api/verification-sessions")->route->role, RouteRole::view);
  EXPECT_TRUE(match_route("POST", "/api/verification-sessions/vs_1/image-links")->route->json_body);
  EXPECT_TRUE(match_route("POST", "/api/verification-sessions/vs_1/redact")->route->json_body);
}

TEST(Routes, AnUnknownApiPathIsNotFound) {
  for (const char* path : {"/api", "/api/", "/api/nope", "/api/verification-sessions/vs_1/image-links/extra",
                           "/api/verification-sessions//image-links", "/api/me/", "/api/verification-sessions/"}) {
    const auto missed = match_route("GET", path);
    ASSERT_FALSE(missed.ok()) << path;
    EXPECT_FALSE(missed.error().path_known) << path;
    EXPECT_TRUE(missed.error().allow.empty()) << path;
  }
}

TEST(Routes, AKnownPathWithAnotherMethodListsTheAllowedOnes) {
  const auto get_on_post = match_route("GET", "/api/verification-sessions/vs_1/image-links");
  ASSERT_FALSE(get_on_post.ok());
  EXPECT_TRUE(get_on_post.error().path_known);
  EXPECT_EQ(get_on_post.error().allow, "POST, OPTIONS");

  const auto delete_me = match_route("DELETE", "/api/me");
  ASSERT_FALSE(delete_me.ok());
  EXPECT_EQ(delete_me.error().allow, "GET, OPTIONS");

  // Outside /api there is no CORS preflight to offer.
  const auto put_file = match_route("PUT", "/index.html");
  ASSERT_FALSE(put_file.ok());
  EXPECT_EQ(put_file.error().allow, "GET, HEAD");
}

TEST(Routes, MethodsAreCaseSensitive) {
  const auto lower = match_route("get", "/api/me");
  ASSERT_FALSE(lower.ok());
  EXPECT_TRUE(lower.error().path_known);
}

TEST(Routes, NothingUnderApiIsEverAStaticFile) {
  EXPECT_TRUE(is_api_path("/api"));
  EXPECT_TRUE(is_api_path("/api/"));
  EXPECT_TRUE(is_api_path("/api/x/y.js"));
  EXPECT_FALSE(is_api_path("/apis"));
  EXPECT_FALSE(is_api_path("/viewer/api"));
  for (const char* method : {"GET", "HEAD"}) {
    const auto matched = match_route(method, "/api/app.js");
    EXPECT_FALSE(matched.ok() && matched->route->action == Action::static_file) << method;
  }
  EXPECT_EQ(action_of("GET", "/apis/app.js"), Action::static_file);
}

}  // namespace
}  // namespace iiv::stub
