#include "http_test_support.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <fstream>
#include <stdexcept>

#include "../support/test_log_dir.hpp"

namespace iiv::emulator::testing {

EmulatorOptions quiet_options() {
  EmulatorOptions o;
  o.warm_images = false;
  return o;
}

namespace {

// With $IIV_TEST_LOG_DIR set, an in-process emulator that logs nowhere logs to a file that
// is kept for the whole-suite secret sweep (the same lines the program writes to stderr).
class InProcessLog {
 public:
  void write(const std::string& line) {
    std::lock_guard<std::mutex> lock(mutex_);
    text_ += "[emulator] " + line + "\n";
  }
  std::string text() {
    std::lock_guard<std::mutex> lock(mutex_);
    return text_;
  }

 private:
  std::mutex mutex_;
  std::string text_;
};

std::shared_ptr<InProcessLog> log_sink_for(EmulatorOptions& options) {
  if (options.log || !iiv::test_logs::enabled()) return nullptr;
  auto sink = std::make_shared<InProcessLog>();
  options.log = [sink](const std::string& line) { sink->write(line); };
  return sink;
}

EmulatorOptions&& with_log_sink(EmulatorOptions&& options, std::shared_ptr<InProcessLog>* sink) {
  *sink = log_sink_for(options);
  return std::move(options);
}

}  // namespace

struct RunningEmulator::KeptLog {
  std::shared_ptr<InProcessLog> sink;
};

RunningEmulator::RunningEmulator(EmulatorOptions options)
    : kept_log_(std::make_unique<KeptLog>()), server_(with_log_sink(std::move(options), &kept_log_->sink)) {
  server_.start();
}

RunningEmulator::~RunningEmulator() {
  server_.stop();
  if (kept_log_->sink) iiv::test_logs::keep_text("emulator-inprocess.log", kept_log_->sink->text());
}

httplib::Client RunningEmulator::api() const {
  httplib::Client c(server_.api_base());
  c.set_read_timeout(10, 0);
  return c;
}

httplib::Client RunningEmulator::files() const {
  httplib::Client c(server_.files_base());
  c.set_read_timeout(10, 0);
  return c;
}

std::pair<std::string, std::string> RunningEmulator::split_url(const std::string& url) {
  const auto scheme_end = url.find("://");
  const auto path_start = url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
  if (path_start == std::string::npos) return {url, "/"};
  return {url.substr(0, path_start), url.substr(path_start)};
}

nlohmann::json RunningEmulator::admin_post(const std::string& path, const nlohmann::json& body) const {
  auto c = api();
  return json_of(c.Post(path.c_str(), body.dump(), "application/json"));
}

nlohmann::json RunningEmulator::admin_get(const std::string& path) const {
  auto c = api();
  return json_of(c.Get(path.c_str()));
}

httplib::Headers bearer(const std::string& key, httplib::Headers extra) {
  extra.emplace("Authorization", "Bearer " + key);
  return extra;
}

nlohmann::json json_of(const httplib::Result& r) {
  if (!r) throw std::runtime_error("no HTTP answer: " + httplib::to_string(r.error()));
  return nlohmann::json::parse(r->body);
}

std::string form_encode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

std::string form(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += "&";
    out += form_encode(k) + "=" + form_encode(v);
  }
  return out;
}

ChildProcess::ChildProcess(const std::string& program, const std::vector<std::string>& args) {
  int out_pipe[2], err_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    close(out_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[0]);
    close(err_pipe[1]);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(program.c_str(), argv.data());
    _exit(127);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  stdout_fd_ = out_pipe[0];
  stderr_fd_ = err_pipe[0];
  stderr_reader_ = std::thread([this] {
    char buffer[4096];
    for (;;) {
      const ssize_t n = read(stderr_fd_, buffer, sizeof(buffer));
      if (n <= 0) break;
      std::lock_guard<std::mutex> lock(stderr_mutex_);
      stderr_text_.append(buffer, static_cast<std::size_t>(n));
    }
  });
}

ChildProcess::~ChildProcess() {
  if (!exit_status_ && pid_ > 0) {
    kill(pid_, SIGKILL);
    wait_for_exit(10'000);
  }
  if (stderr_reader_.joinable()) stderr_reader_.join();
  if (stdout_fd_ >= 0) close(stdout_fd_);
  if (stderr_fd_ >= 0) close(stderr_fd_);
  // The program's whole stderr, kept for the whole-suite secret sweep.
  iiv::test_logs::keep_text("emulator.stderr", stderr_text_);
}

std::optional<std::string> ChildProcess::read_stdout_line(int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    if (const auto nl = stdout_buffer_.find('\n'); nl != std::string::npos) {
      std::string line = stdout_buffer_.substr(0, nl);
      stdout_buffer_.erase(0, nl + 1);
      return line;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd p{stdout_fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
    char buffer[1024];
    const ssize_t n = read(stdout_fd_, buffer, sizeof(buffer));
    if (n <= 0) return std::nullopt;
    stdout_buffer_.append(buffer, static_cast<std::size_t>(n));
  }
}

void ChildProcess::send_signal(int signal) {
  if (pid_ > 0 && !exit_status_) kill(pid_, signal);
}

std::optional<int> ChildProcess::wait_for_exit(int timeout_ms) {
  if (exit_status_) return exit_status_;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    int status = 0;
    const pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      exit_status_ = status;
      return exit_status_;
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    // Polling a child's exit: there is no descriptor to wait on, so look again shortly.
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

std::string ChildProcess::stderr_text() {
  if (exit_status_ && stderr_reader_.joinable()) stderr_reader_.join();
  std::lock_guard<std::mutex> lock(stderr_mutex_);
  return stderr_text_;
}

}  // namespace iiv::emulator::testing
