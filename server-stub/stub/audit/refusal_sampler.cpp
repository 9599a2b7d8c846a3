#include "stub/audit/refusal_sampler.hpp"

namespace iiv::stub {

RefusalSampler::RefusalSampler(std::chrono::seconds interval, std::size_t max_clients)
    : interval_(interval), max_clients_(max_clients < 1 ? 1 : max_clients) {}

long long RefusalSampler::note(const std::string& client_key, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = clients_.find(client_key);
  if (found != clients_.end() && now - found->second.last_line < interval_) {
    ++found->second.unreported;
    return 0;
  }
  if (found == clients_.end()) {
    if (clients_.size() >= max_clients_) {
      // Forget the clients whose interval has passed: their next refusal gets a line anyway.
      for (auto it = clients_.begin(); it != clients_.end();) {
        it = now - it->second.last_line >= interval_ ? clients_.erase(it) : std::next(it);
      }
      // Still full: a flood from very many addresses. Their counts live on in the metrics.
      if (clients_.size() >= max_clients_) clients_.erase(clients_.begin());
    }
    found = clients_.emplace(client_key, Client{now, 0}).first;
    return 1;
  }
  const long long count = found->second.unreported + 1;
  found->second = Client{now, 0};
  return count;
}

}  // namespace iiv::stub
