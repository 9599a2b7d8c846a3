#include "emulator/emulator_store.hpp"

#include <algorithm>

namespace iiv::emulator {

namespace {

template <typename Map>
std::optional<typename Map::mapped_type> find_copy(const Map& map, const std::string& id) {
  const auto it = map.find(id);
  if (it == map.end()) return std::nullopt;
  return it->second;
}

}  // namespace

EmulatorStore::EmulatorStore(SeedData seed) {
  for (auto& s : seed.sessions) sessions_.emplace(s.id, std::move(s));
  for (auto& r : seed.reports) reports_.emplace(r.id, std::move(r));
  for (auto& f : seed.files) files_.emplace(f.id, std::move(f));
}

std::optional<VerificationSession> EmulatorStore::session(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return find_copy(sessions_, id);
}

std::optional<VerificationReport> EmulatorStore::report(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return find_copy(reports_, id);
}

std::optional<StoredFile> EmulatorStore::file(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return find_copy(files_, id);
}

std::optional<FileLink> EmulatorStore::link(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return find_copy(links_, id);
}

std::vector<VerificationSession> EmulatorStore::sessions_newest_first() const {
  std::vector<VerificationSession> out;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [id, s] : sessions_) out.push_back(s);
  }
  std::sort(out.begin(), out.end(), [](const VerificationSession& a, const VerificationSession& b) {
    return a.created != b.created ? a.created > b.created : a.id > b.id;
  });
  return out;
}

std::vector<FileLink> EmulatorStore::links_for_file(const std::string& file_id) const {
  std::vector<FileLink> out;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [id, link] : links_)
      if (link.file == file_id) out.push_back(link);
  }
  std::sort(out.begin(), out.end(), [](const FileLink& a, const FileLink& b) {
    return a.created != b.created ? a.created > b.created : a.id > b.id;
  });
  return out;
}

std::vector<StoredFile> EmulatorStore::files() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<StoredFile> out;
  for (const auto& [id, f] : files_) out.push_back(f);
  return out;
}

void EmulatorStore::add_link(FileLink link) {
  std::lock_guard<std::mutex> lock(mutex_);
  link_by_token_[link.token] = link.id;
  const std::string id = link.id;
  links_.emplace(id, std::move(link));
}

EmulatorStore::RedactResult EmulatorStore::request_redaction(const std::string& id, std::int64_t now_ms,
                                                             std::int64_t delay_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = sessions_.find(id);
  if (it == sessions_.end()) return {RedactOutcome::not_found, std::nullopt};
  VerificationSession& s = it->second;
  if (s.redaction_requested()) return {RedactOutcome::already_requested, s};
  if (s.status == "processing") return {RedactOutcome::still_processing, s};
  s.redaction_requested_ms = now_ms;
  s.redaction_done_ms = now_ms + std::max<std::int64_t>(0, delay_ms);
  if (s.status == "requires_input") s.status = "canceled";
  return {RedactOutcome::redaction_started, s};
}

EmulatorStore::LinkLookup EmulatorStore::resolve_link_token(const std::string& token, std::int64_t now) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto by_token = link_by_token_.find(token);
  if (by_token == link_by_token_.end()) return {};
  const FileLink& link = links_.at(by_token->second);
  const auto file = files_.find(link.file);
  if (file == files_.end()) return {};
  if (file->second.verification_session) {
    const auto owner = sessions_.find(*file->second.verification_session);
    if (owner != sessions_.end() && owner->second.redaction_requested()) return {LinkState::redacted, nullptr};
  }
  if (link.expires_at && *link.expires_at <= now) return {LinkState::expired, nullptr};
  return {LinkState::live, file->second.content};
}

}  // namespace iiv::emulator
