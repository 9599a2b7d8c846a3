#pragma once
// Keeps what the servers started by a test wrote (stderr logs, audit logs, /metrics
// captures) for the whole-suite secret sweep (tests/sweep/no-secrets-in-logs.test.mjs).
//
// Only when $IIV_TEST_LOG_DIR is set (tests/run.sh sets it to build/test-logs): each test
// gets its own folder there, "cpp-<Suite.Test>-XXXXXX", created on first use; files are
// copied into it as "<n>-<name>" so two servers of one test never overwrite each other.
// The secrets a test used (reviewer tokens, API keys, FileLink URLs) go to
// "secrets-used.txt" in the same folder: the sweep searches every log for them and never
// scans that file itself. Without the variable every function here does nothing.
//
// Header-only: shared by tests/cpp/stub/ and tests/cpp/emulator/ without a library.
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <system_error>

#include <gtest/gtest.h>

namespace iiv::test_logs {

namespace detail {

struct State {
  std::mutex mutex;
  std::map<std::string, std::filesystem::path> folders;  // by test name
  std::map<std::string, std::set<std::string>> secrets;  // by folder
  int next_sequence = 1;
};

inline State& state() {
  static State s;
  return s;
}

inline std::string current_test_name() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  if (info == nullptr) return "outside-a-test";
  return std::string(info->test_suite_name()) + "." + info->name();
}

inline std::string file_name_safe(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool plain =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    out += plain ? c : '_';
  }
  return out.substr(0, 100);
}

// The calling test's folder; the caller holds the state's mutex.
inline std::optional<std::filesystem::path> folder_locked(State& s) {
  const char* root = std::getenv("IIV_TEST_LOG_DIR");
  if (root == nullptr || *root == '\0') return std::nullopt;
  const std::string test = current_test_name();
  if (const auto found = s.folders.find(test); found != s.folders.end()) return found->second;
  std::error_code ec;
  std::filesystem::create_directories(root, ec);
  std::string pattern = (std::filesystem::path(root) / ("cpp-" + file_name_safe(test) + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    ADD_FAILURE() << "IIV_TEST_LOG_DIR is set but no folder could be made in " << root;
    return std::nullopt;
  }
  s.folders[test] = pattern;
  return std::filesystem::path(pattern);
}

inline std::filesystem::path numbered_locked(State& s, const std::filesystem::path& folder, const std::string& name) {
  return folder / (std::to_string(s.next_sequence++) + "-" + file_name_safe(name));
}

}  // namespace detail

// True when the suite collects logs ($IIV_TEST_LOG_DIR set).
inline bool enabled() {
  const char* root = std::getenv("IIV_TEST_LOG_DIR");
  return root != nullptr && *root != '\0';
}

// Copies `file` (if it exists) into the test's folder as "<n>-<name>".
inline void keep_file(const std::filesystem::path& file, const std::string& name) {
  if (!enabled()) return;
  auto& s = detail::state();
  std::lock_guard<std::mutex> lock(s.mutex);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return;
  const auto folder = detail::folder_locked(s);
  if (!folder) return;
  std::filesystem::copy_file(file, detail::numbered_locked(s, *folder, name), ec);
  if (ec) ADD_FAILURE() << "could not keep the log " << file << ": " << ec.message();
}

// Writes `text` into the test's folder as "<n>-<name>".
inline void keep_text(const std::string& name, const std::string& text) {
  if (!enabled()) return;
  auto& s = detail::state();
  std::lock_guard<std::mutex> lock(s.mutex);
  const auto folder = detail::folder_locked(s);
  if (!folder) return;
  std::ofstream(detail::numbered_locked(s, *folder, name), std::ios::binary) << text;
}

// A /metrics answer the test fetched.
inline void keep_metrics(const std::string& text) { keep_text("metrics.prom", text); }

// Copies the log files at the top of `dir` (*.stderr, *.jsonl, *.log), nothing else: key
// files, reviewer files and test data stay behind.
inline void keep_logs_in(const std::filesystem::path& dir) {
  if (!enabled()) return;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const auto extension = entry.path().extension();
    if (entry.is_regular_file(ec) && (extension == ".stderr" || extension == ".jsonl" || extension == ".log")) {
      keep_file(entry.path(), entry.path().filename().string());
    }
  }
}

// Records a secret the test used, once per folder, in "secrets-used.txt".
inline void note_secret(const std::string& secret) {
  if (!enabled() || secret.empty() || secret.find('\n') != std::string::npos) return;
  auto& s = detail::state();
  std::lock_guard<std::mutex> lock(s.mutex);
  const auto folder = detail::folder_locked(s);
  if (!folder) return;
  if (!s.secrets[folder->string()].insert(secret).second) return;
  std::ofstream(*folder / "secrets-used.txt", std::ios::app) << secret << "\n";
}

}  // namespace iiv::test_logs
