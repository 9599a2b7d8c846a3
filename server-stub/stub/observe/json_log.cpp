#include "stub/observe/json_log.hpp"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <mutex>

namespace iiv::stub {

std::string utc_timestamp_now() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(millis));
  return buffer;
}

common::Result<common::Done, std::string> write_log_line(const std::string& event, nlohmann::json fields) {
  static std::mutex mutex;
  nlohmann::json line = {{"time", utc_timestamp_now()}, {"event", event}};
  if (fields.is_object()) line.update(fields);
  const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::lock_guard<std::mutex> lock(mutex);
  clearerr(stderr);
  const std::size_t written = std::fwrite(text.data(), 1, text.size(), stderr);
  if (std::fflush(stderr) != 0 || written != text.size() || std::ferror(stderr)) {
    return common::Fail(std::string(std::strerror(errno)));
  }
  return common::Done{};
}

void log_event(const std::string& event, nlohmann::json fields) {
  // A log line that cannot be written has nowhere to be reported.
  (void)write_log_line(event, std::move(fields));
}

}  // namespace iiv::stub
