#include "stub/audit/refusal_sampler.hpp"

#include <algorithm>

namespace iiv::stub {

RefusalSampler::RefusalSampler(std::chrono::seconds interval, std::size_t max_clients)
    : interval_(interval), max_clients_(max_clients < 1 ? 1 : max_clients) {}

long long RefusalSampler::note(const std::string& client_key, const std::string& client, const std::string& action,
                               const std::string& outcome, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = clients_.find(client_key);
  if (found != clients_.end() && now - found->second.last_line < interval_) {
    Unreported& unreported = found->second.unreported;
    unreported = {client_key, client, action, outcome, unreported.count + 1};
    return 0;
  }
  if (found == clients_.end()) {
    if (clients_.size() >= max_clients_) make_room(now);
    clients_.emplace(client_key, Client{now, {client_key, client, action, outcome, 0}});
    return 1;
  }
  const long long count = found->second.unreported.count + 1;
  found->second = Client{now, {client_key, client, action, outcome, 0}};
  return count;
}

std::vector<RefusalSampler::Unreported> RefusalSampler::drain(Clock::time_point now, bool at_exit) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Unreported> owed;
  for (auto it = clients_.begin(); it != clients_.end();) {
    if (!at_exit && now - it->second.last_line < interval_) {
      ++it;
      continue;
    }
    if (it->second.unreported.count > 0) owed.push_back(it->second.unreported);
    it = clients_.erase(it);  // reported in full: its next refusal starts afresh
  }
  return owed;
}

void RefusalSampler::make_room(Clock::time_point now) {
  // Clients whose interval has passed with nothing unreported owe nothing.
  for (auto it = clients_.begin(); it != clients_.end();) {
    it = now - it->second.last_line >= interval_ && it->second.unreported.count == 0 ? clients_.erase(it)
                                                                                     : std::next(it);
  }
  // Still full: a flood from very many addresses. Room for a tenth at once (the oldest);
  // their unreported counts live on in the metrics.
  const std::size_t target = max_clients_ - std::max<std::size_t>(1, max_clients_ / 10);
  if (clients_.size() <= target) return;
  const std::size_t excess = clients_.size() - target;
  std::vector<std::pair<Clock::time_point, std::string>> by_age;
  by_age.reserve(clients_.size());
  for (const auto& [key, client] : clients_) by_age.emplace_back(client.last_line, key);
  std::nth_element(by_age.begin(), by_age.begin() + static_cast<std::ptrdiff_t>(excess), by_age.end());
  for (std::size_t i = 0; i < excess; ++i) clients_.erase(by_age[i].second);
}

}  // namespace iiv::stub
