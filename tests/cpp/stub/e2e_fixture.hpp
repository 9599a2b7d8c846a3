#pragma once
// The end-to-end set-up: the real emulator binary and the real stub binary, each spawned
// on loopback port 0, with a reviewers file, a key file and an audit log in a temp folder.
// With $IIV_TEST_LOG_DIR set, the logs, the /metrics answers and the secrets used (keys,
// reviewer tokens, FileLink URLs) are kept for the whole-suite secret sweep
// (tests/cpp/support/test_log_dir.hpp, tests/sweep/).
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/child_process.hpp"
#include "support/http_client.hpp"

namespace iiv::stub::testing {

using iiv::testing::ChildProcess;
using iiv::testing::HeaderPairs;
using iiv::testing::http_call;
using iiv::testing::HttpAnswer;
using iiv::testing::read_text_file;
using iiv::testing::TempDir;
using iiv::testing::wait_for_text;

// Reviewer tokens of the test reviewers file (only their SHA-256 is written to it).
inline const std::string kViewerToken = "tok-viewer-0123456789";
inline const std::string kRevealerToken = "tok-revealer-0123456789";
inline const std::string kRedactorToken = "tok-redactor-0123456789";
inline const std::string kOperatorToken = "tok-operator-0123456789";

// The Authorization header for `token` (noted as a secret for the log sweep).
HeaderPairs bearer(const std::string& token);

class Emulator {
 public:
  Emulator(const TempDir& dir, const std::vector<std::string>& extra_args = {});
  const std::string& api_base() const { return api_base_; }
  const std::string& files_base() const { return files_base_; }

  void configure(const nlohmann::json& settings);
  // Moves the emulator's clock (Stripe's clock, as the stub sees it) forward.
  void advance_clock(int seconds);
  nlohmann::json stats();
  void reset_stats();
  void roll_key(const std::string& key, const std::string& replacement = "");

 private:
  std::unique_ptr<ChildProcess> process_;
  std::string api_base_;
  std::string files_base_;
};

struct StubOptions {
  std::string key;  // written to the key file (or the environment)
  bool key_in_environment = false;
  std::string stripe_base_url;          // the emulator's api_base
  std::vector<std::string> extra_args;  // more flags
  std::string files_host;               // --files-host: the emulator's files_base, where its links point
};

class Stub {
 public:
  Stub(const TempDir& dir, const StubOptions& options);

  const std::string& url() const { return url_; }
  const nlohmann::json& listening_line() const { return listening_; }
  std::filesystem::path stderr_path() const { return stderr_path_; }
  std::filesystem::path audit_path() const { return audit_path_; }
  std::filesystem::path key_file() const { return key_file_; }
  ChildProcess& process() { return *process_; }

  // A GET of /metrics that succeeds is kept for the log sweep (test_logs::keep_metrics).
  HttpAnswer get(const std::string& path, const std::string& token) const;
  // The FileLink URLs of a bundle answer are noted as secrets for the log sweep.
  HttpAnswer post_json(const std::string& path, const std::string& token, const std::string& body = "{}") const;
  // Audit lines as JSON objects.
  std::vector<nlohmann::json> audit_lines() const;

  void write_key(const std::string& key) const;

 private:
  std::unique_ptr<ChildProcess> process_;
  std::string url_;
  nlohmann::json listening_;
  std::filesystem::path stderr_path_;
  std::filesystem::path audit_path_;
  std::filesystem::path key_file_;
};

// Starts the stub with `args` expecting it to refuse to start; returns its exit status and
// stderr.
std::pair<int, std::string> stub_start_refusal(const TempDir& dir, const std::vector<std::string>& args);

void write_reviewers_file(const std::filesystem::path& path);

}  // namespace iiv::stub::testing
