#include "stub/config/protected_file.hpp"

#include <gtest/gtest.h>

#include "temp_dir.hpp"

namespace iiv::stub {
namespace {

using testing::TempDir;

// Why `path` is refused as `protection` ("" when it is read).
std::string refusal(const std::string& path, FileProtection protection, std::size_t max_bytes = 1024 * 1024) {
  const auto read = read_protected_file(path, protection, "the test file", max_bytes);
  return read.ok() ? std::string() : read.error();
}

TEST(ProtectedFile, ASecretIsReadWhenOnlyItsOwnerHasAccess) {
  TempDir dir;
  for (mode_t mode : {0600, 0400}) {
    const std::string path = dir.write("key", "rk_test_abc\n", mode);
    const auto read = read_protected_file(path, FileProtection::secret, "the key file");
    ASSERT_TRUE(read.ok()) << std::oct << mode << ": " << read.error();
    EXPECT_EQ(*read, "rk_test_abc\n");
  }
}

TEST(ProtectedFile, ASecretOthersOrTheGroupCanReachIsRefusedWithTheChmod) {
  TempDir dir;
  for (mode_t mode : {0644, 0666, 0640, 0604, 0620, 0602, 0601, 0610}) {
    const std::string path = dir.write("key", "rk_test_abc\n", mode);
    const std::string why = refusal(path, FileProtection::secret);
    EXPECT_NE(why.find("the test file " + path), std::string::npos) << std::oct << mode << ": " << why;
    EXPECT_NE(why.find("chmod 600 " + path), std::string::npos) << std::oct << mode << ": " << why;
    EXPECT_EQ(why.find("rk_test_abc"), std::string::npos) << why;  // the content is never quoted
  }
  const std::string path = dir.write("key", "x", 0644);
  EXPECT_NE(refusal(path, FileProtection::secret).find("(mode 0644)"), std::string::npos);
}

TEST(ProtectedFile, ATrustedFileMayBeReadByAllButWrittenOnlyByOwnerAndGroup) {
  TempDir dir;
  for (mode_t mode : {0600, 0644, 0664, 0640, 0444}) {
    const std::string path = dir.write("reviewers.json", "{}", mode);
    EXPECT_EQ(refusal(path, FileProtection::trusted), "") << std::oct << mode;
  }
  for (mode_t mode : {0666, 0646, 0602, 0622}) {
    const std::string path = dir.write("reviewers.json", "{}", mode);
    const std::string why = refusal(path, FileProtection::trusted);
    EXPECT_NE(why.find("writable by others"), std::string::npos) << std::oct << mode << ": " << why;
    EXPECT_NE(why.find("chmod o-w " + path), std::string::npos) << why;
  }
}

TEST(ProtectedFile, OnlyARegularFileIsRead) {
  TempDir dir;
  std::filesystem::create_directory(dir.path() / "folder");
  ::chmod(dir.file("folder").c_str(), 0700);
  EXPECT_NE(refusal(dir.file("folder"), FileProtection::secret).find("is not a regular file"), std::string::npos);
  EXPECT_NE(refusal("/dev/null", FileProtection::trusted).find("is not a regular file"), std::string::npos);
}

TEST(ProtectedFile, ASymlinkIsJudgedByTheFileItReaches) {
  TempDir dir;
  const std::string target = dir.write("real-key", "rk_test_abc", 0644);
  std::filesystem::create_symlink(target, dir.path() / "key");
  EXPECT_NE(refusal(dir.file("key"), FileProtection::secret).find("chmod 600"), std::string::npos);
}

TEST(ProtectedFile, AFileLargerThanTheCapIsRefused) {
  TempDir dir;
  const std::string path = dir.write("key", std::string(100, 'k'), 0600);
  EXPECT_EQ(refusal(path, FileProtection::secret, 100), "");
  const std::string why = refusal(path, FileProtection::secret, 99);
  EXPECT_NE(why.find("larger than 99 bytes"), std::string::npos) << why;
}

TEST(ProtectedFile, AMissingFileIsNamed) {
  TempDir dir;
  const std::string why = refusal(dir.file("absent"), FileProtection::trusted);
  EXPECT_NE(why.find(dir.file("absent") + " cannot be opened"), std::string::npos) << why;
}

TEST(ProtectedFile, AnEmptyFileIsReadAsEmpty) {
  TempDir dir;
  const auto read = read_protected_file(dir.write("empty", "", 0600), FileProtection::secret, "the test file");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, "");
}

}  // namespace
}  // namespace iiv::stub
