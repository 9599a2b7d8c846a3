#pragma once
// The end-to-end set-up: the real emulator binary and the real stub binary, each spawned
// on loopback port 0, with a reviewers file, a key file and an audit log in a temp folder.
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "child_process.hpp"
#include "http_call.hpp"

namespace iiv::stub::testing {

// Reviewer tokens of the test reviewers file (only their SHA-256 is written to it).
inline const std::string kViewerToken = "tok-viewer-0123456789";
inline const std::string kRevealerToken = "tok-revealer-0123456789";
inline const std::string kRedactorToken = "tok-redactor-0123456789";
inline const std::string kOperatorToken = "tok-operator-0123456789";

inline HeaderPairs bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

class Emulator {
 public:
  Emulator(const TempDir& dir, const std::vector<std::string>& extra_args = {});
  const std::string& api_base() const { return api_base_; }
  const std::string& files_base() const { return files_base_; }

  void configure(const nlohmann::json& settings);
  nlohmann::json stats();
  void reset_stats();
  void roll_key(const std::string& key, const std::string& replacement = "");

 private:
  std::unique_ptr<ChildProcess> process_;
  std::string api_base_;
  std::string files_base_;
};

struct StubOptions {
  std::string key;                     // written to the key file (or the environment)
  bool key_in_environment = false;
  std::string stripe_base_url;         // the emulator's api_base
  std::vector<std::string> extra_args; // more flags
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

  HttpAnswer get(const std::string& path, const std::string& token) const;
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
