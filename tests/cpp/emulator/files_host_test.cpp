#include "emulator/files_host.hpp"

#include <gtest/gtest.h>

#include "emulator/seed_data.hpp"

namespace iiv::emulator {
namespace {

class Files : public ::testing::Test {
 protected:
  EmulatorClock clock;
  EmulatorStore store{build_seed_data(clock.now())};
  RuntimeConfigHolder config{RuntimeConfig{}};
  FilesHost host{store, clock, config};

  HttpResponse get(const std::string& path, const std::string& method = "GET") {
    HttpRequest r;
    r.method = method;
    r.target = path;
    r.peer_address = "127.0.0.1";
    return host.handle(r);
  }
  void link(const std::string& token, std::optional<std::int64_t> expires_at) {
    FileLink l;
    l.id = "link_1" + token;
    l.file = "file_1EmuIdCardWithSelfieSelfie";
    l.expires_at = expires_at;
    l.token = token;
    store.add_link(l);
  }
};

TEST_F(Files, LiveLinkServesTheImageWithItsTypeAndLength) {
  link("tok1", clock.now() + 30);
  const auto r = get("/links/tok1");
  EXPECT_EQ(r.status, 200);
  ASSERT_NE(r.shared_body, nullptr);
  const auto& image = store.file("file_1EmuIdCardWithSelfieSelfie")->content->bytes();
  EXPECT_EQ(r.header("Content-Type"), "image/png");
  EXPECT_EQ(r.shared_body->size, image.size());
  EXPECT_EQ(static_cast<const void*>(r.shared_body->data), static_cast<const void*>(image.data()));
  EXPECT_EQ(r.header("Content-Length"), "") << "the HTTP server sets it from the body";
  EXPECT_EQ(r.header("Cache-Control"), "no-store");
  EXPECT_EQ(r.header("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(r.header("Access-Control-Allow-Origin"), "*");
}

TEST_F(Files, CorsHeaderFollowsTheSetting) {
  link("tok2", clock.now() + 30);
  RuntimeConfig off;
  off.files_cors = false;
  config.set(off);
  const auto r = get("/links/tok2");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Access-Control-Allow-Origin"), "");
  EXPECT_EQ(get("/links/unknown").header("Access-Control-Allow-Origin"), "");
}

TEST_F(Files, UnknownExpiredAndOtherPaths) {
  link("tok3", clock.now() + 5);
  EXPECT_EQ(get("/links/nope").status, 404);
  clock.advance_seconds(5);
  const auto gone = get("/links/tok3");
  EXPECT_EQ(gone.status, 410);
  EXPECT_EQ(gone.shared_body, nullptr);
  EXPECT_EQ(gone.header("Cache-Control"), "no-store");
  EXPECT_EQ(get("/").status, 404);
  EXPECT_EQ(get("/links/").status, 404);
  EXPECT_EQ(get("/links/a/b").status, 404);
  EXPECT_EQ(get("/links/tok3", "POST").status, 405);
}

}  // namespace
}  // namespace iiv::emulator
