#pragma once
// Refusals of callers who are not reviewers (no token, a wrong token, a throttled
// address) must not each cost a line of audit log: anyone could fill the disk. They are
// counted in the metrics one by one, and audited once per client per interval, the line
// carrying how many refusals it stands for.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace iiv::stub {

class RefusalSampler {
 public:
  using Clock = std::chrono::steady_clock;

  RefusalSampler(std::chrono::seconds interval, std::size_t max_clients = 65536);

  // The refusals the audit line for this one should count (this one included), or 0 when
  // this one is only counted, towards that client's next line.
  long long note(const std::string& client_key, Clock::time_point now);

 private:
  struct Client {
    Clock::time_point last_line;
    long long unreported = 0;
  };

  std::chrono::seconds interval_;
  std::size_t max_clients_;
  std::mutex mutex_;
  std::unordered_map<std::string, Client> clients_;
};

}  // namespace iiv::stub
