#pragma once
// Refusals of callers who are not reviewers (no token, a wrong token, a throttled
// address) must not each cost a line of audit log: anyone could fill the disk. They are
// counted in the metrics one by one, and audited once per client per interval, the line
// carrying how many refusals it stands for. What a client's burst leaves unreported when
// it stops is drained into one more line once its interval has passed.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace iiv::stub {

class RefusalSampler {
 public:
  using Clock = std::chrono::steady_clock;

  // The refusals of one client not yet in the audit log, and the last of them.
  struct Unreported {
    std::string client_key;
    std::string client;  // the address as the audit log shows it
    std::string action;
    std::string outcome;
    long long count = 0;
  };

  RefusalSampler(std::chrono::seconds interval, std::size_t max_clients = 65536);

  // The refusals the audit line for this one should count (this one included), or 0 when
  // this one is only counted, towards that client's next line.
  long long note(const std::string& client_key, const std::string& client, const std::string& action,
                 const std::string& outcome, Clock::time_point now);
  // The clients whose interval has passed with refusals unreported (or, at exit, all of
  // them): each is owed one line.
  std::vector<Unreported> drain(Clock::time_point now, bool at_exit = false);

 private:
  struct Client {
    Clock::time_point last_line;
    Unreported unreported;
  };

  void make_room(Clock::time_point now);

  std::chrono::seconds interval_;
  std::size_t max_clients_;
  std::mutex mutex_;
  std::unordered_map<std::string, Client> clients_;
};

}  // namespace iiv::stub
