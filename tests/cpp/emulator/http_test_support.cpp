#include "http_test_support.hpp"

#include <cctype>
#include <chrono>
#include <fstream>
#include <stdexcept>

#include "support/test_log_dir.hpp"

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

HttpClient RunningEmulator::api() const {
  HttpClient c(server_.api_base());
  c.set_timeout(std::chrono::seconds(10));
  return c;
}

HttpClient RunningEmulator::files() const {
  HttpClient c(server_.files_base());
  c.set_timeout(std::chrono::seconds(10));
  return c;
}

std::pair<std::string, std::string> RunningEmulator::split_url(const std::string& url) {
  const auto scheme_end = url.find("://");
  const auto path_start = url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
  if (path_start == std::string::npos) return {url, "/"};
  return {url.substr(0, path_start), url.substr(path_start)};
}

nlohmann::json RunningEmulator::admin_post(const std::string& path, const nlohmann::json& body) const {
  return json_of(api().post(path, {}, body.dump(), "application/json"));
}

nlohmann::json RunningEmulator::admin_get(const std::string& path) const { return json_of(api().get(path)); }

HeaderPairs bearer(const std::string& key, HeaderPairs extra) {
  extra.emplace_back("Authorization", "Bearer " + key);
  return extra;
}

nlohmann::json json_of(const HttpAnswer& r) {
  if (!r) throw std::runtime_error("no HTTP answer: " + r.failure);
  return nlohmann::json::parse(r.body);
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

}  // namespace iiv::emulator::testing
