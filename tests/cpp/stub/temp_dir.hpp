#pragma once
// A fresh folder for one test, removed with everything in it afterwards, and small helpers
// to put files with a given mode into it.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace iiv::stub::testing {

class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("iiv_stub_" + std::to_string(::getpid()) + "_" + (info ? info->test_suite_name() : std::string("x")) +
             "_" + (info ? info->name() : std::string("x")));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

  // Writes `content` to `name` (replacing it) and sets its mode exactly.
  std::string write(const std::string& name, const std::string& content, mode_t mode = 0600) const {
    const std::string where = file(name);
    {
      std::ofstream out(where, std::ios::binary | std::ios::trunc);
      out << content;
    }
    ::chmod(where.c_str(), mode);
    return where;
  }

 private:
  std::filesystem::path path_;
};

// The permission bits of `path`.
inline mode_t mode_of(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return static_cast<mode_t>(-1);
  return info.st_mode & 07777;
}

}  // namespace iiv::stub::testing
