#include "stub/http/static_files.hpp"

#include <fstream>

#include <gtest/gtest.h>

namespace iiv::stub {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("iiv_static_" + std::to_string(::getpid()) + "_" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(base_ / "site" / "sub");
    fs::create_directories(base_ / "viewer");
    fs::create_directories(base_ / "outside");
    std::ofstream(base_ / "site" / "index.html") << "<h1>";
    std::ofstream(base_ / "site" / "app.js") << "x";
    std::ofstream(base_ / "site" / ".env") << "SECRET";
    std::ofstream(base_ / "viewer" / "core.wasm") << "w";
    std::ofstream(base_ / "outside" / "secret.txt") << "s";
    fs::create_symlink(base_ / "outside" / "secret.txt", base_ / "site" / "link.txt");
    std::string error;
    mounts_.push_back(*parse_static_mount("/=" + (base_ / "site").string(), &error));
    mounts_.push_back(*parse_static_mount("/viewer/=" + (base_ / "viewer").string(), &error));
  }
  void TearDown() override { fs::remove_all(base_); }

  std::optional<StaticFile> get(const std::string& path) { return resolve_static(mounts_, path); }

  fs::path base_;
  std::vector<StaticMount> mounts_;
};

TEST_F(StaticFilesTest, ServesFilesWithTheirTypes) {
  ASSERT_TRUE(get("/app.js").has_value());
  EXPECT_EQ(get("/app.js")->content_type, "text/javascript; charset=utf-8");
  ASSERT_TRUE(get("/viewer/core.wasm").has_value());
  EXPECT_EQ(get("/viewer/core.wasm")->content_type, "application/wasm");
  EXPECT_EQ(get("/")->path.filename(), "index.html");
  EXPECT_EQ(get("/")->content_type, "text/html; charset=utf-8");
}

TEST_F(StaticFilesTest, NoListingNoTraversalNoDotFilesNoEscapingSymlinks) {
  EXPECT_FALSE(get("/sub/").has_value());  // a folder without index.html
  EXPECT_FALSE(get("/sub").has_value());
  EXPECT_FALSE(get("/../outside/secret.txt").has_value());
  EXPECT_FALSE(get("/viewer/../site/app.js").has_value());
  EXPECT_FALSE(get("/./app.js").has_value());
  EXPECT_FALSE(get("/.env").has_value());
  EXPECT_FALSE(get("/link.txt").has_value());
  EXPECT_FALSE(get("/missing.js").has_value());
  EXPECT_FALSE(get("/app.js\\..").has_value());
}

TEST(ContentType, KnowsWhatBrowsersNeed) {
  EXPECT_EQ(content_type_for("a.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("a.CSS"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("a.json"), "application/json");
  EXPECT_EQ(content_type_for("a.png"), "image/png");
  EXPECT_EQ(content_type_for("a.bin"), "application/octet-stream");
}

}  // namespace
}  // namespace iiv::stub
