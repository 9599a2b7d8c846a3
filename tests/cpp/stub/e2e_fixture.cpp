#include "e2e_fixture.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "stub/auth/sha256.hpp"
#include "support/test_log_dir.hpp"

namespace iiv::stub::testing {

namespace {

constexpr auto kStartTimeout = std::chrono::seconds(60);  // the emulator renders its specimens at start

nlohmann::json expect_listening(ChildProcess& process, const std::string& what) {
  const auto line = process.read_line(kStartTimeout);
  if (!line) throw std::runtime_error(what + " printed no listening line");
  auto doc = nlohmann::json::parse(*line, nullptr, false);
  if (!doc.is_object() || doc.value("event", "") != "listening") throw std::runtime_error(what + " printed: " + *line);
  return doc;
}

HttpAnswer admin(const std::string& base, const std::string& method, const std::string& path,
                 const nlohmann::json& body = nullptr) {
  auto answer =
      http_call(base, method, path, {}, body.is_null() ? "" : body.dump(), body.is_null() ? "" : "application/json");
  if (answer.status != 200)
    throw std::runtime_error("emulator admin " + path + " answered " + std::to_string(answer.status) + " " +
                             answer.body);
  return answer;
}

// Every FileLink URL in a bundle answer, and its token, are secrets the logs must not hold.
void note_link_urls(const HttpAnswer& answer) {
  if (answer.status != 200 || answer.body.find("\"images\"") == std::string::npos) return;
  const auto doc = nlohmann::json::parse(answer.body, nullptr, false);
  if (!doc.is_object() || !doc.contains("images") || !doc["images"].is_array()) return;
  for (const auto& image : doc["images"]) {
    if (!image.is_object() || !image.contains("url") || !image["url"].is_string()) continue;
    const std::string url = image["url"];
    test_logs::note_secret(url);
    const auto slash = url.rfind('/');
    if (slash != std::string::npos) test_logs::note_secret(url.substr(slash + 1));
  }
}

}  // namespace

HeaderPairs bearer(const std::string& token) {
  test_logs::note_secret(token);
  return {{"Authorization", "Bearer " + token}};
}

void write_reviewers_file(const std::filesystem::path& path) {
  auto entry = [](const char* id, const std::string& token, std::vector<std::string> roles) {
    test_logs::note_secret(token);
    return nlohmann::json{{"id", id}, {"token_sha256", to_hex(sha256(token))}, {"roles", roles}};
  };
  const nlohmann::json doc = {
      {"reviewers",
       {entry("rev_viewer", kViewerToken, {"view"}), entry("rev_revealer", kRevealerToken, {"view", "reveal"}),
        entry("rev_redactor", kRedactorToken, {"view", "redact"}),
        entry("rev_operator", kOperatorToken, {"operator"})}}};
  std::ofstream(path) << doc.dump(2);
}

Emulator::Emulator(const TempDir& dir, const std::vector<std::string>& extra_args) {
  std::vector<std::string> argv = {IIV_EMULATOR_BINARY, "--host", "127.0.0.1", "--port", "0", "--files-port", "0"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  process_ = std::make_unique<ChildProcess>(argv, dir / "emulator.stderr");
  const auto listening = expect_listening(*process_, "the emulator");
  api_base_ = listening.at("api_base").get<std::string>();
  files_base_ = listening.at("files_base").get<std::string>();
}

void Emulator::configure(const nlohmann::json& settings) { admin(api_base_, "POST", "/_emulator/config", settings); }

void Emulator::advance_clock(int seconds) {
  admin(api_base_, "POST", "/_emulator/clock", {{"advance_seconds", seconds}});
}

nlohmann::json Emulator::stats() { return admin(api_base_, "GET", "/_emulator/stats").json(); }

void Emulator::reset_stats() { admin(api_base_, "POST", "/_emulator/stats/reset", nlohmann::json::object()); }

void Emulator::roll_key(const std::string& key, const std::string& replacement) {
  nlohmann::json body = {{"key", key}};
  if (!replacement.empty()) body["replacement"] = replacement;
  admin(api_base_, "POST", "/_emulator/keys/roll", body);
}

Stub::Stub(const TempDir& dir, const StubOptions& options)
    : stderr_path_(dir / "stub.stderr"), audit_path_(dir / "audit.jsonl"), key_file_(dir / "stripe.key") {
  write_reviewers_file(dir / "reviewers.json");
  std::vector<std::string> argv = {IIV_STUB_BINARY,
                                   "--host",
                                   "127.0.0.1",
                                   "--port",
                                   "0",
                                   "--reviewers",
                                   (dir / "reviewers.json").string(),
                                   "--audit-log",
                                   audit_path_.string(),
                                   "--stripe-base-url",
                                   options.stripe_base_url};
  std::map<std::string, std::string> env;
  test_logs::note_secret(options.key);
  if (options.key_in_environment) {
    env["STRIPE_API_KEY"] = options.key;
  } else {
    write_key(options.key);
    argv.insert(argv.end(), {"--key-file", key_file_.string()});
    env["STRIPE_API_KEY"] = "";
  }
  if (!options.files_host.empty()) argv.insert(argv.end(), {"--files-host", options.files_host});
  argv.insert(argv.end(), options.extra_args.begin(), options.extra_args.end());
  process_ = std::make_unique<ChildProcess>(argv, stderr_path_, env);
  listening_ = expect_listening(*process_, "the stub");
  url_ = listening_.at("url").get<std::string>();
}

HttpAnswer Stub::get(const std::string& path, const std::string& token) const {
  auto answer = http_call(url_, "GET", path, token.empty() ? HeaderPairs{} : bearer(token));
  if (path == "/metrics" && answer.status == 200) test_logs::keep_metrics(answer.body);
  return answer;
}

HttpAnswer Stub::post_json(const std::string& path, const std::string& token, const std::string& body) const {
  auto answer = http_call(url_, "POST", path, token.empty() ? HeaderPairs{} : bearer(token), body, "application/json");
  note_link_urls(answer);
  return answer;
}

std::vector<nlohmann::json> Stub::audit_lines() const {
  std::vector<nlohmann::json> lines;
  std::istringstream in(read_text_file(audit_path_));
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

void Stub::write_key(const std::string& key) const {
  test_logs::note_secret(key);
  // Write then rename, as an operator's tooling would, so a reader never sees half a key.
  // The stub refuses a key file that group or others may read: mode 600, as an operator would.
  const auto partial = key_file_.string() + ".partial";
  std::ofstream(partial) << key << "\n";
  std::filesystem::permissions(partial, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::replace);
  std::filesystem::rename(partial, key_file_);
}

std::pair<int, std::string> stub_start_refusal(const TempDir& dir, const std::vector<std::string>& args) {
  write_reviewers_file(dir / "reviewers.json");
  std::vector<std::string> argv = {IIV_STUB_BINARY, "--port", "0", "--reviewers", (dir / "reviewers.json").string()};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto err = dir / "refusal.stderr";
  const std::string placeholder_key = "rk_test_placeholder_for_refusal";
  test_logs::note_secret(placeholder_key);
  ChildProcess process(argv, err, {{"STRIPE_API_KEY", placeholder_key}});
  const auto status = process.wait_exit(std::chrono::seconds(20));
  return {status.value_or(-1), read_text_file(err)};
}

}  // namespace iiv::stub::testing
